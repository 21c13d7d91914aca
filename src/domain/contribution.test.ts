import { describe, expect, it } from 'vitest';
import { benefit, type BenefitResult, contribution, type ContributionInput, type ContributionResult } from './contribution.js';
import { DEFAULT_RATES, ofPpm, rateAt, type RateEntry, snapshotOf } from './rates.js';

const s = snapshotOf(DEFAULT_RATES);
const ok = (input: ContributionInput): ContributionResult => {
  const r = contribution(s, input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const lineOf = (r: ContributionResult, program: string) => r.lines.find((l) => l.program === program)!;
const D = '2025-06-01';

describe('rates snapshot', () => {
  it('picks the entry in effect on the date, never a later one', () => {
    expect(rateAt(s, 'PU_JP_WAGE_CAP', '2023-03-01').value).toBe(9_559_600);
    expect(rateAt(s, 'PU_JP_WAGE_CAP', '2024-02-29').value).toBe(9_559_600);
    expect(rateAt(s, 'PU_JP_WAGE_CAP', '2024-03-01').value).toBe(10_042_300);
    expect(rateAt(s, 'PU_JP_WAGE_CAP', '2025-02-28').value).toBe(10_042_300);
    expect(rateAt(s, 'PU_JP_WAGE_CAP', '2025-03-01').value).toBe(10_547_400);
    expect(rateAt(s, 'PU_JP_WAGE_CAP', '2026-03-01').value).toBe(11_086_300);
    expect(() => rateAt(s, 'PU_JP_WAGE_CAP', '2023-02-28')).toThrow(/PU_JP_WAGE_CAP/);
  });
  it('a new value applies only from its date', () => {
    const next: RateEntry = { key: 'BPU_JKM', effectiveFrom: '2027-01-01', value: 7_000, unit: 'rupiah', legalBasis: 'test', unconfirmed: false };
    const s2 = snapshotOf([...DEFAULT_RATES, next]);
    expect(contribution(s2, { segment: 'BPU', date: '2026-12-31', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'] })).toMatchObject({ ok: true, value: { total: 16_800 } });
    expect(contribution(s2, { segment: 'BPU', date: '2027-01-01', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'] })).toMatchObject({ ok: true, value: { total: 17_000 } });
  });
  it('ppm arithmetic is integer rupiah, rounded half up, exact for big bases', () => {
    expect(ofPpm(1_000_000, 2_400)).toBe(2_400);
    expect(ofPpm(1_234_567, 3_000)).toBe(3_704); // 3,703.701
    expect(ofPpm(250, 2_000)).toBe(1); // 0.5 → 1
    expect(ofPpm(900_000_000_000_000, 1_100)).toBe(990_000_000_000);
  });
  it('every value carries a legal basis and a unit', () => {
    for (const e of DEFAULT_RATES) expect(e.legalBasis.length, e.key).toBeGreaterThan(3);
  });
});

describe('PU contributions (PP 44/2015, 45/2015, 46/2015)', () => {
  it.each([
    [1, 24_000],
    [2, 54_000],
    [3, 89_000],
    [4, 127_000],
    [5, 174_000],
  ])('JKK risk group %i at Rp10,000,000 → %i (0.24/0.54/0.89/1.27/1.74 %%), employer only', (riskGroup, amount) => {
    const r = ok({ segment: 'PU', date: D, wage: 10_000_000, riskGroup, programs: ['JKK', 'JKM'] });
    expect(lineOf(r, 'JKK')).toMatchObject({ employer: amount, worker: 0, amount });
  });
  it('JKM 0.30 % employer; JHT 3.7 % employer + 2 % worker; JP 2 % + 1 % under the cap', () => {
    const r = ok({ segment: 'PU', date: D, wage: 5_000_000, riskGroup: 1, programs: ['JKK', 'JKM', 'JHT', 'JP'] });
    expect(lineOf(r, 'JKK')).toMatchObject({ employer: 12_000, worker: 0 }); // government services: group I
    expect(lineOf(r, 'JKM')).toMatchObject({ employer: 15_000, worker: 0 });
    expect(lineOf(r, 'JHT')).toMatchObject({ employer: 185_000, worker: 100_000, amount: 285_000 });
    expect(lineOf(r, 'JP')).toMatchObject({ employer: 100_000, worker: 50_000, amount: 150_000 });
    expect(r.total).toBe(12_000 + 15_000 + 285_000 + 150_000);
  });
  it.each([
    ['2023-06-01', 9_559_600],
    ['2024-03-01', 10_042_300],
    ['2025-03-01', 10_547_400],
    ['2026-03-01', 11_086_300],
  ])('JP wage is capped by date: on %s the cap is %i', (date, cap) => {
    const r = ok({ segment: 'PU', date, wage: 15_000_000, riskGroup: 1, programs: ['JKK', 'JKM', 'JP'] });
    expect(lineOf(r, 'JP')).toMatchObject({ employer: ofPpm(cap, 20_000), worker: ofPpm(cap, 10_000) });
    // JKK, JKM and JHT use the full wage
    expect(lineOf(r, 'JKK').amount).toBe(36_000);
  });
  it('JP cap example: Rp12,000,000 on 2025-06-01 → base 10,547,400: employer 210,948, worker 105,474', () => {
    const r = ok({ segment: 'PU', date: D, wage: 12_000_000, riskGroup: 1, programs: ['JKK', 'JKM', 'JP'] });
    expect(lineOf(r, 'JP')).toMatchObject({ employer: 210_948, worker: 105_474, amount: 316_422 });
  });
  it('daily workers: the wage base is the daily wage × 25', () => {
    const r = ok({ segment: 'PU', date: D, wage: 100_000, riskGroup: 1, programs: ['JKK', 'JKM'], daily: true });
    expect(r.lines.map((l) => l.amount)).toEqual([6_000, 7_500]); // base 2,500,000
    expect(r.dailyWageDays).toBe(25);
  });
  it('refuses a missing JKK/JKM, a bad risk group and a non-positive wage', () => {
    const r = contribution(s, { segment: 'PU', date: D, wage: 0, riskGroup: 6, programs: ['JHT'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code).sort()).toEqual(['PROGRAM_REQUIRED', 'PROGRAM_REQUIRED', 'RISK_GROUP_INVALID', 'WAGE_INVALID']);
  });
});

describe('BPU contributions', () => {
  it('the standard government package: Rp16,800 = JKK Rp10,000 + JKM Rp6,800 at Rp1,000,000', () => {
    const r = ok({ segment: 'BPU', date: D, declaredIncome: 1_000_000, programs: ['JKK', 'JKM'] });
    expect(r).toMatchObject({ total: 16_800 });
    expect(lineOf(r, 'JKK')).toMatchObject({ amount: 10_000, worker: 10_000, employer: 0 });
    expect(lineOf(r, 'JKM')).toMatchObject({ amount: 6_800 });
  });
  it('JKK 1 % of declared income, JKM fixed, optional JHT 2 %', () => {
    const r = ok({ segment: 'BPU', date: D, declaredIncome: 2_500_000, programs: ['JKK', 'JKM', 'JHT'] });
    expect(r.lines.map((l) => [l.program, l.amount])).toEqual([
      ['JKK', 25_000],
      ['JKM', 6_800],
      ['JHT', 50_000],
    ]);
    expect(r.total).toBe(81_800);
  });
  it('declared income from Rp1,000,000 up to about Rp20.7 million (JKK about Rp207,000)', () => {
    expect(ok({ segment: 'BPU', date: D, declaredIncome: 20_700_000, programs: ['JKK', 'JKM'] }).lines[0]!.amount).toBe(207_000);
    for (const income of [999_999, 20_700_001]) {
      const r = contribution(s, { segment: 'BPU', date: D, declaredIncome: income, programs: ['JKK', 'JKM'] });
      expect(r.ok ? 'ok' : r.problems[0]!.code).toBe('DECLARED_INCOME_OUT_OF_RANGE');
    }
  });
  it('JP is not available to BPU', () => {
    const r = contribution(s, { segment: 'BPU', date: D, declaredIncome: 1_000_000, programs: ['JKK', 'JKM', 'JP'] });
    expect(r.ok ? 'ok' : r.problems[0]!.code).toBe('PROGRAM_NOT_ALLOWED');
  });
});

describe('Jakon contributions', () => {
  it('worked example: Rp2,000,000,000 contract → JKK Rp2,640,000, JKM Rp310,000', () => {
    const r = ok({ segment: 'JAKON', date: D, contractValue: 2_000_000_000 });
    expect(lineOf(r, 'JKK').amount).toBe(2_640_000);
    expect(lineOf(r, 'JKM').amount).toBe(310_000);
    expect(r.total).toBe(2_950_000);
  });
  it.each([
    [100_000_000, 210_000, 30_000], // first slice only
    [500_000_000, 210_000 + 680_000, 30_000 + 80_000],
    [1_000_000_000, 210_000 + 680_000 + 650_000, 30_000 + 80_000 + 100_000],
    [5_000_000_000, 1_540_000 + 4_400_000, 210_000 + 400_000],
    [10_000_000_000, 5_940_000 + 4_500_000, 610_000 + 500_000], // above Rp5 billion at 0.09 % / 0.01 %
    [50_000_000, 105_000, 15_000],
  ])('stepped marginal rates: contract %i → JKK %i, JKM %i', (value, jkk, jkm) => {
    const r = ok({ segment: 'JAKON', date: D, contractValue: value });
    expect([lineOf(r, 'JKK').amount, lineOf(r, 'JKM').amount]).toEqual([jkk, jkm]);
  });
  it('wages known: JKK 1.74 % + JKM 0.30 % of monthly wages', () => {
    const r = ok({ segment: 'JAKON', date: D, wage: 50_000_000 });
    expect([lineOf(r, 'JKK').amount, lineOf(r, 'JKM').amount]).toEqual([870_000, 150_000]);
  });
  it('needs exactly one basis', () => {
    expect(contribution(s, { segment: 'JAKON', date: D }).ok).toBe(false);
    expect(contribution(s, { segment: 'JAKON', date: D, wage: 1, contractValue: 1 }).ok).toBe(false);
  });
});

describe('PMI contributions (Permenaker 4/2023 art. 18)', () => {
  it.each([
    [6, 108_000],
    [12, 189_000],
    [24, 332_500],
    [7, 108_000 + 13_500],
    [26, 332_500 + 2 * 13_500],
  ])('%i months → %i', (months, amount) => {
    expect(ok({ segment: 'PMI', date: D, months }).total).toBe(amount);
  });
  it('pre-placement Rp37,500, alone or with the placement period', () => {
    expect(ok({ segment: 'PMI', date: D, months: 0, prePlacement: true }).total).toBe(37_500);
    expect(ok({ segment: 'PMI', date: D, months: 24, prePlacement: true }).total).toBe(370_000);
  });
  it('refuses a period under 6 months, and any date before the regulation', () => {
    expect(contribution(s, { segment: 'PMI', date: D, months: 3 }).ok).toBe(false);
    const early = contribution(s, { segment: 'PMI', date: '2022-01-01', months: 6 });
    expect(early.ok ? 'ok' : early.problems[0]!.code).toBe('RATE_NOT_CONFIGURED');
  });
});

describe('benefits (PP 82/2019, Permenaker 5/2021)', () => {
  const okB = (r: ReturnType<typeof benefit>): BenefitResult => {
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.value;
  };
  const part = (r: BenefitResult, name: string) => r.parts.find((p) => p.name === name)!;
  it('JKM Rp42,000,000 = 20m lump sum + 12m periodic (24 × 500,000) + 10m funeral', () => {
    const r = okB(benefit(s, { type: 'JKM', date: D, contributionMonths: 12 }));
    expect(r.total).toBe(42_000_000);
    expect([part(r, 'LUMP_SUM').amount, part(r, 'PERIODIC').amount, part(r, 'FUNERAL').amount]).toEqual([20_000_000, 12_000_000, 10_000_000]);
  });
  it('JKM scholarship only after ≥ 3 years: a separate part with its condition, up to Rp174,000,000', () => {
    const short = part(okB(benefit(s, { type: 'JKM', date: D, contributionMonths: 35 })), 'SCHOLARSHIP');
    expect(short).toMatchObject({ eligible: false, amount: 0, conditional: true });
    expect(short.condition!.id).toMatch(/36 bulan/);
    const long = okB(benefit(s, { type: 'JKM', date: D, contributionMonths: 36 }));
    expect(part(long, 'SCHOLARSHIP')).toMatchObject({ eligible: true, amount: 174_000_000 });
    expect(part(long, 'SCHOLARSHIP').condition!.id).toMatch(/2 anak.*87\.000\.000/);
    expect(long.total).toBe(42_000_000); // the scholarship is reported beside the total
  });
  it('JKK death: 48 × wage + 10m funeral + 12m periodic; BPU at Rp1,000,000 → Rp70,000,000 before scholarship', () => {
    const r = okB(benefit(s, { type: 'JKK_DEATH', date: D, wage: 1_000_000 }));
    expect(part(r, 'DEATH_COMPENSATION').amount).toBe(48_000_000);
    expect(r.total).toBe(70_000_000);
    expect(part(r, 'SCHOLARSHIP')).toMatchObject({ amount: 174_000_000, conditional: true });
  });
  it('JKK death compensation is never less than the JKM lump sum', () => {
    const r = okB(benefit(s, { type: 'JKK_DEATH', date: D, wage: 300_000 })); // 48 × 300,000 = 14.4m < 20m
    expect(part(r, 'DEATH_COMPENSATION').amount).toBe(20_000_000);
    expect(r.total).toBe(42_000_000);
  });
  it('refuses negative inputs', () => {
    expect(benefit(s, { type: 'JKM', date: D, contributionMonths: -1 }).ok).toBe(false);
    expect(benefit(s, { type: 'JKK_DEATH', date: D, wage: 0 }).ok).toBe(false);
  });
});
