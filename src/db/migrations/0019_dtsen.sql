-- DTSEN targeting (issue 16, decisions 87-90): the unified socio-economic data's extract as candidates,
-- their decile history, cheap counts for the priority list, and bulk enrolment jobs.

ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('workers', 'employers', 'registrations', 'participation', 'dtsen'));

-- Where an enrolment came from when it was not typed or imported by a region ('DTSEN 2025').
ALTER TABLE enrolment ADD COLUMN source text CHECK (length(source) <= 60);

-- A DTSEN extract's rows, staged until commit (like import_row).
CREATE UNLOGGED TABLE dtsen_import_row (
  import_id    bigint NOT NULL,
  row_number   integer NOT NULL,
  raw          jsonb,
  outcome      text NOT NULL CHECK (outcome IN ('valid', 'rejected', 'duplicate_in_file')),
  problems     jsonb,
  nik          text,
  name         text,
  birth_date   date,
  sex          text,
  village_code text COLLATE "C",
  address      text,
  decile       smallint,
  occupation   text,
  work_status  text,
  data_year    smallint,
  PRIMARY KEY (import_id, row_number)
);
CREATE INDEX dtsen_import_row_nik_idx ON dtsen_import_row (import_id, nik);

-- One candidate per NIK: the person as the latest extract describes them, and their current decile
-- (the highest data year; a later extract of the same year replaces it). A candidate is not a participant:
-- `state` follows the registry (person.cur_status, kept by the person triggers below):
--   'open'    no open enrolment: on the priority list;
--   'pending' an enrolment submitted or registered (funded, not yet active at BPJS TK);
--   'active'  an active enrolment.
CREATE TABLE dtsen_candidate (
  id           bigserial PRIMARY KEY,
  nik          text NOT NULL UNIQUE CHECK (nik ~ '^\d{16}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  birth_date   date NOT NULL,
  sex          text NOT NULL CHECK (sex IN ('L', 'P')),
  village_code text COLLATE "C" NOT NULL,
  address      text NOT NULL DEFAULT '',
  occupation   text,
  work_status  text,
  decile       smallint NOT NULL CHECK (decile BETWEEN 1 AND 10),
  data_year    smallint NOT NULL,
  person_id    bigint REFERENCES person (id),
  state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'pending', 'active')),
  import_id    bigint,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- The priority list: one decile at a time, a region's key range, by village then name (keyset).
CREATE INDEX dtsen_candidate_list_idx ON dtsen_candidate (state, decile, village_code, name, id);
CREATE INDEX dtsen_candidate_person_idx ON dtsen_candidate (person_id) WHERE person_id IS NOT NULL;

-- Every decile an extract gave a candidate, kept when a later extract replaces it.
CREATE TABLE dtsen_decile_history (
  candidate_id bigint NOT NULL REFERENCES dtsen_candidate (id),
  data_year    smallint NOT NULL,
  decile       smallint NOT NULL CHECK (decile BETWEEN 1 AND 10),
  import_id    bigint NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (candidate_id, import_id)
);

-- Signed counts of candidates per region (country, province, regency, district, village), decile, birth
-- year and state: the list's totals and the coverage figure are sums over a few hundred rows, whatever
-- the region's size. Appended by statement triggers (no shared row updated by writers), folded by
-- dtsen_count_compact().
CREATE TABLE dtsen_count (
  region_code text COLLATE "C" NOT NULL,
  decile      smallint NOT NULL,
  birth_year  smallint NOT NULL,
  state       text NOT NULL,
  n           bigint NOT NULL,
  delta       boolean NOT NULL DEFAULT true
);
CREATE INDEX dtsen_count_region_idx ON dtsen_count (region_code, state);

CREATE FUNCTION dtsen_count_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO dtsen_count (region_code, decile, birth_year, state, n)
    SELECT a.code, s.decile, s.birth_year, s.state, sum(s.n)
    FROM (SELECT village_code, decile, extract(year FROM birth_date)::smallint AS birth_year, state, sum(sign) AS n
          FROM (%s) c GROUP BY 1, 2, 3, 4) s
    CROSS JOIN LATERAL (VALUES ('ID'), (left(s.village_code, 2)), (left(s.village_code, 5)), (left(s.village_code, 8)), (s.village_code)) a(code)
    GROUP BY 1, 2, 3, 4
    HAVING sum(s.n) <> 0
  $q$, source)
$$;

