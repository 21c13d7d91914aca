import { type Insertable, sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion, inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';
import type { ClaimStep, CoverEnrolment } from '../../domain/claims.js';
import type { ClaimListQuery } from './schemas.js';

/** Where a claim lives: the person's village when it was recorded (copied onto the case). */
export const claimScope: EntityScope = {
  name: { id: 'Klaim', en: 'Claim' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('claim_case').select(['id', 'region_code as region']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region])),
};

export type ClaimFilter = Omit<ClaimListQuery, 'page' | 'pageSize' | 'region' | 'overdue'> & { region: string; overdue?: boolean };

const claimColumns = [
  'c.id as id',
  'c.person_id as personId',
  'p.name as personName',
  'p.nik as personNik',
  'c.region_code as region',
  'v.name as regionName',
  'c.type as type',
  'c.incident_date as incidentDate',
  'c.incident_place as incidentPlace',
  'c.description as description',
  'c.traffic_accident as trafficAccident',
  'c.reported_by as reportedBy',
  'c.reported_on as reportedOn',
  'c.step as step',
  'c.step_date as stepDate',
  'c.eligible as eligible',
  'c.reason_code as reasonCode',
  'c.covering_enrolment_id as coveringEnrolmentId',
  'c.group_code as group',
  'c.payer_type as payerType',
  'c.estimate_total as estimateTotal',
  'c.estimate as estimate',
  'c.paid_amount as paidAmount',
  'c.paid_on as paidOn',
  'c.rejection_reason as rejectionReason',
  'c.handed_over_by as handedOverBy',
  'c.handed_over_on as handedOverOn',
  'c.handed_over_place as handedOverPlace',
  'c.handover_note as handoverNote',
  'c.created_by as createdBy',
  'c.created_at as createdAt',
] as const;

/**
 * The SQL form of src/domain/claims.ts `claimOverdue`: a waiting step past its target days
 * (CLAIM_STEP_TARGET_DAYS: reported 14, documents_complete 7, submitted 14, verified 7).
 */
const overdueSql = (today: string) =>
  sql<boolean>`(c.step_date + CASE c.step WHEN 'reported' THEN 14 WHEN 'documents_complete' THEN 7 WHEN 'submitted' THEN 14 WHEN 'verified' THEN 7 END) < ${today}::date`;

