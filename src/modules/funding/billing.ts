import { sql } from 'kysely';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { billingRates, type BillingRates, dueDate, isMonth, monthStart } from '../../domain/funding.js';
import { RateMissing } from '../../domain/rates.js';
import { AppError, errors } from '../../lib/errors.js';
import { type Actor, audited, type Tx } from '../../db/tx.js';
import { findProgram, programForWrite } from './programs.js';
import { allocate, evaluateLapses } from './payments.js';
import { loadSnapshot, todayWib } from './rates.js';

/** Statuses billed: the open ones, which hold cover (lapsed and ended enrolments are not billed). */
const BILLED = sql`('submitted', 'registered', 'active')`;

export interface BillView {
  id: number;
  fundingProgramId: number;
  month: string;
  dueDate: string;
  workerCount: number;
  amount: number;
  paidAmount: number;
  paidLines: number;
  outstanding: number;
  status: 'unpaid' | 'partial' | 'paid';
  /** false when this run found the month already billed (nothing was created) */
  created: boolean;
}

type BillRow = { id: number; funding_program_id: number; month: string; due_date: string; worker_count: number; amount: number; paid_amount: number; paid_lines: number };

export function presentBill(b: BillRow, created = false): BillView {
  return {
    id: b.id,
    fundingProgramId: b.funding_program_id,
    month: b.month.slice(0, 7),
    dueDate: b.due_date,
    workerCount: b.worker_count,
    amount: b.amount,
    paidAmount: b.paid_amount,
    paidLines: b.paid_lines,
    outstanding: b.amount - b.paid_amount,
    status: b.paid_amount >= b.amount ? 'paid' : b.paid_amount === 0 ? 'unpaid' : 'partial',
    created,
  };
}

const BILL_COLUMNS = ['id', 'funding_program_id', 'month', 'due_date', 'worker_count', 'amount', 'paid_amount', 'paid_lines'] as const;

export async function billView(db: Db | Tx, billId: number, created = false): Promise<BillView> {
  return presentBill(await db.selectFrom('bill').select(BILL_COLUMNS).where('id', '=', billId).executeTakeFirstOrThrow(), created);
}

export async function listBills(db: Db, programId: number): Promise<BillView[]> {
  const rows = await db.selectFrom('bill').select(BILL_COLUMNS).where('funding_program_id', '=', programId).orderBy('month').execute();
  return rows.map((b) => presentBill(b));
}

/**
 * The price of one line, in SQL, for the programme's rate basis: the engine's formulas (integer ppm of
 * the enrolment's declared income or wage, else the programme's basis; half-up rounding per figure).
 */
function lineAmountSql(r: BillingRates, p: { segment: string; programs: string[]; basis_income: number; risk_group: number }) {
  const inc = sql`COALESCE(e.declared_income, ${p.basis_income}::bigint)`;
  const ppm = (base: ReturnType<typeof sql>, rate: number) => sql`((${base}) * ${rate}::bigint + 500000) / 1000000`;
  const has = (prog: string) => sql`(${prog} = ANY(e.programs))`;
  const covers = (prog: string) => p.programs.includes(prog);
  if (p.segment === 'BPU') {
    const jht = covers('JHT') ? sql`+ CASE WHEN ${has('JHT')} THEN ${ppm(inc, r.bpuJht)} ELSE 0 END` : sql``;
    return sql`${ppm(inc, r.bpuJkk)} + ${r.bpuJkm}::bigint ${jht}`;
  }
  const capped = sql`LEAST(${inc}, ${r.puJpCap}::bigint)`;
  const jht = covers('JHT') ? sql`+ CASE WHEN ${has('JHT')} THEN ${ppm(inc, r.puJhtEmployer)} + ${ppm(inc, r.puJhtWorker)} ELSE 0 END` : sql``;
  const jp = covers('JP') ? sql`+ CASE WHEN ${has('JP')} THEN ${ppm(capped, r.puJpEmployer)} + ${ppm(capped, r.puJpWorker)} ELSE 0 END` : sql``;
  return sql`${ppm(inc, r.puJkk[p.risk_group - 1]!)} + ${ppm(inc, r.puJkm)} ${jht} ${jp}`;
}

