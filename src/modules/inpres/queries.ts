import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion, inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';
import type { ActionStatus } from '../../domain/inpres.js';
import type { Group } from '../../domain/worker.js';

/** All SQL of Inpres accountability (issue 15). Figures are computed for a set of sibling units in one pass per source. */

export const regulationScope: EntityScope = {
  name: { id: 'Regulasi', en: 'Regulation' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('regulation').select(['id', 'region_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region_code])),
};

export const actionScope: EntityScope = {
  name: { id: 'Tindak lanjut', en: 'Follow-up action' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('inpres_action').select(['id', 'region_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region_code])),
};

// ── regulations ──

export function insertRegulation(tx: Tx, values: Insertable<Database['regulation']>) {
  return tx.insertInto('regulation').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findRegulation(db: Db, id: number) {
  return db.selectFrom('regulation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Regulations of a region's subtree, newest first, one page. */
export async function listRegulations(db: Db, region: string, page: number, pageSize: number) {
  const base = db.selectFrom('regulation as g').where((eb) => inRegion(eb, 'g.region_code', region));
  const [items, total] = await Promise.all([
    base
      .innerJoin('region as r', 'r.code', 'g.region_code')
      .select(['g.id', 'g.region_code', 'r.name as region_name', 'g.type', 'g.number', 'g.title', 'g.signed_on', 'g.in_force_on', 'g.groups', 'g.requires', 'g.document_name', 'g.document_size'])
      .orderBy('g.signed_on', 'desc')
      .orderBy('g.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ── target groups, allocations ──

export function targetGroupsOf(db: Db | Tx, region: string, year: number) {
  return db.selectFrom('target_group').selectAll().where('region_code', '=', region).where('year', '=', year).orderBy('group_code').execute();
}

export async function upsertTargetGroups(tx: Tx, region: string, year: number, rows: { group: Group; size: number; source: string }[], by: string) {
  await tx
    .insertInto('target_group')
    .values(rows.map((g) => ({ region_code: region, year, group_code: g.group, size: g.size, source: g.source, updated_by: by })))
    .onConflict((oc) => oc.columns(['region_code', 'year', 'group_code']).doUpdateSet((eb) => ({ size: eb.ref('excluded.size'), source: eb.ref('excluded.source'), updated_by: by, updated_at: sql`now()` })))
    .execute();
}

export function insertAllocation(tx: Tx, values: Insertable<Database['budget_allocation']>) {
  return tx.insertInto('budget_allocation').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listAllocations(db: Db, region: string, year: number) {
  const items = await db.selectFrom('budget_allocation').selectAll().where((eb) => inRegion(eb, 'region_code', region)).where('fiscal_year', '=', year).orderBy('region_code').orderBy('id').limit(500).execute();
  return items;
}

// ── meetings and actions ──

export function insertMeeting(tx: Tx, values: Insertable<Database['inpres_meeting']>) {
  return tx.insertInto('inpres_meeting').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertActions(tx: Tx, values: Insertable<Database['inpres_action']>[]) {
  if (values.length === 0) return Promise.resolve([]);
  return tx.insertInto('inpres_action').values(values).returningAll().execute();
}

/** A region's own meetings (not its children's), newest first, one page, with their actions. */
export async function listMeetings(db: Db, region: string, page: number, pageSize: number) {
  const base = db.selectFrom('inpres_meeting').where('region_code', '=', region);
  const [meetings, total] = await Promise.all([
    base.selectAll().orderBy('held_on', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const actions = meetings.length === 0 ? [] : await db.selectFrom('inpres_action').selectAll().where('meeting_id', 'in', meetings.map((m) => m.id)).orderBy('id').execute();
  return { meetings, actions, total: Number(total.n) };
}

export function findAction(db: Db | Tx, id: number) {
  return db.selectFrom('inpres_action').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateAction(tx: Tx, id: number, status: ActionStatus, doneOn: string | null) {
  return tx.updateTable('inpres_action').set({ status, done_on: doneOn, updated_at: sql`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Unfinished actions of a region (its own meetings) past their due date, oldest due first. */
export function overdueActionsOf(db: Db, region: string, today: string, limit = 100) {
  return db
    .selectFrom('inpres_action')
    .selectAll()
    .where('region_code', '=', region)
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_on', '<', today)
    .orderBy('due_on')
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ── figures of a set of sibling units ──

/**
 * The units a scorecard is computed for: every region of code length `len` inside `root`'s subtree
 * (`len` 0 = the country itself). Children of a region: root = the region, len = its children's length;
 * one region: root = the region, len = its own length.
 */
export interface Units {
  root: string;
  len: number;
}

const unitOf = (u: Units, column: string): RawBuilder<string> => (u.len === 0 ? sql<string>`'ID'` : sql<string>`left(${sql.ref(column)}, ${u.len})`);
/** The column holds a code at the units' own level (not above: a province's Pergub is not its regencies'). */
const atUnitLevel = (u: Units, column: string) => (u.len === 0 ? sql`${sql.ref(column)} = 'ID'` : sql`length(${sql.ref(column)}) = ${u.len}`);
const atOrBelow = (u: Units, column: string) => (u.len === 0 ? sql`true` : sql`length(${sql.ref(column)}) >= ${u.len}`);

export interface RegulationFigures {
  binding: number;
  nonBinding: number;
  licensing: number;
  numbers: string[];
}

/** Each unit's own regulations signed and in force by `asOfEnd`. */
export async function regulationFigures(db: Db, u: Units, asOfEnd: string): Promise<Map<string, RegulationFigures>> {
  const { rows } = await sql<{ unit: string; binding: number; non_binding: number; licensing: number; numbers: string[] }>`
    SELECT region_code AS unit,
           count(*) FILTER (WHERE type IN ('PERDA', 'PERKADA', 'PERDES'))::int AS binding,
           count(*) FILTER (WHERE type IN ('SE', 'SK'))::int AS non_binding,
           count(*) FILTER (WHERE 'LICENSING' = ANY (requires))::int AS licensing,
           array_agg(number ORDER BY signed_on, id) AS numbers
    FROM regulation
    WHERE ${inRegionSql('region_code', u.root)} AND ${atUnitLevel(u, 'region_code')}
      AND signed_on <= ${asOfEnd} AND (in_force_on IS NULL OR in_force_on <= ${asOfEnd})
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.unit, { binding: r.binding, nonBinding: r.non_binding, licensing: r.licensing, numbers: r.numbers }]));
}

export interface BudgetFigures {
  fromPrograms: number;
  declared: number;
  billed: number;
  paid: number;
  villagesBudgeted: number;
  villageAllocation: number;
  villagesTotal: number;
}

/**
 * Money for the fiscal year in each unit's subtree (its own programmes and those of the regions inside
 * it: villages' Dana Desa rolls up), bills from January to `asOfEnd` and what was paid of them, and the
 * desa that budgeted (a Dana Desa/BHP programme or declared allocation above zero).
 */
export async function budgetFigures(db: Db, u: Units, year: number, asOfEnd: string): Promise<Map<string, BudgetFigures>> {
  const { rows } = await sql<{ unit: string; from_programs: number; declared: number; billed: number; paid: number; villages_budgeted: number; village_allocation: number; villages_total: number }>`
    WITH p AS (
      SELECT id, region_code, payer_type, budget FROM funding_program
      WHERE ${inRegionSql('region_code', u.root)} AND ${atOrBelow(u, 'region_code')} AND fiscal_year = ${year}
    ), a AS (
      SELECT region_code, source, amount FROM budget_allocation
      WHERE ${inRegionSql('region_code', u.root)} AND ${atOrBelow(u, 'region_code')} AND fiscal_year = ${year}
    ), b AS (
      SELECT ${unitOf(u, 'p.region_code')} AS unit, sum(bl.amount)::bigint AS billed, sum(bl.paid_amount)::bigint AS paid
      FROM p JOIN bill bl ON bl.funding_program_id = p.id
      WHERE bl.month >= ${`${year}-01-01`} AND bl.month <= ${asOfEnd}
      GROUP BY 1
    ), v AS (
      SELECT region_code, sum(money)::bigint AS money FROM (
        SELECT region_code, budget AS money FROM p WHERE payer_type IN ('DANA_DESA', 'BHP') AND length(region_code) = 13
        UNION ALL
        SELECT region_code, amount FROM a WHERE source IN ('DANA_DESA', 'BHP') AND length(region_code) = 13
      ) x GROUP BY 1 HAVING sum(money) > 0
    ), m AS (
      SELECT ${unitOf(u, 'region_code')} AS unit, sum(budget)::bigint AS from_programs, 0::bigint AS declared FROM p GROUP BY 1
      UNION ALL
      SELECT ${unitOf(u, 'region_code')}, 0, sum(amount)::bigint FROM a GROUP BY 1
    ), vt AS (
      SELECT ${unitOf(u, 'code')} AS unit, count(*)::int AS villages_total FROM region
      WHERE level = 'village' AND kind = 'desa' AND ${inRegionSql('code', u.root)} GROUP BY 1
    ), vb AS (
      SELECT ${unitOf(u, 'v.region_code')} AS unit, count(*)::int AS villages_budgeted, sum(v.money)::bigint AS village_allocation
      FROM v JOIN region r ON r.code = v.region_code AND r.kind = 'desa' GROUP BY 1
    ), units AS (SELECT unit FROM m UNION SELECT unit FROM vt UNION SELECT unit FROM b)
    SELECT units.unit,
           coalesce((SELECT sum(from_programs) FROM m WHERE m.unit = units.unit), 0)::bigint AS from_programs,
           coalesce((SELECT sum(declared) FROM m WHERE m.unit = units.unit), 0)::bigint AS declared,
           coalesce(b.billed, 0)::bigint AS billed, coalesce(b.paid, 0)::bigint AS paid,
           coalesce(vb.villages_budgeted, 0) AS villages_budgeted, coalesce(vb.village_allocation, 0)::bigint AS village_allocation,
           coalesce(vt.villages_total, 0) AS villages_total
    FROM units LEFT JOIN b USING (unit) LEFT JOIN vb USING (unit) LEFT JOIN vt USING (unit)`.execute(db);
  return new Map(
    rows.map((r) => [
      r.unit,
      {
        fromPrograms: Number(r.from_programs),
        declared: Number(r.declared),
        billed: Number(r.billed),
        paid: Number(r.paid),
        villagesBudgeted: r.villages_budgeted,
        villageAllocation: Number(r.village_allocation),
        villagesTotal: r.villages_total,
      },
    ]),
  );
}

export interface GroupFigure {
  group: Group;
  size: number;
  covered: number;
  source: string;
}

/** Each unit's declared groups for the year with their active participants (latest enrolment active, registry counts). */
export async function groupFigures(db: Db, u: Units, year: number): Promise<Map<string, GroupFigure[]>> {
  const { rows } = await sql<{ unit: string; group_code: Group; size: number; source: string; covered: number }>`
    SELECT tg.region_code AS unit, tg.group_code, tg.size, tg.source,
           coalesce((SELECT sum(pc.n) FROM person_count pc
                     WHERE pc.region_code = tg.region_code AND pc.status = 'active' AND pc.group_code = tg.group_code), 0)::int AS covered
    FROM target_group tg
    WHERE ${inRegionSql('tg.region_code', u.root)} AND ${atUnitLevel(u, 'tg.region_code')} AND tg.year = ${year}
    ORDER BY 1, 2`.execute(db);
  const out = new Map<string, GroupFigure[]>();
  for (const r of rows) out.set(r.unit, [...(out.get(r.unit) ?? []), { group: r.group_code, size: r.size, covered: r.covered, source: r.source }]);
  return out;
}

/**
 * Desa Sadar Jamsostek per unit: villages of the subtree that declared perangkat desa + BPD for the
 * year, and those whose active perangkat desa + BPD reach the declared number.
 */
export async function desaSadarFigures(db: Db, u: Units, year: number): Promise<Map<string, { declared: number; sadar: number }>> {
  const { rows } = await sql<{ unit: string; declared: number; sadar: number }>`
    WITH d AS (
      SELECT region_code, sum(size)::int AS declared FROM target_group
      WHERE ${inRegionSql('region_code', u.root)} AND length(region_code) = 13 AND year = ${year} AND group_code IN ('PERANGKAT_DESA', 'BPD')
      GROUP BY 1 HAVING sum(size) > 0
    ), a AS (
      SELECT d.region_code, d.declared,
             coalesce((SELECT sum(pc.n) FROM person_count pc WHERE pc.region_code = d.region_code AND pc.status = 'active' AND pc.group_code IN ('PERANGKAT_DESA', 'BPD')), 0) AS active
      FROM d
    )
    SELECT ${unitOf(u, 'region_code')} AS unit, count(*)::int AS declared, count(*) FILTER (WHERE active >= declared)::int AS sadar
    FROM a GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.unit, { declared: r.declared, sadar: r.sadar }]));
}

/** Villages of a subtree by Desa Sadar status, for ranking villages: declared officials, active officials. */
export async function villageOfficials(db: Db, region: string, year: number, limit: number) {
  const { rows } = await sql<{ code: string; name: string; declared: number; active: number }>`
    SELECT tg.region_code AS code, r.name, sum(tg.size)::int AS declared,
           coalesce((SELECT sum(pc.n) FROM person_count pc WHERE pc.region_code = tg.region_code AND pc.status = 'active' AND pc.group_code IN ('PERANGKAT_DESA', 'BPD')), 0)::int AS active
    FROM target_group tg JOIN region r ON r.code = tg.region_code
    WHERE ${inRegionSql('tg.region_code', region)} AND length(tg.region_code) = 13 AND tg.year = ${year} AND tg.group_code IN ('PERANGKAT_DESA', 'BPD')
    GROUP BY 1, 2
    ORDER BY 1
    LIMIT ${limit}`.execute(db);
  return rows;
}

export interface ComplianceFigures {
  nonCompliantEmployers: number;
  opened: number;
  escalated: number;
  resolved: number;
  villagesTotal: number;
  villagesReached: number;
  officialMonths: number;
}

/**
 * Per unit: employers known not to comply; compliance cases opened in the year up to `asOfEnd`, those
 * that reached the prosecutor's office or a sanction recommendation, those resolved; desa reached by
 * outreach; months of official BPJS TK data received for the year (data integration).
 */
export async function complianceFigures(db: Db, u: Units, year: number, asOfEnd: string): Promise<Map<string, ComplianceFigures>> {
  const from = `${year}-01-01`;
  const { rows } = await sql<{ unit: string; kind: string; a: number; b: number; c: number }>`
    SELECT ${unitOf(u, 'village_code')} AS unit, 'employers' AS kind, count(*)::int AS a, 0 AS b, 0 AS c
    FROM employer WHERE ${inRegionSql('village_code', u.root)} AND NOT (statuses <@ ARRAY['compliant']::text[]) GROUP BY 1
    UNION ALL
    SELECT ${unitOf(u, 'cc.region_code')}, 'cases', count(*)::int,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM compliance_case_step s WHERE s.case_id = cc.id AND s.step IN ('referred_skk', 'sanction_recommended') AND s.step_date <= ${asOfEnd}))::int,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM compliance_case_step s WHERE s.case_id = cc.id AND s.step = 'resolved' AND s.step_date <= ${asOfEnd}))::int
    FROM compliance_case cc
    WHERE ${inRegionSql('cc.region_code', u.root)} AND cc.created_at >= ${from}::date AND cc.created_at < (${asOfEnd}::date + 1)
    GROUP BY 1
    UNION ALL
    SELECT ${unitOf(u, 'v.code')}, 'outreach', count(*)::int, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outreach_village ov WHERE ov.village_code = v.code))::int, 0
    FROM region v WHERE v.level = 'village' AND v.kind = 'desa' AND ${inRegionSql('v.code', u.root)} GROUP BY 1
    UNION ALL
    SELECT ${unitOf(u, 'region_code')}, 'official', count(DISTINCT month)::int, 0, 0
    FROM participation_report
    WHERE ${inRegionSql('region_code', u.root)} AND ${atOrBelow(u, 'region_code')} AND superseded_at IS NULL AND month >= ${from} AND month <= ${asOfEnd}
    GROUP BY 1`.execute(db);
  const out = new Map<string, ComplianceFigures>();
  const get = (unit: string) => {
    let f = out.get(unit);
    if (!f) out.set(unit, (f = { nonCompliantEmployers: 0, opened: 0, escalated: 0, resolved: 0, villagesTotal: 0, villagesReached: 0, officialMonths: 0 }));
    return f;
  };
  for (const r of rows) {
    const f = get(r.unit);
    if (r.kind === 'employers') f.nonCompliantEmployers = r.a;
    else if (r.kind === 'cases') Object.assign(f, { opened: r.a, escalated: r.b, resolved: r.c });
    else if (r.kind === 'outreach') Object.assign(f, { villagesTotal: r.a, villagesReached: r.b });
    else f.officialMonths = r.a;
  }
  return out;
}

/** Each unit's own unfinished follow-up actions past their due date. */
export async function overdueCounts(db: Db, u: Units, today: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ unit: string; n: number }>`
    SELECT region_code AS unit, count(*)::int AS n FROM inpres_action
    WHERE ${inRegionSql('region_code', u.root)} AND ${atUnitLevel(u, 'region_code')} AND status IN ('open', 'in_progress') AND due_on < ${today}
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.unit, r.n]));
}

export const WEIGHTS_SETTING = 'inpres.weights';

export async function readSetting(db: Db, key: string): Promise<unknown> {
  return (await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(tx: Tx, key: string, value: unknown) {
  await tx
    .insertInto('app_setting')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }))
    .execute();
}
