import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/access/session-user.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { DEFAULT_SEED } from '../../src/demo/generate.js';
import { loadDemo } from '../../src/demo/load.js';
import { AppError } from '../../src/lib/errors.js';
import { commitImport, getImport } from '../../src/modules/imports/service.js';
import { workerImport } from '../../src/modules/workers/import/kind.js';
import { prepareDatabase } from '../../src/startup.js';
import { injectAs, login } from '../app.js';
import { workbook } from '../imports.js';
import { crashEngine, type CrashEngine, crashSeed, runTrials } from './harness.js';

const HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];
const ROWS = 200;
const PROGRAM = 'APBD Kab. Sukabumi Uji Crash';
const TRIALS = Number(process.env.CRASH_TRIALS ?? 10);

/**
 * PostgreSQL only by default: a PGlite data directory on disk takes 13 s to open and 45 s to restore
 * from the template on this shared machine, so ten trials (each a child's open and a restart) would take
 * minutes. CRASH_PGLITE=1 runs them on PGlite too (each trial is then a crash of the database itself).
 */
const runs = process.env.TEST_DB === 'postgres' || process.env.CRASH_PGLITE === '1';

describe.skipIf(!runs)('kill -9 during an import commit', () => {
  let engine: CrashEngine;
  let jobId = 0;
  let user: SessionUser;

  /** The base: the regency demo accounts, a funding programme with room for the file once, and a validated 200-row worker import. */
  beforeAll(async () => {
    engine = await crashEngine(async (h) => {
      await loadDemo(h.db, 'regency', DEFAULT_SEED, { workers: false });
      const app = await buildApp({ db: h.db, config: { ...loadConfig({}), demo: true, loginRateLimit: 1000, logLevel: 'silent' }, logger: false });
      try {
        const s = await login(app, 'kab.sukabumi');
        const program = await injectAs(app, s, {
          method: 'POST',
          url: '/api/funding-programs',
          payload: { name: PROGRAM, payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2025, budget: 1_000_000_000, quota: 250, segment: 'BPU', programs: ['JKK', 'JKM'] },
        });
        expect(program.statusCode, program.body).toBe(201);
        const rows = Array.from({ length: ROWS }, (_, i) => [
          `3202011505${String(901000 + i)}`,
          `Pekerja Uji ${i + 1}`,
          '15/05/1990',
          'L',
          '32.02.01.2002',
          'Kp. Cimanggu',
          '081234567890',
          'Petani',
          'BPU',
          'Pekerja Rentan',
          'JKK,JKM',
          '1.000.000',
          PROGRAM,
        ]);
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(await workbook(HEADERS, rows))]), 'pekerja crash.xlsx');
        const up = await injectAs(app, s, { method: 'POST', url: '/api/imports', payload: form as never });
        expect(up.statusCode, up.body).toBe(202);
        jobId = up.json().id;
        for (let i = 0; i < 300; i++) {
          const v = (await injectAs(app, s, { url: `/api/imports/${jobId}` })).json();
          if (v.status !== 'validating') {
            expect(v.status, JSON.stringify(v)).toBe('validated');
            expect(v.counts).toMatchObject({ total: ROWS, valid: ROWS });
            break;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        const u = await h.db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'region_code']).where('username', '=', 'kab.sukabumi').executeTakeFirstOrThrow();
        user = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, regionCode: u.region_code, sessionId: 'crash', csrfToken: 'crash' };
      } finally {
        await app.close();
      }
    });
  }, 180_000);

  afterAll(async () => {
    await engine?.dispose();
  });

  /** What the user does after the restart: commit again — accepted only if nothing was saved. */
  async function retry(db: Db, found: 'before' | 'after') {
    if (found === 'after') {
      const refused = await commitImport(db, user, workerImport, jobId).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('IMPORT_NOT_READY');
      return;
    }
    await commitImport(db, user, workerImport, jobId);
    for (let i = 0; i < 600; i++) {
      const job = await getImport(db, jobId);
      if (job.status === 'committed') return;
      if (job.status === 'failed') throw new Error(`retry failed: ${JSON.stringify(job.error)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('retry never finished');
  }

    it(`leaves people, enrolments, the job and the audit trail exactly as before or exactly as after (${TRIALS} trials)`, async () => {
      const seed = crashSeed();
      const report = await runTrials({ engine, seed, trials: TRIALS, op: { kind: 'import', importKind: 'workers', jobId, user }, retry });
      // the reference run really moved the rows in, once, with one audit row, and the job says so
      expect(report.before.people).toEqual([{ n: 0 }]);
      expect(report.after.people).toEqual([{ n: ROWS }]);
      expect(report.before.importJobs).toEqual([{ kind: 'workers', status: 'validated', committed: null, error: null }]);
      expect(report.after.importJobs).toEqual([{ kind: 'workers', status: 'committed', committed: { people: ROWS, enrolments: ROWS }, error: null }]);
      expect((report.after.audit as { action: string }[]).filter((a) => a.action === 'import_commit')).toHaveLength(1);
      expect(report.trials).toHaveLength(TRIALS);
      console.info(`crash trials (import commit, ${report.engine}, seed ${seed}): ${report.statements} statements, ${Math.round(report.operationMs)} ms;`, report.trials.map((t) => `${t.trial}: ${t.found} (${t.how}; ${t.ms} ms)`).join('; '));
    }, 600_000);

  it('start-up marks committed a job an older version left "validated" after its rows were committed', async () => {
    const copy = await engine.copy();
    const h = await copy.open();
    try {
      await retry(h.db, 'before'); // commits the job
      // what the two-transaction version left after a kill and a restart: rows and audit row saved, job reopened
      await h.db.updateTable('import_job').set({ status: 'validated', counts: JSON.stringify({ total: ROWS, valid: ROWS }) }).where('id', '=', jobId).execute();
      await prepareDatabase(h, { ...loadConfig({}), demo: false }, { info: () => undefined } as never);
      const job = await h.db.selectFrom('import_job').select(['status', 'counts']).where('id', '=', jobId).executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'committed', counts: { committed: { people: ROWS, enrolments: ROWS } } });
      await retry(h.db, 'after'); // a retry is refused, not a false quota overrun or a second commit
      expect(await h.db.selectFrom('audit_log').select('id').where('action', '=', 'import_commit').execute()).toHaveLength(1);
    } finally {
      await h.close();
      await copy.drop();
    }
  });
});
