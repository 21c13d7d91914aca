import { requireEntityAccess } from '../../access/rules.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { maskNik, normalizeNik } from '../../domain/nik.js';
import { addMonths, agentStatus, monthlyPay, ruleFor } from '../../domain/perisai.js';
import { levelOf } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { actorOf } from '../employers/service.js';
import {
  agentOfEnrolment,
  agentWithNik,
  collectionExists,
  commissionRules,
  creditEnrolment,
  enrolmentScope,
  findAgent,
  insertAgent,
  insertCollection,
  isAgentMember,
  lastRecruitedOn,
  listAgents,
  monthlyActivity,
  regionExists,
  setJoinedOn,
} from './queries.js';
import type { AgentReport, Collection, CollectionInput, Link, LinkInput, NewAgent, NewAgentInput, Rejoined } from './schemas.js';
import { todayWib } from '../../domain/wib.js';

export const monthStart = (ym: string) => `${ym}-01`;

/**
 * The agents of a region with their status and, for each of the `months` months up to `until`
 * (YYYY-MM), new participants, contributions collected and pay; ranked for the leaderboard by new
 * participants over the window, then by contributions collected.
 */
export async function agentsReport(db: Db, region: string, until: string, months: number, today = todayWib()): Promise<AgentReport> {
  const rules = await commissionRules(db);
  const agents = await listAgents(db, region);
  const to = monthStart(until);
  const from = addMonths(to, -(months - 1));
  const activity = await monthlyActivity(db, agents.map((a) => a.id), from, to);
  const byAgent = new Map<number, typeof activity>();
  for (const a of activity) byAgent.set(a.agentId, [...(byAgent.get(a.agentId) ?? []), a]);
  const current = ruleFor(rules, today);
  const items = agents.map((a) => {
    const perMonth = (byAgent.get(a.id) ?? []).map((m) => ({ month: m.month, newParticipants: m.newParticipants, collected: m.collected, ...monthlyPay(m, ruleFor(rules, monthStart(m.month))) }));
    const st = agentStatus({ joinedOn: a.joinedOn, lastRecruitedOn: a.lastRecruitedOn }, today, current);
    return {
      id: a.id,
      nik: maskNik(a.nik),
      name: a.name,
      phone: a.phone,
      area: a.area,
      areaName: a.areaName,
      joinedOn: a.joinedOn,
      status: st.status,
      inactiveFrom: st.inactiveFrom,
      mayRejoinFrom: st.status === 'inactive' ? st.mayRejoinFrom : null,
      enrolments: a.enrolments,
      lastRecruitedOn: a.lastRecruitedOn,
      collectedTotal: a.collectedTotal,
      window: {
        newParticipants: perMonth.reduce((s, m) => s + m.newParticipants, 0),
        collected: perMonth.reduce((s, m) => s + m.collected, 0),
        pay: perMonth.reduce((s, m) => s + m.total, 0),
      },
      months: perMonth,
    };
  });
  const ranked = [...items].sort((x, y) => y.window.newParticipants - x.window.newParticipants || y.window.collected - x.window.collected || x.name.localeCompare(y.name));
  return { region, from: from.slice(0, 7), until, rule: current ?? null, items: ranked.map((a, i) => ({ rank: i + 1, ...a })) };
}

export async function createAgent(db: Db, user: SessionUser, input: NewAgentInput): Promise<NewAgent> {
  const n = normalizeNik(input.nik);
  if ('error' in n) throw errors.invalid('body.nik', n.error.code, n.error.message);
  const level = levelOf(input.areaCode);
  if (level !== 'district' && level !== 'village') {
    throw errors.invalid('body.areaCode', 'AREA_LEVEL', { id: 'Wilayah kerja agen harus kecamatan atau desa/kelurahan.', en: 'An agent’s area must be a district or a village.' });
  }
  if (!(await regionExists(db, input.areaCode))) throw errors.regionNotFound(input.areaCode, 'body.areaCode');
  return audited(db, actorOf(user), async (tx) => {
    if (await agentWithNik(tx, n.nik)) throw errors.conflict('AGENT_EXISTS', { id: `NIK ${maskNik(n.nik)} sudah terdaftar sebagai agen.`, en: `NIK ${maskNik(n.nik)} is already registered as an agent.` }, 'body.nik');
    const a = await insertAgent(tx, { nik: n.nik, name: input.name.trim(), phone: input.phone?.trim() || null, area_code: input.areaCode, joined_on: input.joinedOn });
    const view = { id: a.id, nik: maskNik(a.nik), name: a.name, phone: a.phone, area: a.area_code, joinedOn: a.joined_on };
    return { result: view, audit: [{ action: 'create', entityType: 'perisai_agent', entityId: String(a.id), regionCode: a.area_code, before: null, after: view }] };
  });
}

