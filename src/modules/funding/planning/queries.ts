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
