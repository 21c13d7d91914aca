import { sql } from 'kysely';
import { inRegion, inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';

/**
 * The few figures of the home pages no other capability already answers. Each is bounded by the
 * caller's region (the subtree predicate) and by a small LIMIT; none walks a whole subtree's people.
 */

/** A village's lines of the bills of `programIds` for the given months (first days), with what of them is paid. */
export async function villageBillShares(db: Db, village: string, programIds: number[], months: string[]) {
  if (!programIds.length) return [];
  const { rows } = await sql<{ bill_id: number; program_id: number; month: string; due_date: string; lines: string; amount: string; paid_amount: string }>`
    SELECT b.id AS bill_id, b.funding_program_id AS program_id, to_char(b.month, 'YYYY-MM') AS month, to_char(b.due_date, 'YYYY-MM-DD') AS due_date,
           count(*) AS lines, sum(l.amount) AS amount,
           COALESCE(sum(l.amount) FILTER (WHERE l.enrolment_id <= b.paid_through), 0) AS paid_amount
    FROM bill b
    JOIN enrolment e ON e.funding_program_id = b.funding_program_id AND e.village_code = ${village}
    JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
    WHERE b.funding_program_id IN (${sql.join(programIds)})
      AND b.month IN (${sql.join(months.map((m) => sql`${m}::date`))})
    GROUP BY b.id`.execute(db);
  return rows.map((r) => ({ ...r, lines: Number(r.lines), amount: Number(r.amount), paid_amount: Number(r.paid_amount) }));
}

/** The payments whose allocations paid any of the village's lines of `billId`, with the part of them applied to those lines. */
export async function paymentsForVillageLines(db: Db, billId: number, village: string) {
  const { rows } = await sql<{ reference: string | null; paid_on: string; amount: string | null; applied: string }>`
    SELECT p.reference, to_char(pa.paid_on, 'YYYY-MM-DD') AS paid_on, p.amount, sum(l.amount) AS applied
    FROM bill b
    JOIN enrolment e ON e.funding_program_id = b.funding_program_id AND e.village_code = ${village}
    JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
    JOIN payment_allocation pa ON pa.bill_id = b.id AND l.enrolment_id > pa.after_enrolment AND l.enrolment_id <= pa.through_enrolment
    LEFT JOIN payment p ON p.id = pa.payment_id
    WHERE b.id = ${billId}
    GROUP BY pa.payment_id, pa.after_enrolment, pa.paid_on, p.reference, p.amount
    ORDER BY pa.paid_on DESC, pa.after_enrolment DESC
    LIMIT 5`.execute(db);
  return rows.map((r) => ({ reference: r.reference ?? '', paidOn: r.paid_on, amount: Number(r.amount ?? r.applied), appliedAmount: Number(r.applied) }));
}

/** Enrolments of a region by status (a village's or a small region's: one grouped index scan). */
export async function enrolmentsByStatus(db: Db, region: string) {
  const rows = await db
    .selectFrom('enrolment')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where((eb) => inRegion(eb, 'village_code', region))
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
}

/** Imports of the region not yet saved (validated or still validating), newest first. */
export async function importsNotSaved(db: Db, region: string, limit: number) {
  return db
    .selectFrom('import_job')
    .select(['id', 'kind', 'filename', 'status', 'counts', 'created_at', 'created_by_username'])
    .where((eb) => inRegion(eb, 'region_code', region))
    .where('status', 'in', ['validating', 'validated'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Enrolments waiting for a KPJ (submitted), oldest first, and how many there are. */
export async function awaitingKpj(db: Db, region: string, limit: number) {
  const base = db.selectFrom('enrolment as e').where('e.status', '=', 'submitted').where((eb) => inRegion(eb, 'e.village_code', region));
  const [items, total] = await Promise.all([
    base
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select(['e.id as enrolmentId', 'p.id as personId', 'p.name', 'p.nik', 'e.village_code as villageCode', 'e.segment', 'e.created_at as createdAt'])
      .orderBy('e.created_at')
      .orderBy('e.id')
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Unpaid or partly paid bills of the given programmes, oldest month first, with the count and the sum outstanding. */
export async function unpaidBillsOf(db: Db, programIds: number[], limit: number) {
  if (!programIds.length) return { items: [], total: 0, outstanding: 0 };
  const base = db.selectFrom('bill').where('funding_program_id', 'in', programIds).whereRef('paid_amount', '<', 'amount');
  const [items, totals] = await Promise.all([
    base.select(['id', 'funding_program_id', 'month', 'due_date', 'amount', 'paid_amount']).orderBy('month').orderBy('id').limit(limit).execute(),
    base.select([(eb) => eb.fn.countAll<string>().as('n'), sql<string>`COALESCE(sum(amount - paid_amount), 0)`.as('s')]).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(totals.n), outstanding: Number(totals.s) };
}

/** Employers of the region with the most workers not registered (declared − registered), most first. */
export async function employersByUnregistered(db: Db, region: string, limit: number) {
  return db
    .selectFrom('employer as e')
    .innerJoin('region as v', 'v.code', 'e.village_code')
    .leftJoin('compliance_case as c', (j) => j.onRef('c.employer_id', '=', 'e.id').on('c.step', 'not in', ['resolved', 'closed']))
    .select(['e.id', 'e.name', 'v.name as regionName', 'e.employees_declared as employeesDeclared', 'e.workers_registered as workersRegistered', 'c.id as openCaseId'])
    .where((eb) => inRegion(eb, 'e.village_code', region))
    .where(sql<boolean>`e.employees_declared > e.workers_registered`)
    .orderBy(sql`e.employees_declared - e.workers_registered`, 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/** The newest audit rows of the region with one of `actions` (or, with `exclude`, any other action). */
export async function auditByAction(db: Db, region: string, actions: string[], limit: number, exclude = false) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_username', 'action', 'entity_type', 'entity_id', 'region_code'])
    .where('action', exclude ? 'not in' : 'in', actions)
    .where(sql<boolean>`${inRegionSql('region_code', region)}`)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
