import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Row types of every table; kept in step with src/db/migrations by hand (the SQL is the source of truth). */
export interface Database {
  region: RegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
  person: PersonTable;
  enrolment: EnrolmentTable;
  enrolment_status_history: EnrolmentStatusHistoryTable;
  import_job: ImportJobTable;
  import_row: ImportRowTable;
  // funding (0005_funding.sql)
  rate_config: RateConfigTable;
  funding_program: FundingProgramTable;
  bill: BillTable;
  bill_line: BillLineTable;
  payment: PaymentTable;
  // compliance (0007_compliance.sql)
  umk: UmkTable;
  compliance_program_rule: ComplianceProgramRuleTable;
  employer: EmployerTable;
  compliance_case: ComplianceCaseTable;
  compliance_case_step: ComplianceCaseStepTable;
  compliance_document: ComplianceDocumentTable;
  outreach_event: OutreachEventTable;
  outreach_village: OutreachVillageTable;
  perisai_agent: PerisaiAgentTable;
  perisai_enrolment: PerisaiEnrolmentTable;
  perisai_collection: PerisaiCollectionTable;
  perisai_commission_rule: PerisaiCommissionRuleTable;
  employed_population: EmployedPopulationTable;
  coverage_target: CoverageTargetTable;
  coverage_delta: CoverageDeltaTable;
  coverage_rollup: CoverageRollupTable;
  payment_allocation: PaymentAllocationTable;
  region_boundary: RegionBoundaryTable;
}

export type RegionLevel = 'country' | 'province' | 'regency' | 'district' | 'village';

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  /** desa or kelurahan, villages only */
  kind: 'desa' | 'kelurahan' | null;
  name: string;
}

/** A timestamptz the database may default on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_code: string;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserSessionTable {
  /** sha256 of the cookie value: a stolen table does not yield live sessions */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: number | null;
  actor_username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string | null;
  before: unknown;
  after: unknown;
}

export interface AppSettingTable {
  key: string;
  value: unknown;
  updated_at: Timestamp;
}

export type Region = Selectable<RegionTable>;
export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;

/** A date column: read as 'YYYY-MM-DD' text (see the date parsers in client.ts). */
type DateText = ColumnType<string, string | undefined, string>;

