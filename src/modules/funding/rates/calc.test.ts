import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATES } from '../../../domain/rates.js';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';
import { listRates } from './queries.js';
import { todayWib } from './service.js';

const t = useTestApp();
let village: Session;
let nasional: Session;

beforeAll(async () => {
  village = await login(t.app, 'desa.balingbing');
  nasional = await login(t.app, 'nasional');
});

describe('rate table', () => {
  it('is seeded by the migration with exactly the figures of DEFAULT_RATES', async () => {
    const rows = await listRates(t.db);
    const key = (e: { key: string; effectiveFrom: string }) => `${e.key}@${e.effectiveFrom}`;
    expect(rows.map(key).sort()).toEqual(DEFAULT_RATES.map(key).sort());
    for (const e of DEFAULT_RATES) expect(rows.find((r) => key(r) === key(e))).toEqual(e);
  });
});

describe('GET /api/calc/contribution', () => {
  it('BPU package: Rp16,800 at Rp1,000,000 declared income', async () => {
    const res = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000&programs=JKK,JKM&date=2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(16_800);
    expect(body.lines.map((l: { program: string; employer: number; worker: number; amount: number }) => [l.program, l.employer, l.worker, l.amount])).toEqual([
      ['JKK', 0, 10_000, 10_000],
      ['JKM', 0, 6_800, 6_800],
    ]);
  });
  it('PU with JP capped by date', async () => {
    const res = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=PU&wage=12000000&riskGroup=1&programs=JKK,JKM,JHT,JP&date=2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    const jp = res.json().lines.find((l: { program: string }) => l.program === 'JP');
    expect(jp).toMatchObject({ employer: 210_948, worker: 105_474 });
    expect(res.json().total).toBe(28_800 + 36_000 + 444_000 + 240_000 + 316_422);
    expect(res.json()).not.toHaveProperty('dailyWageDays');
  });
  it('PU daily worker: dailyWage × 25', async () => {
    const res = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=PU&dailyWage=100000&riskGroup=1&date=2025-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(6_000 + 7_500);
    // the factor is a date-effective rate, reported so the calculator page need not know it
    expect(res.json().dailyWageDays).toBe(25);
  });
  it('JAKON Rp2bn and PMI 12 months', async () => {
    const j = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=JAKON&contractValue=2000000000&date=2025-06-01' });
    expect(j.json().total).toBe(2_950_000);
    const p = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=PMI&months=12&date=2025-06-01' });
    expect(p.json().total).toBe(189_000);
  });
  it.each([
    ['segment=XYZ', 'querystring.segment'],
    ['segment=BPU', 'querystring.declaredIncome'],
    ['segment=BPU&declaredIncome=500000', 'querystring.declaredIncome'],
    ['segment=BPU&declaredIncome=abc', 'querystring.declaredIncome'],
    ['segment=PU&wage=5000000', 'querystring.riskGroup'],
    ['segment=PU&wage=5000000&riskGroup=9', 'querystring.riskGroup'],
    ['segment=PU&wage=5000000&riskGroup=1&programs=JHT', 'querystring.programs'],
    ['segment=BPU&declaredIncome=1000000&programs=JKK,FOO', 'querystring.programs'],
    ['segment=JAKON', 'querystring.contractValue'],
    ['segment=PMI&months=3', 'querystring.months'],
    ['segment=BPU&declaredIncome=1000000&date=2025-13-01x', 'querystring.date'],
    ['segment=PMI&months=6&date=2020-01-01', 'querystring.date'],
  ])('%s → 422 naming %s', async (qs, field) => {
    const res = await injectAs(t.app, village, { url: `/api/calc/contribution?${qs}` });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toMatch(/\S/);
  });
  it('needs a session', async () => {
    expect((await t.app.inject({ url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000' })).statusCode).toBe(401);
  });
});

describe('GET /api/calc/benefit', () => {
  it('JKM Rp42,000,000 with the scholarship as a separate conditional part', async () => {
    const res = await injectAs(t.app, village, { url: '/api/calc/benefit?type=JKM&contributionMonths=24' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(42_000_000);
    const s = res.json().parts.find((p: { name: string }) => p.name === 'SCHOLARSHIP');
    expect(s).toMatchObject({ amount: 0, eligible: false, conditional: true });
    expect(s.condition.id).toMatch(/36 bulan/);
  });
  it('JKK death at Rp1,000,000: Rp70,000,000 before the scholarship', async () => {
    const res = await injectAs(t.app, village, { url: '/api/calc/benefit?type=JKK_DEATH&wage=1000000' });
    expect(res.json().total).toBe(70_000_000);
  });
  it('422 without the input its type needs', async () => {
    const res = await injectAs(t.app, village, { url: '/api/calc/benefit?type=JKK_DEATH' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('querystring.wage');
  });
});

describe('OpenAPI', () => {
  it('documents both calculator routes with their 422 answer', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    for (const path of ['/api/calc/contribution', '/api/calc/benefit']) {
      expect(Object.keys(doc.paths[path].get.responses).sort(), path).toEqual(['200', '422']);
      expect(doc.paths[path].get.parameters.length, path).toBeGreaterThan(2);
    }
  });
});

describe('POST /api/rates', () => {
  it('national role adds a future value; the calculator uses it only from its date (audited)', async () => {
    const before = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000&date=2099-12-31' });
    expect(before.json().total).toBe(16_800);
    const res = await injectAs(t.app, nasional, { method: 'POST', url: '/api/rates', payload: { key: 'BPU_JKM', effectiveFrom: '2099-01-01', value: 7_200, legalBasis: 'PP (uji) 1/2099' } });
    expect(res.statusCode, res.body).toBe(201);
    const after = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000&date=2099-12-31' });
    expect(after.json().total).toBe(17_200);
    const earlier = await injectAs(t.app, village, { url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000&date=2098-12-31' });
    expect(earlier.json().total).toBe(16_800);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'rate_config').execute();
    expect(audit.map((a) => a.entity_id)).toContain('BPU_JKM@2099-01-01');
    const again = await injectAs(t.app, nasional, { method: 'POST', url: '/api/rates', payload: { key: 'BPU_JKM', effectiveFrom: '2099-01-01', value: 7_300, legalBasis: 'PP (uji) 2/2099' } });
    expect(again.statusCode).toBe(409);
  });
  it('refuses a retroactive value and other roles', async () => {
    const past = await injectAs(t.app, nasional, { method: 'POST', url: '/api/rates', payload: { key: 'BPU_JKM', effectiveFrom: '2020-01-01', value: 1, legalBasis: 'mundur' } });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('RATE_RETROACTIVE');
    const today = await injectAs(t.app, nasional, { method: 'POST', url: '/api/rates', payload: { key: 'PMI_EXTRA_MONTH', effectiveFrom: todayWib(), value: 13_500, legalBasis: 'same value, re-stated' } });
    expect(today.statusCode, today.body).toBe(201);
    const other = await injectAs(t.app, village, { method: 'POST', url: '/api/rates', payload: { key: 'BPU_JKM', effectiveFrom: '2099-02-01', value: 1, legalBasis: 'desa' } });
    expect(other.statusCode).toBe(403);
  });
});
