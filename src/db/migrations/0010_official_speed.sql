-- Coverage reads on official data at national scale (issue 11, docs/decisions.md §45).
--
-- 1. The current figures' unique index (0009's participation_current) becomes a covering one, so a
--    month's current rows are read from the index alone; the same number of indexes to maintain on write.
CREATE UNIQUE INDEX participation_current_cover ON participation_report (month, region_code, segment)
  INCLUDE (active, new_count, inactive_count, source, received_at) WHERE superseded_at IS NULL;
DROP INDEX participation_current;

-- 2. Data versions: every statement that changes participation_report or region moves its version to a
--    fresh value of a sequence (never reused, even after a rollback), so a reader that derived figures
--    from a version may reuse them while the version it reads is the same, and only then.
CREATE SEQUENCE data_version_seq;
CREATE TABLE data_version (
  name text PRIMARY KEY, -- 'participation' or 'region'
  n    bigint NOT NULL
);
INSERT INTO data_version (name, n) VALUES ('participation', nextval('data_version_seq')), ('region', nextval('data_version_seq'));

CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET n = nextval('data_version_seq') WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER participation_report_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON participation_report
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('participation');
CREATE TRIGGER region_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('region');
