import { sql } from 'kysely';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { isMonth, monthStart } from '../../domain/funding.js';
import { descendantRange, inSubtree, NATIONAL } from '../../domain/region-code.js';
import { rateAt } from '../../domain/rates.js';
import { readRows, SpreadsheetError } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate, parseRupiah } from '../../lib/spreadsheet/values.js';
import { AppError, errors } from '../../lib/errors.js';
import { type Actor, audited, type Tx } from '../../db/tx.js';
import { findProgram, programForWrite } from './programs.js';
import { loadSnapshot, todayWib } from './rates.js';

const OPEN = sql`('submitted', 'registered', 'active')`;

export async function lapseMonths(db: Db | Tx, date = todayWib()): Promise<number> {
  return rateAt(await loadSnapshot(db as Db), 'BPU_LAPSE_MONTHS', date).value;
}

/**
 * Applies a programme's unallocated money (all payments − all paid lines) to its unpaid lines:
 * the named bill first, then the oldest bills (arrears before the current month). A line is paid
 * whole or not at all, in enrolment order — so a bill's paid lines are a prefix, kept as its
 * `paid_through` watermark; what cannot pay a whole line stays as credit.
 */
export async function allocate(tx: Tx, programId: number, paidOn: string, paymentId: number | null, firstBillId?: number | null) {
  const money = (
    await sql<{ paid_in: string | null; used: string | null }>`
      SELECT (SELECT sum(amount) FROM payment WHERE funding_program_id = ${programId}) AS paid_in,
             (SELECT sum(paid_amount) FROM bill WHERE funding_program_id = ${programId}) AS used`.execute(tx)
  ).rows[0]!;
  let credit = Number(money.paid_in ?? 0) - Number(money.used ?? 0);
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

/**
 * BPU enrolments of a programme with `months` or more unpaid lines past their due date lapse:
 * status history kept; a lapsed enrolment no longer holds its programmes (decisions.md 18), so
 * another payer may then take the person. Lapsed ones whose arrears are all paid become active again
 * where their programmes are still free; where another enrolment holds one meanwhile they stay lapsed
 * (counted as `blocked`).
 */
export async function evaluateLapses(tx: Tx, actor: Actor, programId: number, asOf = todayWib()) {
  const months = await lapseMonths(tx, asOf);
  const lapsed = (
    await sql<{ n: string }>`
      WITH overdue AS (
        SELECT l.enrolment_id FROM bill b JOIN bill_line l ON l.bill_id = b.id
        WHERE b.funding_program_id = ${programId} AND l.enrolment_id > b.paid_through AND b.due_date < ${asOf}::date
        GROUP BY l.enrolment_id HAVING count(*) >= ${months}
      ), lapsed AS (
        UPDATE enrolment e SET status = 'lapsed', updated_at = now() FROM overdue o
        -- only protection that was running can lapse (a submitted or registered enrolment was never active)
        WHERE e.id = o.enrolment_id AND e.segment = 'BPU' AND e.status = 'active'
        RETURNING e.id
      ), history AS (
        INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
        SELECT id, 'lapsed', ${actor.username}, 'unpaid_' || ${months}::text || '_months' FROM lapsed
      )
      SELECT count(*) AS n FROM lapsed`.execute(tx)
  ).rows[0]!;
  const back = (
    await sql<{ n: string; blocked: string }>`
      WITH candidate AS (
        SELECT e.id, e.person_id, e.programs, e.funding_source FROM enrolment e
        WHERE e.funding_program_id = ${programId} AND e.status = 'lapsed' AND e.segment = 'BPU'
          -- only enrolments that lapsed for unpaid contributions come back when paid
          AND (SELECT h.reason FROM enrolment_status_history h WHERE h.enrolment_id = e.id ORDER BY h.id DESC LIMIT 1) LIKE 'unpaid%'
          AND NOT EXISTS (
            SELECT 1 FROM bill b JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
            WHERE b.funding_program_id = ${programId} AND l.enrolment_id > b.paid_through AND b.due_date < ${asOf}::date)
      ), free AS (
        -- one per person, and only where no other open enrolment holds one of its programmes
        -- (the partial unique indexes enrolment_open_* would refuse it)
        SELECT DISTINCT ON (c.person_id) c.* FROM candidate c
        WHERE NOT EXISTS (
          SELECT 1 FROM enrolment o
          WHERE o.person_id = c.person_id AND o.id <> c.id AND o.status IN ${OPEN} AND o.programs && c.programs)
        ORDER BY c.person_id, c.id
      ), back AS (
        UPDATE enrolment e SET status = 'active', updated_at = now() FROM free
        WHERE e.id = free.id RETURNING e.id
      ), history AS (
        INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
        SELECT id, 'active', ${actor.username}, 'arrears_paid' FROM back
      )
      SELECT (SELECT count(*) FROM back) AS n, (SELECT count(*) FROM candidate) - (SELECT count(*) FROM free) AS blocked`.execute(tx)
  ).rows[0]!;
  return { lapsed: Number(lapsed.n), reactivated: Number(back.n), blocked: Number(back.blocked) };
}

export interface PaymentInput {
  amount: number;
  paidOn: string;
  reference?: string;
  /** the bill it pays, by id or by month (YYYY-MM) */
  billId?: number;
  month?: string;
}

async function billFor(tx: Tx, programId: number, p: PaymentInput, field: string): Promise<number | null> {
  if (p.billId) {
    const b = await tx.selectFrom('bill').select('id').where('id', '=', p.billId).where('funding_program_id', '=', programId).executeTakeFirst();
    if (!b) throw errors.invalid(`${field}.billId`, 'BILL_UNKNOWN', { id: `Tagihan ${p.billId} bukan milik program ini.`, en: `Bill ${p.billId} is not this programme's.` });
    return b.id;
  }
  if (p.month) {
    if (!isMonth(p.month)) throw errors.invalid(`${field}.month`, 'MONTH_INVALID', { id: 'Bulan harus YYYY-MM.', en: 'Month must be YYYY-MM.' });
    const b = await tx.selectFrom('bill').select('id').where('funding_program_id', '=', programId).where('month', '=', monthStart(p.month)).executeTakeFirst();
    return b?.id ?? null; // paid ahead of billing: stays as credit until that month is billed
  }
  return null;
}

/** One payment by hand: recorded, matched, applied, lapses re-evaluated; all in one audited transaction. */
export async function recordPayment(db: Db, user: SessionUser, programId: number, p: PaymentInput, asOf = todayWib()) {
  const program = await programForWrite(db, user, programId);
  return recordPaymentAs(db, { id: user.id, username: user.username }, program, p, asOf);
}

/** The payment itself, for a programme already checked (also used by the demo loader). */
export async function recordPaymentAs(db: Db, actor: Actor, program: { id: number; region_code: string }, p: PaymentInput, asOf = todayWib()) {
  const programId = program.id;
  const user = actor;
  return audited(db, actor, async (tx) => {
    const billId = await billFor(tx, programId, p, 'body');
    const row = await tx
      .insertInto('payment')
      .values({ funding_program_id: programId, amount: p.amount, paid_on: p.paidOn, reference: p.reference ?? '', bill_id: billId, source: 'manual', created_by: user.username })
      .onConflict((oc) => oc.columns(['funding_program_id', 'reference']).where('reference', '<>', '').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.conflict('PAYMENT_DUPLICATE', { id: `Pembayaran dengan referensi "${p.reference}" sudah tercatat.`, en: `A payment with reference "${p.reference}" is already recorded.` }, 'body.reference');
    const applied = await allocate(tx, programId, p.paidOn, row.id, billId);
    const lapses = await evaluateLapses(tx, actor, programId, asOf);
    return {
      result: { id: row.id, fundingProgramId: programId, amount: row.amount, paidOn: row.paid_on, reference: row.reference, billId, ...applied, ...lapses },
      audit: [{ action: 'record_payment', entityType: 'payment', entityId: String(row.id), regionCode: program.region_code, before: null, after: { ...p, billId, ...applied, ...lapses } }],
    };
  });
}

export const PAYMENT_COLUMNS = [
  { key: 'program', header: 'ID Program', aliases: ['Program', 'Kode Program', 'Program ID'] },
  { key: 'month', header: 'Bulan', aliases: ['Bulan Tagihan', 'Periode', 'Month'] },
  { key: 'paidOn', header: 'Tanggal Bayar', aliases: ['Tanggal', 'Tgl Bayar', 'Tanggal Transaksi', 'Date'] },
  { key: 'amount', header: 'Jumlah', aliases: ['Nominal', 'Jumlah (Rp)', 'Kredit', 'Amount'] },
  { key: 'reference', header: 'Referensi', aliases: ['No Referensi', 'Keterangan', 'Reference'] },
];

export interface ImportedPayments {
  rows: number;
  recorded: number;
  duplicates: number;
  rejected: { row: number; message: string; messageEn: string }[];
  amount: number;
  linesPaid: number;
  lapsed: number;
  reactivated: number;
}

/**
 * A bank or BPJS TK statement (.xlsx/.csv): each row a payment for a programme (by its id), matched
 * to a month's bill when given. Rows for programmes outside the user's region, bad amounts or dates
 * are reported and skipped; a reference seen before is a duplicate, not a second payment. The
 * accepted rows are recorded, applied and lapses re-evaluated in one audited transaction.
 */
export async function importPayments(db: Db, user: SessionUser, file: { path: string; kind: 'xlsx' | 'csv'; filename: string }, asOf = todayWib()): Promise<ImportedPayments> {
  const out: ImportedPayments = { rows: 0, recorded: 0, duplicates: 0, rejected: [], amount: 0, linesPaid: 0, lapsed: 0, reactivated: 0 };
  const accepted: { row: number; programId: number; amount: number; paidOn: string; reference: string; month?: string }[] = [];
  const programs = new Map<number, { region_code: string } | undefined>();
  const reject = (row: number, id: string, en: string) => out.rejected.push({ row, message: id, messageEn: en });
  try {
    for await (const r of readRows(file.path, file.kind, PAYMENT_COLUMNS)) {
      out.rows++;
      const programId = Number(cellText(r.cells.program).replace(/\D/g, ''));
      if (!programs.has(programId)) programs.set(programId, programId ? await findProgram(db, programId) : undefined);
      const program = programs.get(programId);
      if (!program || !inSubtree(user.regionCode, program.region_code)) {
        reject(r.rowNumber, `Program "${cellText(r.cells.program)}" tidak dikenal atau di luar wilayah Anda.`, `Programme "${cellText(r.cells.program)}" is unknown or outside your region.`);
        continue;
      }
      const amount = parseRupiah(r.cells.amount);
      if (typeof amount !== 'number' || amount <= 0) {
        reject(r.rowNumber, `Jumlah "${cellText(r.cells.amount)}" bukan angka rupiah.`, `Amount "${cellText(r.cells.amount)}" is not rupiah.`);
        continue;
      }
      const date = parseDate(r.cells.paidOn);
      if ('error' in date) {
        reject(r.rowNumber, `Tanggal bayar "${cellText(r.cells.paidOn)}" tidak valid (dd/mm/yyyy).`, `Payment date "${cellText(r.cells.paidOn)}" is not valid (dd/mm/yyyy).`);
        continue;
      }
      const monthText = cellText(r.cells.month).replace(/^(\d{1,2})[/-](\d{4})$/, (_m, mm: string, yyyy: string) => `${yyyy}-${mm.padStart(2, '0')}`);
      if (monthText && !isMonth(monthText)) {
        reject(r.rowNumber, `Bulan "${monthText}" harus YYYY-MM atau MM/YYYY.`, `Month "${monthText}" must be YYYY-MM or MM/YYYY.`);
        continue;
      }
      accepted.push({ row: r.rowNumber, programId, amount, paidOn: date.date, reference: cellText(r.cells.reference).slice(0, 200), ...(monthText ? { month: monthText } : {}) });
    }
  } catch (e) {
    if (e instanceof SpreadsheetError) throw new AppError(422, e.code, { id: e.messageId, en: e.messageEn }, 'file', undefined, e.details);
    throw e;
  }
  const actor = { id: user.id, username: user.username };
  return audited(db, actor, async (tx) => {
    const touched = new Map<number, string>();
    for (const a of accepted) {
      const billId = await billFor(tx, a.programId, a, `row ${a.row}`);
      const row = await tx
        .insertInto('payment')
        .values({ funding_program_id: a.programId, amount: a.amount, paid_on: a.paidOn, reference: a.reference, bill_id: billId, source: 'import', source_file: file.filename, created_by: user.username })
        .onConflict((oc) => oc.columns(['funding_program_id', 'reference']).where('reference', '<>', '').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) {
        out.duplicates++;
        continue;
      }
      out.recorded++;
      out.amount += a.amount;
      const applied = await allocate(tx, a.programId, a.paidOn, row.id, billId);
      out.linesPaid += applied.linesPaid;
      touched.set(a.programId, programs.get(a.programId)!.region_code);
    }
    for (const programId of touched.keys()) {
      const l = await evaluateLapses(tx, actor, programId, asOf);
      out.lapsed += l.lapsed;
      out.reactivated += l.reactivated;
    }
    return {
      result: out,
      audit: [...touched].map(([programId, region]) => ({ action: 'import_payments', entityType: 'funding_program', entityId: String(programId), regionCode: region, before: null, after: { file: file.filename, rows: out.rows, recorded: out.recorded, duplicates: out.duplicates, rejected: out.rejected.length } })),
    };
  });
}

/** Payments of a programme, newest first. */
export async function listPayments(db: Db, programId: number) {
  const rows = await db.selectFrom('payment').selectAll().where('funding_program_id', '=', programId).orderBy('paid_on', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map((p) => ({ id: p.id, amount: p.amount, paidOn: p.paid_on, reference: p.reference, billId: p.bill_id, source: p.source, sourceFile: p.source_file, createdBy: p.created_by }));
}

/**
 * Early warning: open BPU enrolments that lapse within `days` if their bills stay unpaid. The lapse
 * day is the day after the due date of the `months`-th unpaid month: a billed one, or one still to
 * bill after the programme's last bill (due the 15th of the month after). Scoped to a region.
 */
export async function earlyWarning(db: Db, opts: { region: string; programId?: number; days: number; asOf?: string; limit?: number }) {
  const asOf = opts.asOf ?? todayWib();
  const months = await lapseMonths(db, asOf);
  const range = descendantRange(opts.region);
  const inRegion = opts.region === NATIONAL ? sql`true` : sql`(e.village_code = ${opts.region} OR (e.village_code >= ${range.from} AND e.village_code < ${range.to}))`;
  const byProgram = opts.programId ? sql`e.funding_program_id = ${opts.programId}` : sql`e.funding_program_id IS NOT NULL`;
  const rows = await sql<{ enrolment_id: number; person_name: string; village_code: string; program_id: number; program_name: string; unpaid: string; lapse_date: string }>`
    WITH e AS (
      SELECT e.id, e.person_id, e.village_code, e.funding_program_id FROM enrolment e
      WHERE e.segment = 'BPU' AND e.status = 'active' AND ${byProgram} AND ${inRegion}
    ), unpaid AS (
      SELECT l.enrolment_id, count(*) AS u, (array_agg(b.due_date ORDER BY b.month))[${months}::int] AS nth_due
      FROM e JOIN bill b ON b.funding_program_id = e.funding_program_id
      JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
      WHERE l.enrolment_id > b.paid_through
      GROUP BY l.enrolment_id
    ), last_bill AS (
      SELECT funding_program_id, max(month) AS m FROM bill GROUP BY funding_program_id
    ), w AS (
      SELECT e.id, e.person_id, e.village_code, e.funding_program_id, COALESCE(u.u, 0) AS unpaid,
             (COALESCE(u.nth_due,
                       (lb.m + make_interval(months => ${months}::int - COALESCE(u.u, 0)::int + 1) + interval '14 days')::date)
              + 1) AS lapse_date
      FROM e JOIN last_bill lb ON lb.funding_program_id = e.funding_program_id
      LEFT JOIN unpaid u ON u.enrolment_id = e.id
    )
    SELECT w.id AS enrolment_id, p.name AS person_name, w.village_code, w.funding_program_id AS program_id, fp.name AS program_name, w.unpaid, w.lapse_date
    FROM w JOIN person p ON p.id = w.person_id JOIN funding_program fp ON fp.id = w.funding_program_id
    WHERE w.lapse_date <= ${asOf}::date + ${opts.days}::int
    ORDER BY w.lapse_date, w.id
    LIMIT ${opts.limit ?? 500}`.execute(db);
  const items = rows.rows.map((r) => ({
    enrolmentId: r.enrolment_id,
    name: r.person_name,
    villageCode: r.village_code,
    programId: r.program_id,
    programName: r.program_name,
    unpaidMonths: Number(r.unpaid),
    lapseDate: String(r.lapse_date).slice(0, 10),
    overdue: String(r.lapse_date).slice(0, 10) <= asOf,
  }));
  const byProgramTotals = new Map<number, { programId: number; programName: string; count: number }>();
  for (const i of items) {
    const t = byProgramTotals.get(i.programId) ?? { programId: i.programId, programName: i.programName, count: 0 };
    t.count++;
    byProgramTotals.set(i.programId, t);
  }
  return { asOf, days: opts.days, lapseMonths: months, items, byProgram: [...byProgramTotals.values()] };
}

/** Which months an enrolment is covered for (paid lines), its arrears, and its status history. */
export async function enrolmentCover(db: Db, user: SessionUser, enrolmentId: number) {
  const e = await db.selectFrom('enrolment').select(['id', 'status', 'village_code', 'funding_program_id', 'segment']).where('id', '=', enrolmentId).executeTakeFirst();
  if (!e || !inSubtree(user.regionCode, e.village_code)) throw errors.notFound({ id: 'Kepesertaan', en: 'Enrolment' });
  const months = e.funding_program_id
    ? await db
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
        .where('b.funding_program_id', '=', e.funding_program_id)
        .orderBy('b.month')
        .execute()
    : [];
  const history = await db.selectFrom('enrolment_status_history').select(['status', 'changed_at', 'changed_by', 'reason']).where('enrolment_id', '=', enrolmentId).orderBy('id').execute();
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

