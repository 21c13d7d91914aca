import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import type { ImportKind } from './kind.js';

/** The preview: rows per outcome, rejections per reason, valid rows carrying warnings. */
export async function countOutcomes(db: Db | Tx, kind: ImportKind, importId: number) {
  const table = sql.table(kind.stagingTable);
  const byOutcome = await sql<{ outcome: string; n: number }>`
    SELECT outcome, count(*)::int AS n FROM ${table} WHERE import_id = ${importId} GROUP BY outcome`.execute(db);
  const byReason = await sql<{ code: string; n: number }>`
    SELECT p->>'code' AS code, count(DISTINCT row_number)::int AS n
    FROM ${table}, jsonb_array_elements(problems) p
    WHERE import_id = ${importId} AND outcome = 'rejected' AND NOT coalesce((p->>'warning')::boolean, false)
    GROUP BY 1 ORDER BY 2 DESC`.execute(db);
  const warned = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${table}
    WHERE import_id = ${importId} AND outcome = 'valid' AND problems IS NOT NULL`.execute(db);
  const get = (o: string) => byOutcome.rows.find((r) => r.outcome === o)?.n ?? 0;
  return {
    total: byOutcome.rows.reduce((a, r) => a + r.n, 0),
    valid: get('valid'),
    rejected: get('rejected'),
    duplicateInFile: get('duplicate_in_file'),
    alreadyRegistered: get('already_registered'),
    doubleFunded: get('double_funded'),
    withWarnings: warned.rows[0]?.n ?? 0,
    rejectedByReason: Object.fromEntries(byReason.rows.map((r) => [r.code, r.n])),
  };
}

export async function hasStagedRows(db: Db, kind: ImportKind, importId: number): Promise<boolean> {
  const r = await sql`SELECT 1 FROM ${sql.table(kind.stagingTable)} WHERE import_id = ${importId} LIMIT 1`.execute(db);
  return r.rows.length > 0;
}
