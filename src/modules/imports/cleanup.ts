import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Bilingual } from '../../lib/errors.js';
import { AppError } from '../../lib/errors.js';
import type { ImportKind } from './kind.js';

/** How long a finished (committed or failed) import keeps its staged rows, so its report can still be downloaded. */
export const KEEP_FINISHED_MS = 24 * 3600_000;
/** An import validated (or stuck validating) and not committed for this long is abandoned (issue 12 item 10). */
export const ABANDON_AFTER_MS = 7 * 24 * 3600_000;

const EXPIRED = {
  code: 'IMPORT_EXPIRED',
  message: 'Impor ini tidak disimpan dalam 7 hari sehingga kedaluwarsa dan datanya dihapus. Unggah ulang berkas.',
  messageEn: 'This import was not committed within 7 days, so it expired and its data was deleted. Upload the file again.',
};

export interface CleanUpResult {
  abandoned: number;
  cleaned: number;
  rows: number;
  files: number;
}

/**
 * Deletes what finished and abandoned imports no longer need (docs/decisions.md 52): the uploaded file and
 * the staged rows, kind by kind, of jobs committed or failed more than a day ago and of jobs left
 * validated for 7 days (first marked failed with IMPORT_EXPIRED, so they can never be committed). The job
 * row stays, with its counts and error, and `cleaned_at` set; committing jobs are never touched.
 */
export async function cleanUpImports(db: Db, kinds: readonly ImportKind[], now = new Date()): Promise<CleanUpResult> {
  const abandonBefore = new Date(now.getTime() - ABANDON_AFTER_MS);
  const finishedBefore = new Date(now.getTime() - KEEP_FINISHED_MS);
  const abandoned = await sql`
    UPDATE import_job SET status = 'failed', error = ${JSON.stringify(EXPIRED)}::jsonb, updated_at = ${now}
    WHERE cleaned_at IS NULL AND status IN ('validated', 'validating') AND updated_at < ${abandonBefore}`.execute(db);
  const { rows: jobs } = await sql<{ id: number; kind: string; file_path: string }>`
    SELECT id, kind, file_path FROM import_job
    WHERE cleaned_at IS NULL AND status IN ('committed', 'failed') AND (updated_at < ${finishedBefore} OR error->>'code' = ${EXPIRED.code})
    ORDER BY updated_at LIMIT 500`.execute(db);
  const out: CleanUpResult = { abandoned: Number(abandoned.numAffectedRows ?? 0), cleaned: 0, rows: 0, files: 0 };
  for (const job of jobs) {
    const kind = kinds.find((k) => k.key === job.kind);
    // One job at a time, each in its own transaction: a long clean-up never holds the only (PGlite) connection for long.
    await db.transaction().execute(async (tx) => {
      if (kind) {
        const deleted = await sql`DELETE FROM ${sql.table(kind.stagingTable)} WHERE import_id = ${job.id}`.execute(tx);
        out.rows += Number(deleted.numAffectedRows ?? 0);
      }
      await sql`UPDATE import_job SET cleaned_at = ${now} WHERE id = ${job.id}`.execute(tx);
    });
    try {
      await rm(job.file_path, { force: true });
      out.files++;
    } catch {
      // a file that cannot be removed now is not retried; the job is cleared in the database either way
    }
    out.cleaned++;
  }
  return out;
}

/** Whether a job's staged rows were deleted by the clean-up (its report can no longer be built). */
export async function stagingCleared(db: Db, importId: number): Promise<boolean> {
  const row = await db.selectFrom('import_job').select('cleaned_at').where('id', '=', importId).executeTakeFirst();
  return Boolean(row?.cleaned_at);
}

const GONE: Bilingual = {
  id: 'Laporan impor ini sudah tidak tersedia: data baris impor dihapus 1 hari setelah impor selesai (7 hari bila tidak disimpan). Ringkasan jumlahnya tetap tersimpan.',
  en: 'This import report is no longer available: staged rows are deleted 1 day after an import ends (7 days if it was never committed). Its counts are kept.',
};
export const reportGone = () => new AppError(410, 'IMPORT_REPORT_GONE', GONE);
