-- Registry reads at national scale (issue #13 item 1, decisions 65-67).
--
-- 1. The worker list shows each person with their latest enrolment and filters on it. Joining the latest
--    enrolment per person (a lateral scan per person of the whole subtree) made a province's first page
--    cost the province. The filterable part of the latest enrolment now lives on the person row
--    (cur_*), kept by statement triggers on enrolment in the same transaction as every enrolment write.
-- 2. The list is ordered by (village_code, name, id) — "by address, then by name" — and read by key
--    ranges of one index, so a page costs the page whatever the region's size (keyset pagination).
-- 3. Totals come from person_count: signed per-region counts by (status, segment, group) for every
--    level (country 'ID', province, regency, district, village), appended by statement triggers on
--    person (no shared row is ever updated by a write: no lock contention) and folded by
--    person_count_compact() in the background. A region's total is a sum over a few hundred rows.

ALTER TABLE person
  ADD COLUMN cur_status   text,
  ADD COLUMN cur_segment  text,
  ADD COLUMN cur_group    text,
  ADD COLUMN cur_programs text[],
  ADD COLUMN cur_payer    text;

UPDATE person p
SET cur_status = e.status, cur_segment = e.segment, cur_group = e.group_code, cur_programs = e.programs, cur_payer = e.funding_source
FROM (SELECT DISTINCT ON (person_id) person_id, status, segment, group_code, programs, funding_source FROM enrolment ORDER BY person_id, id DESC) e
WHERE e.person_id = p.id;

-- The list's order and every region range over it; replaces (village_code, id).
CREATE INDEX person_list_idx ON person (village_code, name, id);
DROP INDEX person_village_idx;

-- A person's latest enrolment is the first entry of their range: (person_id, id) instead of (person_id),
-- so "latest enrolment" never becomes a backward scan of the primary key filtered by person.
CREATE INDEX enrolment_person_id_idx ON enrolment (person_id, id);
DROP INDEX enrolment_person_idx;

-- Keeps person.cur_* equal to the person's latest enrolment (highest id). One function for INSERT and
-- UPDATE (the rows written are `new_rows`); only persons whose values change are written.
CREATE FUNCTION person_current_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE person p
  SET cur_status = n.status, cur_segment = n.segment, cur_group = n.group_code, cur_programs = n.programs, cur_payer = n.funding_source
  FROM (SELECT DISTINCT ON (person_id) person_id, id, status, segment, group_code, programs, funding_source
        FROM new_rows ORDER BY person_id, id DESC) n
  WHERE p.id = n.person_id
    AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = n.person_id AND e.id > n.id)
    AND (p.cur_status, p.cur_segment, p.cur_group, p.cur_programs, p.cur_payer)
        IS DISTINCT FROM (n.status, n.segment, n.group_code, n.programs, n.funding_source);
  RETURN NULL;
END $$;

CREATE FUNCTION person_current_resync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE person p
  SET (cur_status, cur_segment, cur_group, cur_programs, cur_payer) =
      (SELECT e.status, e.segment, e.group_code, e.programs, e.funding_source FROM enrolment e WHERE e.person_id = p.id ORDER BY e.id DESC LIMIT 1)
  WHERE p.id IN (SELECT DISTINCT person_id FROM old_rows);
  RETURN NULL;
END $$;

CREATE TRIGGER enrolment_person_insert AFTER INSERT ON enrolment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION person_current_sync();
CREATE TRIGGER enrolment_person_update AFTER UPDATE ON enrolment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION person_current_sync();
CREATE TRIGGER enrolment_person_delete AFTER DELETE ON enrolment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION person_current_resync();

-- Signed counts of people per region and (status, segment, group) of their latest enrolment ('' = none).
-- Rows with delta = true are appended by writes; person_count_compact() folds them into one row per key.
CREATE TABLE person_count (
  region_code text COLLATE "C" NOT NULL,
  status      text NOT NULL,
  segment     text NOT NULL,
  group_code  text NOT NULL,
  n           bigint NOT NULL,
  delta       boolean NOT NULL DEFAULT true
);
CREATE INDEX person_count_region_idx ON person_count (region_code);
CREATE INDEX person_count_delta_idx ON person_count (region_code) WHERE delta;
ALTER TABLE person_count SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);

