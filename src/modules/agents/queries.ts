import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { CommissionRule } from '../../domain/perisai.js';
import type { Tx } from '../../db/tx.js';
import { inRegion } from '../../access/subtree.js';

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

export interface AgentRow {
  id: number;
  nik: string;
  name: string;
  phone: string | null;
  area: string;
  areaName: string;
  joinedOn: string;
  enrolments: number;
  lastRecruitedOn: string | null;
  collectedTotal: number;
}

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