CREATE FUNCTION dtsen_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE dtsen_count_sql('SELECT 1 AS sign, village_code, decile, birth_date, state FROM new_rows');
  RETURN NULL;
END $$;
CREATE FUNCTION dtsen_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE dtsen_count_sql('SELECT 1 AS sign, village_code, decile, birth_date, state FROM new_rows
                           UNION ALL SELECT -1, village_code, decile, birth_date, state FROM old_rows');
  RETURN NULL;
END $$;
CREATE FUNCTION dtsen_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE dtsen_count_sql('SELECT -1 AS sign, village_code, decile, birth_date, state FROM old_rows');
  RETURN NULL;
END $$;
CREATE TRIGGER dtsen_count_insert AFTER INSERT ON dtsen_candidate
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dtsen_count_insert();
CREATE TRIGGER dtsen_count_update AFTER UPDATE ON dtsen_candidate
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dtsen_count_update();
CREATE TRIGGER dtsen_count_delete AFTER DELETE ON dtsen_candidate
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dtsen_count_delete();

CREATE FUNCTION dtsen_count_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE moved bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('dtsen_count_compact')) THEN RETURN -1; END IF;
  CREATE TEMP TABLE IF NOT EXISTS dtsen_count_moved (region_code text COLLATE "C", decile smallint, birth_year smallint, state text, n bigint) ON COMMIT DROP;
  WITH d AS (DELETE FROM dtsen_count WHERE delta RETURNING region_code, decile, birth_year, state, n)
  INSERT INTO dtsen_count_moved SELECT * FROM d;
  GET DIAGNOSTICS moved = ROW_COUNT;
  IF moved = 0 THEN RETURN 0; END IF;
  WITH k AS (SELECT DISTINCT region_code, decile, birth_year, state FROM dtsen_count_moved),
       b AS (DELETE FROM dtsen_count c USING k
             WHERE NOT c.delta AND c.region_code = k.region_code AND c.decile = k.decile AND c.birth_year = k.birth_year AND c.state = k.state
             RETURNING c.region_code, c.decile, c.birth_year, c.state, c.n)
  INSERT INTO dtsen_count (region_code, decile, birth_year, state, n, delta)
  SELECT region_code, decile, birth_year, state, sum(n), false
  FROM (SELECT * FROM dtsen_count_moved UNION ALL SELECT * FROM b) x
  GROUP BY 1, 2, 3, 4
  HAVING sum(n) <> 0;
  DROP TABLE dtsen_count_moved;
  RETURN moved;
END $$;

-- A candidate's state follows the registry: whenever a person's latest enrolment status changes (the
-- enrolment triggers of 0014 write person.cur_status), and a new person is linked by NIK.
CREATE FUNCTION dtsen_state_of(cur_status text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN cur_status = 'active' THEN 'active' WHEN cur_status IN ('submitted', 'registered') THEN 'pending' ELSE 'open' END
$$;

CREATE FUNCTION dtsen_person_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dtsen_candidate c SET state = dtsen_state_of(n.cur_status), person_id = n.id, updated_at = now()
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE c.nik = n.nik AND dtsen_state_of(o.cur_status) IS DISTINCT FROM dtsen_state_of(n.cur_status)
    AND c.state IS DISTINCT FROM dtsen_state_of(n.cur_status);
  RETURN NULL;
END $$;
CREATE FUNCTION dtsen_person_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dtsen_candidate c SET person_id = n.id, state = dtsen_state_of(n.cur_status), updated_at = now()
  FROM new_rows n WHERE c.nik = n.nik;
  RETURN NULL;
END $$;
CREATE TRIGGER dtsen_person_update AFTER UPDATE ON person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dtsen_person_update();
CREATE TRIGGER dtsen_person_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dtsen_person_insert();

-- A bulk enrolment from the priority list: one atomic job, its progress and what it skipped.
CREATE TABLE targeting_job (
  id                 bigserial PRIMARY KEY,
  region_code        text COLLATE "C" NOT NULL,
  funding_program_id bigint NOT NULL REFERENCES funding_program (id),
  status             text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  progress           real NOT NULL DEFAULT 0,
  selection          jsonb NOT NULL,
  enrolled           integer NOT NULL DEFAULT 0,
  skipped            jsonb NOT NULL DEFAULT '[]',
  skipped_total      integer NOT NULL DEFAULT 0,
  error              jsonb,
  created_by         integer,
  created_by_username text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX targeting_job_region_idx ON targeting_job (region_code, id DESC);
