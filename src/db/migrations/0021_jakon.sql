-- Protection with an end date (issue 18): construction projects (Jakon) billed once per project, and
-- election ad hoc cohorts (badan adhoc pemilu) enrolled as BPU for a fixed period. Their workers are
-- ordinary registry enrolments carrying the project or cohort they belong to (decision 95).

-- National holidays and collective leave (SKB 3 Menteri), maintained by the national monitor: working-day
-- deadlines (Jakon registration 14 working days after the SPK) skip them.
CREATE TABLE national_holiday (
  day        date PRIMARY KEY,
  name       text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  created_by text NOT NULL DEFAULT 'migration',
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO national_holiday (day, name) VALUES
  ('2024-01-01', 'Tahun Baru Masehi'), ('2024-02-08', 'Isra Mikraj'), ('2024-02-10', 'Tahun Baru Imlek'),
  ('2024-02-14', 'Pemilu 2024'), ('2024-03-11', 'Hari Suci Nyepi'), ('2024-03-29', 'Wafat Yesus Kristus'),
  ('2024-04-10', 'Idul Fitri'), ('2024-04-11', 'Idul Fitri'), ('2024-05-01', 'Hari Buruh'),
  ('2024-05-09', 'Kenaikan Yesus Kristus'), ('2024-05-23', 'Hari Raya Waisak'), ('2024-06-01', 'Hari Lahir Pancasila'),
  ('2024-06-17', 'Idul Adha'), ('2024-07-07', 'Tahun Baru Islam'), ('2024-08-17', 'Hari Kemerdekaan'),
  ('2024-09-16', 'Maulid Nabi Muhammad'), ('2024-11-27', 'Pilkada Serentak 2024'), ('2024-12-25', 'Hari Natal'),
  ('2025-01-01', 'Tahun Baru Masehi'), ('2025-01-27', 'Isra Mikraj'), ('2025-01-29', 'Tahun Baru Imlek'),
  ('2025-03-29', 'Hari Suci Nyepi'), ('2025-03-31', 'Idul Fitri'), ('2025-04-01', 'Idul Fitri'),
  ('2025-04-18', 'Wafat Yesus Kristus'), ('2025-05-01', 'Hari Buruh'), ('2025-05-12', 'Hari Raya Waisak'),
  ('2025-05-29', 'Kenaikan Yesus Kristus'), ('2025-06-01', 'Hari Lahir Pancasila'), ('2025-06-06', 'Idul Adha'),
  ('2025-06-27', 'Tahun Baru Islam'), ('2025-08-17', 'Hari Kemerdekaan'), ('2025-09-05', 'Maulid Nabi Muhammad'),
  ('2025-12-25', 'Hari Natal'),
  ('2026-01-01', 'Tahun Baru Masehi'), ('2026-01-16', 'Isra Mikraj'), ('2026-02-17', 'Tahun Baru Imlek'),
  ('2026-03-19', 'Hari Suci Nyepi'), ('2026-03-20', 'Idul Fitri'), ('2026-03-21', 'Idul Fitri'),
  ('2026-04-03', 'Wafat Yesus Kristus'), ('2026-05-01', 'Hari Buruh'), ('2026-05-14', 'Kenaikan Yesus Kristus'),
  ('2026-05-27', 'Idul Adha'), ('2026-05-31', 'Hari Raya Waisak'), ('2026-06-01', 'Hari Lahir Pancasila'),
  ('2026-06-16', 'Tahun Baru Islam'), ('2026-08-17', 'Hari Kemerdekaan'), ('2026-08-25', 'Maulid Nabi Muhammad'),
  ('2026-12-25', 'Hari Natal');

-- The registration deadline is a date-effective figure like the rates (configurable by rate:manage).
INSERT INTO rate_config (key, effective_from, value, unit, legal_basis, unconfirmed) VALUES
  ('JAKON_REGISTRATION_WORKING_DAYS', '2021-02-01', 14, 'count', 'Permenaker 5/2021: pendaftaran proyek jasa konstruksi paling lambat 14 hari kerja setelah SPK', true);

-- A construction project (proyek konstruksi): a village's Dana Desa project or a regional agency's.
CREATE TABLE project (
  id                    bigserial PRIMARY KEY,
  name                  text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  village_code          text COLLATE "C" NOT NULL REFERENCES region (code),
  owner_type            text NOT NULL CHECK (owner_type IN ('village', 'agency')),
  owner_name            text NOT NULL DEFAULT '',
  executor              text NOT NULL CHECK (executor IN ('contractor', 'swakelola')),
  contractor_name       text NOT NULL DEFAULT '',
  contract_value        bigint NOT NULL CHECK (contract_value > 0),
  wages_total           bigint CHECK (wages_total > 0),
  spk_date              date NOT NULL,
  start_date            date NOT NULL,
  end_date              date NOT NULL,
  funding_program_id    bigint NOT NULL REFERENCES funding_program (id),
  registration_deadline date NOT NULL,
  -- the day its first worker was listed (the project registered by name by address)
  registered_on         date,
  jkk                   bigint NOT NULL,
  jkm                   bigint NOT NULL,
  ended_at              timestamptz,
  created_by            text NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX project_region_idx ON project (village_code, id);
CREATE INDEX project_open_end_idx ON project (end_date) WHERE ended_at IS NULL;

-- An election ad hoc cohort (PPK, PPS, KPPS, Panwascam, PKD, PTPS…) of KPU or Bawaslu of a region.
CREATE TABLE election_cohort (
  id                 bigserial PRIMARY KEY,
  name               text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  organiser          text NOT NULL CHECK (organiser IN ('KPU', 'BAWASLU')),
  region_code        text COLLATE "C" NOT NULL REFERENCES region (code),
  election           text NOT NULL DEFAULT '',
  stage              text NOT NULL DEFAULT '',
  start_date         date NOT NULL,
  end_date           date NOT NULL,
  funding_program_id bigint NOT NULL REFERENCES funding_program (id),
  ended_at           timestamptz,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX election_cohort_region_idx ON election_cohort (region_code, id);
CREATE INDEX election_cohort_open_end_idx ON election_cohort (end_date) WHERE ended_at IS NULL;

-- The enrolment says which project or cohort it protects the worker for (at most one); a cohort
-- member also has a role and a polling station. Nullable without default: no table rewrite.
ALTER TABLE enrolment
  ADD COLUMN project_id bigint REFERENCES project (id),
  ADD COLUMN cohort_id bigint REFERENCES election_cohort (id),
  ADD COLUMN adhoc_role text,
  ADD COLUMN polling_station text,
  ADD CONSTRAINT enrolment_one_engagement CHECK (project_id IS NULL OR cohort_id IS NULL);
CREATE INDEX enrolment_project_idx ON enrolment (project_id) WHERE project_id IS NOT NULL;
CREATE INDEX enrolment_cohort_idx ON enrolment (cohort_id, id) WHERE cohort_id IS NOT NULL;

-- A project's bills: the contribution once at creation, and the difference of each extension.
CREATE TABLE project_bill (
  id           bigserial PRIMARY KEY,
  project_id   bigint NOT NULL REFERENCES project (id),
  kind         text NOT NULL CHECK (kind IN ('initial', 'extension')),
  jkk          bigint NOT NULL CHECK (jkk >= 0),
  jkm          bigint NOT NULL CHECK (jkm >= 0),
  amount       bigint NOT NULL CHECK (amount = jkk + jkm),
  due_date     date NOT NULL,
  paid_amount  bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0 AND paid_amount <= amount),
  -- the end date this bill carries the project to (its cover)
  covers_until date NOT NULL,
  basis        jsonb NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_bill_project_idx ON project_bill (project_id, id);

CREATE TABLE project_payment (
  id         bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project (id),
  amount     bigint NOT NULL CHECK (amount > 0),
  paid_on    date NOT NULL,
  reference  text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_payment_project_idx ON project_payment (project_id, id);
CREATE UNIQUE INDEX project_payment_reference_idx ON project_payment (project_id, reference) WHERE reference <> '';

-- Cohort workers come in through the shared import machinery: a fifth kind, whose job names its cohort.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('workers', 'employers', 'registrations', 'participation', 'dtsen', 'cohort_workers'));
ALTER TABLE import_job ADD COLUMN parent_id bigint;
ALTER TABLE import_row ADD COLUMN adhoc_role text, ADD COLUMN polling_station text;
