import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';
import { enrol } from '../../../../test/funding.js';

const t = useTestApp();
let kab: Session;
let bpjs: Session;
let desa: Session;
const nextYear = Number(new Date().toISOString().slice(0, 4)) + 1;

beforeAll(async () => {
  kab = await login(t.app, 'kab.sukabumi');
  bpjs = await login(t.app, 'bpjs.sukabumi');
  desa = await login(t.app, 'desa.balingbing');
});

describe('budget', () => {
  it('budget vs committed vs billed vs paid, and quota use', async () => {
    const p = (
      await injectAs(t.app, kab, {
        method: 'POST',
        url: '/api/funding-programs',
        payload: { name: 'APBD Anggaran 2026', payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2026, budget: 500_000, quota: 4, segment: 'BPU', programs: ['JKK', 'JKM'] },
      })
    ).json();
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const before = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/budget?asOf=2026-01-10` })).json();
    expect(before).toMatchObject({ enrolled: 2, quotaUsed: 0.5, monthlyCost: 16_800, remainingMonths: 12, committed: 2 * 16_800 * 12, billed: 0, paid: 0, available: 500_000 - 403_200 });
    await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2026-01' } });
    await injectAs(t.app, bpjs, { method: 'POST', url: `/api/funding-programs/${p.id}/payments`, payload: { amount: 20_000, paidOn: '2026-02-01' } });
    const after = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/budget?asOf=2026-01-10` })).json();
    expect(after).toMatchObject({ remainingMonths: 11, committed: 33_600 + 2 * 16_800 * 11, billed: 33_600, paid: 16_800, outstanding: 16_800, credit: 3_200 });
    expect((await injectAs(t.app, desa, { url: `/api/funding-programs/${p.id}/budget` })).statusCode).toBe(404);
  });

  it('an enrolment over budget is refused with a clear message unless a permitted role confirms', async () => {
    const p = (
      await injectAs(t.app, kab, {
        method: 'POST',
        url: '/api/funding-programs',
        payload: { name: 'APBD Tahun Depan', payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: nextYear, budget: 16_800 * 12 * 1, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'] },
      })
    ).json();
    let nik = 700;
    const body = () => ({
      nik: `3202015505900${++nik}`,
      name: 'Ani Anggaran',
      birthDate: '1990-05-15',
      sex: 'P',
      villageCode: '32.02.01.2002',
      address: '',
      enrolment: { segment: 'BPU', group: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], fundingProgramId: p.id },
    });
    expect((await injectAs(t.app, bpjs, { method: 'POST', url: '/api/workers', payload: body() })).statusCode).toBe(201);
    const over = await injectAs(t.app, bpjs, { method: 'POST', url: '/api/workers', payload: body() });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'FUNDING_CAPACITY_EXCEEDED', details: { overQuota: false, overBudget: true, canConfirm: false } });
    expect(over.json().error.message).toMatch(/anggaran Rp201\.600 terlampaui \(kebutuhan Rp403\.200\)/);
    const confirmed = await injectAs(t.app, kab, { method: 'POST', url: '/api/workers', payload: { ...body(), enrolment: { ...body().enrolment, confirmOverCapacity: true } } });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });
});

describe('planning', () => {
  it('cost to reach X % by month M, by mix and payer split, beside the region’s budgets', async () => {
    const res = await injectAs(t.app, kab, {
      method: 'POST',
      url: '/api/planning',
      payload: {
        region: '32.02.01.2002',
        targetPercent: 50,
        byMonth: `${nextYear}-12`,
        employedPopulation: 100,
        mix: [{ segment: 'BPU', programs: ['JKK', 'JKM'], income: 1_000_000, share: 1 }],
        payers: [
          { payerType: 'APBD_KABKOTA', share: 0.6 },
          { payerType: 'DANA_DESA', share: 0.4 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const active = r.activeParticipants;
    expect(active).toBeGreaterThan(0);
    expect(r.workersNeeded).toBe(50 - active);
    expect(r.monthlyCost).toBe((50 - active) * 16_800);
    expect(r.annualCost).toBe(r.monthlyCost * 12);
    expect(r.byPayer.map((x: { payerType: string }) => x.payerType)).toEqual(['APBD_KABKOTA', 'DANA_DESA']);
    expect(r.byPayer[0].annualCost + r.byPayer[1].annualCost).toBe(r.annualCost);
    expect(r.budgets.map((b: { name: string }) => b.name)).toEqual(['APBD Tahun Depan']);
    expect(r.denominator).toEqual({ employedPopulation: 100, source: 'input' });
    const foreign = await injectAs(t.app, desa, { method: 'POST', url: '/api/planning', payload: { region: '32.02', targetPercent: 50, byMonth: `${nextYear}-12`, employedPopulation: 100, mix: [{ segment: 'BPU', programs: ['JKK', 'JKM'], income: 1_000_000, share: 1 }], payers: [{ payerType: 'CSR', share: 1 }] } });
    expect(foreign.statusCode).toBe(403);
  });
});
