import { sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import type { ImportKind } from './kind.js';
import type { ImportStatus, ImportView } from './schemas.js';

/** An import job is the uploader's region's, and only reachable through its own kind's routes (another kind's job is absent). */
export const importJobScope = (kind: ImportKind): EntityScope => ({
  name: { id: 'Impor', en: 'Import' },
  regionsOf: async (db, ids) =>
    new Map(
      (await db.selectFrom('import_job').select(['id', 'region_code as region']).where('id', 'in', ids).where('kind', '=', kind.key).execute()).map((r) => [r.id, r.region]),
    ),
});

export async function insertJob(db: Db, job: { kind: ImportKind['key']; filename: string; filePath: string; regionCode: string; userId: number; username: string; parentId?: number }) {
  const row = await db
    .insertInto('import_job')
    .values({
      kind: job.kind,
      filename: job.filename,
      file_path: job.filePath,
      status: 'validating',
      region_code: job.regionCode,
      created_by: job.userId,
      created_by_username: job.username,
      parent_id: job.parentId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function saveJobState(db: Db, id: number, state: { status: ImportStatus; progress: number; counts: Record<string, unknown>; error: ImportView['error'] }) {
  await db
    .updateTable('import_job')
    .set({ status: state.status, progress: state.progress, counts: JSON.stringify(state.counts), error: state.error ? JSON.stringify(state.error) : null, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function findJob(db: Db, id: number) {
  return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function filePathOf(db: Db, id: number) {
  return (await db.selectFrom('import_job').select('file_path').where('id', '=', id).executeTakeFirstOrThrow()).file_path;
}

/** One page of a job's staged rows that carry problems, after `lastRow`, for the error report. */
export async function problemRows(db: Db, kind: ImportKind, importId: number, lastRow: number, limit: number) {
  const { rows } = await sql<{ row_number: number; raw: unknown; outcome: string; problems: unknown; [column: string]: unknown }>`
    SELECT * FROM ${sql.table(kind.stagingTable)}
    WHERE import_id = ${importId} AND problems IS NOT NULL AND row_number > ${lastRow}
    ORDER BY row_number LIMIT ${limit}`.execute(db);
  return rows;
}

/**
 * A commit cut short was rolled back by the database: the job can be committed again. A job whose commit
 * is in the audit trail was committed (its rows saved by a version that set the status in a second
 * transaction, which the kill may have cut off): it is marked committed, never offered again.
 */
export async function reopenInterruptedCommits(db: Db) {
  await sql`
    UPDATE import_job j SET status = 'committed', progress = 1, updated_at = now(), error = NULL,
      counts = j.counts || jsonb_build_object('committed', (a.after - 'kind' - 'filename' - 'counts'))
    FROM audit_log a
    WHERE j.status IN ('committing', 'validated') AND a.entity_type = 'import' AND a.entity_id = j.id::text AND a.action = 'import_commit'`.execute(db);
  await sql`UPDATE import_job SET status = 'validated', progress = 1, updated_at = now() WHERE status = 'committing'`.execute(db);
}

export async function failInterruptedValidations(db: Db) {
  await sql`
    UPDATE import_job SET status = 'failed', updated_at = now(),
      error = '{"code":"IMPORT_INTERRUPTED","message":"Validasi terputus karena server dimulai ulang. Unggah ulang berkas.","messageEn":"Validation was interrupted by a server restart. Upload the file again."}'
    WHERE status = 'validating'`.execute(db);
}

/** Staged rows live in unlogged tables, which a database crash empties: such a job must be uploaded again. */
export async function failLostStaging(db: Db, kind: ImportKind) {
  await sql`
    UPDATE import_job j SET status = 'failed', updated_at = now(),
      error = '{"code":"IMPORT_STAGING_LOST","message":"Data validasi hilang karena basis data dimulai ulang. Unggah ulang berkas.","messageEn":"The validated rows were lost in a database restart. Upload the file again."}'
    WHERE status = 'validated' AND kind = ${kind.key}
      AND NOT EXISTS (SELECT 1 FROM ${sql.table(kind.stagingTable)} r WHERE r.import_id = j.id)`.execute(db);
}
