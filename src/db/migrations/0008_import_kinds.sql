-- One import machinery for several kinds of spreadsheet (workers, employers): each job says its kind,
-- each kind stages its rows in its own table.
ALTER TABLE import_job ADD COLUMN kind text NOT NULL DEFAULT 'workers' CHECK (kind IN ('workers', 'employers'));
