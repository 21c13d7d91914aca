-- Bulk import at the scale of a province (issue #3: 1,000,000 rows) without giving up the registry's rules.

-- "Never two open enrolments covering the same programme" moves from a side table (one row per
-- programme, two indexes, written on every enrolment) to one partial unique index per programme on the
-- enrolment itself. Closing an enrolment (lapsed, ended) frees its programmes with no extra write, and
-- reopening one is refused by the same index if someone else took the programme meanwhile.
CREATE UNIQUE INDEX enrolment_open_jkk ON enrolment (person_id) WHERE status IN ('submitted', 'registered', 'active') AND programs @> ARRAY['JKK'];
CREATE UNIQUE INDEX enrolment_open_jkm ON enrolment (person_id) WHERE status IN ('submitted', 'registered', 'active') AND programs @> ARRAY['JKM'];
CREATE UNIQUE INDEX enrolment_open_jht ON enrolment (person_id) WHERE status IN ('submitted', 'registered', 'active') AND programs @> ARRAY['JHT'];
CREATE UNIQUE INDEX enrolment_open_jp  ON enrolment (person_id) WHERE status IN ('submitted', 'registered', 'active') AND programs @> ARRAY['JP'];
DROP TABLE enrolment_cover;

-- The status history records changes; an enrolment's first status is the row itself (status at created_at).
DELETE FROM enrolment_status_history h USING enrolment e
WHERE h.enrolment_id = e.id AND h.status = 'submitted' AND h.changed_at = e.created_at;

-- Staged rows are scratch data kept until commit: no WAL for them. A database crash empties the table,
-- which start-up recovery detects (a validated job without rows must be uploaded again).
-- Rows that passed validation keep only their parsed columns; the cells as uploaded are kept for the
-- rows that did not, which are the ones the error report gives back.
DROP INDEX import_row_nik_idx;
ALTER TABLE import_row ALTER COLUMN raw DROP NOT NULL;
ALTER TABLE import_row SET UNLOGGED;
