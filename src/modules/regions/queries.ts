import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Region } from '../../db/schema.js';
import { inRegion } from '../../access/subtree.js';
import type { Tx } from '../../db/tx.js';
import { lineage } from '../../domain/region-code.js';

export function findRegion(db: Db | Tx, code: string): Promise<Region | undefined> {
  return db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findRegions(db: Db, codes: string[]): Promise<Region[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('region').selectAll().where('code', 'in', codes).orderBy('code').execute();
}

export function ancestorsOf(db: Db, code: string): Promise<Region[]> {
  return findRegions(db, lineage(code).slice(0, -1));
}

/** Children of a region (the provinces for `ID`), ordered by code as Kemendagri lists them. */
export function childrenOf(db: Db, code: string): Promise<Region[]> {
  return db.selectFrom('region').selectAll().where('parent_code', '=', code).orderBy('code').execute();
}

/**
 * Case-insensitive name search inside a subtree (trigram index), best matches first: exact word
 * matches, then higher levels (a regency before a village of the same name).
 */
export async function searchRegions(db: Db, q: string, scope: string, limit: number): Promise<Region[]> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const levelOrder = sql`CASE level WHEN 'province' THEN 1 WHEN 'regency' THEN 2 WHEN 'district' THEN 3 ELSE 4 END`;
  return db
    .selectFrom('region')
    .selectAll()
    .where('level', '<>', 'country')
    .where(sql<boolean>`lower(name) LIKE ${pattern}`)
    .where((eb) => inRegion(eb, 'code', scope))
    .orderBy(levelOrder)
    .orderBy('name')
    .limit(limit)
    .execute();
}

export async function countByLevel(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('region')
    .where('level', '<>', 'country')
    .select(['level', db.fn.countAll<number>().as('n')])
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}
