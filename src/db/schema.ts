import type { Insertable, Selectable } from 'kysely';
import type { AppUser as AppUserTable, DB, Region as RegionTable } from './schema.generated.js';

/** Row types of every table, generated from the migrated schema (`npm run db:types`); the SQL is the source of truth. */
export type Database = DB;

export type Region = Selectable<RegionTable>;
export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type { ImportStatus } from './column-types.js';
