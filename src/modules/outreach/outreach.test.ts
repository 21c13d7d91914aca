import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';

const t = useTestApp();
let op: Session;
let village: Session;
let subang: Session;

beforeAll(async () => {
  op = await login(t.app, 'kab.sukabumi');
  village = await login(t.app, 'desa.balingbing');
  subang = await login(t.app, 'kab.subang');
});

const event = (villageCodes: string[], over: Record<string, unknown> = {}) => ({
  heldOn: '2025-03-10',
  title: 'Sosialisasi BPJS Ketenagakerjaan bagi perangkat desa',
  organiser: 'Disnaker Kab. Sukabumi',
  audiences: ['village_heads', 'village_officials'],
  attendance: 85,
  enrolmentsAfter: 40,
  villageCodes,
  ...over,
});

describe('outreach reach', () => {
  it('starts with no village of Kab. Sukabumi reached: 381 desa (386 with kelurahan), 47 districts', async () => {
    const res = await injectAs(t.app, op, { url: '/api/outreach/reach/32.02' });
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ villagesTotal: 381, villagesReached: 0, pct: 0 });
    expect(b.notReached).toHaveLength(381);
    expect(b.notReached[0]).toEqual({ code: expect.stringMatching(/^32\.02\.\d{2}\.2\d{3}$/), name: expect.any(String) });
    expect(b.byChild).toHaveLength(47);
    expect((await injectAs(t.app, op, { url: '/api/outreach/reach/32.02?kind=all' })).json().villagesTotal).toBe(386);
  });

  it('records an event and the reach changes, per district too', async () => {
    const districtVillages = (await t.db.selectFrom('region').select('code').where('parent_code', '=', '32.02.01').where('kind', '=', 'desa').orderBy('code').execute()).map((r) => r.code);
    const res = await injectAs(t.app, op, { method: 'POST', url: '/api/outreach/events', payload: event([...districtVillages, '32.02.02.2001']) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ region: '32.02', villageCount: districtVillages.length + 1, attendance: 85, enrolmentsAfter: 40 });
    // the same village again in another event counts once
    await injectAs(t.app, op, { method: 'POST', url: '/api/outreach/events', payload: event(['32.02.02.2001'], { audiences: ['workers'] }) });

    const b = (await injectAs(t.app, op, { url: '/api/outreach/reach/32.02' })).json();
    expect(b.villagesReached).toBe(districtVillages.length + 1);
    expect(b.pct).toBe(Math.round(((districtVillages.length + 1) / 381) * 1000) / 10);
    expect(b.notReached.map((v: { code: string }) => v.code)).not.toContain('32.02.02.2001');
    const d1 = b.byChild.find((c: { code: string }) => c.code === '32.02.01');
    expect(d1).toMatchObject({ villagesTotal: districtVillages.length, villagesReached: districtVillages.length, pct: 100 });
    const district = (await injectAs(t.app, op, { url: '/api/outreach/reach/32.02.01' })).json();
    expect(district).toMatchObject({ villagesTotal: districtVillages.length, villagesReached: districtVillages.length, pct: 100, notReached: [] });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'outreach_event').execute();
    expect(audit).toHaveLength(2);
  });

  it('lists events region-scoped, and keeps writes and reads inside the region', async () => {
    const list = (await injectAs(t.app, op, { url: '/api/outreach/events' })).json();
    expect(list.total).toBe(2);
    expect((await injectAs(t.app, subang, { url: '/api/outreach/events' })).json().total).toBe(0);
    expect((await injectAs(t.app, subang, { url: '/api/outreach/reach/32.02' })).statusCode).toBe(403);
    expect((await injectAs(t.app, op, { method: 'POST', url: '/api/outreach/events', payload: event(['32.02.01.2001', '32.13.28.2007']) })).statusCode).toBe(403);
    expect((await injectAs(t.app, village, { url: '/api/outreach/reach/32.13.28.2007' })).json()).toMatchObject({ villagesTotal: 1, villagesReached: 0 });
    expect((await injectAs(t.app, village, { method: 'POST', url: '/api/outreach/events', payload: event(['32.13.28.2007']) })).statusCode).toBe(403);
    const unknown = await injectAs(t.app, op, { method: 'POST', url: '/api/outreach/events', payload: event(['32.02.01.2999']) });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('VILLAGE_UNKNOWN');
  });
});
