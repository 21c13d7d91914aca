-- Worker registry "by name by address": people (one per NIK) and their enrolments.

CREATE TABLE person (
  id           bigserial PRIMARY KEY,
  nik          text NOT NULL UNIQUE CHECK (nik ~ '^\d{16}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  birth_date   date NOT NULL,
  sex          text NOT NULL CHECK (sex IN ('L', 'P')),
  -- domicile, not the NIK's place of first registration: scope and coverage follow where people live
  village_code text COLLATE "C" NOT NULL,
  address      text NOT NULL DEFAULT '',
  phone        text,
  occupation   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_village_idx ON person (village_code, id);
CREATE INDEX person_name_trgm_idx ON person USING gin (lower(name) gin_trgm_ops);

CREATE TABLE enrolment (
  id              bigserial PRIMARY KEY,
  person_id       bigint NOT NULL REFERENCES person (id),
  segment         text NOT NULL CHECK (segment IN ('PU', 'BPU', 'JAKON', 'PMI')),
  group_code      text NOT NULL CHECK (group_code IN ('NON_ASN', 'PERANGKAT_DESA', 'BPD', 'RT_RW', 'PEKERJA_RENTAN',
                                                      'PEKERJA_HARIAN_LEPAS', 'KONSTRUKSI_DESA', 'BADAN_ADHOC_PEMILU', 'OTHER')),
  programs        text[] NOT NULL CHECK (cardinality(programs) > 0 AND programs <@ ARRAY['JKK', 'JKM', 'JHT', 'JP']),
  declared_income bigint CHECK (declared_income >= 0),
  -- who pays; free text until the funding capability replaces it with a reference
  funding_source  text NOT NULL DEFAULT '',
  kpj             text CHECK (kpj ~ '^\d{11}$'),
  status          text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'registered', 'active', 'lapsed', 'ended')),
  start_date      date NOT NULL DEFAULT current_date,
  end_date        date,
  -- copied from the person at enrolment, so region scans need no join
  village_code    text COLLATE "C" NOT NULL,
  import_id       bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enrolment_person_idx ON enrolment (person_id);
CREATE INDEX enrolment_village_idx ON enrolment (village_code, status);

-- One row per programme an open (submitted/registered/active) enrolment covers. The unique key is the
-- rule "never two open enrolments covering the same programme", held by the database itself.
CREATE TABLE enrolment_cover (
  person_id      bigint NOT NULL,
  program        text NOT NULL,
  enrolment_id   bigint NOT NULL REFERENCES enrolment (id),
  funding_source text NOT NULL,
  PRIMARY KEY (person_id, program)
);
CREATE INDEX enrolment_cover_enrolment_idx ON enrolment_cover (enrolment_id);

CREATE TABLE enrolment_status_history (
  id           bigserial PRIMARY KEY,
  enrolment_id bigint NOT NULL REFERENCES enrolment (id),
  status       text NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  changed_by   text NOT NULL
);
CREATE INDEX enrolment_status_history_idx ON enrolment_status_history (enrolment_id, id);
