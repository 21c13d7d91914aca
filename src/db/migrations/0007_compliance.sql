-- Employer compliance (PWBD / PDS), the case workflow to the prosecutor's office, outreach (sosialisasi)
-- and Perisai agents. Rates, requirements and the UMK are date-effective rows, never constants in code.

-- The labour inspector (Disnaker pengawas ketenagakerjaan), scoped to a regency like the regency operator.
-- MERGE NOTE: this re-states the whole role list; a branch that adds another role must add it here too.
ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('national_monitor', 'province_operator', 'regency_operator',
  'village_operator', 'bpjs_branch', 'auditor', 'labour_inspector'));

-- Regional minimum wage (UMK) per regency/city and year, integer rupiah.
CREATE TABLE umk (
  regency_code text COLLATE "C" NOT NULL REFERENCES region (code),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount       bigint NOT NULL CHECK (amount > 0),
  legal_basis  text NOT NULL DEFAULT '',
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (regency_code, year)
);

-- Programmes each size class must register, from a date (DOMAIN.md "Programmes"; the split by size class
-- follows Perpres 109/2013's staging and is unconfirmed: an administrator corrects rows, not code).
CREATE TABLE compliance_program_rule (
  size_class     text NOT NULL CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
  effective_from date NOT NULL,
  programs       text[] NOT NULL CHECK (programs <@ ARRAY['JKK', 'JKM', 'JHT', 'JP']),
  legal_basis    text NOT NULL,
  PRIMARY KEY (size_class, effective_from)
);
INSERT INTO compliance_program_rule (size_class, effective_from, programs, legal_basis) VALUES
  ('micro',  '2015-07-01', ARRAY['JKK', 'JKM', 'JHT'],       'Perpres 109/2013; DOMAIN.md (unconfirmed)'),
  ('small',  '2015-07-01', ARRAY['JKK', 'JKM', 'JHT'],       'Perpres 109/2013; DOMAIN.md (unconfirmed)'),
  ('medium', '2015-07-01', ARRAY['JKK', 'JKM', 'JHT', 'JP'], 'Perpres 109/2013; PP 45/2015 (JP)'),
  ('large',  '2015-07-01', ARRAY['JKK', 'JKM', 'JHT', 'JP'], 'Perpres 109/2013; PP 45/2015 (JP)');

CREATE TABLE employer (
  id                 bigserial PRIMARY KEY,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- BPJS TK employer number; its format is unconfirmed, so text. NULL: not registered.
  npp                text,
  -- business identification number (OSS)
  nib                text,
  sector             text NOT NULL DEFAULT '',
  size_class         text NOT NULL CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
  village_code       text COLLATE "C" NOT NULL,
  address            text NOT NULL DEFAULT '',
  -- employees declared to the labour office (WLKP)
  employees_declared integer NOT NULL DEFAULT 0 CHECK (employees_declared >= 0),
  workers_registered integer NOT NULL DEFAULT 0 CHECK (workers_registered >= 0),
  wage_reported      bigint CHECK (wage_reported >= 0),
  wage_actual        bigint CHECK (wage_actual >= 0),
  programs           text[] NOT NULL DEFAULT '{}' CHECK (programs <@ ARRAY['JKK', 'JKM', 'JHT', 'JP']),
  -- Derived by the pure rules (src/domain/compliance.ts) at every write and whenever the UMK or the
  -- programme rule changes, so "which employers are PDS Upah" is an indexed filter, not a scan in Node.
  statuses           text[] NOT NULL DEFAULT ARRAY['compliant'],
  findings           jsonb NOT NULL DEFAULT '[]',
  assessed_at        timestamptz NOT NULL DEFAULT now(),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX employer_npp_key ON employer (npp) WHERE npp IS NOT NULL;
CREATE UNIQUE INDEX employer_nib_key ON employer (nib) WHERE nib IS NOT NULL;
CREATE INDEX employer_village_idx ON employer (village_code, id);
CREATE INDEX employer_statuses_idx ON employer USING gin (statuses);

-- One case per enforcement effort; the steps are its history. At most one unfinished case per employer.
CREATE TABLE compliance_case (
  id          bigserial PRIMARY KEY,
  employer_id bigint NOT NULL REFERENCES employer (id),
  -- the employer's village, copied so scope filters need no join
  region_code text COLLATE "C" NOT NULL,
  step        text NOT NULL CHECK (step IN ('open', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved', 'closed')),
  step_date   date NOT NULL,
  deadline    date,
  officer     text NOT NULL,
  -- what the case is about: the findings when it was opened
  findings    jsonb NOT NULL,
  opened_by   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX compliance_case_one_open ON compliance_case (employer_id) WHERE step NOT IN ('resolved', 'closed');
CREATE INDEX compliance_case_region_idx ON compliance_case (region_code, id);

CREATE TABLE compliance_case_step (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES compliance_case (id),
  from_step   text,
  step        text NOT NULL,
  step_date   date NOT NULL,
  deadline    date,
  officer     text NOT NULL,
  note        text NOT NULL DEFAULT '',
  by_username text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compliance_case_step_case_idx ON compliance_case_step (case_id, id);

-- Uploaded evidence; the file lives under DATA_DIR/compliance under a random name, never the user's.
CREATE TABLE compliance_document (
  id           bigserial PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES compliance_case (id),
  filename     text NOT NULL,
  content_type text NOT NULL,
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  storage_key  text NOT NULL UNIQUE,
  uploaded_by  text NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compliance_document_case_idx ON compliance_document (case_id, id);

-- Outreach (sosialisasi) events and the villages each reached.
CREATE TABLE outreach_event (
  id               bigserial PRIMARY KEY,
  held_on          date NOT NULL,
  title            text NOT NULL,
  organiser        text NOT NULL,
  audiences        text[] NOT NULL CHECK (cardinality(audiences) > 0),
  attendance       integer NOT NULL CHECK (attendance >= 0),
  enrolments_after integer NOT NULL DEFAULT 0 CHECK (enrolments_after >= 0),
  -- the smallest region holding all its villages, for scope
  region_code      text COLLATE "C" NOT NULL,
  notes            text NOT NULL DEFAULT '',
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outreach_event_region_idx ON outreach_event (region_code, held_on DESC);

CREATE TABLE outreach_village (
  event_id     bigint NOT NULL REFERENCES outreach_event (id) ON DELETE CASCADE,
  village_code text COLLATE "C" NOT NULL,
  PRIMARY KEY (event_id, village_code)
);
CREATE INDEX outreach_village_code_idx ON outreach_village (village_code);

-- Perisai agents (Penggerak Jaminan Sosial Indonesia).
CREATE TABLE perisai_agent (
  id         bigserial PRIMARY KEY,
  nik        text NOT NULL UNIQUE CHECK (nik ~ '^\d{16}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  phone      text,
  -- the district or village they work in
  area_code  text COLLATE "C" NOT NULL,
  joined_on  date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX perisai_agent_area_idx ON perisai_agent (area_code);

-- The enrolments an agent brought: one agent per enrolment.
CREATE TABLE perisai_enrolment (
  enrolment_id bigint PRIMARY KEY REFERENCES enrolment (id),
  agent_id     bigint NOT NULL REFERENCES perisai_agent (id),
  recruited_on date NOT NULL
);
CREATE INDEX perisai_enrolment_agent_idx ON perisai_enrolment (agent_id, recruited_on);

-- Contributions an agent collected, per member and month covered.
CREATE TABLE perisai_collection (
  id           bigserial PRIMARY KEY,
  agent_id     bigint NOT NULL REFERENCES perisai_agent (id),
  enrolment_id bigint NOT NULL REFERENCES perisai_enrolment (enrolment_id),
  -- the first day of the month the contribution covers
  month        date NOT NULL CHECK (extract(day FROM month) = 1),
  amount       bigint NOT NULL CHECK (amount > 0),
  collected_on date NOT NULL,
  UNIQUE (enrolment_id, month)
);
CREATE INDEX perisai_collection_agent_idx ON perisai_collection (agent_id, collected_on);

-- Agent pay and the inactivity rule, from a date (DOMAIN.md "Perisai agents": 2018 figures, unconfirmed).
CREATE TABLE perisai_commission_rule (
  effective_from   date PRIMARY KEY,
  -- commission in basis points of the contributions collected (750 = 7.5 %)
  rate_bp          integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  bonus_threshold  integer NOT NULL CHECK (bonus_threshold > 0),
  bonus_amount     bigint NOT NULL CHECK (bonus_amount >= 0),
  inactive_months  integer NOT NULL CHECK (inactive_months > 0),
  rejoin_months    integer NOT NULL CHECK (rejoin_months >= 0),
  legal_basis      text NOT NULL
);
INSERT INTO perisai_commission_rule VALUES ('2018-01-01', 750, 50, 500000, 3, 6, 'BPJS TK Perisai programme, 2018 figures (unconfirmed)');

