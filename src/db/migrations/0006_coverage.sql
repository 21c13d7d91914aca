-- Coverage monitoring (UCJ): denominators, targets, and monthly rollups kept fresh by statement triggers.

-- Employed population (penduduk bekerja, BPS Sakernas) per region and year: the UCJ denominator.
CREATE TABLE employed_population (
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  year        smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  total       bigint NOT NULL CHECK (total > 0),
  formal      bigint CHECK (formal >= 0),
  informal    bigint CHECK (informal >= 0),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, year),
  CHECK (formal IS NULL OR informal IS NULL OR formal + informal = total)
);

-- Yearly coverage target per region (RPJMN nationally, Kemendagri per region).
CREATE TABLE coverage_target (
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  year        smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target_pct  numeric(5, 2) NOT NULL CHECK (target_pct > 0 AND target_pct <= 100),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, year)
);

-- ---------------------------------------------------------------------------------------------------
-- Rollups. An enrolment whose status is active, lapsed or ended was active from start_date until its
-- stop date (coverage_stop). "Active in month M" = active at the end of M: started on or before the
-- last day of M and not stopped by then. Each enrolment therefore contributes two monthly events:
-- +1 "started" in its start month and, once it stops, +1 "lapsed" or "ended" in its stop month; the
-- active count at the end of M is the sum of (started - lapsed - ended) over all months <= M.
--
-- Writes never touch shared rows: statement triggers on enrolment append grouped village-level
-- events to coverage_delta (no key, no locks on hot national rows); coverage_compact() moves them
-- into coverage_rollup, expanded to every level. Readers add both tables, so a committed change is
-- visible to the next read, before any compaction.
-- ---------------------------------------------------------------------------------------------------

-- The payer dimension, in ONE place (these two functions): the funding programme's payer type when the
-- enrolment has one, else a guess from the free-text funding_source.
CREATE FUNCTION coverage_payer(funding_source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN funding_source ~* '^\s*$' THEN 'UNSPECIFIED'
    WHEN funding_source ~* 'dana\s*desa|\mADD\M' THEN 'DANA_DESA'
    WHEN funding_source ~* '\mAPBD\M' THEN 'APBD'
    WHEN funding_source ~* '\mAPBN\M' THEN 'APBN'
    WHEN funding_source ~* '\mCSR\M' THEN 'CSR'
    WHEN funding_source ~* 'mandiri|sendiri' THEN 'SELF'
    WHEN funding_source ~* 'pemberi kerja|perusahaan|employer' THEN 'EMPLOYER'
    ELSE 'OTHER'
  END
$$;

CREATE FUNCTION coverage_payer_of(funding_source text, funding_program_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
    (SELECT CASE fp.payer_type
              WHEN 'APBD_PROVINSI' THEN 'APBD'
              WHEN 'APBD_KABKOTA' THEN 'APBD'
              WHEN 'DANA_DESA' THEN 'DANA_DESA'
              WHEN 'CSR' THEN 'CSR'
              WHEN 'MANDIRI' THEN 'SELF'
              WHEN 'EMPLOYER' THEN 'EMPLOYER'
              ELSE 'OTHER' END
     FROM funding_program fp WHERE fp.id = funding_program_id),
    coverage_payer(funding_source))
$$;

-- When an enrolment stopped being active (null: still active). Closed enrolments should carry
-- end_date; without it the last update's date (WIB) is taken. Never before the start date.
CREATE FUNCTION coverage_stop(status text, start_date date, end_date date, updated_at timestamptz) RETURNS date
LANGUAGE sql STABLE AS $$
  -- one expression without FROM, so the planner inlines it (a called SQL function cost ~20 µs a row)
  SELECT CASE WHEN status IN ('lapsed', 'ended') THEN GREATEST(start_date, COALESCE(end_date, (updated_at AT TIME ZONE 'Asia/Jakarta')::date))
              WHEN end_date IS NOT NULL THEN GREATEST(start_date, end_date) END
$$;

CREATE TABLE coverage_delta (
  village_code text COLLATE "C" NOT NULL,
  month        date NOT NULL,
  segment      text NOT NULL,
  group_code   text NOT NULL,
  payer        text NOT NULL,
  started      integer NOT NULL,
  lapsed       integer NOT NULL,
  ended        integer NOT NULL
);
CREATE INDEX coverage_delta_village_idx ON coverage_delta (village_code, month);
-- emptied by every compaction: vacuum it eagerly so readers do not wade through dead rows
ALTER TABLE coverage_delta SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_cost_delay = 0);

