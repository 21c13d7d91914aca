import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { ANALYZE_MIN_ROWS, analyzeTables } from '../../db/analyze.js';
import { audited } from '../../db/tx.js';
import { AppError, errors } from '../../lib/errors.js';
import { asAppError } from '../../lib/spreadsheet/app-error.js';
import { readRows } from '../../lib/spreadsheet/read-rows.js';
import type { ImportKind } from './kind.js';
import { loggableError } from '../../lib/logging.js';
import { countOutcomes, hasStagedRows } from './outcomes.js';
import { failInterruptedValidations, failLostStaging, filePathOf, findJob, insertJob, reopenInterruptedCommits, saveJobState } from './queries.js';
import type { CommitOptions, ImportStatus, ImportView } from './schemas.js';

/** A job as the machinery keeps it: what the API shows, plus whose region it is and its kind. */
export type ImportJob = ImportView & { regionCode: string; kind: ImportKind['key'] };

/**
 * Live state of running jobs. Progress is read from here, not the database: on the embedded engine a
 * long commit holds the only connection, and a progress poll must still answer.
 */
const live = new Map<number, ImportJob>();

/** The job as the API shows it. */
export const present = ({ regionCode: _r, kind: _k, ...view }: ImportJob): ImportView => view;

/** Registers an uploaded file as a job and validates it in the background. */
export async function startImport(db: Db, user: SessionUser, kind: ImportKind, file: { path: string; filename: string; ext: 'xlsx' | 'csv' }, parentId?: number) {
  const id = await insertJob(db, { kind: kind.key, filename: file.filename, filePath: file.path, regionCode: user.regionCode, userId: user.id, username: user.username, parentId });
  const job: ImportJob = { id, kind: kind.key, filename: file.filename, status: 'validating', progress: 0, counts: {}, regionCode: user.regionCode };
  live.set(id, job);
  void validate(db, kind, job, file)
    .catch((err) => fail(db, job, err))
    .finally(() => live.delete(id));
  return job;
}

async function validate(db: Db, kind: ImportKind, job: ImportJob, file: { path: string; ext: 'xlsx' | 'csv' }) {
  const size = statSync(file.path).size || 1;
  const rows = readRows(file.path, file.ext, kind.columns, (bytes) => (job.progress = Math.min(0.9, (0.9 * bytes) / size)));
  await kind.stageFile(db, job.id, job.regionCode, rows);
  if (!(await hasStagedRows(db, kind, job.id))) {
    throw new AppError(422, 'IMPORT_EMPTY', { id: 'Berkas tidak berisi baris data di bawah judul kolom.', en: 'The file has no data rows below the headers.' });
  }
  job.progress = 0.95;
  await kind.classify(db, job.id);
  job.counts = { ...(await countOutcomes(db, kind, job.id)), ...(await kind.preview?.(db, job.id)) };
  await setStatus(db, job, 'validated', 1);
}

async function setStatus(db: Db, job: ImportJob, status: ImportStatus, progress: number) {
  job.status = status;
  job.progress = progress;
  await saveJobState(db, job.id, { status, progress, counts: { ...job.counts, ...(job.committed ? { committed: job.committed } : {}) }, error: job.error });
}

async function fail(db: Db, job: ImportJob, err: unknown) {
  const known = asAppError(err);
  if (!(known instanceof AppError)) console.error('import failed', job.id, loggableError(err));
  const e = known instanceof AppError ? known : errors.internal();
  job.error = { code: e.code, message: e.text.id, messageEn: e.text.en };
  await setStatus(db, job, 'failed', job.progress).catch(() => undefined);
}

/** The job by id; the route's entity rule (importJobScope) has checked its region and kind. */
export async function getImport(db: Db, id: number): Promise<ImportJob> {
  const job = live.get(id) ?? (await loadJob(db, id));
  if (!job) throw errors.notFound({ id: 'Impor', en: 'Import' });
  return job;
}

async function loadJob(db: Db, id: number): Promise<ImportJob | undefined> {
  const j = await findJob(db, id);
  if (!j) return undefined;
  const { committed, ...counts } = j.counts as ImportView['counts'] & { committed?: ImportView['committed'] };
  return {
    id: j.id,
    kind: j.kind,
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
 * All valid rows or none: one transaction moves them into the registry, writes the audit record and marks
 * the job committed (decisions.md 55) — killed at any point, the job is either untouched (still
 * 'committing', reopened as 'validated' at the next start by recoverInterruptedImports) or committed.
 */
export async function commitImport(db: Db, user: SessionUser, kind: ImportKind, id: number, options: CommitOptions = {}): Promise<ImportJob> {
  const job = await getImport(db, id);
  if (job.status !== 'validated') {
    throw new AppError(409, 'IMPORT_NOT_READY', {
      id: `Impor ini berstatus "${job.status}"; hanya impor yang selesai divalidasi yang bisa disimpan.`,
      en: `This import is "${job.status}"; only a validated import can be committed.`,
    });
  }
  await kind.beforeCommit?.(db, user, id, options);
  live.set(id, job);
  await setStatus(db, job, 'committing', 0.1);
  void (async () => {
    try {
      const done = await audited(db, { id: user.id, username: user.username }, async (tx) => {
        await kind.reclassify(tx, id);
        const committed = await kind.commit(tx, id, user);
        const counts = { ...(await countOutcomes(tx, kind, id)), ...(await kind.preview?.(tx, id)) };
        // the job's status is part of the same transaction as its rows and its audit row
        await saveJobState(tx, id, { status: 'committed', progress: 1, counts: { ...counts, committed }, error: undefined });
        return {
          result: { committed, counts },
          audit: [{ action: 'import_commit', entityType: 'import', entityId: String(id), regionCode: job.regionCode, before: null, after: { kind: kind.key, filename: job.filename, counts: job.counts, ...committed } }],
        };
      });
      Object.assign(job, { committed: done.committed, counts: done.counts, status: 'committed', progress: 1 });
      // a large commit changes the tables' statistics: refresh them now, not when autovacuum comes round
      if (kind.bulkTables && Math.max(0, ...Object.values(done.committed)) >= ANALYZE_MIN_ROWS) {
        await analyzeTables(db, kind.bulkTables).catch((err: unknown) => console.error('analyze after import failed', id, loggableError(err)));
      }
      // The upload is no longer needed; failing to delete it must not make a saved import look failed.
      await filePathOf(db, id)
        .then((path) => rm(path, { force: true }))
        .catch(() => undefined);
    } catch (err) {
      if (err instanceof Error && kind.staleConstraint.test(err.message)) {
        // Someone stored one of these rows between validation and commit: nothing was saved.
        job.error = {
          code: 'IMPORT_STALE',
          message: 'Data tersimpan berubah sejak validasi; tidak ada yang disimpan. Unggah ulang berkas untuk validasi baru.',
          messageEn: 'Stored data changed since validation; nothing was saved. Upload the file again to re-validate.',
        };
        await setStatus(db, job, 'failed', 0);
      } else await fail(db, job, err);
    } finally {
      live.delete(id);
    }
  })();
  return job;
}

/**
 * At start-up: a commit cut short rolled back, so it can be retried (one whose rows an older version
 * committed without its status is marked committed from its audit row); a validation cut short, or one whose
 * staged rows a database crash took, must be re-uploaded.
 */
export async function recoverInterruptedImports(db: Db, kinds: readonly ImportKind[]): Promise<void> {
  await reopenInterruptedCommits(db);
  await failInterruptedValidations(db);
  for (const kind of kinds) await failLostStaging(db, kind);
}
