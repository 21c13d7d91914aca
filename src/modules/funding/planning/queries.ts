import { sql } from 'kysely';
import { inRegionSql } from '../../../access/subtree.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';

/**
 * What budgetFigures needs of each programme, for many programmes in one statement: open enrolments it
 * pays for, its fiscal year's bills (sum billed, sum paid, months billed), all money paid in and used.
 */
export async function programBudgetFacts(db: Db | Tx, ids: number[]) {
  const r = await sql<{ id: number; enrolled: string; billed: string | null; paid: string | null; months: string[] | null; paid_in: string | null; used: string | null }>`
    SELECT p.id,
      (SELECT count(*) FROM enrolment e WHERE e.funding_program_id = p.id AND e.status IN ('submitted', 'registered', 'active')) AS enrolled,
      y.billed, y.paid, y.months,
      (SELECT sum(amount) FROM payment WHERE funding_program_id = p.id) AS paid_in,
      (SELECT sum(paid_amount) FROM bill WHERE funding_program_id = p.id) AS used
    FROM funding_program p
    LEFT JOIN LATERAL (
      SELECT sum(b.amount) AS billed, sum(b.paid_amount) AS paid, array_agg(to_char(b.month, 'YYYY-MM')) AS months
      FROM bill b WHERE b.funding_program_id = p.id AND b.month >= make_date(p.fiscal_year, 1, 1) AND b.month < make_date(p.fiscal_year + 1, 1, 1)
    ) y ON true
    WHERE p.id IN (${sql.join(ids)})`.execute(db);
  return new Map(
    r.rows.map((row) => [
      Number(row.id),
      { enrolled: Number(row.enrolled), billed: Number(row.billed ?? 0), paid: Number(row.paid ?? 0), billedMonths: row.months ?? [], paidIn: Number(row.paid_in ?? 0), used: Number(row.used ?? 0) },
    ]),
  );
}

/** Open enrolments (distinct people) living in a region: the coverage numerator used for planning. */
export async function activeParticipants(db: Db, region: string): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(DISTINCT person_id) AS n FROM enrolment WHERE status IN ('submitted', 'registered', 'active') AND ${inRegionSql('village_code', region)}`.execute(db);
  return Number(r.rows[0]!.n);
}

/**
 * Open BPU enrolments in a region that may lapse within `days`, with what the lapse rule
 * (src/domain/lapse.ts) needs: the due dates of their first `months` unpaid billed months and the
 * programme's last billed month. The SQL bound is a superset (a weekend due date moves by up to two
 * days); the caller applies the rule exactly. Oldest lapse first.
 */
export async function lapsingEnrolments(db: Db, opts: { region: string; programId?: number; days: number; asOf: string; months: number; limit: number }) {
  const { months, asOf } = opts;
  const byProgram = opts.programId ? sql`e.funding_program_id = ${opts.programId}` : sql`e.funding_program_id IS NOT NULL`;
  const rows = await sql<{
    enrolment_id: number;
    person_name: string;
    nik: string;
    kpj: string | null;
    village_code: string;
    village_name: string | null;
    program_id: number;
    program_name: string;
    unpaid: string;
    unpaid_due: string[] | null;
    last_month: string;
  }>`
    WITH e AS (
      SELECT e.id, e.person_id, e.village_code, e.funding_program_id, e.kpj FROM enrolment e
      WHERE e.segment = 'BPU' AND e.status = 'active' AND ${byProgram} AND ${inRegionSql('e.village_code', opts.region)}
    ), unpaid AS (
      SELECT l.enrolment_id, count(*) AS u, (array_agg(to_char(b.due_date, 'YYYY-MM-DD') ORDER BY b.month))[1:${months}::int] AS due
      FROM e JOIN bill b ON b.funding_program_id = e.funding_program_id
      JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
      WHERE l.enrolment_id > b.paid_through
      GROUP BY l.enrolment_id
    ), last_bill AS (
      SELECT funding_program_id, max(month) AS m FROM bill GROUP BY funding_program_id
    ), w AS (
      SELECT e.id, e.person_id, e.village_code, e.funding_program_id, e.kpj, COALESCE(u.u, 0) AS unpaid, u.due, lb.m,
             (COALESCE(u.due[${months}::int]::date,
                       (lb.m + make_interval(months => ${months}::int - COALESCE(u.u, 0)::int + 1) + interval '14 days')::date)
              + 1) AS approx_lapse
      FROM e JOIN last_bill lb ON lb.funding_program_id = e.funding_program_id
      LEFT JOIN unpaid u ON u.enrolment_id = e.id
    )
    SELECT w.id AS enrolment_id, p.name AS person_name, p.nik, w.kpj, w.village_code, r.name AS village_name,
           w.funding_program_id AS program_id, fp.name AS program_name, w.unpaid, w.due AS unpaid_due,
           to_char(w.m, 'YYYY-MM-DD') AS last_month
    FROM w JOIN person p ON p.id = w.person_id JOIN funding_program fp ON fp.id = w.funding_program_id
    LEFT JOIN region r ON r.code = w.village_code
    WHERE w.approx_lapse <= ${asOf}::date + ${opts.days}::int + 2 AND w.approx_lapse >= ${asOf}::date - 2
    ORDER BY w.approx_lapse, w.id
    LIMIT ${opts.limit}`.execute(db);
  return rows.rows;
}
