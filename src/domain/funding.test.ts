import { describe, expect, it } from 'vitest';
import { addMonths, capacity, checkPayerRegion, dueDate, monthlyCost, monthsBetween, plan, splitByShares } from './funding.js';
import { DEFAULT_RATES, snapshotOf } from './rates.js';

describe('payer region', () => {
  it('APBD provinsi/kabupaten and Dana Desa need their level; Dana Desa a desa, not a kelurahan', () => {
    expect(checkPayerRegion('APBD_PROVINSI', '17')).toBeUndefined();
    expect(checkPayerRegion('APBD_PROVINSI', '17.01')).toBeDefined();
    expect(checkPayerRegion('APBD_KABKOTA', '32.02')).toBeUndefined();
    expect(checkPayerRegion('DANA_DESA', '32.02.01.2001')).toBeUndefined();
    expect(checkPayerRegion('DANA_DESA', '32.02.01.1001')?.en).toMatch(/kelurahan/);
    expect(checkPayerRegion('CSR', '32.02.01')).toBeUndefined();
  });
});

describe('months and due dates', () => {
  it('due the 15th of the next month, a weekend 15th moves to Monday', () => {
    expect(dueDate('2025-06-01')).toBe('2025-07-15'); // Tuesday
    expect(dueDate('2025-02-01')).toBe('2025-03-17'); // 15 March 2025 is a Saturday
    expect(dueDate('2025-05-01')).toBe('2025-06-16'); // 15 June 2025 is a Sunday
    expect(dueDate('2025-12-01')).toBe('2026-01-15');
  });
  it('month arithmetic across years', () => {
    expect(addMonths('2025-11-01', 3)).toBe('2026-02-01');
    expect(addMonths('2025-01-01', -1)).toBe('2024-12-01');
    expect(monthsBetween('2025-01-01', '2025-12-01')).toBe(12);
    expect(monthsBetween('2025-03-01', '2025-01-01')).toBe(0);
  });
});

describe('programme monthly cost', () => {
  const s = snapshotOf(DEFAULT_RATES);
  it('BPU package basis is the 16,800 package; PU basis uses the risk group', () => {
    expect(monthlyCost(s, { segment: 'BPU', programs: ['JKK', 'JKM'], income: 1_000_000, riskGroup: 1 }, '2025-06-01')).toEqual({ ok: true, value: 16_800 });
    expect(monthlyCost(s, { segment: 'PU', programs: ['JKK', 'JKM'], income: 3_000_000, riskGroup: 1 }, '2025-06-01')).toEqual({ ok: true, value: 7_200 + 9_000 });
  });
});

describe('capacity (quota and budget)', () => {
  const base = { budget: 16_800 * 12 * 10, quota: 10, enrolled: 9, billedThisYear: 0, monthlyCost: 16_800, remainingMonths: 12 };
  it('room for one more, not two', () => {
    expect(capacity(base, 1)).toEqual({ overQuota: false, overBudget: false });
    const over = capacity(base, 2);
    expect(over).toMatchObject({ overQuota: true, overBudget: true });
    expect(over.message!.id).toMatch(/kuota 10 pekerja terlampaui \(menjadi 11\); anggaran Rp2\.016\.000 terlampaui/);
  });
  it('what was billed counts against the budget', () => {
    expect(capacity({ ...base, enrolled: 0, quota: 100, billedThisYear: 2_000_000, remainingMonths: 1 }, 1).overBudget).toBe(true);
  });
});

describe('planning', () => {
  it('workers needed from the denominator, cost by mix, split by payer so the parts add up', () => {
    const r = plan({
      targetPercent: 50,
      employedPopulation: 1_001,
      activeParticipants: 300,
      months: 12,
      mix: [
        { label: 'BPU', share: 2 / 3, monthlyCost: 16_800 },
        { label: 'PU', share: 1 / 3, monthlyCost: 16_200 },
      ],
      payers: [
        { payerType: 'APBD_KABKOTA', share: 0.7 },
        { payerType: 'DANA_DESA', share: 0.3 },
      ],
    });
    expect(r.targetParticipants).toBe(501); // ceil(500.5)
    expect(r.workersNeeded).toBe(201);
    expect(r.byMix.map((m) => m.workers)).toEqual([134, 67]);
    expect(r.monthlyCost).toBe(134 * 16_800 + 67 * 16_200);
    expect(r.annualCost).toBe(r.monthlyCost * 12);
    expect(r.byPayer.reduce((a, p) => a + p.annualCost, 0)).toBe(r.annualCost);
    expect(r.byPayer[0]!.monthlyCost).toBe(Math.round(r.monthlyCost * 0.7));
  });
  it('nothing needed when the target is already reached', () => {
    expect(plan({ targetPercent: 10, employedPopulation: 100, activeParticipants: 50, months: 12, mix: [{ label: 'x', share: 1, monthlyCost: 1 }], payers: [{ payerType: 'CSR', share: 1 }] }).workersNeeded).toBe(0);
  });
  it('largest-remainder split', () => {
    expect(splitByShares(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByShares(0, [0.5, 0.5])).toEqual([0, 0]);
  });
});
