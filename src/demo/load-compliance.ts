import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { type CaseStep, stepDeadline } from '../domain/compliance-case.js';
import type { Audience } from '../domain/outreach.js';
import { addMonths } from '../domain/perisai.js';
import { audited, type Tx } from '../db/tx.js';
import { reassess } from '../modules/employers/assess.js';
import type { DemoScale, RegionRef } from './generate.js';
import { regionsInScale, SEED_PROVINCE, SEED_REGENCIES } from './generate.js';
import { generateComplianceDemo } from './compliance.js';
import { addDays, todayWib } from '../domain/wib.js';

const ACTOR = { id: null, username: 'system:demo' };
const PATH: CaseStep[] = ['open', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended'];

/** Working days before `date` (roughly: calendar days × 7/5), as YYYY-MM-DD. */
const daysAgo = (n: number, from = new Date()) => addDays(todayWib(from), -n);

/** Applies the compliance demo once (guarded by app_setting 'demo:compliance'), audited as one generate row. */
export async function loadComplianceDemo(db: Db, scale: DemoScale, seed: number): Promise<number> {
  const done = await db.selectFrom('app_setting').select('key').where('key', '=', 'demo:compliance').executeTakeFirst();
  if (done) return 0;
  const upper = (await db.selectFrom('region').select(['code', 'name', 'level']).where('level', '=', 'regency').orderBy('code').execute()) as RegionRef[];
  const regencies = regionsInScale(scale, upper).filter((k) => (SEED_REGENCIES as readonly string[]).includes(k.code) || k.code.startsWith(`${SEED_PROVINCE}.`));
  const villages = (await db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('level', '=', 'village')
    .where((eb) => eb.or(regencies.map((k) => eb.and([eb('code', '>=', `${k.code}.`), eb('code', '<', `${k.code}/`)]))))
    .orderBy('code')
    .execute()) as RegionRef[];
  const year = new Date().getUTCFullYear();
  const plan = generateComplianceDemo(seed, regencies, villages, year);

  return audited(db, ACTOR, async (tx) => {
    await tx.insertInto('umk').values(plan.umk.map((u) => ({ regency_code: u.regencyCode, year: u.year, amount: u.amount, legal_basis: u.legalBasis }))).onConflict((oc) => oc.doNothing()).execute();
    const inserted = await tx
      .insertInto('employer')
      .values(
        plan.employers.map((e) => ({
          name: e.name,
          npp: e.npp,
          nib: e.nib,
          sector: e.sector,
          size_class: e.sizeClass,
          village_code: e.villageCode,
          address: e.address,
          employees_declared: e.employeesDeclared,
          workers_registered: e.workersRegistered,
          wage_reported: e.wageReported,
          wage_actual: e.wageActual,
          programs: e.programs,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'name', 'village_code', 'findings'])
      .execute();
    for (const k of regencies) await reassess(tx, { regency: k.code });
    const cases = await insertCases(tx, plan.employers, inserted);
    const events = await insertOutreach(tx, plan.outreach);
    const agents = await insertAgents(tx, plan.agents);
    const summary = { employers: inserted.length, cases, outreachEvents: events, agents, umk: plan.umk.length };
    await tx.insertInto('app_setting').values({ key: 'demo:compliance', value: JSON.stringify(summary) }).execute();
    return { result: inserted.length, audit: [{ action: 'generate', entityType: 'demo_compliance', entityId: scale, regionCode: null, before: null, after: summary }] };
  });
}

async function insertCases(tx: Tx, planned: { name: string; caseStep?: CaseStep; caseOverdue?: boolean }[], rows: { id: number; name: string; village_code: string }[]) {
  const byName = new Map(rows.map((r) => [r.name, r]));
  let n = 0;
  for (const p of planned) {
    const e = p.caseStep && byName.get(p.name);
    if (!e || !p.caseStep) continue;
    const emp = await tx.selectFrom('employer').select(['findings', 'statuses']).where('id', '=', e.id).executeTakeFirstOrThrow();
    if (emp.statuses.includes('compliant')) continue;
    const target = p.caseStep;
    const steps: CaseStep[] = target === 'resolved' ? ['open', 'warning_1', 'resolved'] : target === 'closed' ? ['open', 'closed'] : PATH.slice(0, PATH.indexOf(target) + 1);
    // Each step about 14 days after the previous; the last one 2 days ago (or 30 days ago for the overdue case).
    const end = p.caseOverdue ? 30 : 2;
    const dates = steps.map((_, i) => daysAgo(end + (steps.length - 1 - i) * 14));
    const officer = 'Dedi Kurniawan, Pengawas Disnaker (Demo)';
    const last = steps[steps.length - 1]!;
    const c = await tx
      .insertInto('compliance_case')
      .values({
        employer_id: e.id,
        region_code: e.village_code,
        step: last,
        step_date: dates[dates.length - 1]!,
        deadline: stepDeadline(last, dates[dates.length - 1]!),
        officer,
        findings: JSON.stringify(emp.findings),
        opened_by: ACTOR.username,
        created_at: new Date(`${dates[0]}T02:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('compliance_case_step')
      .values(
        steps.map((s, i) => ({
          case_id: c.id,
          from_step: i === 0 ? null : steps[i - 1]!,
          step: s,
          step_date: dates[i]!,
          deadline: stepDeadline(s, dates[i]!),
          officer,
          note: i === 0 ? 'Temuan dari pencocokan data WLKP dan kepesertaan (demo).' : '',
          by_username: ACTOR.username,
          at: new Date(`${dates[i]}T03:00:00Z`),
        })),
      )
      .execute();
    n++;
  }
  return n;
}

async function insertOutreach(tx: Tx, events: { heldOn: string; title: string; organiser: string; audiences: Audience[]; attendance: number; enrolmentsAfter: number; villageCodes: string[] }[]) {
  const districts = new Map((await tx.selectFrom('region').select(['code', 'name']).where('level', '=', 'district').where('code', 'like', '32.02.%').execute()).map((d) => [d.code, d.name]));
  for (const ev of events) {
    ev.title = ev.title.replace(/\d{2}\.\d{2}\.\d{2}/, (code) => districts.get(code) ?? code);
    const parts = ev.villageCodes[0]!.split('.');
    const same = (n: number) => ev.villageCodes.every((v) => v.split('.').slice(0, n).join('.') === parts.slice(0, n).join('.'));
    const region = same(4) ? parts.join('.') : same(3) ? parts.slice(0, 3).join('.') : same(2) ? parts.slice(0, 2).join('.') : parts[0]!;
    const row = await tx
      .insertInto('outreach_event')
      .values({ held_on: ev.heldOn, title: ev.title, organiser: ev.organiser, audiences: ev.audiences, attendance: ev.attendance, enrolments_after: ev.enrolmentsAfter, region_code: region, created_by: ACTOR.username })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('outreach_village').values(ev.villageCodes.map((v) => ({ event_id: row.id, village_code: v }))).execute();
  }
  return events.length;
}

/** Agents work in the districts with the most demo BPU members; each is credited some of them and collects Rp16,800 a month. */
async function insertAgents(tx: Tx, agents: { nik: string; name: string; areaCode: string; joinedOn: string; recruits: number; idle: boolean }[]) {
  const today = todayWib();
  const used = new Map<string, number>();
  let n = 0;
  for (const a of agents) {
    const districts = await sql<{ district: string; n: number }>`
      SELECT left(village_code, 8) AS district, count(*)::int AS n FROM enrolment
      WHERE segment = 'BPU' AND village_code >= ${`${a.areaCode}.`} AND village_code < ${`${a.areaCode}/`}
        AND id NOT IN (SELECT enrolment_id FROM perisai_enrolment)
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 4`.execute(tx);
    if (districts.rows.length === 0) continue;
    const k = used.get(a.areaCode) ?? 0;
    used.set(a.areaCode, k + 1);
    const district = districts.rows[k % districts.rows.length]!.district;
    const agent = await tx.insertInto('perisai_agent').values({ nik: a.nik, name: a.name, area_code: district, joined_on: a.joinedOn }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!agent) continue;
    const members = await tx
      .selectFrom('enrolment')
      .select('id')
      .where('segment', '=', 'BPU')
      .where('village_code', '>=', `${district}.`)
      .where('village_code', '<', `${district}/`)
      .where('id', 'not in', (eb) => eb.selectFrom('perisai_enrolment').select('enrolment_id'))
      .orderBy('id')
      .limit(a.recruits)
      .execute();
    const links = members.map((m, i) => {
      // idle agents stopped recruiting five months ago; the others recruited over the last three months
      const back = a.idle ? 5 + (i % 3) : i % 3;
      const d = addMonths(today, -back);
      return { enrolment_id: m.id, agent_id: agent.id, recruited_on: d < a.joinedOn ? a.joinedOn : d };
    });
    if (links.length === 0) continue;
    await tx.insertInto('perisai_enrolment').values(links).execute();
    const collections = links.flatMap((l) => {
      const out = [];
      for (let m = l.recruited_on.slice(0, 7); m <= today.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) {
        if (a.idle && m > addMonths(today, -4).slice(0, 7)) break;
        out.push({ agent_id: agent.id, enrolment_id: l.enrolment_id, month: `${m}-01`, amount: 16_800, collected_on: `${m}-${m === today.slice(0, 7) ? today.slice(8, 10) : '15'}` });
      }
      return out;
    });
    if (collections.length) await tx.insertInto('perisai_collection').values(collections).execute();
    n++;
  }
  return n;
}
