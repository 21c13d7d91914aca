import { describe, expect, it } from 'vitest';
import { addMonths, coveragePct, currentPeriod, describeDefinition, isPeriod, monthsBetween, targetGap } from './coverage.js';

describe('coverage arithmetic', () => {
  it('never divides by a missing or zero denominator', () => {
    expect(coveragePct(410, 1000)).toBe(41);
    expect(coveragePct(1, 3)).toBe(33.33);
    expect(coveragePct(5, null)).toBeNull();
    expect(coveragePct(5, 0)).toBeNull();
  });

  it('computes the gap to target in workers and rupiah, never negative', () => {
    expect(targetGap(400, 1000, 45, 16_800)).toEqual({ workers: 50, rupiahPerMonth: 840_000 });
    expect(targetGap(400.0, 1000, 40.05, 16_800)).toEqual({ workers: 1, rupiahPerMonth: 16_800 });
    expect(targetGap(900, 1000, 45, 16_800)).toEqual({ workers: 0, rupiahPerMonth: 0 });
    expect(targetGap(400, null, 45, 16_800)).toBeNull();
    expect(targetGap(400, 1000, null, 16_800)).toBeNull();
  });

  it('handles months', () => {
    expect(isPeriod('2025-06')).toBe(true);
    expect(isPeriod('2025-13')).toBe(false);
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2024-12', 13)).toBe('2026-01');
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-02', '2025-01')).toEqual([]);
    // 31 Dec 2025 20:00 UTC is already January in WIB (UTC+7)
    expect(currentPeriod(new Date('2025-12-31T20:00:00Z'))).toBe('2026-01');
  });

  it('states the definition with the segments counted', () => {
    const d = describeDefinition(['PU', 'BPU']);
    expect(d.id).toContain('peserta aktif (PU, BPU)');
    expect(d.en).toContain('employed population');
  });
});
