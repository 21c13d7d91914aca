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
  enrolment_cover: EnrolmentCoverTable;
  enrolment_status_history: EnrolmentStatusHistoryTable;
  import_job: ImportJobTable;
  import_row: ImportRowTable;
  employed_population: EmployedPopulationTable;
  coverage_target: CoverageTargetTable;
  coverage_delta: CoverageDeltaTable;
  coverage_rollup: CoverageRollupTable;
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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnrolmentCoverTable {
  person_id: number;
  program: string;
  enrolment_id: number;
  funding_source: string;
}

export interface EnrolmentStatusHistoryTable {
  id: Generated<number>;
  enrolment_id: number;
  status: string;
  changed_at: Timestamp;
  changed_by: string;
}

export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportJobTable {
  id: Generated<number>;
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
  raw: unknown;
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
