-- Funding: date-effective rates, funding programmes (payers), monthly bills, payments and lapses.

-- Every rate, cap and amount with its effective date and legal basis (DOMAIN.md). A value applies from
-- its date until the next one for the same key; nothing is ever updated in place, only added.
-- ppm = parts per million of a base (0.24 % = 2400), so every figure is an integer.
CREATE TABLE rate_config (
  key            text NOT NULL,
  effective_from date NOT NULL,
  value          bigint NOT NULL CHECK (value >= 0),
  unit           text NOT NULL CHECK (unit IN ('ppm', 'rupiah', 'count')),
  legal_basis    text NOT NULL CHECK (length(legal_basis) BETWEEN 3 AND 500),
  unconfirmed    boolean NOT NULL DEFAULT false,
  created_by     text NOT NULL DEFAULT 'migration',
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, effective_from)
);

-- Exactly DEFAULT_RATES in src/domain/rates.ts (src/modules/funding/calc.test.ts keeps the two equal).
INSERT INTO rate_config (key, effective_from, value, unit, legal_basis, unconfirmed) VALUES
  ('PU_JKK_RG1', '2015-07-01', 2400, 'ppm', 'PP 44/2015 pasal 16 ayat (1), kelompok risiko I', false),
  ('PU_JKK_RG2', '2015-07-01', 5400, 'ppm', 'PP 44/2015 pasal 16 ayat (1), kelompok risiko II', false),
  ('PU_JKK_RG3', '2015-07-01', 8900, 'ppm', 'PP 44/2015 pasal 16 ayat (1), kelompok risiko III', false),
  ('PU_JKK_RG4', '2015-07-01', 12700, 'ppm', 'PP 44/2015 pasal 16 ayat (1), kelompok risiko IV', false),
  ('PU_JKK_RG5', '2015-07-01', 17400, 'ppm', 'PP 44/2015 pasal 16 ayat (1), kelompok risiko V', false),
  ('PU_JKM', '2015-07-01', 3000, 'ppm', 'PP 44/2015 pasal 18 ayat (1)', false),
  ('PU_JHT_EMPLOYER', '2015-07-01', 37000, 'ppm', 'PP 46/2015 pasal 16 ayat (1)', false),
  ('PU_JHT_WORKER', '2015-07-01', 20000, 'ppm', 'PP 46/2015 pasal 16 ayat (1)', false),
  ('PU_JP_EMPLOYER', '2015-07-01', 20000, 'ppm', 'PP 45/2015 pasal 28 ayat (3)', false),
  ('PU_JP_WORKER', '2015-07-01', 10000, 'ppm', 'PP 45/2015 pasal 28 ayat (3)', false),
  ('PU_JP_WAGE_CAP', '2023-03-01', 9559600, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai Maret 2023', false),
  ('PU_JP_WAGE_CAP', '2024-03-01', 10042300, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai Maret 2024', false),
  ('PU_JP_WAGE_CAP', '2025-03-01', 10547400, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai 1 Maret 2025', false),
  ('PU_JP_WAGE_CAP', '2026-03-01', 11086300, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai Maret 2026', false),
  ('PU_DAILY_WAGE_DAYS', '2015-07-01', 25, 'count', 'pekerja harian: upah harian × 25', true),
  ('BPU_JKK', '2015-07-01', 10000, 'ppm', 'PP 44/2015, JKK BPU 1% dari penghasilan yang dilaporkan', false),
  ('BPU_JKM', '2015-07-01', 6800, 'rupiah', 'PP 44/2015, JKM BPU tetap', false),
  ('BPU_JHT', '2015-07-01', 20000, 'ppm', 'PP 46/2015, JHT BPU pilihan 2% dari penghasilan yang dilaporkan', false),
  ('BPU_MIN_INCOME', '2015-07-01', 1000000, 'rupiah', 'PP 44/2015, penghasilan terendah yang dilaporkan', true),
  ('BPU_MAX_INCOME', '2015-07-01', 20700000, 'rupiah', 'PP 44/2015, penghasilan tertinggi (JKK sekitar Rp207.000)', true),
  ('JAKON_WAGE_JKK', '2021-02-01', 17400, 'ppm', 'Permenaker 5/2021, Jakon dengan upah diketahui: JKK 1,74%', false),
  ('JAKON_WAGE_JKM', '2021-02-01', 3000, 'ppm', 'Permenaker 5/2021, Jakon dengan upah diketahui: JKM 0,30%', false),
  ('JAKON_STEP1_UPTO', '2021-02-01', 100000000, 'rupiah', 'Permenaker 5/2021, contract slice 1 upper bound', false),
  ('JAKON_STEP2_UPTO', '2021-02-01', 500000000, 'rupiah', 'Permenaker 5/2021, contract slice 2 upper bound', false),
  ('JAKON_STEP3_UPTO', '2021-02-01', 1000000000, 'rupiah', 'Permenaker 5/2021, contract slice 3 upper bound', false),
  ('JAKON_STEP4_UPTO', '2021-02-01', 5000000000, 'rupiah', 'Permenaker 5/2021, contract slice 4 upper bound', false),
  ('JAKON_STEP1_JKK', '2021-02-01', 2100, 'ppm', 'Permenaker 5/2021, Rp100 juta pertama', false),
  ('JAKON_STEP2_JKK', '2021-02-01', 1700, 'ppm', 'Permenaker 5/2021, Rp100–500 juta', false),
  ('JAKON_STEP3_JKK', '2021-02-01', 1300, 'ppm', 'Permenaker 5/2021, Rp500 juta–1 miliar', false),
  ('JAKON_STEP4_JKK', '2021-02-01', 1100, 'ppm', 'Permenaker 5/2021, Rp1–5 miliar', false),
  ('JAKON_STEP5_JKK', '2021-02-01', 900, 'ppm', 'Permenaker 5/2021, di atas Rp5 miliar', false),
  ('JAKON_STEP1_JKM', '2021-02-01', 300, 'ppm', 'Permenaker 5/2021, Rp100 juta pertama', false),
  ('JAKON_STEP2_JKM', '2021-02-01', 200, 'ppm', 'Permenaker 5/2021, Rp100–500 juta', false),
  ('JAKON_STEP3_JKM', '2021-02-01', 200, 'ppm', 'Permenaker 5/2021, Rp500 juta–1 miliar', false),
  ('JAKON_STEP4_JKM', '2021-02-01', 100, 'ppm', 'Permenaker 5/2021, Rp1–5 miliar', false),
  ('JAKON_STEP5_JKM', '2021-02-01', 100, 'ppm', 'Permenaker 5/2021, di atas Rp5 miliar', false),
  ('PMI_PRE_PLACEMENT', '2023-03-01', 37500, 'rupiah', 'Permenaker 4/2023 pasal 18, sebelum penempatan', false),
  ('PMI_6_MONTHS', '2023-03-01', 108000, 'rupiah', 'Permenaker 4/2023 pasal 18, selama dan setelah penempatan, 6 bulan', false),
  ('PMI_12_MONTHS', '2023-03-01', 189000, 'rupiah', 'Permenaker 4/2023 pasal 18, 12 bulan', false),
  ('PMI_24_MONTHS', '2023-03-01', 332500, 'rupiah', 'Permenaker 4/2023 pasal 18, 24 bulan', false),
  ('PMI_EXTRA_MONTH', '2023-03-01', 13500, 'rupiah', 'Permenaker 4/2023 pasal 18, tiap bulan tambahan', false),
  ('BEN_JKM_LUMP_SUM', '2019-12-02', 20000000, 'rupiah', 'PP 82/2019, santunan sekaligus JKM', false),
  ('BEN_PERIODIC_MONTHLY', '2019-12-02', 500000, 'rupiah', 'PP 82/2019, santunan berkala per bulan', false),
  ('BEN_PERIODIC_MONTHS', '2019-12-02', 24, 'count', 'PP 82/2019, jumlah bulan santunan berkala (dibayar sekaligus)', false),
  ('BEN_FUNERAL', '2019-12-02', 10000000, 'rupiah', 'PP 82/2019, biaya pemakaman', false),
  ('BEN_SCHOLARSHIP_TOTAL', '2021-02-01', 174000000, 'rupiah', 'PP 82/2019, Permenaker 5/2021: beasiswa, maksimal 2 anak', false),
  ('BEN_SCHOLARSHIP_PER_CHILD', '2021-02-01', 87000000, 'rupiah', 'PP 82/2019, Permenaker 5/2021: beasiswa per anak', false),
  ('BEN_SCHOLARSHIP_MIN_MONTHS', '2019-12-02', 36, 'count', 'PP 82/2019: beasiswa JKM setelah iuran minimal 3 tahun', false),
  ('BEN_JKK_DEATH_WAGE_MULTIPLE', '2019-12-02', 48, 'count', 'PP 82/2019: santunan kematian JKK 48 × upah sebulan', false),
  ('BPU_LAPSE_MONTHS', '2015-07-01', 3, 'count', 'kepesertaan BPU nonaktif setelah 3 bulan menunggak', true);

-- A payer: who pays for which workers, from which budget, under which legal act.
CREATE TABLE funding_program (
  id              bigserial PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  payer_type      text NOT NULL CHECK (payer_type IN ('APBD_PROVINSI', 'APBD_KABKOTA', 'DANA_DESA', 'BHP', 'CSR', 'MANDIRI', 'EMPLOYER')),
  -- the owner: a province for APBD provinsi, a regency for APBD kab/kota, a village for Dana Desa
  region_code     text COLLATE "C" NOT NULL REFERENCES region (code),
  fiscal_year     integer NOT NULL CHECK (fiscal_year BETWEEN 2015 AND 2100),
  budget          bigint NOT NULL CHECK (budget >= 0),
  quota           integer NOT NULL CHECK (quota >= 0),
  -- the rate basis: what one funded worker costs a month (computed by the contribution engine)
  segment         text NOT NULL CHECK (segment IN ('PU', 'BPU')),
  programs        text[] NOT NULL CHECK (cardinality(programs) > 0 AND programs <@ ARRAY['JKK', 'JKM', 'JHT', 'JP']),
  basis_income    bigint NOT NULL DEFAULT 1000000 CHECK (basis_income > 0),
  risk_group      smallint NOT NULL DEFAULT 1 CHECK (risk_group BETWEEN 1 AND 5),
  legal_kind      text NOT NULL DEFAULT '' CHECK (length(legal_kind) <= 60),
  legal_number    text NOT NULL DEFAULT '' CHECK (length(legal_number) <= 200),
  legal_date      date,
  document_path   text,
  document_name   text,
  document_type   text,
  document_size   integer,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_program_region_idx ON funding_program (region_code, fiscal_year);

-- Enrolments reference their payer; funding_source (text) stays as the payer's display name.
ALTER TABLE enrolment ADD COLUMN funding_program_id bigint REFERENCES funding_program (id);
CREATE INDEX enrolment_funding_program_idx ON enrolment (funding_program_id, status);
ALTER TABLE enrolment_status_history ADD COLUMN reason text;

-- One bill per programme and month; one line per funded enrolment. The unique key makes a second
-- billing run for the same month find the first bill instead of creating another.
CREATE TABLE bill (
  id                 bigserial PRIMARY KEY,
  funding_program_id bigint NOT NULL REFERENCES funding_program (id),
  month              date NOT NULL CHECK (extract(day FROM month) = 1),
  due_date           date NOT NULL,
  worker_count       integer NOT NULL,
  amount             bigint NOT NULL,
  -- kept by payment allocation, so reading a bill never scans its lines
  paid_amount        bigint NOT NULL DEFAULT 0,
  paid_lines         integer NOT NULL DEFAULT 0,
  -- payments pay lines in enrolment order, so the paid lines are always a prefix: a line is paid
  -- (that worker covered for the month) exactly when its enrolment_id <= paid_through
  paid_through       bigint NOT NULL DEFAULT 0,
  -- the rates used, for the record: later rate changes never alter an issued bill
  rates              jsonb NOT NULL,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (funding_program_id, month)
);

-- Written once by the billing run and never updated (paid = enrolment_id <= bill.paid_through), so a
-- payment writes no line: unpaid lines are one primary-key range per bill.
CREATE TABLE bill_line (
  bill_id       bigint NOT NULL,
  enrolment_id  bigint NOT NULL,
  amount        bigint NOT NULL,
  PRIMARY KEY (bill_id, enrolment_id)
);

-- Money received for a programme. It is applied to the oldest unpaid bills first (arrears before the
-- current month); what is left is credit, used by the next bills (payers often pay 6 or 12 months ahead).
CREATE TABLE payment (
  id                 bigserial PRIMARY KEY,
  funding_program_id bigint NOT NULL REFERENCES funding_program (id),
  amount             bigint NOT NULL CHECK (amount > 0),
  paid_on            date NOT NULL,
  reference          text NOT NULL DEFAULT '',
  -- the bill the payer said it was for, when they did
  bill_id            bigint REFERENCES bill (id),
  source             text NOT NULL CHECK (source IN ('manual', 'import')),
  source_file        text,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_program_idx ON payment (funding_program_id, paid_on);
-- the same bank line imported twice is one payment
CREATE UNIQUE INDEX payment_reference_idx ON payment (funding_program_id, reference) WHERE reference <> '';

-- Which lines each payment paid: the enrolment-id range (after_enrolment, through_enrolment] of a bill.
CREATE TABLE payment_allocation (
  payment_id         bigint REFERENCES payment (id),
  bill_id            bigint NOT NULL REFERENCES bill (id),
  after_enrolment    bigint NOT NULL,
  through_enrolment  bigint NOT NULL,
  lines              integer NOT NULL,
  amount             bigint NOT NULL,
  paid_on            date NOT NULL
);
CREATE INDEX payment_allocation_bill_idx ON payment_allocation (bill_id, through_enrolment);
