import { sql } from 'kysely';
import type { Db } from './client.js';

/**
 * Refreshes the planner's statistics of tables just filled in bulk (decisions.md 57). Without them the
 * planner guesses from empty-table defaults — the worker list then walked the primary key backwards per
 * person — until autovacuum's analyse comes round on PostgreSQL (a minute or more later), and never on
 * PGlite, which has no autovacuum. Runs outside any transaction; `tables` are fixed names, never input.
 */
export async function analyzeTables(db: Db, tables?: readonly string[]): Promise<void> {
  if (!tables) {
    await sql`ANALYZE`.execute(db);
    return;
  }
  for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(db);
}

/** Rows below which an import commit leaves statistics to autovacuum: a small change barely moves them. */
export const ANALYZE_MIN_ROWS = 1000;
