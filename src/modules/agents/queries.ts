import { type Insertable, sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';
import type { CommissionRule } from '../../domain/perisai.js';
import type { Agent } from './schemas.js';

/** Where an agent works (a district or village), for the routes that take one by id. */
export const agentScope: EntityScope = {
  name: { id: 'Agen Perisai', en: 'Perisai agent' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('perisai_agent').select(['id', 'area_code as region']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region])),
};

/** Where a registry enrolment lives (its village), for an enrolment named in a request body. */
export const enrolmentScope: EntityScope = {
  name: { id: 'Kepesertaan', en: 'Enrolment' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('enrolment').select(['id', 'village_code as region']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region])),
};

export async function commissionRules(db: Db | Tx): Promise<CommissionRule[]> {
  const rows = await db.selectFrom('perisai_commission_rule').selectAll().orderBy('effective_from').execute();
  return rows.map((r) => ({
    effectiveFrom: r.effective_from,
    rateBp: r.rate_bp,
    bonusThreshold: r.bonus_threshold,
    bonusAmount: r.bonus_amount,
    inactiveMonths: r.inactive_months,
    rejoinMonths: r.rejoin_months,
    legalBasis: r.legal_basis,
  }));
}

/** An agent as stored, with its totals (the NIK unmasked): what the report derives status and pay from. */
export type AgentRow = Pick<Agent, 'id' | 'nik' | 'name' | 'phone' | 'area' | 'areaName' | 'joinedOn' | 'enrolments' | 'lastRecruitedOn' | 'collectedTotal'>;

/** Agents whose area lies in the region, with their totals: one grouped query. */
export async function listAgents(db: Db, region: string): Promise<AgentRow[]> {
  const rows = await db
    .selectFrom('perisai_agent as a')
    .innerJoin('region as r', 'r.code', 'a.area_code')
    .select([
      'a.id',
      'a.nik',
      'a.name',
      'a.phone',
      'a.area_code as area',
      'r.name as areaName',
      'a.joined_on as joinedOn',
      (eb) => eb.selectFrom('perisai_enrolment as pe').select((x) => x.fn.countAll<number>().as('n')).whereRef('pe.agent_id', '=', 'a.id').as('enrolments'),
      (eb) => eb.selectFrom('perisai_enrolment as pe').select(sql<string>`max(pe.recruited_on)::text`.as('d')).whereRef('pe.agent_id', '=', 'a.id').as('lastRecruitedOn'),
      (eb) => eb.selectFrom('perisai_collection as pc').select(sql<number>`coalesce(sum(pc.amount), 0)`.as('s')).whereRef('pc.agent_id', '=', 'a.id').as('collectedTotal'),
    ])
    .where((eb) => inRegion(eb, 'a.area_code', region))
    .orderBy('a.name')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...r, enrolments: Number(r.enrolments), collectedTotal: Number(r.collectedTotal), lastRecruitedOn: r.lastRecruitedOn ?? null })) as AgentRow[];
}

/** New participants and contributions collected per agent and month over [from, to] (first days of months). */
export async function monthlyActivity(db: Db, agentIds: number[], from: string, to: string) {
  if (agentIds.length === 0) return [];
  const r = await sql<{ agent_id: number; month: string; new_participants: number; collected: number }>`
    WITH months AS (
      SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(${from}::date, ${to}::date, interval '1 month') AS m
    ), rec AS (
      SELECT agent_id, to_char(recruited_on, 'YYYY-MM') AS month, count(*)::int AS n
      FROM perisai_enrolment WHERE agent_id = ANY (${agentIds}::bigint[]) AND recruited_on >= ${from}::date
      GROUP BY 1, 2
    ), col AS (
      SELECT agent_id, to_char(collected_on, 'YYYY-MM') AS month, sum(amount)::bigint AS amount
      FROM perisai_collection WHERE agent_id = ANY (${agentIds}::bigint[]) AND collected_on >= ${from}::date
      GROUP BY 1, 2
    )
    SELECT a.id AS agent_id, m.month, coalesce(rec.n, 0) AS new_participants, coalesce(col.amount, 0) AS collected
    FROM unnest(${agentIds}::bigint[]) AS a(id) CROSS JOIN months m
    LEFT JOIN rec ON rec.agent_id = a.id AND rec.month = m.month
    LEFT JOIN col ON col.agent_id = a.id AND col.month = m.month
    ORDER BY a.id, m.month`.execute(db);
  return r.rows.map((x) => ({ agentId: Number(x.agent_id), month: x.month, newParticipants: Number(x.new_participants), collected: Number(x.collected) }));
}

export function findAgent(db: Db, id: number) {
  return db.selectFrom('perisai_agent').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function regionExists(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());
}

export async function agentWithNik(tx: Tx, nik: string): Promise<boolean> {
  return !!(await tx.selectFrom('perisai_agent').select('id').where('nik', '=', nik).executeTakeFirst());
}

export function insertAgent(tx: Tx, values: Insertable<Database['perisai_agent']>) {
  return tx.insertInto('perisai_agent').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The agent an enrolment is credited to, if any (one agent per enrolment). */
export async function agentOfEnrolment(tx: Tx, enrolmentId: number): Promise<number | undefined> {
  return (await tx.selectFrom('perisai_enrolment').select('agent_id').where('enrolment_id', '=', enrolmentId).executeTakeFirst())?.agent_id;
}

export async function creditEnrolment(tx: Tx, values: Insertable<Database['perisai_enrolment']>): Promise<void> {
  await tx.insertInto('perisai_enrolment').values(values).execute();
}

/** The enrolment is a member this agent brought. */
export async function isAgentMember(db: Db, agentId: number, enrolmentId: number): Promise<boolean> {
  return !!(await db.selectFrom('perisai_enrolment').select('agent_id').where('enrolment_id', '=', enrolmentId).where('agent_id', '=', agentId).executeTakeFirst());
}

/** A contribution is already recorded for this member and month (first day). */
export async function collectionExists(tx: Tx, enrolmentId: number, month: string): Promise<boolean> {
  return !!(await tx.selectFrom('perisai_collection').select('id').where('enrolment_id', '=', enrolmentId).where('month', '=', month).executeTakeFirst());
}

export function insertCollection(tx: Tx, values: Insertable<Database['perisai_collection']>) {
  return tx.insertInto('perisai_collection').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The agent's latest recruitment date, if any. */
export async function lastRecruitedOn(db: Db, agentId: number): Promise<string | null> {
  const last = await db.selectFrom('perisai_enrolment').select((eb) => eb.fn.max('recruited_on').as('d')).where('agent_id', '=', agentId).executeTakeFirst();
  return (last?.d as string | null) ?? null;
}

export async function setJoinedOn(tx: Tx, agentId: number, date: string): Promise<void> {
  await tx.updateTable('perisai_agent').set({ joined_on: date, updated_at: new Date() }).where('id', '=', agentId).execute();
}
