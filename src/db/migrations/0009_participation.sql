-- Official participation data (issue 11): BPJS TK's own count of active participants per region, month
-- and segment. Every figure received is kept; for a (region, month, segment) the latest one received is
-- current (superseded_at IS NULL), whatever its source: a re-send or a correction replaces, never adds.

CREATE TABLE api_token (
  id            serial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- sha256 of the token; the token itself is shown once, at creation
  token_hash    text NOT NULL UNIQUE,
  region_code   text COLLATE "C" NOT NULL REFERENCES region (code),
  scopes        text[] NOT NULL CHECK (scopes <@ ARRAY['participation:write']::text[] AND cardinality(scopes) > 0),
  created_by    integer NOT NULL REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

CREATE TABLE participation_report (
  id             bigserial PRIMARY KEY,
  region_code    text COLLATE "C" NOT NULL REFERENCES region (code),
  -- first day of the reported month
  month          date NOT NULL CHECK (extract(day FROM month) = 1),
  segment        text NOT NULL CHECK (segment IN ('PU', 'BPU', 'JAKON', 'PMI')),
  active         integer NOT NULL CHECK (active >= 0),
  new_count      integer CHECK (new_count >= 0),
  inactive_count integer CHECK (inactive_count >= 0),
  source         text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  received_at    timestamptz NOT NULL DEFAULT now(),
  -- how it came in: a file through the import machinery, or a push with an API token
  import_job_id  integer REFERENCES import_job (id),
  token_id       integer REFERENCES api_token (id),
  received_by    text NOT NULL,
  superseded_at  timestamptz,
  CHECK (num_nonnulls(import_job_id, token_id) <= 1)
);
-- the current figure of each key; a region's children for a month are one index range
CREATE UNIQUE INDEX participation_current ON participation_report (month, region_code, segment) WHERE superseded_at IS NULL;
CREATE INDEX participation_history ON participation_report (region_code, month, segment, received_at);

-- a fourth import kind: official participation files
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('workers', 'employers', 'registrations', 'participation'));

-- staged rows of a participation file, like the other kinds' staging (0008)
CREATE UNLOGGED TABLE participation_import_row (
  import_id      bigint NOT NULL,
  row_number     integer NOT NULL,
  raw            jsonb,
  outcome        text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file', 'already_registered')),
  problems       jsonb,
  region_code    text COLLATE "C",
  month          date,
  segment        text,
  active         integer,
  new_count      integer,
  inactive_count integer,
  source         text,
  PRIMARY KEY (import_id, row_number)
);
