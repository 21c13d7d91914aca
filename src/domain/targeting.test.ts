import { describe, expect, it } from 'vitest';
import { contribution } from './contribution.js';
import { DEFAULT_RATES, snapshotOf } from './rates.js';
import { birthYearRange, checkFilter, coverCost, dtsenSource, parseDataYear, parseDecile, replacesDecile, standardMonthlyCost } from './targeting.js';

const rates = snapshotOf(DEFAULT_RATES);

describe('DTSEN targeting rules', () => {
  it('reads deciles 1–10 as offices write them, and nothing else', () => {
    expect([1, '2', ' 3 ', 'Desil 4', 'desil 10', '5.0', 6].map(parseDecile)).toEqual([1, 2, 3, 4, 10, 5, 6]);
    for (const bad of [0, 11, '11', '2,5', 2.5, '', null, 'tiga', '-1']) expect(parseDecile(bad)).toBeUndefined();
  });

  it('reads a data year from 2015 up to the current year', () => {
    expect(parseDataYear(2025, 2026)).toBe(2025);
    expect(parseDataYear('2026', 2026)).toBe(2026);
    for (const bad of [2014, 2027, '25', '', null, '2025-01']) expect(parseDataYear(bad, 2026)).toBeUndefined();
  });

  it('turns an age range into birth years (age reached this year)', () => {
    expect(birthYearRange(2026, 15, 64)).toEqual({ from: 1962, to: 2011 });
    expect(birthYearRange(2026, 30, 30)).toEqual({ from: 1996, to: 1996 });
  });

  it('refuses upside-down ranges naming the field', () => {
    expect(checkFilter({ minDecile: 1, maxDecile: 4, minAge: 15, maxAge: 64 })).toBeUndefined();
    expect(checkFilter({ minDecile: 5, maxDecile: 4, minAge: 15, maxAge: 64 })?.field).toBe('querystring.minDecile');
    expect(checkFilter({ minDecile: 1, maxDecile: 4, minAge: 70, maxAge: 64 })?.field).toBe('querystring.minAge');
  });

  it('prices the standard package with the contribution engine (BPU JKK + JKM on the minimum income)', () => {
    const engine = contribution(rates, { segment: 'BPU', date: '2025-06-01', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'] });
    const unit = standardMonthlyCost(rates, '2025-06-01');
    expect(unit.ok && engine.ok && unit.value === engine.value.total).toBe(true);
    expect(unit.ok && unit.value).toBeGreaterThan(0);
    expect(standardMonthlyCost(rates, 'juni').ok).toBe(false);
  });

  it('costs a month and a year of cover', () => {
    expect(coverCost(1234, 16_800)).toEqual({ costPerMonth: 20_731_200, costPerYear: 248_774_400 });
    expect(coverCost(0, 16_800)).toEqual({ costPerMonth: 0, costPerYear: 0 });
  });

  it('lets a later extract of the same or a newer year replace the decile, never an older one', () => {
    expect(replacesDecile({ dataYear: 2025 }, { dataYear: 2025 })).toBe(true);
    expect(replacesDecile({ dataYear: 2025 }, { dataYear: 2026 })).toBe(true);
    expect(replacesDecile({ dataYear: 2025 }, { dataYear: 2024 })).toBe(false);
    expect(dtsenSource(2025)).toBe('DTSEN 2025');
  });
});
