import { beforeAll, describe, expect, it } from 'vitest';
import { contribution } from '../../../domain/contribution.js';
import { DEFAULT_RATES, snapshotOf } from '../../../domain/rates.js';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';
import { enrol } from '../../../../test/funding.js';

const t = useTestApp();
let kab: Session;
let desa: Session;

const program = (over: Record<string, unknown>) => ({
  name: 'Program Uji Tagihan',
  payerType: 'APBD_KABKOTA',
  regionCode: '32.02',
  fiscalYear: 2025,
  budget: 1_000_000_000,
  quota: 1000,
  segment: 'BPU',
  programs: ['JKK', 'JKM'],
  ...over,
});

beforeAll(async () => {
  kab = await login(t.app, 'kab.sukabumi');
  desa = await login(t.app, 'desa.balingbing');
});

describe('monthly billing run', () => {
  it('one bill, one line per funded open enrolment, priced exactly as the engine; a repeat creates nothing', async () => {
    const p = (await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: program({ programs: ['JKK', 'JKM', 'JHT'] }) })).json();
    const billed = [
      await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] }), // basis income: the 16,800 package
      await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'], income: 2_345_678 }),
      await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM', 'JHT'], income: 3_000_000 }),
      await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'], status: 'submitted' }),
    ];
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'], status: 'lapsed' });
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'], status: 'ended' });
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'], start: '2025-07-01' }); // starts after June

    const res = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-06' } });
    expect(res.statusCode, res.body).toBe(201);
    const s = snapshotOf(DEFAULT_RATES);
    const expected = [1_000_000, 2_345_678, 3_000_000, 1_000_000].map((income, i) => {
      const r = contribution(s, { segment: 'BPU', date: '2025-06-01', declaredIncome: income, programs: i === 2 ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'] });
      return r.ok ? r.value.total : NaN;
    });
    expect(expected[0]).toBe(16_800);
    expect(res.json()).toMatchObject({ month: '2025-06', dueDate: '2025-07-15', workerCount: 4, amount: expected.reduce((a, b) => a + b), paidAmount: 0, status: 'unpaid', created: true });
    const lines = await t.db.selectFrom('bill_line').select(['enrolment_id', 'amount']).where('bill_id', '=', res.json().id).orderBy('enrolment_id').execute();
    expect(lines).toEqual(billed.map((id, i) => ({ enrolment_id: id, amount: expected[i] })));

    const auditBefore = await t.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'bill').execute();
    const again = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-06' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...res.json(), created: false });
    expect(await t.db.selectFrom('bill').select('id').where('funding_program_id', '=', p.id).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('bill_line').select('enrolment_id').where('bill_id', '=', res.json().id).execute()).toHaveLength(4);
    expect(await t.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'bill').execute()).toHaveLength(auditBefore.length);
    expect(auditBefore).toHaveLength(1);

    const list = await injectAs(t.app, desa, { url: `/api/funding-programs/${p.id}/bills` });
    expect(list.statusCode).toBe(404); // another regency's programme reads as absent
  });

  it('PU lines: risk group, JHT split and JP capped at the cap in effect in the billed month', async () => {
    const p = (await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: program({ name: 'Non-ASN Pemkab', segment: 'PU', programs: ['JKK', 'JKM', 'JHT', 'JP'], riskGroup: 2, basisIncome: 3_500_000 }) })).json();
    const incomes = [null, 12_000_000, 10_300_000];
    for (const income of incomes) await enrol(t.db, p.id, { segment: 'PU', programs: ['JKK', 'JKM', 'JHT', 'JP'], income });
    await enrol(t.db, p.id, { segment: 'PU', programs: ['JKK', 'JKM'], income: 5_000_000 }); // JHT/JP not covered for this one
    const s = snapshotOf(DEFAULT_RATES);
    for (const month of ['2025-02', '2025-03']) {
      const res = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month } });
      expect(res.statusCode, res.body).toBe(201);
      const expected = [...incomes.map((i) => [i ?? 3_500_000, ['JKK', 'JKM', 'JHT', 'JP']] as const), [5_000_000, ['JKK', 'JKM']] as const].map(([wage, programs]) => {
        const r = contribution(s, { segment: 'PU', date: `${month}-01`, wage, riskGroup: 2, programs: [...programs] });
        return r.ok ? r.value.total : NaN;
      });
      const lines = await t.db.selectFrom('bill_line').select('amount').where('bill_id', '=', res.json().id).orderBy('enrolment_id').execute();
      expect(lines.map((l) => l.amount)).toEqual(expected);
    }
    // the cap changed on 1 March 2025: 12,000,000 is capped at 10,042,300 in February and 10,547,400 in March
    const [feb, mar] = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/bills` })).json().items;
    expect(mar.amount - feb.amount).toBe(Math.round(((10_547_400 - 10_042_300) * 3) / 100) + Math.round(((10_300_000 - 10_042_300) * 3) / 100));
  });

  it('a closed programme bills no new month, but its issued bills are still answered', async () => {
    const p = (await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: program({ name: 'Program Ditutup' }) })).json();
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const jan = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-01' } });
    expect(jan.statusCode).toBe(201);
    expect((await injectAs(t.app, kab, { method: 'PATCH', url: `/api/funding-programs/${p.id}`, payload: { status: 'closed' } })).statusCode).toBe(200);
    const feb = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-02' } });
    expect(feb.statusCode).toBe(409);
    expect(feb.json().error.code).toBe('FUNDING_PROGRAM_CLOSED');
    const again = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-01' } });
    expect(again.json()).toMatchObject({ id: jan.json().id, created: false });
  });

  it('refuses a malformed month and a programme outside one’s region', async () => {
    const p = (await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: program({ name: 'Program Bulan' }) })).json();
    const bad = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-13' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('MONTH_INVALID');
    const foreign = await injectAs(t.app, desa, { method: 'POST', url: `/api/funding-programs/${p.id}/billing-runs`, payload: { month: '2025-06' } });
    expect(foreign.statusCode).toBe(404);
  });
});
