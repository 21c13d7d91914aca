import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfficialDemo, SEED_FIGURES } from './official-plan.js';

const csv = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data', 'regencies.csv');
const regencies = readFileSync(csv, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, , name] = line.split(',');
    return { code: code!, name: name! };
  });

describe('official demo plan', () => {
  const demo = new OfficialDemo(regencies);
  const rows = [...demo.participation('2024-01', '2026-12')];
  const dens = new Map(demo.denominators([2024, 2025, 2026]).map((d) => [`${d.code}|${d.year}`, d]));
  const pct = (code: string, period: string) => {
    const active = rows.filter((r) => r.period === period && (code === 'ID' || r.code === code || r.code.startsWith(`${code}.`))).reduce((s, r) => s + r.active, 0);
    return (active / dens.get(`${code}|${period.slice(0, 4)}`)!.total) * 100;
  };

  it('holds the seed figures in the seed months', () => {
    for (const [code, period, value] of SEED_FIGURES) expect(pct(code, period), `${code} ${period}`).toBeCloseTo(value, 1);
    const bengkulu = demo.regencies.filter((r) => r.province === '17').map((r) => ({ code: r.code, pct: pct(r.code, '2024-11') }));
    expect(bengkulu.sort((a, b) => b.pct - a.pct).map((r) => r.code)).toEqual(expect.arrayContaining(['17.04', '17.07']));
    expect(bengkulu[0]!.code).toBe('17.04');
    expect(bengkulu.at(-1)!.code).toBe('17.07');
  });

  it('has real magnitudes, consistent sums and plausible segments', () => {
    expect(rows).toHaveLength(514 * 36 * 4);
    expect(dens.get('ID|2024')!.total).toBeGreaterThan(135e6);
    expect(dens.get('ID|2024')!.total).toBeLessThan(150e6);
    for (const d of dens.values()) expect(d.formal + d.informal).toBe(d.total);
    const provinces = [...dens.values()].filter((d) => d.code !== 'ID' && d.code.length === 2 && d.year === 2026);
    expect(provinces.reduce((s, d) => s + d.total, 0)).toBe(dens.get('ID|2026')!.total);
    for (const r of demo.regencies) {
      const a = demo.active(r, '2026-12');
      const d = dens.get(`${r.code}|2026`)!;
      expect(a.PU, r.code).toBeLessThanOrEqual(d.formal);
      expect(a.BPU, r.code).toBeLessThanOrEqual(d.informal);
    }
    expect(rows.every((r) => r.active >= 0 && r.newCount >= 0 && r.inactiveCount >= 0)).toBe(true);
  });

  it('is deterministic', () => {
    expect(new OfficialDemo(regencies).denominators([2025])).toEqual(demo.denominators([2025]));
    expect(new OfficialDemo(regencies).targets([2025])).toEqual(demo.targets([2025]));
  });
});
