import { describe, expect, it } from 'vitest';
import {
  checkPeriod,
  coverStart,
  extensionDifference,
  parseAdhocRole,
  periodMonths,
  periodStatus,
  projectContribution,
  projectFlags,
  registrationDeadline,
  registrationWorkingDays,
} from './jakon.js';
import { DEFAULT_RATES, snapshotOf } from './rates.js';

const s = snapshotOf(DEFAULT_RATES);
const amount = (contractValue: number, wagesTotal?: number) => {
  const r = projectContribution(s, { spkDate: '2025-06-02', contractValue, wagesTotal });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

describe('Jakon contribution of a project', () => {
  it('prices the DOMAIN.md worked example exactly: Rp2.000.000.000 → JKK 2.640.000, JKM 310.000', () => {
    expect(amount(2_000_000_000)).toEqual({ jkk: 2_640_000, jkm: 310_000, total: 2_950_000 });
  });
  it('charges each slice at its own rate (a Rp150 million village road: 100m × 0,21% + 50m × 0,17%)', () => {
    expect(amount(150_000_000)).toEqual({ jkk: 210_000 + 85_000, jkm: 30_000 + 10_000, total: 335_000 });
  });
  it('uses 1,74% + 0,30% of the total wages when they are known', () => {
    expect(amount(2_000_000_000, 300_000_000)).toEqual({ jkk: 5_220_000, jkm: 900_000, total: 6_120_000 });
  });
  it('reports a problem naming the field instead of throwing', () => {
    const r = projectContribution(s, { spkDate: '2025-06-02', contractValue: -5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.field).toBe('contractValue');
  });
});

describe('registration deadline', () => {
  it('is 14 working days after the SPK, skipping weekends and national holidays', () => {
    expect(registrationWorkingDays(s, '2025-06-02')).toBe(14);
    // Mon 2 Jun 2025 + 14 working days, without holidays: Fri 20 Jun
    expect(registrationDeadline('2025-06-02', new Set(), 14)).toBe('2025-06-20');
    // with Idul Adha (Fri 6 Jun) the deadline moves to Mon 23 Jun
    expect(registrationDeadline('2025-06-02', new Set(['2025-06-06']), 14)).toBe('2025-06-23');
  });
});

describe('periods', () => {
  it('refuses an end before the start and an SPK after the start', () => {
    expect(checkPeriod({ startDate: '2025-06-10', endDate: '2025-06-09' }).map((p) => p.code)).toEqual(['END_BEFORE_START']);
    expect(checkPeriod({ startDate: '2025-06-10', endDate: '2025-06-10', spkDate: '2025-06-11' }).map((p) => p.code)).toEqual(['SPK_AFTER_START']);
    expect(checkPeriod({ startDate: '2025-06-10', endDate: '2025-08-31', spkDate: '2025-06-01' })).toEqual([]);
  });
  it('covers a worker added after the start from the day added, never backdated', () => {
    const p = { startDate: '2025-06-10', endDate: '2025-08-31' };
    expect(coverStart(p, '2025-06-01')).toBe('2025-06-10');
    expect(coverStart(p, '2025-07-15')).toBe('2025-07-15');
    expect(coverStart(p, '2025-09-01')).toBeNull();
    expect(periodStatus(p, '2025-06-09')).toBe('planned');
    expect(periodStatus(p, '2025-08-31')).toBe('running');
    expect(periodStatus(p, '2025-09-01')).toBe('ended');
  });
  it('lists the months a period touches, across a year end', () => {
    expect(periodMonths('2024-11-15', '2025-01-31')).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(periodMonths('2025-03-01', '2025-03-31')).toEqual(['2025-03']);
  });
});

describe('extension and flags', () => {
  it('bills the difference of an extension, never a refund', () => {
    expect(extensionDifference({ jkk: 3_000_000, jkm: 330_000, total: 3_330_000 }, { jkk: 2_640_000, jkm: 310_000 })).toEqual({ jkk: 360_000, jkm: 20_000, total: 380_000 });
    expect(extensionDifference({ jkk: 100, jkm: 10, total: 110 }, { jkk: 200, jkm: 20 })).toEqual({ jkk: 0, jkm: 0, total: 0 });
  });
  it('flags a project late when it was not registered by the deadline, unpaid when a due bill is open', () => {
    const p = { registrationDeadline: '2025-06-20', registeredOn: null, billDue: '2025-06-20', outstanding: 335_000 };
    expect(projectFlags(p, '2025-06-20')).toEqual({ late: false, unpaid: false });
    expect(projectFlags(p, '2025-06-21')).toEqual({ late: true, unpaid: true });
    expect(projectFlags({ ...p, registeredOn: '2025-06-19', outstanding: 0 }, '2025-07-01')).toEqual({ late: false, unpaid: false });
    expect(projectFlags({ ...p, registeredOn: '2025-06-23', outstanding: 0 }, '2025-07-01')).toEqual({ late: true, unpaid: false });
  });
  it('reads ad hoc roles as offices write them', () => {
    expect(parseAdhocRole('kpps')).toBe('KPPS');
    expect(parseAdhocRole('Panwascam')).toBe('PANWASCAM');
    expect(parseAdhocRole('Lain-lain')).toBe('LAINNYA');
    expect(parseAdhocRole('ketua RT')).toBeUndefined();
  });
});
