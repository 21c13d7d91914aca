import { type Insertable, sql, type Updateable } from 'kysely';
import type { EntityScope } from '../../../access/rules.js';
import { inRegion } from '../../../access/subtree.js';
import type { Db } from '../../../db/client.js';
import type { Database } from '../../../db/schema.js';
import type { Tx } from '../../../db/tx.js';
import { lineage } from '../../../domain/region-code.js';

/**
 * A funding programme lives in its owner region. Programmes owned by a region above one's own are
 * readable (they pay for one's workers); writes additionally need the owner inside one's subtree
 * (`ownProgram` in service.ts answers 403 for a readable programme above).
 */
export const programScope: EntityScope = {
  name: { id: 'Program pendanaan', en: 'Funding programme' },
  ancestorsReadable: true,
  regionsOf: async (db, ids) =>
    new Map((await db.selectFrom('funding_program').select(['id', 'region_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region_code])),
};

export type ProgramRow = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

export async function findProgram(db: Db | Tx, id: number) {
  return db.selectFrom('funding_program').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Programmes that fund workers in `region`: owned inside its subtree, or by a region above it. */
export async function listPrograms(db: Db | Tx, region: string, year?: number) {
  const above = lineage(region).filter((c) => c !== region);
  let q = db.selectFrom('funding_program').selectAll();
  q = q.where((eb) => {
    const own = inRegion(eb, 'region_code', region);
    return above.length ? eb.or([own, eb('region_code', 'in', above)]) : own;
  });
  if (year) q = q.where('fiscal_year', '=', year);
  return q.orderBy('region_code').orderBy('id').execute();
}

export async function insertProgram(tx: Tx, values: Insertable<Database['funding_program']>) {
  return tx.insertInto('funding_program').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes a programme's columns (and its updated_at). */
export async function updateProgramRow(tx: Tx, id: number, set: Omit<Updateable<Database['funding_program']>, 'id' | 'updated_at'>) {
  return tx
    .updateTable('funding_program')
    .set({ ...set, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