export interface PersonTable {
  id: Generated<number>;
  nik: string;
  name: string;
  birth_date: DateText;
  sex: 'L' | 'P';
  village_code: string;
  address: string;
  phone: string | null;
  occupation: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnrolmentTable {
  id: Generated<number>;
  person_id: number;
  segment: string;
  group_code: string;
  programs: string[];
  declared_income: number | null;
  funding_source: string;
  kpj: string | null;
  status: Generated<string>;
  start_date: DateText;
  end_date: string | null;
  village_code: string;
  import_id: number | null;
  /** the payer (0005_funding.sql); funding_source keeps its display name */
  funding_program_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnrolmentStatusHistoryTable {
  id: Generated<number>;
  enrolment_id: number;
  status: string;
  changed_at: Timestamp;
  changed_by: string;
  /** why the status changed (0005_funding.sql), e.g. 'unpaid_3_months', 'arrears_paid' */
  reason: string | null;
}

export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportJobTable {
  id: Generated<number>;
  kind: Generated<'workers' | 'employers' | 'registrations'>;
  filename: string;
  file_path: string;
  status: ImportStatus;
  progress: Generated<number>;
  counts: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: ColumnType<unknown, string | null | undefined, string | null>;
  region_code: string;
  created_by: number | null;
  created_by_username: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImportRowTable {
  import_id: number;
  row_number: number;
  /** cells as uploaded; kept only for rows that failed validation */
  raw: unknown | null;
  outcome: string;
  problems: unknown;
  nik: string | null;
  name: string | null;
  birth_date: string | null;
  sex: string | null;
  village_code: string | null;
  address: string | null;
  phone: string | null;
  occupation: string | null;
  segment: string | null;
  group_code: string | null;
  programs: string[] | null;
  declared_income: number | null;
  funding_source: string | null;
  funding_program_id: number | null;
}

// ——— funding (0005_funding.sql) ———

export interface RateConfigTable {
  key: string;
  effective_from: DateText;
  value: number;
  unit: string;
  legal_basis: string;
  unconfirmed: Generated<boolean>;
  created_by: Generated<string>;
  created_at: Timestamp;
}

export interface FundingProgramTable {
  id: Generated<number>;
  name: string;
  payer_type: string;
  region_code: string;
  fiscal_year: number;
  budget: number;
  quota: number;
  segment: string;
  programs: string[];
  basis_income: Generated<number>;
  risk_group: Generated<number>;
  legal_kind: Generated<string>;
  legal_number: Generated<string>;
  legal_date: string | null;
  document_path: string | null;
  document_name: string | null;
  document_type: string | null;
  document_size: number | null;
  status: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BillTable {
  id: Generated<number>;
  funding_program_id: number;
  month: string;
  due_date: string;
  worker_count: number;
  amount: number;
  paid_amount: Generated<number>;
  paid_lines: Generated<number>;
  paid_through: Generated<number>;
  rates: ColumnType<Record<string, unknown>, string, string>;
  created_by: string;
  created_at: Timestamp;
}

export interface BillLineTable {
  bill_id: number;
  enrolment_id: number;
  amount: number;
}

export interface PaymentAllocationTable {
  payment_id: number | null;
  bill_id: number;
  after_enrolment: number;
  through_enrolment: number;
  lines: number;
  amount: number;
  paid_on: string;
}

export interface PaymentTable {
  id: Generated<number>;
  funding_program_id: number;
  amount: number;
  paid_on: string;
  reference: Generated<string>;
  bill_id: number | null;
  source: 'manual' | 'import';
  source_file: string | null;
  created_by: string;
  created_at: Timestamp;
}

// ---- compliance (0007_compliance.sql) ----

export interface UmkTable {
  regency_code: string;
  year: number;
  amount: number;
  legal_basis: Generated<string>;
  updated_at: Timestamp;
}

export interface ComplianceProgramRuleTable {
  size_class: string;
  effective_from: DateText;
  programs: string[];
  legal_basis: string;
}

export interface EmployerTable {
  id: Generated<number>;
  name: string;
  npp: string | null;
  nib: string | null;
  sector: Generated<string>;
  size_class: string;
  village_code: string;
  address: Generated<string>;
  employees_declared: Generated<number>;
  workers_registered: Generated<number>;
  wage_reported: number | null;
  wage_actual: number | null;
  programs: Generated<string[]>;
  statuses: Generated<string[]>;
  findings: ColumnType<unknown, string | undefined, string>;
  assessed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ComplianceCaseTable {
  id: Generated<number>;
  employer_id: number;
  region_code: string;
  step: string;
  step_date: DateText;
  deadline: string | null;
  officer: string;
  findings: ColumnType<unknown, string, string>;
  opened_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ComplianceCaseStepTable {
  id: Generated<number>;
  case_id: number;
  from_step: string | null;
  step: string;
  step_date: DateText;
  deadline: string | null;
  officer: string;
  note: Generated<string>;
  by_username: string;
  at: Timestamp;
}

export interface ComplianceDocumentTable {
  id: Generated<number>;
  case_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface OutreachEventTable {
  id: Generated<number>;
  held_on: DateText;
  title: string;
  organiser: string;
  audiences: string[];
  attendance: number;
  enrolments_after: Generated<number>;
  region_code: string;
  notes: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface OutreachVillageTable {
  event_id: number;
  village_code: string;
}

export interface PerisaiAgentTable {
  id: Generated<number>;
  nik: string;
  name: string;
  phone: string | null;
  area_code: string;
  joined_on: DateText;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PerisaiEnrolmentTable {
  enrolment_id: number;
  agent_id: number;
  recruited_on: DateText;
}

export interface PerisaiCollectionTable {
  id: Generated<number>;
  agent_id: number;
  enrolment_id: number;
  month: DateText;
  amount: number;
  collected_on: DateText;
}

export interface PerisaiCommissionRuleTable {
  effective_from: DateText;
  rate_bp: number;
  bonus_threshold: number;
  bonus_amount: number;
  inactive_months: number;
  rejoin_months: number;
  legal_basis: string;
}

// ── Coverage (0006_coverage.sql) ─────────────────────────────────────────────────────────────────

export interface EmployedPopulationTable {
  region_code: string;
  year: number;
  total: number;
  formal: number | null;
  informal: number | null;
  source: string;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CoverageTargetTable {
  region_code: string;
  year: number;
  /** numeric(5,2), read as text */
  target_pct: ColumnType<string, number | string, number | string>;
  source: string;
  updated_by: string;
  updated_at: Timestamp;
}

/** Pending village-level events, appended by the enrolment triggers; folded in by coverage_compact(). */
export interface CoverageDeltaTable {
  village_code: string;
  month: DateText;
  segment: string;
  group_code: string;
  payer: string;
  started: number;
  lapsed: number;
  ended: number;
}

export interface CoverageRollupTable {
  dim: 'S' | 'G' | 'P';
  level: number;
  region_code: string;
  month: DateText;
  segment: string;
  value: string;
  started: number;
  lapsed: number;
  ended: number;
}

export interface RegionBoundaryTable {
  region_code: string;
  geometry: ColumnType<unknown, string, string>;
  source: string;
  updated_by: string;
  updated_at: Timestamp;
}
