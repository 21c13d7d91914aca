import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { type Actor, audited, type Tx } from '../../../db/tx.js';
import { isMonth, monthStart } from '../../../domain/funding.js';
import { errors } from '../../../lib/errors.js';
import { billIdOfMonth } from '../billing/queries.js';
import type { ProgramRow } from '../programs/queries.js';
import { ownProgram } from '../programs/service.js';
import { todayWib } from '../rates/service.js';
import { evaluateLapses } from './lapses.js';
import { allocate, coverMonths, findEnrolment, insertPayment, paymentsOf, programBill, statusHistory } from './queries.js';
import type { EnrolmentCover, NewPayment, PaymentItem, PaymentResult } from './schemas.js';

/** The bill a payment names (by id or by month), checked to be the programme's; null: none named or not billed yet. */
export async function billFor(tx: Tx, programId: number, p: Pick<NewPayment, 'billId' | 'month'>, field: string): Promise<number | null> {
  if (p.billId) {
    const id = await programBill(tx, programId, p.billId);
    if (!id) throw errors.invalid(`${field}.billId`, 'BILL_UNKNOWN', { id: `Tagihan ${p.billId} bukan milik program ini.`, en: `Bill ${p.billId} is not this programme's.` });
    return id;
  }
  if (p.month) {
    if (!isMonth(p.month)) throw errors.invalid(`${field}.month`, 'MONTH_INVALID', { id: 'Bulan harus YYYY-MM.', en: 'Month must be YYYY-MM.' });
    return (await billIdOfMonth(tx, programId, monthStart(p.month))) ?? null; // paid ahead of billing: stays as credit until that month is billed
  }
  return null;
}

/** One payment by hand: recorded, matched, applied, lapses re-evaluated; all in one audited transaction. */
export async function recordPayment(db: Db, user: SessionUser, programId: number, p: NewPayment, asOf = todayWib()): Promise<PaymentResult> {
  const program = await ownProgram(db, user, programId);
  return recordPaymentAs(db, { id: user.id, username: user.username }, program, p, asOf);
}

/** The payment itself, for a programme already checked (also used by the demo loader). */
export async function recordPaymentAs(db: Db, actor: Actor, program: Pick<ProgramRow, 'id' | 'region_code'>, p: NewPayment, asOf = todayWib()): Promise<PaymentResult> {
  const programId = program.id;
  return audited(db, actor, async (tx) => {
    const billId = await billFor(tx, programId, p, 'body');
    const row = await insertPayment(tx, { programId, amount: p.amount, paidOn: p.paidOn, reference: p.reference ?? '', billId, source: 'manual', createdBy: actor.username });
    if (!row) throw errors.conflict('PAYMENT_DUPLICATE', { id: `Pembayaran dengan referensi "${p.reference}" sudah tercatat.`, en: `A payment with reference "${p.reference}" is already recorded.` }, 'body.reference');
    const applied = await allocate(tx, programId, p.paidOn, row.id, billId);
    const lapses = await evaluateLapses(tx, actor, programId, asOf);
    return {
      result: { id: row.id, fundingProgramId: programId, amount: row.amount, paidOn: row.paid_on, reference: row.reference, billId, ...applied, ...lapses },
      audit: [{ action: 'record_payment', entityType: 'payment', entityId: String(row.id), regionCode: program.region_code, before: null, after: { ...p, billId, ...applied, ...lapses } }],
    };
  });
}

/** Payments of a programme, newest first. */
export async function listPayments(db: Db, programId: number): Promise<PaymentItem[]> {
  const rows = await paymentsOf(db, programId);
  return rows.map((p) => ({ id: p.id, amount: p.amount, paidOn: p.paid_on, reference: p.reference, billId: p.bill_id, source: p.source, sourceFile: p.source_file, createdBy: p.created_by }));
}

/** Which months an enrolment is covered for (paid lines), its arrears, and its status history (the route's scope checked the enrolment). */
export async function enrolmentCover(db: Db, enrolmentId: number): Promise<EnrolmentCover> {
  const e = await findEnrolment(db, enrolmentId);
  if (!e) throw errors.notFound({ id: 'Kepesertaan', en: 'Enrolment' });
  const months = e.funding_program_id ? await coverMonths(db, enrolmentId, e.funding_program_id) : [];
  const history = await statusHistory(db, enrolmentId);
  const today = todayWib();
  return {
    enrolmentId,
    status: e.status,
    segment: e.segment,
    fundingProgramId: e.funding_program_id,
    months: months.map((m) => ({ month: m.month.slice(0, 7), dueDate: m.due_date, amount: m.amount, paidAt: m.paid_at ?? null, covered: m.paid_at != null })),
    arrears: months.filter((m) => m.paid_at == null && m.due_date < today).reduce((a, m) => a + m.amount, 0),
    history: history.map((h) => ({ status: h.status, changedAt: new Date(h.changed_at).toISOString(), changedBy: h.changed_by, reason: h.reason })),
  };
}
