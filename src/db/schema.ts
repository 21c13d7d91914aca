import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Row types of every table; kept in step with src/db/migrations by hand (the SQL is the source of truth). */
export interface Database {
  region: RegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
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
