import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';

const t = useTestApp({ demoWorkers: true });
let bpjs: Session;
let subang: Session;
let inspector: Session;
let agentId: number;
let enrolments: number[];

const thisMonth = new Date().toISOString().slice(0, 7);
const today = new Date().toISOString().slice(0, 10);
const monthsAgo = (n: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

beforeAll(async () => {
  bpjs = await login(t.app, 'bpjs.sukabumi');
  subang = await login(t.app, 'kab.subang');
  inspector = await login(t.app, 'disnaker.sukabumi');
  enrolments = (
    await t.db
      .selectFrom('enrolment')
      .select('id')
      .where('segment', '=', 'BPU')
      .where('village_code', '>=', '32.02.')
      .where('village_code', '<', '32.02/')
      .where('id', 'not in', (eb) => eb.selectFrom('perisai_enrolment').select('enrolment_id'))
      .orderBy('id')
      .limit(60)
      .execute()
  ).map((e) => e.id);
  expect(enrolments.length).toBe(60);
});

describe('Perisai agents', () => {
  it('registers an agent with a masked NIK, in scope only', async () => {
    const res = await injectAs(t.app, bpjs, { method: 'POST', url: '/api/agents', payload: { nik: '3202014508900001', name: 'Euis Rahmawati', areaCode: '32.02.01', joinedOn: `${monthsAgo(2)}-01` } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().nik).toBe('••••••••••••0001');
    agentId = res.json().id;
    expect((await injectAs(t.app, bpjs, { method: 'POST', url: '/api/agents', payload: { nik: '3202014508900001', name: 'Lagi', areaCode: '32.02.01', joinedOn: today } })).statusCode).toBe(409);
    expect((await injectAs(t.app, bpjs, { method: 'POST', url: '/api/agents', payload: { nik: '3202014508900002', name: 'X', areaCode: '32.13.28', joinedOn: today } })).statusCode).toBe(403);
    expect((await injectAs(t.app, bpjs, { method: 'POST', url: '/api/agents', payload: { nik: '3202014508900002', name: 'X', areaCode: '32.02', joinedOn: today } })).statusCode).toBe(422);
    expect((await injectAs(t.app, inspector, { method: 'POST', url: '/api/agents', payload: { nik: '3202014508900002', name: 'X', areaCode: '32.02.01', joinedOn: today } })).statusCode).toBe(403);
  });

  it('credits enrolments and collections, and pays 7.5 % plus the 50-participant bonus per month', async () => {
    // 50 new participants this month, 5 last month
    for (const [i, id] of enrolments.slice(0, 55).entries()) {
      const recruitedOn = i < 50 ? `${thisMonth}-01` : `${monthsAgo(1)}-10`;
      const res = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${agentId}/enrolments`, payload: { enrolmentId: id, recruitedOn } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const dup = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${agentId}/enrolments`, payload: { enrolmentId: enrolments[0], recruitedOn: `${thisMonth}-01` } });
    expect(dup.json().error.code).toBe('ENROLMENT_HAS_AGENT');
    // Rp16,800 collected from 40 members this month, and from 5 last month
    for (const id of enrolments.slice(0, 40)) {
      expect((await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${agentId}/collections`, payload: { enrolmentId: id, month: thisMonth, amount: 16_800, collectedOn: `${thisMonth}-01` } })).statusCode).toBe(201);
    }
    for (const id of enrolments.slice(50, 55)) {
      await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${agentId}/collections`, payload: { enrolmentId: id, month: monthsAgo(1), amount: 16_800, collectedOn: `${monthsAgo(1)}-15` } });
    }
    const again = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${agentId}/collections`, payload: { enrolmentId: enrolments[0], month: thisMonth, amount: 16_800, collectedOn: `${thisMonth}-01` } });
    expect(again.json().error.code).toBe('COLLECTION_EXISTS');
    const stranger = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${agentId}/collections`, payload: { enrolmentId: enrolments[59], month: thisMonth, amount: 16_800, collectedOn: `${thisMonth}-01` } });
    expect(stranger.json().error.code).toBe('NOT_AGENT_MEMBER');

    const res = await injectAs(t.app, bpjs, { url: '/api/agents?region=32.02&months=3' });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json().items.find((x: { id: number }) => x.id === agentId);
    expect(a).toMatchObject({ rank: 1, status: 'active', enrolments: 55, collectedTotal: 45 * 16_800 });
    expect(a.months.map((m: { month: string }) => m.month)).toEqual([monthsAgo(2), monthsAgo(1), thisMonth]);
    expect(a.months[2]).toEqual({ month: thisMonth, newParticipants: 50, collected: 672_000, commission: 50_400, bonus: 500_000, total: 550_400 });
    expect(a.months[1]).toEqual({ month: monthsAgo(1), newParticipants: 5, collected: 84_000, commission: 6_300, bonus: 0, total: 6_300 });
    expect(a.window).toEqual({ newParticipants: 55, collected: 756_000, pay: 556_700 });
    expect(res.json().rule).toMatchObject({ rateBp: 750, bonusThreshold: 50 });
  });

  it('ranks agents and applies the inactive-agent rule', async () => {
    const idle = await injectAs(t.app, bpjs, { method: 'POST', url: '/api/agents', payload: { nik: '3202010101850003', name: 'Asep Diam', areaCode: '32.02.01.2002', joinedOn: '2024-01-15' } });
    expect(idle.statusCode).toBe(201);
    const items = (await injectAs(t.app, bpjs, { url: '/api/agents' })).json().items;
    // the demo data has agents of its own in Kab. Sukabumi; ours are first and last
    expect(items[0].name).toBe('Euis Rahmawati');
    expect(items[items.length - 1]).toMatchObject({ name: 'Asep Diam', rank: items.length, status: 'inactive', inactiveFrom: '2024-04-15', mayRejoinFrom: '2024-10-15' });
    expect(items.map((x: { rank: number }) => x.rank)).toEqual(items.map((_: unknown, i: number) => i + 1));
    expect((await injectAs(t.app, subang, { url: '/api/agents' })).json().items.every((x: { area: string }) => x.area.startsWith('32.13.'))).toBe(true);
    expect((await injectAs(t.app, subang, { url: `/api/agents?region=32.02` })).statusCode).toBe(403);
    expect((await injectAs(t.app, subang, { method: 'POST', url: `/api/agents/${agentId}/enrolments`, payload: { enrolmentId: enrolments[59], recruitedOn: today } })).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'perisai_agent').execute();
    expect(audit.filter((x) => x.action === 'link_enrolment')).toHaveLength(55); // the demo's own links are one 'generate' row
    expect(audit.filter((x) => x.action === 'record_collection')).toHaveLength(45);
  });

  it('lets an inactive agent rejoin only after the waiting period', async () => {
    const idle = (await injectAs(t.app, bpjs, { url: '/api/agents' })).json().items.find((x: { name: string }) => x.name === 'Asep Diam');
    const early = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${idle.id}/rejoin`, payload: { date: '2024-09-01' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('REJOIN_TOO_EARLY');
    const ok = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${idle.id}/rejoin`, payload: { date: today } });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = (await injectAs(t.app, bpjs, { url: '/api/agents' })).json().items.find((x: { id: number }) => x.id === idle.id);
    expect(again).toMatchObject({ status: 'active', joinedOn: today });
    expect((await injectAs(t.app, bpjs, { method: 'POST', url: `/api/agents/${idle.id}/rejoin`, payload: { date: today } })).json().error.code).toBe('AGENT_ACTIVE');
    expect((await injectAs(t.app, subang, { method: 'POST', url: `/api/agents/${idle.id}/rejoin`, payload: { date: today } })).statusCode).toBe(404);
  });
  it('answers 404 for another region\'s agent on every by-id route, and for an enrolment outside the region', async () => {
    for (const [path, payload] of [
      ['enrolments', { enrolmentId: enrolments[58], recruitedOn: today }],
      ['collections', { enrolmentId: enrolments[0], month: thisMonth, amount: 16_800, collectedOn: today }],
      ['rejoin', { date: today }],
    ] as const) {
      const res = await injectAs(t.app, subang, { method: 'POST', url: `/api/agents/${agentId}/${path}`, payload });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Agen Perisai tidak ditemukan.' });
    }
    const own = await injectAs(t.app, subang, { method: 'POST', url: '/api/agents', payload: { nik: '3213010101850004', name: 'Agen Subang', areaCode: '32.13.28.2007', joinedOn: '2025-01-01' } });
    expect(own.statusCode, own.body).toBe(201);
    const foreign = await injectAs(t.app, subang, { method: 'POST', url: `/api/agents/${own.json().id}/enrolments`, payload: { enrolmentId: enrolments[58], recruitedOn: today } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({ code: 'ENROLMENT_NOT_FOUND', field: 'body.enrolmentId' });
  });
});
