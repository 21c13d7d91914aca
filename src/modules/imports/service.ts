import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import type { ImportStatus } from '../../db/schema.js';
import { inSubtree } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { loggableError } from '../../lib/logging.js';
import { readRows, SpreadsheetError } from '../../lib/spreadsheet/read-rows.js';
import { audited } from '../audit/record.js';
import type { CommitOptions, ImportKind, StagedRow } from './kind.js';
import { countOutcomes, hasStagedRows } from './outcomes.js';

const BATCH = 5000;

export interface ImportView {
  id: number;
  filename: string;
  status: ImportStatus;
  progress: number;
  counts: Record<string, unknown>;
  error?: { code: string; message: string; messageEn: string };
  committed?: Record<string, number>;
  regionCode: string;
  kind: ImportKind['key'];
}

/**
 * Live state of running jobs. Progress is read from here, not the database: on the embedded engine a
 * long commit holds the only connection, and a progress poll must still answer.
 */
const live = new Map<number, ImportView>();

export function uploadDir(dataDir: string): string {
  const dir = join(dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const newUploadPath = (dataDir: string, kind: 'xlsx' | 'csv') => join(uploadDir(dataDir), `${randomUUID()}.${kind}`);

/** Registers an uploaded file as a job and validates it in the background. */
export async function startImport(db: Db, user: SessionUser, kind: ImportKind, file: { path: string; filename: string; kind: 'xlsx' | 'csv' }) {
  const job = await db
    .insertInto('import_job')
    .values({ kind: kind.key, filename: file.filename, file_path: file.path, status: 'validating', region_code: user.regionCode, created_by: user.id, created_by_username: user.username })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view: ImportView = { id: job.id, kind: kind.key, filename: file.filename, status: 'validating', progress: 0, counts: {}, regionCode: user.regionCode };
  live.set(job.id, view);
  void validate(db, kind, view, file)
    .catch((err) => fail(db, view, err))
    .finally(() => live.delete(job.id));
  return view;
}

async function validate(db: Db, kind: ImportKind, view: ImportView, file: { path: string; kind: 'xlsx' | 'csv' }) {
  const ctx = await kind.context(db);
  const size = statSync(file.path).size || 1;
  let batch: StagedRow[] = [];
  // One batch is written while the next is parsed: the database and Node each keep a core busy.
  let writing: Promise<void> = Promise.resolve();
  const write = async (rows: StagedRow[]) => {
    await writing; // the previous batch's failure surfaces here
    writing = kind.insertStaged(db, view.id, rows);
    writing.catch(() => undefined); // awaited at the next batch or the end, not unhandled meanwhile
  };
  for await (const row of readRows(file.path, file.kind, kind.columns, (bytes) => (view.progress = Math.min(0.9, (0.9 * bytes) / size)))) {
    batch.push(kind.stage(row, ctx, view.regionCode));
    if (batch.length >= BATCH) {
      await write(batch);
      batch = [];
    }
  }
  await write(batch);
  await writing;
  if (!(await hasStagedRows(db, kind, view.id))) {
    throw new AppError(422, 'IMPORT_EMPTY', { id: 'Berkas tidak berisi baris data di bawah judul kolom.', en: 'The file has no data rows below the headers.' });
  }
  view.progress = 0.95;
  await kind.classify(db, view.id);
  view.counts = { ...(await countOutcomes(db, kind, view.id)), ...(await kind.preview?.(db, view.id)) };
  await setStatus(db, view, 'validated', 1);
}

async function setStatus(db: Db, view: ImportView, status: ImportStatus, progress: number) {
  view.status = status;
  view.progress = progress;
  await db
    .updateTable('import_job')
    .set({ status, progress, counts: JSON.stringify({ ...view.counts, ...(view.committed ? { committed: view.committed } : {}) }), error: view.error ? JSON.stringify(view.error) : null, updated_at: new Date() })
    .where('id', '=', view.id)
    .execute();
}

async function fail(db: Db, view: ImportView, err: unknown) {
  const e =
    err instanceof AppError
      ? err
      : err instanceof SpreadsheetError
        ? new AppError(422, err.code, { id: err.messageId, en: err.messageEn })
        : errors.internal();
  if (!(err instanceof AppError) && !(err instanceof SpreadsheetError)) console.error('import failed', view.id, loggableError(err));
  view.error = { code: e.code, message: e.text.id, messageEn: e.text.en };
  await setStatus(db, view, 'failed', view.progress).catch(() => undefined);
}

/** The job as the caller may see it: only from inside its region, and only through its kind's routes. */
export async function getImport(db: Db, user: SessionUser, kind: ImportKind, id: number): Promise<ImportView> {
  const view = live.get(id) ?? (await loadView(db, id));
  if (!view || view.kind !== kind.key || !inSubtree(user.regionCode, view.regionCode)) throw errors.notFound({ id: `Impor ${id}`, en: `Import ${id}` });
  return view;
}

async function loadView(db: Db, id: number): Promise<ImportView | undefined> {
  const j = await db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
  if (!j) return undefined;
  const { committed, ...counts } = j.counts as Record<string, unknown> & { committed?: ImportView['committed'] };
  return {
    id: j.id,
    kind: j.kind as ImportKind['key'],
    filename: j.filename,
    status: j.status,
    progress: j.progress,
    counts,
    regionCode: j.region_code,
    ...(committed ? { committed } : {}),
    ...(j.error ? { error: j.error as ImportView['error'] } : {}),
  };
}

/**
 * All valid rows or none: one transaction moves them into the registry and writes the audit record.
 * If the process dies midway the database rolls the transaction back; the job returns to 'validated'
 * at the next start (recoverInterruptedImports) and can be committed again.
 */
export async function commitImport(db: Db, user: SessionUser, kind: ImportKind, id: number, options: CommitOptions = {}): Promise<ImportView> {
  const view = await getImport(db, user, kind, id);
  if (view.status !== 'validated') {
    throw new AppError(409, 'IMPORT_NOT_READY', {
      id: `Impor ini berstatus "${view.status}"; hanya impor yang selesai divalidasi yang bisa disimpan.`,
      en: `This import is "${view.status}"; only a validated import can be committed.`,
    });
  }
  await kind.beforeCommit?.(db, user, id, options);
  live.set(id, view);
  await setStatus(db, view, 'committing', 0.1);
  void (async () => {
    try {
      view.committed = await audited(db, { id: user.id, username: user.username }, async (tx) => {
        await kind.reclassify(tx, id);
        const result = await kind.commit(tx, id, user);
        return {
          result,
          audit: [{ action: 'import_commit', entityType: 'import', entityId: String(id), regionCode: view.regionCode, before: null, after: { kind: kind.key, filename: view.filename, counts: view.counts, ...result } }],
        };
      });
      view.counts = { ...(await countOutcomes(db, kind, id)), ...(await kind.preview?.(db, id)) };
      // The upload is no longer needed; failing to delete it must not make a saved import look failed.
      await filePathOf(db, id)
        .then((path) => rm(path, { force: true }))
        .catch(() => undefined);
      await setStatus(db, view, 'committed', 1);
    } catch (err) {
      if (err instanceof Error && kind.staleConstraint.test(err.message)) {
        // Someone stored one of these rows between validation and commit: nothing was saved.
        view.error = {
          code: 'IMPORT_STALE',
          message: 'Data tersimpan berubah sejak validasi; tidak ada yang disimpan. Unggah ulang berkas untuk validasi baru.',
          messageEn: 'Stored data changed since validation; nothing was saved. Upload the file again to re-validate.',
        };
        await setStatus(db, view, 'failed', 0);
      } else await fail(db, view, err);
    } finally {
      live.delete(id);
    }
  })();
  return view;
}

async function filePathOf(db: Db, id: number) {
  return (await db.selectFrom('import_job').select('file_path').where('id', '=', id).executeTakeFirstOrThrow()).file_path;
}

/**
 * At start-up: a commit cut short rolled back, so it can be retried; a validation cut short, or one whose
 * staged rows a database crash took, must be re-uploaded.
 */
export async function recoverInterruptedImports(db: Db, kinds: readonly ImportKind[]): Promise<void> {
  await sql`UPDATE import_job SET status = 'validated', progress = 1, updated_at = now() WHERE status = 'committing'`.execute(db);
  await sql`
    UPDATE import_job SET status = 'failed', updated_at = now(),
      error = '{"code":"IMPORT_INTERRUPTED","message":"Validasi terputus karena server dimulai ulang. Unggah ulang berkas.","messageEn":"Validation was interrupted by a server restart. Upload the file again."}'
    WHERE status = 'validating'`.execute(db);
  // Staged rows live in unlogged tables, which a database crash empties: such a job must be uploaded again.
  for (const kind of kinds) {
    await sql`
      UPDATE import_job j SET status = 'failed', updated_at = now(),
        error = '{"code":"IMPORT_STAGING_LOST","message":"Data validasi hilang karena basis data dimulai ulang. Unggah ulang berkas.","messageEn":"The validated rows were lost in a database restart. Upload the file again."}'
      WHERE status = 'validated' AND kind = ${kind.key}
        AND NOT EXISTS (SELECT 1 FROM ${sql.table(kind.stagingTable)} r WHERE r.import_id = j.id)`.execute(db);
  }
}