-- dim 'S': per segment (every level; the sum over segments is the total);
-- dim 'G' / 'P': per segment and group / payer (levels 0-3; a village's breakdown is counted directly).
-- level: 0 country ('ID'), 1 province, 2 regency, 3 district, 4 village.
CREATE TABLE coverage_rollup (
  dim          "char" NOT NULL CHECK (dim IN ('S', 'G', 'P')),
  level        smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
  region_code  text COLLATE "C" NOT NULL,
  month        date NOT NULL,
  segment      text NOT NULL,
  value        text NOT NULL,
  started      integer NOT NULL,
  lapsed       integer NOT NULL,
  ended        integer NOT NULL,
  -- (dim, level, code range, month <= M): a region's children are one contiguous index range
  PRIMARY KEY (dim, level, region_code, month, segment, value)
) WITH (fillfactor = 80);  -- room on each page, so compaction's updates can be HOT

-- The one query that turns enrolment rows into village-level events. `source` yields enrolment
-- columns plus `sign` (+1 / -1); used by the trigger (transition tables) and by coverage_rebuild().
CREATE FUNCTION coverage_events_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO coverage_delta (village_code, month, segment, group_code, payer, started, lapsed, ended)
    SELECT village_code, month, segment, group_code, coverage_payer_of(funding_source, funding_program_id), sum(started), sum(lapsed), sum(ended)
    FROM (
      -- grouped by the payer first, so it is derived once per group, not per row
      SELECT c.village_code, ev.month, c.segment, c.group_code, c.funding_source, c.funding_program_id,
             sum(c.sign * ev.started) AS started, sum(c.sign * ev.lapsed) AS lapsed, sum(c.sign * ev.ended) AS ended
      FROM (%s) c
      CROSS JOIN LATERAL (
        VALUES (date_trunc('month', c.start_date::timestamp)::date, 1, 0, 0),  -- timestamp, not timestamptz: no time zone work
               (date_trunc('month', coverage_stop(c.status, c.start_date, c.end_date, c.updated_at)::timestamp)::date,
                0, (c.status = 'lapsed')::int, (c.status <> 'lapsed')::int)
      ) AS ev (month, started, lapsed, ended)
      WHERE c.status IN ('active', 'lapsed', 'ended') AND ev.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6
    ) g
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(started) <> 0 OR sum(lapsed) <> 0 OR sum(ended) <> 0
  $q$, source)
$$;

CREATE FUNCTION coverage_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Old and new rows of an UPDATE are netted in one grouped insert: a change that moves no
  -- event (e.g. a KPJ filled in) writes nothing.
  EXECUTE coverage_events_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM coverage_new'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM coverage_old'
    ELSE 'SELECT -1 AS sign, * FROM coverage_old UNION ALL SELECT 1, * FROM coverage_new' END);
  RETURN NULL;
END;
$$;

CREATE TRIGGER enrolment_coverage_insert AFTER INSERT ON enrolment
  REFERENCING NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION coverage_track();
CREATE TRIGGER enrolment_coverage_update AFTER UPDATE ON enrolment
  REFERENCING OLD TABLE AS coverage_old NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION coverage_track();
CREATE TRIGGER enrolment_coverage_delete AFTER DELETE ON enrolment
  REFERENCING OLD TABLE AS coverage_old FOR EACH STATEMENT EXECUTE FUNCTION coverage_track();

