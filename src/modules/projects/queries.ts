import { sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { OPEN_STATUSES } from '../../domain/worker.js';

const OPEN = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));

/** A project lives in its village. */
export const projectScope: EntityScope = {
  name: { id: 'Proyek', en: 'Project' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('project').select(['id', 'village_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.village_code])),
};

/** A cohort lives in its organiser's region. */
export const cohortScope: EntityScope = {
  name: { id: 'Kohort badan adhoc', en: 'Ad hoc cohort' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('election_cohort').select(['id', 'region_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region_code])),
};

export type ProjectRow = Awaited<ReturnType<typeof projectRows>>[number];

/**
 * One page of a region's projects (key order village, id) with, for the page's rows only, their bills,
 * worker counts and who is covered on `today`.
 */
export async function projectRows(db: Db | Tx, f: { region?: string; id?: number }, today: string, limit = 1, offset = 0) {
  const where = f.id !== undefined ? sql`p.id = ${f.id}` : inRegionSql('p.village_code', f.region!);
  const { rows } = await sql<{
    id: number;
    name: string;
    village_code: string;
    village_name: string;
    owner_type: 'village' | 'agency';
    owner_name: string;
    executor: 'contractor' | 'swakelola';
    contractor_name: string;
    contract_value: string;
    wages_total: string | null;
    spk_date: string;
    start_date: string;
    end_date: string;
    funding_program_id: number;
    program_name: string;
    registration_deadline: string;
    registered_on: string | null;
    jkk: string;
    jkm: string;
    ended_at: Date | null;
    billed: string;
    paid: string;
    due_open: string | null;
    workers: string;
    covered: string;
  }>`
    SELECT p.id, p.name, p.village_code, v.name AS village_name, p.owner_type, p.owner_name, p.executor, p.contractor_name,
           p.contract_value, p.wages_total, to_char(p.spk_date, 'YYYY-MM-DD') AS spk_date, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
           to_char(p.end_date, 'YYYY-MM-DD') AS end_date, p.funding_program_id, fp.name AS program_name,
           to_char(p.registration_deadline, 'YYYY-MM-DD') AS registration_deadline, to_char(p.registered_on, 'YYYY-MM-DD') AS registered_on,
           p.jkk, p.jkm, p.ended_at, b.billed, b.paid, to_char(b.due_open, 'YYYY-MM-DD') AS due_open, w.workers, w.covered
    FROM (SELECT * FROM project p WHERE ${where} ORDER BY p.village_code, p.id LIMIT ${limit} OFFSET ${offset}) p
    JOIN region v ON v.code = p.village_code
    JOIN funding_program fp ON fp.id = p.funding_program_id
    CROSS JOIN LATERAL (SELECT coalesce(sum(amount), 0) AS billed, coalesce(sum(paid_amount), 0) AS paid,
                               min(due_date) FILTER (WHERE paid_amount < amount) AS due_open
                        FROM project_bill WHERE project_id = p.id) b
    CROSS JOIN LATERAL (SELECT count(*) AS workers,
                               count(*) FILTER (WHERE status IN (${OPEN}) AND start_date <= ${today}::date AND (end_date IS NULL OR end_date >= ${today}::date)) AS covered
                        FROM enrolment WHERE project_id = p.id) w
    ORDER BY p.village_code, p.id`.execute(db);
  return rows;
}

export async function countProjects(db: Db, region: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM project p WHERE ${inRegionSql('p.village_code', region)}`.execute(db);
  return Number(rows[0]!.n);
}

export type CohortRow = Awaited<ReturnType<typeof cohortRows>>[number];

export async function cohortRows(db: Db | Tx, f: { region?: string; id?: number }, today: string, limit = 1, offset = 0) {
  const where = f.id !== undefined ? sql`c.id = ${f.id}` : inRegionSql('c.region_code', f.region!);
  const { rows } = await sql<{
    id: number;
    name: string;
    organiser: 'KPU' | 'BAWASLU';
    region_code: string;
    region_name: string;
    election: string;
    stage: string;
    start_date: string;
    end_date: string;
    funding_program_id: number;
    program_name: string;
    ended_at: Date | null;
    workers: string;
    covered: string;
  }>`
    SELECT c.id, c.name, c.organiser, c.region_code, r.name AS region_name, c.election, c.stage,
           to_char(c.start_date, 'YYYY-MM-DD') AS start_date, to_char(c.end_date, 'YYYY-MM-DD') AS end_date,
           c.funding_program_id, fp.name AS program_name, c.ended_at, w.workers, w.covered
    FROM (SELECT * FROM election_cohort c WHERE ${where} ORDER BY c.region_code, c.id LIMIT ${limit} OFFSET ${offset}) c
    JOIN region r ON r.code = c.region_code
    JOIN funding_program fp ON fp.id = c.funding_program_id
    CROSS JOIN LATERAL (SELECT count(*) AS workers,
                               count(*) FILTER (WHERE status IN (${OPEN}) AND start_date <= ${today}::date AND (end_date IS NULL OR end_date >= ${today}::date)) AS covered
                        FROM enrolment WHERE cohort_id = c.id) w
    ORDER BY c.region_code, c.id`.execute(db);
  return rows;
}

export async function countCohorts(db: Db, region: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM election_cohort c WHERE ${inRegionSql('c.region_code', region)}`.execute(db);
  return Number(rows[0]!.n);
}

/** A cohort's months as its programme billed them: amount and paid per month, for its enrolments only. */
export async function cohortBilling(db: Db, cohortId: number, programId: number) {
  const { rows } = await sql<{ month: string; workers: string; amount: string; paid: string }>`
    SELECT to_char(b.month, 'YYYY-MM') AS month, count(*) AS workers, sum(l.amount) AS amount,
           coalesce(sum(l.amount) FILTER (WHERE l.enrolment_id <= b.paid_through), 0) AS paid
    FROM bill b
    JOIN bill_line l ON l.bill_id = b.id
    JOIN enrolment e ON e.id = l.enrolment_id AND e.cohort_id = ${cohortId}
    WHERE b.funding_program_id = ${programId}
    GROUP BY b.month ORDER BY b.month`.execute(db);
  return rows.map((r) => ({ month: r.month, workers: Number(r.workers), amount: Number(r.amount), paid: Number(r.paid) }));
}

export function billsOfProject(db: Db | Tx, projectId: number) {
  return db
    .selectFrom('project_bill')
    .select(['id', 'kind', 'jkk', 'jkm', 'amount', 'paid_amount', sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due_date'), sql<string>`to_char(covers_until, 'YYYY-MM-DD')`.as('covers_until')])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
}

export function paymentsOfProject(db: Db | Tx, projectId: number) {
  return db
    .selectFrom('project_payment')
    .select(['id', 'amount', sql<string>`to_char(paid_on, 'YYYY-MM-DD')`.as('paid_on'), 'reference', 'created_by'])
    .where('project_id', '=', projectId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/**
 * Applies the project's unallocated money (its payments − what its bills have taken) to its unpaid bills,
 * oldest first, in one statement; returns what was applied and the credit left.
 */
export async function allocateProjectMoney(tx: Tx, projectId: number): Promise<{ applied: number; credit: number }> {
  const { rows } = await sql<{ applied: string | null; credit: string }>`
    WITH money AS (
      SELECT (SELECT coalesce(sum(amount), 0) FROM project_payment WHERE project_id = ${projectId})
           - (SELECT coalesce(sum(paid_amount), 0) FROM project_bill WHERE project_id = ${projectId}) AS credit
    ), open AS (
      SELECT b.id, b.amount - b.paid_amount AS owed,
             sum(b.amount - b.paid_amount) OVER (ORDER BY b.id) - (b.amount - b.paid_amount) AS before
      FROM project_bill b WHERE b.project_id = ${projectId} AND b.paid_amount < b.amount
    ), upd AS (
      UPDATE project_bill b SET paid_amount = b.paid_amount + LEAST(o.owed, m.credit - o.before)
      FROM open o, money m
      WHERE b.id = o.id AND m.credit > o.before
      RETURNING LEAST(o.owed, m.credit - o.before) AS applied
    )
    SELECT (SELECT sum(applied) FROM upd) AS applied, (SELECT credit FROM money) AS credit`.execute(tx);
  const applied = Number(rows[0]!.applied ?? 0);
  return { applied, credit: Number(rows[0]!.credit) - applied };
}

/** The open enrolments of a project or cohort move to a new end date, in one statement. */
export async function moveEndDate(tx: Tx, f: { projectId?: number; cohortId?: number }, endDate: string): Promise<number> {
  const owner = f.projectId !== undefined ? sql`project_id = ${f.projectId}` : sql`cohort_id = ${f.cohortId!}`;
  const r = await sql`UPDATE enrolment SET end_date = ${endDate}::date, updated_at = now() WHERE ${owner} AND status IN (${OPEN})`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Ends, on their end date, every project and cohort whose period is over on `today` and the open
 * enrolments they hold, in one statement (with the dated history rows). Returns what ended, for the audit.
 */
export async function endExpired(tx: Tx, today: string, actor: string) {
  const { rows } = await sql<{ kind: 'project' | 'cohort'; id: number; region: string; end_date: string; enrolments: string }>`
    WITH projects AS (
      UPDATE project SET ended_at = now(), updated_at = now() WHERE ended_at IS NULL AND end_date < ${today}::date
      RETURNING id, village_code AS region, end_date
    ), cohorts AS (
      UPDATE election_cohort SET ended_at = now(), updated_at = now() WHERE ended_at IS NULL AND end_date < ${today}::date
      RETURNING id, region_code AS region, end_date
    ), ended AS (
      UPDATE enrolment e SET status = 'ended', updated_at = now()
      WHERE e.status IN (${OPEN})
        AND (e.project_id IN (SELECT id FROM projects) OR e.cohort_id IN (SELECT id FROM cohorts))
      RETURNING e.id, e.project_id, e.cohort_id
    ), history AS (
      INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
      SELECT id, 'ended', ${actor}, CASE WHEN project_id IS NOT NULL THEN 'proyek selesai' ELSE 'masa tugas badan adhoc selesai' END FROM ended
    )
    SELECT 'project' AS kind, p.id, p.region, to_char(p.end_date, 'YYYY-MM-DD') AS end_date, (SELECT count(*) FROM ended WHERE project_id = p.id) AS enrolments FROM projects p
    UNION ALL
    SELECT 'cohort', c.id, c.region, to_char(c.end_date, 'YYYY-MM-DD'), (SELECT count(*) FROM ended WHERE cohort_id = c.id) FROM cohorts c`.execute(tx);
  return rows.map((r) => ({ ...r, enrolments: Number(r.enrolments) }));
}

/** Engaged workers of a project or cohort, one page (NIK masked by the caller). */
export async function engagedWorkers(db: Db, f: { projectId?: number; cohortId?: number }, limit: number, offset: number) {
  const owner = f.projectId !== undefined ? sql`e.project_id = ${f.projectId}` : sql`e.cohort_id = ${f.cohortId!}`;
  const { rows } = await sql<{
    person_id: number;
    enrolment_id: number;
    nik: string;
    name: string;
    village_code: string;
    start_date: string;
    end_date: string | null;
    status: string;
    adhoc_role: string | null;
    polling_station: string | null;
  }>`
    SELECT p.id AS person_id, e.id AS enrolment_id, p.nik, p.name, p.village_code, to_char(e.start_date, 'YYYY-MM-DD') AS start_date,
           to_char(e.end_date, 'YYYY-MM-DD') AS end_date, e.status, e.adhoc_role, e.polling_station
    FROM enrolment e JOIN person p ON p.id = e.person_id
    WHERE ${owner} ORDER BY e.id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows;
}

export async function countEngaged(db: Db, f: { projectId?: number; cohortId?: number }): Promise<number> {
  const owner = f.projectId !== undefined ? sql`project_id = ${f.projectId}` : sql`cohort_id = ${f.cohortId!}`;
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment WHERE ${owner}`.execute(db);
  return Number(rows[0]!.n);
}

/** National holidays as a set of ISO days (a few dozen rows a year). */
export async function holidaySet(db: Db | Tx): Promise<Set<string>> {
  const rows = await db.selectFrom('national_holiday').select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')).execute();
  return new Set(rows.map((r) => r.day));
}
