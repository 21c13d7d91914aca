-- Inpres 2/2021 accountability (issue 15, decisions 83-86): regional regulations, declared budget
-- allocations, declared target groups, coordination meetings with their follow-up actions. The
-- scorecard itself is computed on read from these and the other capabilities' tables (never stored).

-- A regional regulation (Perda, Perkada = Pergub/Perbup/Perwal, Surat Edaran, Perdes, SK) with its signed PDF.
CREATE TABLE regulation (
  id            bigserial PRIMARY KEY,
  region_code   text COLLATE "C" NOT NULL REFERENCES region (code),
  type          text NOT NULL CHECK (type IN ('PERDA', 'PERKADA', 'SE', 'PERDES', 'SK')),
  number        text NOT NULL CHECK (length(number) BETWEEN 1 AND 120),
  title         text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  signed_on     date NOT NULL,
  in_force_on   date,
  -- registry group codes the regulation covers (src/domain/worker.ts GROUPS)
  groups        text[] NOT NULL DEFAULT '{}',
  -- what it requires: BUDGET_LINE, LICENSING, VILLAGE_BUDGET (src/domain/inpres.ts)
  requires      text[] NOT NULL DEFAULT '{}',
  document_path text NOT NULL,
  document_name text NOT NULL,
  document_size integer NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regulation_region_idx ON regulation (region_code, signed_on DESC, id);

-- APBD / APBDes money for employment social security declared without a funding programme (yet).
CREATE TABLE budget_allocation (
  id          bigserial PRIMARY KEY,
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2015 AND 2100),
  source      text NOT NULL CHECK (source IN ('APBD_PROVINSI', 'APBD_KABKOTA', 'DANA_DESA', 'BHP')),
  amount      bigint NOT NULL CHECK (amount >= 0),
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_allocation_region_idx ON budget_allocation (region_code, fiscal_year);

-- The size of a group a region declares for a year (e.g. 4,210 Non-ASN from the BKD list), with its source.
CREATE TABLE target_group (
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  year        integer NOT NULL CHECK (year BETWEEN 2015 AND 2100),
  group_code  text NOT NULL CHECK (group_code IN ('NON_ASN', 'PERANGKAT_DESA', 'BPD', 'RT_RW', 'PEKERJA_RENTAN',
                                                  'PEKERJA_HARIAN_LEPAS', 'KONSTRUKSI_DESA', 'BADAN_ADHOC_PEMILU', 'OTHER')),
  size        integer NOT NULL CHECK (size >= 0),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, year, group_code)
);
CREATE INDEX target_group_year_idx ON target_group (year, group_code, region_code);

-- A coordination meeting (rakor, rapat teknis) and the follow-up actions (tindak lanjut) it decided.
CREATE TABLE inpres_meeting (
  id          bigserial PRIMARY KEY,
  region_code text COLLATE "C" NOT NULL REFERENCES region (code),
  held_on     date NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  place       text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  agencies    text[] NOT NULL DEFAULT '{}',
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inpres_meeting_region_idx ON inpres_meeting (region_code, held_on DESC, id);

CREATE TABLE inpres_action (
  id           bigserial PRIMARY KEY,
  meeting_id   bigint NOT NULL REFERENCES inpres_meeting (id),
  -- the meeting's region, copied so scope filters need no join
  region_code  text COLLATE "C" NOT NULL,
  decision     text NOT NULL CHECK (length(decision) BETWEEN 3 AND 500),
  owner_agency text NOT NULL CHECK (length(owner_agency) BETWEEN 1 AND 120),
  due_on       date NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  done_on      date,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inpres_action_meeting_idx ON inpres_action (meeting_id, id);
CREATE INDEX inpres_action_region_idx ON inpres_action (region_code, due_on) WHERE status IN ('open', 'in_progress');