function base(db: Db | Tx, f: ClaimFilter, today: string) {
  let q = db
    .selectFrom('claim_case as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('region as v', 'v.code', 'c.region_code')
    .where((eb) => inRegion(eb, 'c.region_code', f.region));
  if (f.step) q = q.where('c.step', '=', f.step);
  if (f.type) q = q.where('c.type', '=', f.type);
  if (f.personId) q = q.where('c.person_id', '=', f.personId);
  if (f.overdue) q = q.where(overdueSql(today));
  return q;
}

export async function listClaims(db: Db, f: ClaimFilter, page: number, pageSize: number, today: string) {
  const q = base(db, f, today);
  const [items, total] = await Promise.all([
    // newest first: the region-range index (region_code, id) serves the filter; one page is read
    q.select(claimColumns).orderBy('c.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as ClaimRow[], total: Number(total.n) };
}

export type ClaimRow = {
  id: number;
  personId: number;
  personName: string;
  personNik: string;
  region: string;
  regionName: string;
  type: Database['claim_case']['type'];
  incidentDate: string;
  incidentPlace: string;
  description: string;
  trafficAccident: boolean;
  reportedBy: string;
  reportedOn: string;
  step: ClaimStep;
  stepDate: string;
  eligible: boolean;
  reasonCode: string | null;
  coveringEnrolmentId: number | null;
  group: string | null;
  payerType: string | null;
  estimateTotal: number;
  estimate: unknown;
  paidAmount: number | null;
  paidOn: string | null;
  rejectionReason: string | null;
  handedOverBy: string | null;
  handedOverOn: string | null;
  handedOverPlace: string | null;
  handoverNote: string | null;
  createdBy: string;
  createdAt: Date;
};

export async function findClaim(db: Db | Tx, id: number, today: string): Promise<ClaimRow | undefined> {
  return (await base(db, { region: 'ID' }, today).select(claimColumns).where('c.id', '=', id).executeTakeFirst()) as ClaimRow | undefined;
}

export function claimSteps(db: Db | Tx, claimId: number) {
  return db
    .selectFrom('claim_step')
    .select(['id', 'from_step as fromStep', 'step', 'step_date as stepDate', 'note', 'by_username as by', 'at'])
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
}

export function claimHeirs(db: Db | Tx, claimId: number) {
  return db.selectFrom('claim_heir').selectAll().where('claim_id', '=', claimId).orderBy('id').execute();
}

export function findHeir(db: Db, claimId: number, heirId: number) {
  return db.selectFrom('claim_heir').selectAll().where('claim_id', '=', claimId).where('id', '=', heirId).executeTakeFirst();
}

/** The latest file of each item of a claim. */
export function claimDocuments(db: Db | Tx, claimId: number) {
  return db
    .selectFrom('claim_document')
    .select(['id', 'item', 'filename', 'content_type as contentType', 'size_bytes as sizeBytes', 'uploaded_by as uploadedBy', 'uploaded_at as uploadedAt'])
    .distinctOn('item')
    .where('claim_id', '=', claimId)
    .orderBy('item')
    .orderBy('id', 'desc')
    .execute();
}

export function findDocument(db: Db, claimId: number, documentId: number) {
  return db.selectFrom('claim_document').selectAll().where('id', '=', documentId).where('claim_id', '=', claimId).executeTakeFirst();
}

export function insertDocument(tx: Tx, values: Insertable<Database['claim_document']>) {
  return tx.insertInto('claim_document').values(values).returningAll().executeTakeFirstOrThrow();
}

export function personForClaim(db: Db | Tx, personId: number) {
  return db.selectFrom('person').select(['id', 'name', 'nik', 'village_code', 'died_on']).where('id', '=', personId).executeTakeFirst();
}

/** The death case of a person that is still standing (not rejected), if any. */
export function standingDeathCase(db: Db | Tx, personId: number) {
  return db
    .selectFrom('claim_case')
    .select(['id', 'incident_date'])
    .where('person_id', '=', personId)
    .where('type', 'in', ['JKM', 'JKK_DEATH'])
    .where('step', '<>', 'rejected')
    .executeTakeFirst();
}

export type CoverRow = CoverEnrolment & {
  declaredIncome: number | null;
  basisIncome: number | null;
  group: string;
  payerType: string | null;
  fundingProgramId: number | null;
};

/**
 * A person's enrolments with their month-by-month cover, in one query: whether protection ever ran
 * (status history), the day it last lapsed, and — for funded enrolments — the due dates of the billed
 * months still unpaid and the billed months paid (a line is paid when enrolment_id <= bill.paid_through).
 * The bills are reached by (funding_program_id, month) and the line by its primary key.
 */
export async function coverOf(db: Db | Tx, personId: number): Promise<CoverRow[]> {
  const { rows } = await sql<{
    id: number;
    programs: string[];
    status: CoverEnrolment['status'];
    segment: string;
    start_date: string;
    end_date: string | null;
    ever_active: boolean;
    lapsed_on: string | null;
    unpaid: string[];
    paid: string[] | null;
    declared_income: number | null;
    basis_income: number | null;
    group_code: string;
    payer_type: string | null;
    funding_program_id: number | null;
  }>`
    SELECT e.id, e.programs, e.status, e.segment, to_char(e.start_date, 'YYYY-MM-DD') AS start_date, to_char(e.end_date, 'YYYY-MM-DD') AS end_date,
           e.status IN ('active', 'lapsed') OR EXISTS (SELECT 1 FROM enrolment_status_history h WHERE h.enrolment_id = e.id AND h.status = 'active') AS ever_active,
           CASE WHEN e.status = 'lapsed' THEN (SELECT to_char(max(h.changed_at) AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') FROM enrolment_status_history h WHERE h.enrolment_id = e.id AND h.status = 'lapsed') END AS lapsed_on,
           ARRAY(SELECT to_char(b.due_date, 'YYYY-MM-DD') FROM bill b JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
                 WHERE b.funding_program_id = e.funding_program_id AND l.enrolment_id > b.paid_through ORDER BY b.due_date)::text[] AS unpaid,
           CASE WHEN e.funding_program_id IS NOT NULL AND EXISTS (SELECT 1 FROM bill b WHERE b.funding_program_id = e.funding_program_id) THEN
             ARRAY(SELECT to_char(b.month, 'YYYY-MM-DD') FROM bill b JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
                   WHERE b.funding_program_id = e.funding_program_id AND l.enrolment_id <= b.paid_through ORDER BY b.month)::text[] END AS paid,
           e.declared_income, fp.basis_income, e.group_code, fp.payer_type, e.funding_program_id
    FROM enrolment e LEFT JOIN funding_program fp ON fp.id = e.funding_program_id
    WHERE e.person_id = ${personId}
    ORDER BY e.id`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    programs: r.programs,
    status: r.status,
    segment: r.segment,
    startDate: r.start_date,
    endDate: r.end_date,
    everActive: r.ever_active,
    lapsedOn: r.lapsed_on,
    unpaidDueDates: r.unpaid,
    paidMonths: r.paid,
    declaredIncome: r.declared_income === null ? null : Number(r.declared_income),
    basisIncome: r.basis_income === null ? null : Number(r.basis_income),
    group: r.group_code,
    payerType: r.payer_type,
    fundingProgramId: r.funding_program_id === null ? null : Number(r.funding_program_id),
  }));
}

export function insertClaim(tx: Tx, values: Insertable<Database['claim_case']>) {
  return tx.insertInto('claim_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertHeirs(tx: Tx, values: Insertable<Database['claim_heir']>[]) {
  return values.length ? tx.insertInto('claim_heir').values(values).returning(['id', 'name', 'relation']).execute() : Promise.resolve([]);
}

export function insertClaimStep(tx: Tx, values: Insertable<Database['claim_step']>) {
  return tx.insertInto('claim_step').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The claim row, locked: two people pressing at once must not both move it. */
export function lockClaim(tx: Tx, id: number) {
  return tx.selectFrom('claim_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export function updateClaim(tx: Tx, id: number, values: Partial<Insertable<Database['claim_case']>>) {
  return tx
    .updateTable('claim_case')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A recorded death: every enrolment of the person not yet ended ends on the incident date (reason
 * `death`, dated history), and the person is marked so no new enrolment starts (0020_claims.sql).
 * Set-based; the coverage and person-count triggers see the ended rows like any other status move.
 */
export async function endEnrolmentsForDeath(tx: Tx, personId: number, incidentDate: string, by: string) {
  const before = await tx.selectFrom('enrolment').select(['id', 'status', 'end_date', 'village_code']).where('person_id', '=', personId).where('status', '<>', 'ended').execute();
  if (before.length) {
    await sql`
      WITH ended AS (
        UPDATE enrolment SET status = 'ended', end_date = ${incidentDate}::date, updated_at = now()
        WHERE person_id = ${personId} AND status <> 'ended' RETURNING id)
      INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
      SELECT id, 'ended', ${by}, 'death' FROM ended`.execute(tx);
  }
  await tx.updateTable('person').set({ died_on: incidentDate, updated_at: new Date() }).where('id', '=', personId).execute();
  return before;
}

export function clearDeath(tx: Tx, personId: number) {
  return tx.updateTable('person').set({ died_on: null, updated_at: new Date() }).where('id', '=', personId).execute();
}

/** Letter data: the person's KPJ (from the covering enrolment) and the village and regency names. */
export async function letterFacts(db: Db, claimId: number) {
  return db
    .selectFrom('claim_case as c')
    .innerJoin('region as v', 'v.code', 'c.region_code')
    .innerJoin('region as k', (j) => j.on(sql<boolean>`k.code = left(c.region_code, 5)`))
    .leftJoin('enrolment as e', 'e.id', 'c.covering_enrolment_id')
    .select(['v.name as villageName', 'k.name as regencyName', 'e.kpj as kpj'])
    .where('c.id', '=', claimId)
    .executeTakeFirstOrThrow();
}

/**
 * Impact of a region in a year (incident year), grouped once per dimension; plus the contributions each
 * payer type paid that year for programmes owned in the region's subtree. One scan of the region's
 * claims per grouping (claim_case_year_idx), no per-claim work.
 */
export async function impactRows(db: Db, region: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const inYear = sql`${inRegionSql('c.region_code', region)} AND c.incident_date >= ${from}::date AND c.incident_date < ${to}::date`;
  const agg = sql`count(*) AS claims, count(*) FILTER (WHERE c.step IN ('paid', 'closed') AND c.paid_amount IS NOT NULL) AS paid,
    coalesce(sum(c.paid_amount), 0) AS paid_total, count(DISTINCT c.person_id) FILTER (WHERE c.paid_amount > 0) AS families`;
  type Agg = { key: string | null; claims: string; paid: string; paid_total: string; families: string };
  const [total, byType, byStep, byGroup, byPayer, uncovered, contributions] = await Promise.all([
    sql<Omit<Agg, 'key'>>`SELECT ${agg} FROM claim_case c WHERE ${inYear}`.execute(db),
    sql<Agg>`SELECT c.type AS key, ${agg} FROM claim_case c WHERE ${inYear} GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ key: string; claims: string }>`SELECT c.step AS key, count(*) AS claims FROM claim_case c WHERE ${inYear} GROUP BY 1 ORDER BY 1`.execute(db),
    sql<Agg>`SELECT c.group_code AS key, ${agg} FROM claim_case c WHERE ${inYear} GROUP BY 1 ORDER BY 1`.execute(db),
    sql<Agg>`SELECT c.payer_type AS key, ${agg} FROM claim_case c WHERE ${inYear} AND c.eligible GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ n: string; s: string | null }>`SELECT count(*) AS n, sum(c.estimate_total) AS s FROM claim_case c WHERE ${inYear} AND NOT c.eligible`.execute(db),
    sql<{ key: string; s: string }>`
      SELECT fp.payer_type AS key, sum(pm.amount) AS s FROM payment pm JOIN funding_program fp ON fp.id = pm.funding_program_id
      WHERE ${inRegionSql('fp.region_code', region)} AND pm.paid_on >= ${from}::date AND pm.paid_on < ${to}::date GROUP BY 1`.execute(db),
  ]);
  return { total: total.rows[0]!, byType: byType.rows, byStep: byStep.rows, byGroup: byGroup.rows, byPayer: byPayer.rows, uncovered: uncovered.rows[0]!, contributions: contributions.rows };
}
