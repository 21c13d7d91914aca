-- One import machinery for several kinds of spreadsheet (workers, employers, BPJS TK registrations):
-- each job says its kind, each kind stages its rows in its own table.
ALTER TABLE import_job ADD COLUMN kind text NOT NULL DEFAULT 'workers' CHECK (kind IN ('workers', 'employers', 'registrations'));

-- Employers from the labour office's lists (issue #6), staged like workers until commit.
CREATE UNLOGGED TABLE employer_import_row (
  import_id          bigint NOT NULL,
  row_number         integer NOT NULL,
  raw                jsonb,
  outcome            text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered')),
  problems           jsonb,
  name               text,
  npp                text,
  nib                text,
  sector             text,
  size_class         text,
  village_code       text COLLATE "C",
  address            text,
  employees_declared integer,
  workers_registered integer,
  wage_reported      bigint,
  wage_actual        bigint,
  programs           text[],
  PRIMARY KEY (import_id, row_number)
);

-- A worker row's "Sumber Dana" resolved to a funding programme (issue #4) during validation.
ALTER TABLE import_row ADD COLUMN funding_program_id bigint;

-- BPJS TK's list of participants it registered (NIK → KPJ, active from), which activates the matching
-- submitted/registered enrolments (issue #3: "KPJ once known").
CREATE UNLOGGED TABLE registration_import_row (
  import_id   bigint NOT NULL,
  row_number  integer NOT NULL,
  raw         jsonb,
  outcome     text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered')),
  problems    jsonb,
  nik         text,
  kpj         text,
  active_from date,
  PRIMARY KEY (import_id, row_number)
);
