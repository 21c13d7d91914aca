-- Coverage reads without the heap (issue #11, decision 125).
--
-- Every coverage figure sums coverage_rollup rows (month by month up to the period) read by the primary
-- key's range. The rows of one region lie scattered over the heap, in the order compaction wrote them:
-- at 20 million enrolments the country's page read ~4,100 heap pages for its 38 provinces' 5,466 rows
-- (the table is far larger than shared_buffers), 40 of its 60 ms under load. With the summed columns in
-- the key's index the same read is an index-only scan of ~40 pages. The key stays the same columns, so
-- compaction's ON CONFLICT (dim, level, region_code, month, segment, value) is unchanged.

CREATE UNIQUE INDEX coverage_rollup_key ON coverage_rollup (dim, level, region_code, month, segment, value)
  INCLUDE (started, lapsed, ended);
ALTER TABLE coverage_rollup DROP CONSTRAINT coverage_rollup_pkey;
ALTER TABLE coverage_rollup ADD CONSTRAINT coverage_rollup_pkey PRIMARY KEY USING INDEX coverage_rollup_key;
