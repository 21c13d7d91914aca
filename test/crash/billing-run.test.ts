import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/access/session-user.js';
import type { Db } from '../../src/db/client.js';
import { audited } from '../../src/db/tx.js';
import { DEFAULT_SEED } from '../../src/demo/generate.js';
import { loadDemo } from '../../src/demo/load.js';
import { billingRates, dueDate, monthStart } from '../../src/domain/funding.js';
import { billProgram } from '../../src/modules/funding/billing/service.js';
import { billLines, insertBill } from '../../src/modules/funding/billing/queries.js';
import { recordPaymentAs } from '../../src/modules/funding/payments/service.js';
import { programBody } from '../../src/modules/funding/programs/schemas.js';
import { createProgram } from '../../src/modules/funding/programs/service.js';
import { loadSnapshot } from '../../src/modules/funding/rates/queries.js';
import { enrol } from '../funding.js';
import { crashEngine, type CrashEngine, crashSeed, runTrials, snapshot } from './harness.js';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 10);
const CHEAP = 3; // basis income 1,000,000: 16,800 a month
const DEAR = 27; // declared 10,000,000: 106,800 a month
const MONTH = '2025-03';

/**
 * PostgreSQL only by default: a PGlite data directory on disk takes 13 s to open and 45 s to restore
 * from the template on this shared machine, so ten trials (each a child's open and a restart) would take
 * minutes. CRASH_PGLITE=1 runs them on PGlite too (each trial is then a crash of the database itself).
 */
const runs = process.env.TEST_DB === 'postgres' || process.env.CRASH_PGLITE === '1';

describe.skipIf(!runs)('kill -9 during a billing run', () => {
  let engine: CrashEngine;
  let programId = 0;
  const actor = { id: null as number | null, username: 'kab.sukabumi' };

  /**
   * The base: a BPU programme with January and February billed; one payment paid both months' cheap lines
   * and left 40,000 of credit (less than a dear line, so it waits). March's run then applies the credit to
   * March's first two lines and lapses the 27 dear enrolments (three unpaid months past due).
   */
  beforeAll(async () => {
    engine = await crashEngine(async (h) => {
      await loadDemo(h.db, 'regency', DEFAULT_SEED, { workers: false });
      const u = await h.db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'region_code']).where('username', '=', 'kab.sukabumi').executeTakeFirstOrThrow();
      const user: SessionUser = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, regionCode: u.region_code, sessionId: 'crash', csrfToken: 'crash' };
      actor.id = u.id;
      const program = await createProgram(
        h.db,
        user,
        programBody.parse({ name: 'Program Uji Crash Tagihan', payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2025, budget: 1_000_000_000, quota: 1000, segment: 'BPU', programs: ['JKK', 'JKM'] }),
      );
      programId = program.id;
      for (let i = 0; i < CHEAP; i++) await enrol(h.db, programId, { segment: 'BPU', programs: ['JKK', 'JKM'] });
      for (let i = 0; i < DEAR; i++) await enrol(h.db, programId, { segment: 'BPU', programs: ['JKK', 'JKM'], income: 10_000_000 });
      for (const m of ['2025-01', '2025-02']) expect((await billProgram(h.db, actor, program, m)).created).toBe(true);
      const paid = await recordPaymentAs(h.db, actor, program, { amount: 2 * CHEAP * 16_800 + 40_000, paidOn: '2025-03-01', reference: 'CRASH-1' });
      expect(paid).toMatchObject({ linesPaid: 2 * CHEAP, credit: 40_000 });
    });
  }, 180_000);

  afterAll(async () => {
    await engine?.dispose();
  });

  const program = (db: Db) => db.selectFrom('funding_program').selectAll().where('id', '=', programId).executeTakeFirstOrThrow();

    it(`leaves bills, credit, lapses and the audit trail exactly as before or exactly as after (${TRIALS} trials)`, async () => {
      const seed = crashSeed();
      const report = await runTrials({
        engine,
        seed,
        trials: TRIALS,
        op: { kind: 'billing', programId, month: MONTH, actor },
        // the user's retry: run March again — it bills if nothing was saved, and changes nothing if all was
        retry: async (db) => void (await billProgram(db, actor, await program(db), MONTH)),
      });
      const mine = (s: typeof report.before) => ({
        bills: (s.bills as { program: number }[]).filter((b) => b.program === programId),
        credit: (s.credit as { program: number }[]).find((c) => c.program === programId),
        lapsed: (s.enrolments as { status: string; n: number }[]).find((e) => e.status === 'lapsed')?.n ?? 0,
      });
      expect(mine(report.before)).toMatchObject({ bills: [{ month: '2025-01-01' }, { month: '2025-02-01' }], credit: { credit: 40_000 }, lapsed: 0 });
      // the reference run billed March, paid its first two lines from the credit and lapsed the 27 dear enrolments
      expect(mine(report.after)).toMatchObject({
        bills: [{}, {}, { month: '2025-03-01', worker_count: CHEAP + DEAR, paid_lines: 2, paid_amount: 2 * 16_800 }],
        credit: { credit: 40_000 - 2 * 16_800 },
        lapsed: DEAR,
      });
      expect(report.trials).toHaveLength(TRIALS);
      console.info(`crash trials (billing run, ${report.engine}, seed ${seed}): ${report.statements} statements, ${Math.round(report.operationMs)} ms;`, report.trials.map((t) => `${t.trial}: ${t.found} (${t.how}; ${t.ms} ms)`).join('; '));
    }, 600_000);

    it('a re-run repairs a bill an older version left unpaid beside stranded credit, once', async () => {
      const copy = await engine.copy();
      const h = await copy.open();
      try {
        const p = await program(h.db);
        // what the earlier version's first transaction saved before a kill: the bill and its lines, credit not applied
        const start = monthStart(MONTH);
        const rates = billingRates(await loadSnapshot(h.db), start);
        await audited(h.db, actor, async (tx) => {
          const billId = (await insertBill(tx, { programId, monthStart: start, dueDate: dueDate(start), rates, createdBy: actor.username }))!;
          await billLines(tx, billId, p, start, rates);
          return { result: billId, audit: [{ action: 'billing_run', entityType: 'bill', entityId: String(billId), regionCode: p.region_code, before: null, after: { programId, month: MONTH } }] };
        });
        const stranded = await snapshot(h.db);
        expect((stranded.credit as { program: number; credit: number }[]).find((c) => c.program === programId)?.credit).toBe(40_000);

        const bill = await billProgram(h.db, actor, p, MONTH);
        expect(bill).toMatchObject({ created: false, paidLines: 2, paidAmount: 2 * 16_800, status: 'partial' });
        const repaired = await snapshot(h.db);
        expect((repaired.credit as { program: number; credit: number }[]).find((c) => c.program === programId)?.credit).toBe(40_000 - 2 * 16_800);
        expect((repaired.enrolments as { status: string; n: number }[]).find((e) => e.status === 'lapsed')?.n).toBe(DEAR);
        const repairs = await h.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'billing_repair').execute();
        expect(repairs).toEqual([{ action: 'billing_repair', after: expect.objectContaining({ programId, month: MONTH, linesPaidFromCredit: 2, creditLeft: 40_000 - 2 * 16_800, lapsed: DEAR }) }]);

        // repaired once: another run changes nothing and writes no audit row
        await billProgram(h.db, actor, p, MONTH);
        expect(await snapshot(h.db)).toEqual(repaired);
      } finally {
        await h.close();
        await copy.drop();
      }
    });
});