-- The signed rows of a set of person rows (sign, village_code, cur_status, cur_segment, cur_group),
-- expanded to the five levels. Region code widths: province 2, regency 5, district 8, village 13.
CREATE FUNCTION person_count_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO person_count (region_code, status, segment, group_code, n)
    SELECT a.code, s.status, s.segment, s.group_code, sum(s.n)
    FROM (SELECT village_code, coalesce(cur_status, '') AS status, coalesce(cur_segment, '') AS segment, coalesce(cur_group, '') AS group_code, sum(sign) AS n
          FROM (%s) c GROUP BY 1, 2, 3, 4) s
    CROSS JOIN LATERAL (VALUES ('ID'), (left(s.village_code, 2)), (left(s.village_code, 5)), (left(s.village_code, 8)), (s.village_code)) a(code)
    GROUP BY 1, 2, 3, 4
    HAVING sum(s.n) <> 0
  $q$, source)
$$;

CREATE FUNCTION person_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE person_count_sql('SELECT 1 AS sign, village_code, cur_status, cur_segment, cur_group FROM new_rows');
  RETURN NULL;
END $$;
CREATE FUNCTION person_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE person_count_sql('SELECT 1 AS sign, village_code, cur_status, cur_segment, cur_group FROM new_rows
                            UNION ALL SELECT -1, village_code, cur_status, cur_segment, cur_group FROM old_rows');
  RETURN NULL;
END $$;
CREATE FUNCTION person_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE person_count_sql('SELECT -1 AS sign, village_code, cur_status, cur_segment, cur_group FROM old_rows');
  RETURN NULL;
END $$;

CREATE TRIGGER person_count_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION person_count_insert();
CREATE TRIGGER person_count_update AFTER UPDATE ON person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION person_count_update();
CREATE TRIGGER person_count_delete AFTER DELETE ON person
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION person_count_delete();

-- Folds the pending rows into one row per key; -1 when another compaction holds the lock.
CREATE FUNCTION person_count_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE moved bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('person_count_compact')) THEN RETURN -1; END IF;
  CREATE TEMP TABLE IF NOT EXISTS person_count_moved (region_code text COLLATE "C", status text, segment text, group_code text, n bigint) ON COMMIT DROP;
  WITH d AS (DELETE FROM person_count WHERE delta RETURNING region_code, status, segment, group_code, n)
  INSERT INTO person_count_moved SELECT * FROM d;
  GET DIAGNOSTICS moved = ROW_COUNT;
  IF moved = 0 THEN RETURN 0; END IF;
  WITH k AS (SELECT DISTINCT region_code, status, segment, group_code FROM person_count_moved),
       b AS (DELETE FROM person_count c USING k
             WHERE NOT c.delta AND c.region_code = k.region_code AND c.status = k.status AND c.segment = k.segment AND c.group_code = k.group_code
             RETURNING c.region_code, c.status, c.segment, c.group_code, c.n)
  INSERT INTO person_count (region_code, status, segment, group_code, n, delta)
  SELECT region_code, status, segment, group_code, sum(n), false
  FROM (SELECT * FROM person_count_moved UNION ALL SELECT * FROM b) x
  GROUP BY 1, 2, 3, 4
  HAVING sum(n) <> 0;
  DROP TABLE person_count_moved;
  RETURN moved;
END $$;

-- Recomputes every count from person (after a bulk load with triggers off, or to verify).
CREATE FUNCTION person_count_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE person IN SHARE MODE;
  DELETE FROM person_count;
  EXECUTE person_count_sql('SELECT 1 AS sign, village_code, cur_status, cur_segment, cur_group FROM person');
  UPDATE person_count SET delta = false;
END $$;

SELECT person_count_rebuild();
