import { sql } from 'kysely';
import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { checkCapacity, programCapacity } from '../../funding/planning/capacity.js';
import type { CommitOptions } from '../../imports/schemas.js';

/** How many valid rows of the import each funding programme would pay for. */
async function rowsPerProgram(db: Db, importId: number) {
  const { rows } = await sql<{ id: number; rows: number }>`
    SELECT funding_program_id AS id, count(*)::int AS rows FROM import_row
    WHERE import_id = ${importId} AND outcome = 'valid' AND funding_program_id IS NOT NULL
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

/** Preview: rows per funding programme, and whether they would overrun its quota or budget. */
export async function fundingPreview(db: Db, importId: number) {
  const fundingPrograms = [];
  for (const r of await rowsPerProgram(db, importId)) {
    const c = await programCapacity(db, r.id, r.rows);
    if (!c) continue;
    fundingPrograms.push({ id: r.id, name: c.program.name, rows: r.rows, overQuota: c.check.overQuota, overBudget: c.check.overBudget, ...(c.check.message ? { message: c.check.message } : {}) });
  }
  return { fundingPrograms };
}

/** Before a commit: every programme must have room for its rows, or a permitted role confirms (issue #4). */
export async function checkFundingCapacity(db: Db, user: SessionUser, importId: number, options: CommitOptions) {
  for (const r of await rowsPerProgram(db, importId)) {
    await checkCapacity(db, user, r.id, r.rows, options.confirmOverCapacity ?? false, 'body.confirmOverCapacity');
  }
}
