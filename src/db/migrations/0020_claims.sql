-- Claims and benefits (issue 17): a case per work accident or death of a person in the registry, its
-- heirs (personal data), its steps, its document checklist files and the hand-over of the money.

-- A recorded death (a JKM or JKK-death case): the person's enrolments end and no new one may start.
-- Cleared only when the case is rejected because the death was not real (decision 92).
ALTER TABLE person ADD COLUMN died_on date;

CREATE FUNCTION enrolment_refuse_deceased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM person p WHERE p.id = NEW.person_id AND p.died_on IS NOT NULL) THEN
    RAISE EXCEPTION 'person % is recorded as deceased', NEW.person_id USING ERRCODE = 'check_violation', CONSTRAINT = 'enrolment_person_deceased';
  END IF;
  RETURN NEW;
END;
$$;
-- the backstop: the form and the import refuse a deceased person with a message before reaching it
CREATE TRIGGER enrolment_refuse_deceased BEFORE INSERT ON enrolment FOR EACH ROW EXECUTE FUNCTION enrolment_refuse_deceased();

CREATE TABLE claim_case (
  id                 bigserial PRIMARY KEY,
  person_id          bigint NOT NULL REFERENCES person (id),
  -- the person's domicile village when the case was recorded, so scope filters need no join
  region_code        text COLLATE "C" NOT NULL,
  type               text NOT NULL CHECK (type IN ('JKM', 'JKK_DEATH', 'JKK_INJURY')),
  incident_date      date NOT NULL,
  incident_place     text NOT NULL DEFAULT '' CHECK (length(incident_place) <= 200),
  description        text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  traffic_accident   boolean NOT NULL DEFAULT false,
  reported_by        text NOT NULL CHECK (length(reported_by) BETWEEN 1 AND 120),
  reported_on        date NOT NULL,
  step               text NOT NULL CHECK (step IN ('reported', 'documents_complete', 'submitted', 'verified', 'paid', 'rejected', 'closed')),
  step_date          date NOT NULL,
  -- eligibility on the incident date, decided when recorded (src/domain/claims.ts)
  eligible           boolean NOT NULL,
  reason_code        text,
  covering_enrolment_id bigint REFERENCES enrolment (id),
  -- the covering (else latest) enrolment's group and payer, for the impact figures
  group_code         text,
  payer_type         text,
  funding_program_id bigint REFERENCES funding_program (id),
  -- the estimate with its parts and legal bases, as computed on the rates in force on the incident date
  estimate_total     bigint NOT NULL,
  estimate           jsonb NOT NULL,
  paid_amount        bigint CHECK (paid_amount >= 0),
  paid_on            date,
  rejection_reason   text,
  handed_over_by     text,
  handed_over_on     date,
  handed_over_place  text,
  handover_note      text,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_case_region_idx ON claim_case (region_code, id);
CREATE INDEX claim_case_person_idx ON claim_case (person_id);
CREATE INDEX claim_case_year_idx ON claim_case (region_code, incident_date);

-- Personal data of the heirs: shown masked, revealed one at a time and audited (like the registry's NIK).
CREATE TABLE claim_heir (
  id           bigserial PRIMARY KEY,
  claim_id     bigint NOT NULL REFERENCES claim_case (id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  relation     text NOT NULL CHECK (length(relation) BETWEEN 1 AND 60),
  nik          text CHECK (nik ~ '^\d{16}$'),
  phone        text,
  bank_account text
);
CREATE INDEX claim_heir_claim_idx ON claim_heir (claim_id, id);

CREATE TABLE claim_step (
  id          bigserial PRIMARY KEY,
  claim_id    bigint NOT NULL REFERENCES claim_case (id),
  from_step   text,
  step        text NOT NULL,
  step_date   date NOT NULL,
  note        text NOT NULL DEFAULT '',
  by_username text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_step_claim_idx ON claim_step (claim_id, id);

-- One file per checklist item (a new upload replaces the item's file; the old row stays for the audit).
CREATE TABLE claim_document (
  id           bigserial PRIMARY KEY,
  claim_id     bigint NOT NULL REFERENCES claim_case (id),
  item         text NOT NULL CHECK (item ~ '^[A-Z_]{2,40}$'),
  filename     text NOT NULL,
  content_type text NOT NULL,
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  storage_key  text NOT NULL UNIQUE,
  uploaded_by  text NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_document_claim_idx ON claim_document (claim_id, item, id);