/** Links an enrolment in the registry, in the user's region, to the agent who brought it (one agent per enrolment; the agent's scope was checked by the route). */
export async function linkEnrolment(db: Db, user: SessionUser, agentId: number, input: LinkInput): Promise<Link> {
  const agent = await findAgent(db, agentId);
  const regions = await requireEntityAccess(db, user, 'agent:write', enrolmentScope, input.enrolmentId).catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404
      ? new AppError(404, 'ENROLMENT_NOT_FOUND', { id: 'Kepesertaan tidak ditemukan di wilayah Anda.', en: 'Enrolment not found in your region.' }, 'body.enrolmentId')
      : err;
  });
  if (input.recruitedOn < agent.joined_on) {
    throw errors.invalid('body.recruitedOn', 'BEFORE_JOINING', { id: `Tanggal rekrut sebelum agen bergabung (${agent.joined_on}).`, en: `Recruited before the agent joined (${agent.joined_on}).` });
  }
  return audited(db, actorOf(user), async (tx) => {
    if ((await agentOfEnrolment(tx, input.enrolmentId)) !== undefined) {
      throw errors.conflict('ENROLMENT_HAS_AGENT', { id: 'Kepesertaan ini sudah tercatat dibawa agen lain.', en: 'This enrolment is already credited to an agent.' }, 'body.enrolmentId');
    }
    await creditEnrolment(tx, { enrolment_id: input.enrolmentId, agent_id: agent.id, recruited_on: input.recruitedOn });
    const after = { agentId: agent.id, enrolmentId: input.enrolmentId, recruitedOn: input.recruitedOn };
    return { result: after, audit: [{ action: 'link_enrolment', entityType: 'perisai_agent', entityId: String(agent.id), regionCode: regions.get(input.enrolmentId)!, before: null, after }] };
  });
}

/** Records a contribution from a member the agent brought (the agent's scope was checked by the route; the member is reached through the agent). */
export async function recordCollection(db: Db, user: SessionUser, agentId: number, input: CollectionInput): Promise<Collection> {
  const agent = await findAgent(db, agentId);
  if (!(await isAgentMember(db, agent.id, input.enrolmentId))) {
    throw errors.invalid('body.enrolmentId', 'NOT_AGENT_MEMBER', { id: 'Iuran hanya dicatat untuk peserta yang dibawa agen ini.', en: 'Contributions are recorded only for members this agent brought.' });
  }
  return audited(db, actorOf(user), async (tx) => {
    if (await collectionExists(tx, input.enrolmentId, monthStart(input.month))) {
      throw errors.conflict('COLLECTION_EXISTS', { id: `Iuran bulan ${input.month} untuk peserta ini sudah tercatat.`, en: `The contribution for ${input.month} is already recorded for this member.` }, 'body.month');
    }
    const c = await insertCollection(tx, { agent_id: agent.id, enrolment_id: input.enrolmentId, month: monthStart(input.month), amount: input.amount, collected_on: input.collectedOn });
    const after = { id: c.id, agentId: agent.id, enrolmentId: c.enrolment_id, month: input.month, amount: c.amount, collectedOn: c.collected_on };
    return { result: after, audit: [{ action: 'record_collection', entityType: 'perisai_agent', entityId: String(agent.id), regionCode: agent.area_code, before: null, after }] };
  });
}

/**
 * An inactive agent rejoins (DOMAIN.md: dropped after 3 months without an acquisition, may rejoin 6 months
 * later): from `date` the inactivity clock starts again. Refused while active or before the rejoin date.
 */
export async function rejoinAgent(db: Db, user: SessionUser, agentId: number, date: string): Promise<Rejoined> {
  const agent = await findAgent(db, agentId);
  const rules = await commissionRules(db);
  const st = agentStatus({ joinedOn: agent.joined_on, lastRecruitedOn: await lastRecruitedOn(db, agent.id) }, date, ruleFor(rules, date));
  if (st.status === 'active') {
    throw errors.conflict('AGENT_ACTIVE', { id: 'Agen ini masih aktif; tidak perlu bergabung lagi.', en: 'This agent is still active; there is nothing to rejoin.' });
  }
  if (date < st.mayRejoinFrom) {
    throw errors.conflict('REJOIN_TOO_EARLY', {
      id: `Agen ini baru boleh bergabung lagi mulai ${st.mayRejoinFrom}.`,
      en: `This agent may rejoin from ${st.mayRejoinFrom}.`,
    });
  }
  return audited(db, actorOf(user), async (tx) => {
    await setJoinedOn(tx, agent.id, date);
    const after = { id: agent.id, joinedOn: date };
    return { result: after, audit: [{ action: 'rejoin', entityType: 'perisai_agent', entityId: String(agent.id), regionCode: agent.area_code, before: { joinedOn: agent.joined_on }, after }] };
  });
}
