-- Foundation: regions, accounts, sessions, audit, settings.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Kemendagri region hierarchy. Codes nest by prefix (32 > 32.02 > 32.02.01 > 32.02.01.2001), so a
-- subtree is one range scan on the primary key: code >= '32.02.' AND code < '32.02/' ('/' follows '.').
-- COLLATE "C" makes that byte order, independent of the server locale.
-- parent_code has no foreign key on purpose: a per-row FK check made the 83,763-village load take
-- 75 s on PGlite instead of 3 s; the loader checks the whole tree set-based instead (see load.ts).
CREATE TABLE region (
  code        text COLLATE "C" PRIMARY KEY,
  parent_code text COLLATE "C",
  level       text NOT NULL CHECK (level IN ('country', 'province', 'regency', 'district', 'village')),
  kind        text CHECK (kind IN ('desa', 'kelurahan')),
  name        text NOT NULL,
  CHECK ((level = 'village') = (kind IS NOT NULL))
);
CREATE INDEX region_parent_idx ON region (parent_code, name);
-- The root: national accounts are scoped to 'ID'; provinces hang below it.
INSERT INTO region (code, parent_code, level, kind, name) VALUES ('ID', NULL, 'country', NULL, 'Indonesia');
CREATE INDEX region_name_trgm_idx ON region USING gin (lower(name) gin_trgm_ops);

CREATE TABLE app_user (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('national_monitor', 'province_operator', 'regency_operator',
                                               'village_operator', 'bpjs_branch', 'auditor')),
  region_code   text COLLATE "C" NOT NULL REFERENCES region (code),
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_region_idx ON app_user (region_code);

CREATE TABLE user_session (
  id          text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Append-only: the trigger below refuses UPDATE and DELETE, whoever asks.
CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_id       integer,
  actor_username text NOT NULL,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text NOT NULL,
  region_code    text COLLATE "C",
  before         jsonb,
  after          jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id DESC);
CREATE INDEX audit_log_region_idx ON audit_log (region_code, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE app_setting (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
