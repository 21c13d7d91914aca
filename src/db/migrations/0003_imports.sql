-- Bulk import of workers: a job per uploaded file, and its rows staged for preview and commit.

CREATE TABLE import_job (
  id            bigserial PRIMARY KEY,
  filename      text NOT NULL,
  file_path     text NOT NULL,
  status        text NOT NULL CHECK (status IN ('validating', 'validated', 'committing', 'committed', 'failed')),
  progress      real NOT NULL DEFAULT 0,
  counts        jsonb NOT NULL DEFAULT '{}',
  error         jsonb,
  -- the uploader's region: every row must lie inside it, and only people in it may see the job
  region_code   text COLLATE "C" NOT NULL,
  created_by    integer,
  created_by_username text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_job_region_idx ON import_job (region_code, id DESC);

-- Staged rows live until the job is deleted; nothing reaches person/enrolment before commit.
CREATE TABLE import_row (
  import_id       bigint NOT NULL,
  row_number      integer NOT NULL,
  raw             jsonb NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered', 'double_funded')),
  problems        jsonb,
  nik             text,
  name            text,
  birth_date      date,
  sex             text,
  village_code    text COLLATE "C",
  address         text,
  phone           text,
  occupation      text,
  segment         text,
  group_code      text,
  programs        text[],
  declared_income bigint,
  funding_source  text,
  PRIMARY KEY (import_id, row_number)
);
CREATE INDEX import_row_nik_idx ON import_row (import_id, nik);
