-- Coverage's payer dimension from the enrolment's funding programme (issue #4) where it has one; the
-- free-text guess (coverage_payer) stays for enrolments without a programme. Still ONE place: here.
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

CREATE OR REPLACE FUNCTION coverage_events_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
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

-- Rollups written before this migration carried the text guess: derive them again.
SELECT coverage_rebuild();