const monthInvalid = () =>
  errors.invalid('body.month', 'MONTH_INVALID', { id: 'Bulan harus berformat YYYY-MM, misalnya 2025-06.', en: 'Month must be YYYY-MM, e.g. 2025-06.' });

/**
 * The monthly billing run of one programme: one bill, one line per funded enrolment, priced in one
 * INSERT … SELECT. Idempotent: the (programme, month) key means a second run finds the first bill
 * and creates nothing. Credit already paid in is applied to the new bill at once.
 */
export async function runBilling(db: Db, user: SessionUser, programId: number, month: string): Promise<BillView> {
  if (!isMonth(month)) throw monthInvalid();
  const program = await programForWrite(db, user, programId);
  return billProgram(db, { id: user.id, username: user.username }, program, month);
}

type Program = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

/** The run itself, for a programme already checked (also used by the demo loader and the benchmark). */
export async function billProgram(db: Db, actor: Actor, program: Program, month: string): Promise<BillView> {
  const programId = program.id;
  const start = monthStart(month);
  const existing = await db.selectFrom('bill').select('id').where('funding_program_id', '=', programId).where('month', '=', start).executeTakeFirst();
  if (existing) return billView(db, existing.id, false);
  if (program.status !== 'active') throw new AppError(409, 'FUNDING_PROGRAM_CLOSED', { id: `Program "${program.name}" sudah ditutup.`, en: `Programme "${program.name}" is closed.` });

  let rates: BillingRates;
  try {
    rates = billingRates(await loadSnapshot(db), start);
  } catch (e) {
    if (e instanceof RateMissing) throw errors.invalid('body.month', 'RATE_NOT_CONFIGURED', { id: `Belum ada tarif ${e.key} untuk ${month}.`, en: `No ${e.key} rate for ${month}.` });
    throw e;
  }
  const due = dueDate(start);
  const result = await audited(db, actor, async (tx) => {
    const bill = await tx
      .insertInto('bill')
      .values({ funding_program_id: programId, month: start, due_date: due, worker_count: 0, amount: 0, rates: JSON.stringify(rates), created_by: actor.username })
      .onConflict((oc) => oc.columns(['funding_program_id', 'month']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!bill) return { result: { id: -1, created: false }, audit: [] }; // a concurrent run won the key
    const totals = (
      await sql<{ n: string; s: string | null }>`
        WITH ins AS (
          INSERT INTO bill_line (bill_id, enrolment_id, amount)
          SELECT ${bill.id}::bigint, e.id, ${lineAmountSql(rates, program)}
          FROM enrolment e
          WHERE e.funding_program_id = ${programId}
            AND e.status IN ${BILLED}
            AND e.start_date < ${start}::date + interval '1 month'
            AND (e.end_date IS NULL OR e.end_date >= ${start}::date)
          RETURNING amount
        )
        SELECT count(*) AS n, sum(amount) AS s FROM ins`.execute(tx)
    ).rows[0]!;
    const workerCount = Number(totals.n);
    const amount = Number(totals.s ?? 0);
    await tx.updateTable('bill').set({ worker_count: workerCount, amount }).where('id', '=', bill.id).execute();
    return {
      result: { id: bill.id, created: true },
      audit: [{ action: 'billing_run', entityType: 'bill', entityId: String(bill.id), regionCode: program.region_code, before: null, after: { programId, month, workerCount, amount, dueDate: due } }],
    };
  });
  if (result.id === -1) {
    const b = await db.selectFrom('bill').select('id').where('funding_program_id', '=', programId).where('month', '=', start).executeTakeFirstOrThrow();
    return billView(db, b.id, false);
  }
  // Money paid ahead is applied to the new bill at once; then BPU lapses are re-evaluated.
  await db.transaction().execute(async (tx) => {
    await allocate(tx, programId, todayWib(), null, result.id);
    await evaluateLapses(tx, actor, programId);
  });
  return billView(db, result.id, true);
}

