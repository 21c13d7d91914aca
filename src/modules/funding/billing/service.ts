import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { type Actor, audited, type Tx } from '../../../db/tx.js';
import { billingRates, type BillingRates, dueDate, isMonth, monthStart } from '../../../domain/funding.js';
import { RateMissing } from '../../../domain/rates.js';
import { AppError, errors } from '../../../lib/errors.js';
import { evaluateLapses } from '../payments/lapses.js';
import { allocate, programMoney } from '../payments/queries.js';
import type { ProgramRow } from '../programs/queries.js';
import { ownProgram } from '../programs/service.js';
import { loadSnapshot } from '../rates/queries.js';
import { todayWib } from '../rates/service.js';
import { billIdOfMonth, billLines, billRow, type BillRow, billsOf, insertBill } from './queries.js';
import type { Bill, BillList } from './schemas.js';

function presentBill(b: BillRow, created = false): Bill {
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

async function billView(db: Db | Tx, billId: number, created = false): Promise<Bill> {
  return presentBill(await billRow(db, billId), created);
}

export async function listBills(db: Db, programId: number): Promise<BillList['items']> {
  return (await billsOf(db, programId)).map((b) => presentBill(b));
}

const monthInvalid = () =>
  errors.invalid('body.month', 'MONTH_INVALID', { id: 'Bulan harus berformat YYYY-MM, misalnya 2025-06.', en: 'Month must be YYYY-MM, e.g. 2025-06.' });

/**
 * The monthly billing run of one programme: one bill, one line per funded enrolment, priced in one
 * INSERT … SELECT; credit already paid in is applied to it and BPU lapses re-evaluated, all in the same
 * audited transaction (decisions.md 56). Idempotent: the (programme, month) key means a second run finds
 * the first bill and creates nothing — but repairs a bill that an older version left unpaid beside
 * stranded credit (its credit applied in a second transaction that a kill could cut off).
 */
export async function runBilling(db: Db, user: SessionUser, programId: number, month: string): Promise<Bill> {
  if (!isMonth(month)) throw monthInvalid();
  const program = await ownProgram(db, user, programId);
  return billProgram(db, { id: user.id, username: user.username }, program, month);
}

/** The run itself, for a programme already checked (also used by the demo loader and the benchmark). */
export async function billProgram(db: Db, actor: Actor, program: ProgramRow, month: string): Promise<Bill> {
  const programId = program.id;
  const start = monthStart(month);
  const existing = await billIdOfMonth(db, programId, start);
  if (existing) return repairRun(db, actor, program, existing);
  if (program.status !== 'active') throw new AppError(409, 'FUNDING_PROGRAM_CLOSED', { id: `Program "${program.name}" sudah ditutup.`, en: `Programme "${program.name}" is closed.` });

  let rates: BillingRates;
  try {
    rates = billingRates(await loadSnapshot(db), start);
  } catch (e) {
    if (e instanceof RateMissing) throw errors.invalid('body.month', 'RATE_NOT_CONFIGURED', { id: `Belum ada tarif ${e.key} untuk ${month}.`, en: `No ${e.key} rate for ${month}.` });
    throw e;
  }
  const due = dueDate(start);
  const today = todayWib();
  const result = await audited(db, actor, async (tx) => {
    const billId = await insertBill(tx, { programId, monthStart: start, dueDate: due, rates, createdBy: actor.username });
    if (billId === undefined) return { result: { id: -1, created: false }, audit: [] }; // a concurrent run won the key
    const { workerCount, amount } = await billLines(tx, billId, program, start, rates);
    // Money paid ahead is applied to the new bill at once; then BPU lapses are re-evaluated.
    const { linesPaid, credit } = await allocate(tx, programId, today, null, billId);
    const lapses = await evaluateLapses(tx, actor, programId, today);
    return {
      result: { id: billId, created: true },
      audit: [
        {
          action: 'billing_run',
          entityType: 'bill',
          entityId: String(billId),
          regionCode: program.region_code,
          before: null,
          after: { programId, month, workerCount, amount, dueDate: due, linesPaidFromCredit: linesPaid, creditLeft: credit, ...lapses },
        },
      ],
    };
  });
  if (result.id === -1) return billView(db, (await billIdOfMonth(db, programId, start))!, false);
  return billView(db, result.id, true);
}

/**
 * A repeated run of an existing bill: where the bill is not fully paid and the programme holds credit,
 * the credit is applied and lapses re-evaluated, audited as a repair. Where there is nothing to apply
 * (every bill a finished run left), it writes nothing.
 */
async function repairRun(db: Db, actor: Actor, program: ProgramRow, billId: number): Promise<Bill> {
  const bill = await billRow(db, billId);
  if (bill.paid_amount >= bill.amount) return presentBill(bill, false);
  const money = await programMoney(db, program.id);
  if (money.paidIn - money.used <= 0) return presentBill(bill, false);
  const today = todayWib();
  await audited(db, actor, async (tx) => {
    const { linesPaid, credit } = await allocate(tx, program.id, today, null, billId);
    if (linesPaid === 0) return { result: null, audit: [] };
    const lapses = await evaluateLapses(tx, actor, program.id, today);
    return {
      result: null,
      audit: [{ action: 'billing_repair', entityType: 'bill', entityId: String(billId), regionCode: program.region_code, before: null, after: { programId: program.id, month: bill.month.slice(0, 7), linesPaidFromCredit: linesPaid, creditLeft: credit, ...lapses } }],
    };
  });
  return billView(db, billId, false);
}
