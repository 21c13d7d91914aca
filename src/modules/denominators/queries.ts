import { sql } from 'kysely';
import type { Tx } from '../../db/tx.js';

/** All SQL of the denominators capability: upserts of one row per region and year. */

export interface DenominatorRow {
  code: string;
  year: number;
  total: number;
  formal: number | null;
  informal: number | null;
  source: string;
}

export interface TargetRow {
  code: string;
  year: number;
  pct: number;
  source: string;
}

/** Employed population per region and year; a figure for the same region and year is replaced. */
export async function saveDenominators(tx: Tx, rows: DenominatorRow[], username: string): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: DenominatorRow) => T) => rows.map(f);
  await sql`
    INSERT INTO employed_population (region_code, year, total, formal, informal, source, updated_by)
    SELECT * , ${username} FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.year)}::smallint[],
      ${col((r) => r.total)}::bigint[], ${col((r) => r.formal)}::bigint[], ${col((r) => r.informal)}::bigint[],
      ${col((r) => r.source)}::text[])
    ON CONFLICT (region_code, year) DO UPDATE SET total = excluded.total, formal = excluded.formal, informal = excluded.informal,
      source = excluded.source, updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
}

/** Coverage targets (percent) per region and year; a target for the same region and year is replaced. */
export async function saveTargets(tx: Tx, rows: TargetRow[], username: string): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: TargetRow) => T) => rows.map(f);
  await sql`
    INSERT INTO coverage_target (region_code, year, target_pct, source, updated_by)
    SELECT *, ${username} FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.year)}::smallint[],
      ${col((r) => r.pct)}::numeric[], ${col((r) => r.source)}::text[])
    ON CONFLICT (region_code, year) DO UPDATE SET target_pct = excluded.target_pct, source = excluded.source,
      updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
}
