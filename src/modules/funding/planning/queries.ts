import { sql } from 'kysely';
import { inRegionSql } from '../../../access/subtree.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';

/** Open enrolments a programme pays for (the statuses that hold cover). */
export async function enrolledCount(db: Db | Tx, programId: number): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment WHERE funding_program_id = ${programId} AND status IN ('submitted', 'registered', 'active')`.execute(db);
  return Number(r.rows[0]!.n);
}

/** A programme's bills of a calendar year. */
export async function billsOfYear(db: Db | Tx, programId: number, year: number) {
  return db
    .selectFrom('bill')
    .select(['month', 'amount', 'paid_amount'])
    .where('funding_program_id', '=', programId)
    .where('month', '>=', `${year}-01-01`)
    .where('month', '<', `${year + 1}-01-01`)
    .execute();
}

/** Open enrolments (distinct people) living in a region: the coverage numerator used for planning. */
export async function activeParticipants(db: Db, region: string): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(DISTINCT person_id) AS n FROM enrolment WHERE status IN ('submitted', 'registered', 'active') AND ${inRegionSql('village_code', region)}`.execute(db);
  return Number(r.rows[0]!.n);
}

/**
 * Open BPU enrolments in a region that lapse within `days` if their bills stay unpaid. The lapse
 * day is the day after the due date of the `months`-th unpaid month: a billed one, or one still to
 * bill after the programme's last bill (due the 15th of the month after).
 */
export async function lapsingEnrolments(db: Db, opts: { region: string; programId?: number; days: number; asOf: string; months: number; limit: number }) {
  const { months, asOf } = opts;
  const byProgram = opts.programId ? sql`e.funding_program_id = ${opts.programId}` : sql`e.funding_program_id IS NOT NULL`;
  const rows = await sql<{ enrolment_id: number; person_name: string; village_code: string; program_id: number; program_name: string; unpaid: string; lapse_date: string }>`
    WITH e AS (
      SELECT e.id, e.person_id, e.village_code, e.funding_program_id FROM enrolment e
      WHERE e.segment = 'BPU' AND e.status = 'active' AND ${byProgram} AND ${inRegionSql('e.village_code', opts.region)}
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
    LIMIT ${opts.limit}`.execute(db);
  return rows.rows;
}
