-- Issue 12 (remainder): the last synchronous uploads move onto the import machinery (decisions 99–101):
-- employed-population figures and targets, UMK, and bank statements for payments each become an import
-- kind with its own staging table, staged like the others (0008, 0009) until commit.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check
  CHECK (kind IN ('workers', 'employers', 'registrations', 'participation', 'dtsen', 'cohort_workers', 'denominators', 'umk', 'payments'));

-- penduduk bekerja and coverage targets: one row per region and year
CREATE UNLOGGED TABLE denominator_import_row (
  import_id    bigint NOT NULL,
  row_number   integer NOT NULL,
  raw          jsonb,
  outcome      text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered')),
  problems     jsonb,
  region_code  text COLLATE "C",
  year         smallint,
  total        bigint,
  formal       bigint,
  informal     bigint,
  target_pct   numeric,
  source       text,
  PRIMARY KEY (import_id, row_number)
);

-- UMK: one row per regency and year
CREATE UNLOGGED TABLE umk_import_row (
  import_id    bigint NOT NULL,
  row_number   integer NOT NULL,
  raw          jsonb,
  outcome      text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered')),
  problems     jsonb,
  regency_code text COLLATE "C",
  year         smallint,
  amount       bigint,
  legal_basis  text,
  PRIMARY KEY (import_id, row_number)
);

-- a bank or BPJS TK statement: one payment per row, for a funding programme by id
CREATE UNLOGGED TABLE payment_import_row (
  import_id          bigint NOT NULL,
  row_number         integer NOT NULL,
  raw                jsonb,
  outcome            text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered')),
  problems           jsonb,
  funding_program_id bigint,
  month              date,
  paid_on            date,
  amount             bigint,
  reference          text,
  PRIMARY KEY (import_id, row_number)
);
