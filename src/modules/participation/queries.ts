import { type RawBuilder, sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import type { ParticipationRegions } from '../../domain/participation.js';
import { regencyOf } from '../../domain/region-code.js';
import type { TokenScope } from '../../domain/roles.js';

/** An API token lives in the region it is scoped to. */
export const tokenScope: EntityScope = {
  name: { id: 'Token API', en: 'API token' },
  regionsOf: async (db, ids) =>
    new Map((await db.selectFrom('api_token').select(['id', 'region_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region_code])),
};

export async function insertToken(tx: Tx, t: { name: string; tokenHash: string; regionCode: string; scopes: TokenScope[]; createdBy: number }) {
  return tx
    .insertInto('api_token')
    .values({ name: t.name, token_hash: t.tokenHash, region_code: t.regionCode, scopes: t.scopes, created_by: t.createdBy })
    .returning(['id', 'name', 'region_code', 'scopes', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** The tokens scoped inside `region`, newest first, revoked ones included (they stay listed as revoked). */
export async function tokensIn(db: Db, region: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('region as r', 'r.code', 't.region_code')
    .innerJoin('app_user as u', 'u.id', 't.created_by')
    .select(['t.id', 't.name', 't.region_code', 'r.name as region_name', 't.scopes', 'u.username as created_by', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .where((eb) => inRegion(eb, 't.region_code', region))
    .orderBy('t.id', 'desc')
    .execute();
}

/** Revokes a token once; a revoked token stays revoked at its first time. Returns the row as it was. */
export async function revokeToken(tx: Tx, id: number) {
  const before = await tx.selectFrom('api_token').select(['id', 'name', 'region_code', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (!before.revoked_at) await tx.updateTable('api_token').set({ revoked_at: sql<Date>`now()` }).where('id', '=', id).execute();
  return before;
}

/**
 * Provinces, regencies/cities and districts, with each regency's number of districts, held in memory
 * per database: a 10,000-row push or a national file asks the database nothing per row.
 */
const regionCache = new WeakMap<Db | Tx, Promise<ParticipationRegions>>();

export function participationRegions(db: Db | Tx): Promise<ParticipationRegions> {
  let regions = regionCache.get(db);
  if (!regions) {
    regions = loadRegions(db);
    regionCache.set(db, regions);
    regions.catch(() => regionCache.delete(db));
  }
  return regions;
}

async function loadRegions(db: Db | Tx): Promise<ParticipationRegions> {
  const rows = await db.selectFrom('region').select(['code', 'level']).where('level', 'in', ['province', 'regency', 'district']).execute();
  const codes = new Set(rows.map((r) => r.code));
  const districts = new Map<string, number>();
  for (const r of rows) if (r.level === 'district') districts.set(regencyOf(r.code), (districts.get(regencyOf(r.code)) ?? 0) + 1);
  return { exists: (c) => codes.has(c), districtCount: (c) => districts.get(c) ?? 0 };
}

/**
 * The incoming figures, as a query of (region_code, month, segment, active, new_count, inactive_count, source):
 * from a push's arrays, or from an import's valid staged rows.
 */
export type IncomingFigures = RawBuilder<unknown>;

export function pushedFigures(rows: { regionCode: string; month: string; segment: string; active: number; newCount: number | null; inactiveCount: number | null }[], source: string): IncomingFigures {
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  return sql`
    SELECT t.region_code, t.month::date AS month, t.segment, t.active, t.new_count, t.inactive_count, ${source}::text AS source
    FROM unnest(${col((r) => r.regionCode)}::text[], ${col((r) => r.month)}::text[], ${col((r) => r.segment)}::text[],
                ${col((r) => r.active)}::int[], ${col((r) => r.newCount)}::int[], ${col((r) => r.inactiveCount)}::int[])
      AS t(region_code, month, segment, active, new_count, inactive_count)`;
}

/** Valid staged rows of a participation file; rows without a source take the file's name. */
export const stagedFigures = (importId: number): IncomingFigures => sql`
  SELECT r.region_code, r.month, r.segment, r.active, r.new_count, r.inactive_count,
         coalesce(nullif(r.source, ''), 'Berkas ' || j.filename) AS source
  FROM participation_import_row r JOIN import_job j ON j.id = r.import_id
  WHERE r.import_id = ${importId} AND r.outcome = 'valid'`;

/**
 * Stores figures set-based: the current figure of each incoming key is superseded (kept as history),
 * the incoming one becomes current. Writers of official data take turns (one transaction-scoped lock),
 * so the last one received always wins and two senders of the same new key cannot collide.
 */
export async function storeFigures(tx: Tx, incoming: IncomingFigures, origin: { importJobId?: number; tokenId?: number; receivedBy: string }) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('participation_report'))`.execute(tx);
  const superseded = await sql`
    UPDATE participation_report p SET superseded_at = now()
    FROM (${incoming}) k
    WHERE p.superseded_at IS NULL AND p.month = k.month AND p.region_code = k.region_code AND p.segment = k.segment`.execute(tx);
  const inserted = await sql`
    INSERT INTO participation_report (region_code, month, segment, active, new_count, inactive_count, source, import_job_id, token_id, received_by)
    SELECT k.region_code, k.month, k.segment, k.active, k.new_count, k.inactive_count, k.source,
           ${origin.importJobId ?? null}::int, ${origin.tokenId ?? null}::int, ${origin.receivedBy}
    FROM (${incoming}) k`.execute(tx);
  return { accepted: Number(inserted.numAffectedRows ?? 0), replaced: Number(superseded.numAffectedRows ?? 0) };
}

/** Valid rows of a staged file whose key already has a current figure (the preview's "replaces"). */
export async function stagedReplacing(db: Db | Tx, importId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM participation_import_row r
    WHERE r.import_id = ${importId} AND r.outcome = 'valid'
      AND EXISTS (SELECT 1 FROM participation_report p WHERE p.superseded_at IS NULL AND p.month = r.month AND p.region_code = r.region_code AND p.segment = r.segment)`.execute(db);
  return rows[0]?.n ?? 0;
}
