import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';

/** A programme's money: everything paid in, and what of it paid bill lines (the rest is credit). */
export async function programMoney(db: Db | Tx, programId: number): Promise<{ paidIn: number; used: number }> {
  const money = (
    await sql<{ paid_in: string | null; used: string | null }>`
      SELECT (SELECT sum(amount) FROM payment WHERE funding_program_id = ${programId}) AS paid_in,
             (SELECT sum(paid_amount) FROM bill WHERE funding_program_id = ${programId}) AS used`.execute(db)
  ).rows[0]!;
  return { paidIn: Number(money.paid_in ?? 0), used: Number(money.used ?? 0) };
}

/**
 * Applies a programme's unallocated money (all payments − all paid lines) to its unpaid lines:
 * the named bill first, then the oldest bills (arrears before the current month). A line is paid
 * whole or not at all, in enrolment order — so a bill's paid lines are a prefix, kept as its
 * `paid_through` watermark; what cannot pay a whole line stays as credit.
 */
export async function allocate(tx: Tx, programId: number, paidOn: string, paymentId: number | null, firstBillId?: number | null) {
  const money = await programMoney(tx, programId);
  let credit = money.paidIn - money.used;
  const bills = await tx
    .selectFrom('bill')
    .select(['id', 'paid_through'])
    .where('funding_program_id', '=', programId)
    .whereRef('paid_amount', '<', 'amount')
    .orderBy(sql`id = ${firstBillId ?? -1}`, 'desc')
    .orderBy('month')
    .execute();
  let lines = 0;
  for (const b of bills) {
    if (credit <= 0) break;
    // The unpaid lines are the range after the watermark; pay the longest run of them the credit covers.
    const r = (
      await sql<{ n: string; s: string | null; upto: string | null }>`
        SELECT count(*) AS n, max(run) AS s, max(enrolment_id) AS upto FROM (
          SELECT enrolment_id, sum(amount) OVER (ORDER BY enrolment_id) AS run
          FROM bill_line WHERE bill_id = ${b.id} AND enrolment_id > ${b.paid_through}
        ) c WHERE run <= ${credit}`.execute(tx)
    ).rows[0]!;
    const n = Number(r.n);
    const s = Number(r.s ?? 0);
    if (n === 0) break; // not enough for the next whole line: the rest stays as credit
    const upto = Number(r.upto);
    await tx.updateTable('bill').set({ paid_amount: sql`paid_amount + ${s}`, paid_lines: sql`paid_lines + ${n}`, paid_through: upto }).where('id', '=', b.id).execute();
    await tx.insertInto('payment_allocation').values({ payment_id: paymentId, bill_id: b.id, after_enrolment: b.paid_through, through_enrolment: upto, lines: n, amount: s, paid_on: paidOn }).execute();
    credit -= s;
    lines += n;
  }
  return { linesPaid: lines, credit };
}

/** The bill `billId` if it is the programme's. */
export async function programBill(tx: Tx, programId: number, billId: number): Promise<number | undefined> {
  return (await tx.selectFrom('bill').select('id').where('id', '=', billId).where('funding_program_id', '=', programId).executeTakeFirst())?.id;
}

/** Records a payment; undefined when the programme already has one with this (non-empty) reference. */
export async function insertPayment(
  tx: Tx,
  p: { programId: number; amount: number; paidOn: string; reference: string; billId: number | null; source: 'manual' | 'import'; sourceFile?: string; createdBy: string },
) {
  return tx
    .insertInto('payment')
    .values({ funding_program_id: p.programId, amount: p.amount, paid_on: p.paidOn, reference: p.reference, bill_id: p.billId, source: p.source, source_file: p.sourceFile ?? null, created_by: p.createdBy })
    .onConflict((oc) => oc.columns(['funding_program_id', 'reference']).where('reference', '<>', '').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Payments of a programme, newest first (at most 500). */
export async function paymentsOf(db: Db, programId: number) {
  return db.selectFrom('payment').selectAll().where('funding_program_id', '=', programId).orderBy('paid_on', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export async function findEnrolment(db: Db, enrolmentId: number) {
  return db.selectFrom('enrolment').select(['id', 'status', 'village_code', 'funding_program_id', 'segment']).where('id', '=', enrolmentId).executeTakeFirst();
}

/** The enrolment's bill lines, month by month, each with the day a payment covered it (null: unpaid). */
export async function coverMonths(db: Db, enrolmentId: number, programId: number) {
  return db
    .selectFrom('bill as b')
    .innerJoin('bill_line as l', (j) => j.onRef('l.bill_id', '=', 'b.id').on('l.enrolment_id', '=', enrolmentId))
    .select((eb) => [
      'b.month',
      'b.due_date',
      'l.amount',
      eb
        .selectFrom('payment_allocation as pa')
        .select('pa.paid_on')
        .whereRef('pa.bill_id', '=', 'b.id')
        .whereRef('pa.after_enrolment', '<', 'l.enrolment_id')
        .whereRef('pa.through_enrolment', '>=', 'l.enrolment_id')
        .limit(1)
        .as('paid_at'),
    ])
    .where('b.funding_program_id', '=', programId)
    .orderBy('b.month')
    .execute();
}

export async function statusHistory(db: Db, enrolmentId: number) {
  return db.selectFrom('enrolment_status_history').select(['status', 'changed_at', 'changed_by', 'reason']).where('enrolment_id', '=', enrolmentId).orderBy('id').execute();
}
