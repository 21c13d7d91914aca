import type { Program } from '../../../domain/worker.js';
import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import type { BillingRates } from '../../../domain/funding.js';
import type { ProgramRow } from '../programs/queries.js';

/** Statuses billed: the open ones, which hold cover (lapsed and ended enrolments are not billed). */
const BILLED = sql`('submitted', 'registered', 'active')`;

const BILL_COLUMNS = ['id', 'funding_program_id', 'month', 'due_date', 'worker_count', 'amount', 'paid_amount', 'paid_lines'] as const;

export type BillRow = { id: number; funding_program_id: number; month: string; due_date: string; worker_count: number; amount: number; paid_amount: number; paid_lines: number };

export async function billRow(db: Db | Tx, billId: number): Promise<BillRow> {
  return db.selectFrom('bill').select(BILL_COLUMNS).where('id', '=', billId).executeTakeFirstOrThrow();
}

export async function billsOf(db: Db, programId: number): Promise<BillRow[]> {
  return db.selectFrom('bill').select(BILL_COLUMNS).where('funding_program_id', '=', programId).orderBy('month').execute();
}

/** The id of the programme's bill for a month (its first day), if billed. */
export async function billIdOfMonth(db: Db | Tx, programId: number, monthStart: string): Promise<number | undefined> {
  return (await db.selectFrom('bill').select('id').where('funding_program_id', '=', programId).where('month', '=', monthStart).executeTakeFirst())?.id;
}

/**
 * The price of one line, in SQL, for the programme's rate basis: the engine's formulas (integer ppm of
 * the enrolment's declared income or wage, else the programme's basis; half-up rounding per figure).
 */
function lineAmountSql(r: BillingRates, p: Pick<ProgramRow, 'segment' | 'programs' | 'basis_income' | 'risk_group'>) {
  const inc = sql`COALESCE(e.declared_income, ${p.basis_income}::bigint)`;
  const ppm = (base: ReturnType<typeof sql>, rate: number) => sql`((${base}) * ${rate}::bigint + 500000) / 1000000`;
  const has = (prog: Program) => sql`(${prog} = ANY(e.programs))`;
  const covers = (prog: Program) => p.programs.includes(prog);
  if (p.segment === 'BPU') {
    const jht = covers('JHT') ? sql`+ CASE WHEN ${has('JHT')} THEN ${ppm(inc, r.bpuJht)} ELSE 0 END` : sql``;
    return sql`${ppm(inc, r.bpuJkk)} + ${r.bpuJkm}::bigint ${jht}`;
  }
  const capped = sql`LEAST(${inc}, ${r.puJpCap}::bigint)`;
  const jht = covers('JHT') ? sql`+ CASE WHEN ${has('JHT')} THEN ${ppm(inc, r.puJhtEmployer)} + ${ppm(inc, r.puJhtWorker)} ELSE 0 END` : sql``;
  const jp = covers('JP') ? sql`+ CASE WHEN ${has('JP')} THEN ${ppm(capped, r.puJpEmployer)} + ${ppm(capped, r.puJpWorker)} ELSE 0 END` : sql``;
  return sql`${ppm(inc, r.puJkk[p.risk_group - 1]!)} + ${ppm(inc, r.puJkm)} ${jht} ${jp}`;
}

/** Inserts the (programme, month) bill, empty; undefined when a concurrent run holds the key. */
export async function insertBill(tx: Tx, b: { programId: number; monthStart: string; dueDate: string; rates: BillingRates; createdBy: string }): Promise<number | undefined> {
  const bill = await tx
    .insertInto('bill')
    .values({ funding_program_id: b.programId, month: b.monthStart, due_date: b.dueDate, worker_count: 0, amount: 0, rates: JSON.stringify(b.rates), created_by: b.createdBy })
    .onConflict((oc) => oc.columns(['funding_program_id', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return bill?.id;
}

/**
 * One line per funded enrolment whose dates overlap the month, priced in one INSERT … SELECT; the
 * bill's totals are set from what was inserted.
 */
export async function billLines(tx: Tx, billId: number, program: ProgramRow, monthStart: string, rates: BillingRates): Promise<{ workerCount: number; amount: number }> {
  const totals = (
    await sql<{ n: string; s: string | null }>`
      WITH ins AS (
        INSERT INTO bill_line (bill_id, enrolment_id, amount)
        SELECT ${billId}::bigint, e.id, ${lineAmountSql(rates, program)}
        FROM enrolment e
        WHERE e.funding_program_id = ${program.id}
          AND e.status IN ${BILLED}
          AND e.start_date < ${monthStart}::date + interval '1 month'
          AND (e.end_date IS NULL OR e.end_date >= ${monthStart}::date)
        RETURNING amount
      )
      SELECT count(*) AS n, sum(amount) AS s FROM ins`.execute(tx)
  ).rows[0]!;
  const workerCount = Number(totals.n);
  const amount = Number(totals.s ?? 0);
  await tx.updateTable('bill').set({ worker_count: workerCount, amount }).where('id', '=', billId).execute();
  return { workerCount, amount };
}