-- Moves the pending events into coverage_rollup at every level. One compactor at a time (the others
-- return at once); concurrent writers keep appending, readers see the same sums before and after.
CREATE FUNCTION coverage_compact() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved_rows integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(7323006) THEN
    RETURN -1;
  END IF;
  -- Aggregated level by level (village -> district -> regency -> province -> country), so each step
  -- reads the (much smaller) result of the one below instead of the raw events.
  WITH moved AS (
    DELETE FROM coverage_delta RETURNING *
  ), by_district AS (
    SELECT left(village_code, 8) COLLATE "C" AS code, month, segment, group_code, payer,
           sum(started) AS started, sum(lapsed) AS lapsed, sum(ended) AS ended
    FROM moved GROUP BY 1, 2, 3, 4, 5
  ), by_regency AS (
    SELECT left(code, 5) COLLATE "C" AS code, month, segment, group_code, payer, sum(started) AS started, sum(lapsed) AS lapsed, sum(ended) AS ended
    FROM by_district GROUP BY 1, 2, 3, 4, 5
  ), by_province AS (
    SELECT left(code, 2) COLLATE "C" AS code, month, segment, group_code, payer, sum(started) AS started, sum(lapsed) AS lapsed, sum(ended) AS ended
    FROM by_regency GROUP BY 1, 2, 3, 4, 5
  ), by_country AS (
    SELECT 'ID' COLLATE "C" AS code, month, segment, group_code, payer, sum(started) AS started, sum(lapsed) AS lapsed, sum(ended) AS ended
    FROM by_province GROUP BY 2, 3, 4, 5
  ), upper_levels AS (
    SELECT 3 AS level, * FROM by_district UNION ALL SELECT 2, * FROM by_regency
    UNION ALL SELECT 1, * FROM by_province UNION ALL SELECT 0, * FROM by_country
  ), keyed AS (
    SELECT 'S'::"char" AS dim, 4 AS level, village_code AS region_code, month, segment, '' AS value,
           sum(started) AS started, sum(lapsed) AS lapsed, sum(ended) AS ended
    FROM moved GROUP BY 3, 4, 5
    UNION ALL
    SELECT 'S', level, code, month, segment, '', sum(started), sum(lapsed), sum(ended) FROM upper_levels GROUP BY 2, 3, 4, 5
    UNION ALL
    SELECT 'G', level, code, month, segment, group_code, sum(started), sum(lapsed), sum(ended) FROM upper_levels GROUP BY 2, 3, 4, 5, 6
    UNION ALL
    SELECT 'P', level, code, month, segment, payer, sum(started), sum(lapsed), sum(ended) FROM upper_levels GROUP BY 2, 3, 4, 5, 6
  )
  INSERT INTO coverage_rollup AS r (dim, level, region_code, month, segment, value, started, lapsed, ended)
  SELECT dim, level, region_code, month, segment, value, started, lapsed, ended FROM keyed
  ON CONFLICT (dim, level, region_code, month, segment, value) DO UPDATE
    SET started = r.started + excluded.started, lapsed = r.lapsed + excluded.lapsed, ended = r.ended + excluded.ended;
  GET DIAGNOSTICS moved_rows = ROW_COUNT;
  RETURN moved_rows;
END;
$$;

-- Recomputes everything from enrolment (after a bulk load with the triggers disabled, or to verify).
CREATE FUNCTION coverage_rebuild() RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7323006);
  LOCK TABLE enrolment IN SHARE MODE;
  DELETE FROM coverage_delta;
  DELETE FROM coverage_rollup;
  EXECUTE coverage_events_sql('SELECT 1 AS sign, * FROM enrolment');
  RETURN coverage_compact();
END;
$$;

-- Official boundaries uploaded by an administrator (GeoJSON geometry per Kemendagri code), for maps
-- below the province level (and to replace the bundled province map).
CREATE TABLE region_boundary (
  region_code text COLLATE "C" PRIMARY KEY REFERENCES region (code),
  geometry    jsonb NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
