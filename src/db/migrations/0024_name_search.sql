-- Typo-tolerant name search at national scale (issue #13, decision 107).
--
-- The trigram GIN on person.lower(name) answered "names similar to X" for the whole country and only
-- then filtered by region: at 10 million people a typo such as "siti hidaat" is similar to hundreds of
-- thousands of people nationally (~24 s for one province's page). Names repeat: the similar *names* are
-- few even where the similar *people* are many. So the trigram index moves to a dictionary of distinct
-- lower-cased names, and the people of a region with one of those names are found by a btree range
-- (lower(name), village_code, id): a search ranks the similar names, then reads the region's people
-- name by name, best name first, and stops when the page is full.

CREATE TABLE person_name (
  lname text PRIMARY KEY
);

INSERT INTO person_name (lname) SELECT DISTINCT lower(name) FROM person;

CREATE INDEX person_name_lname_trgm_idx ON person_name USING gin (lname gin_trgm_ops);

-- The region's people with one name, in list order (village, then id); `name` included so a count is index-only.
CREATE INDEX person_lname_idx ON person (lower(name), village_code, id) INCLUDE (name);

-- Replaced by the dictionary's trigram index (also the most expensive index of an import's commit).
DROP INDEX person_name_trgm_idx;

-- Every name a person gets is in the dictionary, in the same transaction. A name no longer carried by
-- anyone stays (people are not deleted by the application; an orphan name only costs one index probe).
CREATE FUNCTION person_name_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_name (lname) SELECT DISTINCT lower(name) FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION person_name_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_name (lname) VALUES (lower(NEW.name)) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER person_name_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION person_name_add();
-- Row-level and only when the name changes: person rows are updated by every enrolment write (cur_*).
CREATE TRIGGER person_name_update AFTER UPDATE OF name ON person
  FOR EACH ROW WHEN (lower(OLD.name) IS DISTINCT FROM lower(NEW.name)) EXECUTE FUNCTION person_name_rename();

-- Filters on a region (issue #13, decision 108): the list's index carries the latest enrolment's filter
-- values, so a rare filter (1 % of a province) is checked on index entries without a heap read per person,
-- and the estimate of a payer or programme total reads its sample from the index alone.
DROP INDEX person_list_idx;
CREATE INDEX person_list_idx ON person (village_code, name, id) INCLUDE (cur_status, cur_segment, cur_group, cur_payer, cur_programs);
