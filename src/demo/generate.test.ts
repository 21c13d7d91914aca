import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateDemo, type RegionRef } from './generate.js';

const regions: RegionRef[] = [
  { code: '17', name: 'BENGKULU', level: 'province' },
  { code: '32', name: 'JAWA BARAT', level: 'province' },
  { code: '17.01', name: 'KABUPATEN BENGKULU SELATAN', level: 'regency' },
  { code: '17.71', name: 'KOTA BENGKULU', level: 'regency' },
  { code: '32.02', name: 'KABUPATEN SUKABUMI', level: 'regency' },
  { code: '32.13', name: 'KABUPATEN SUBANG', level: 'regency' },
  { code: '32.73', name: 'KOTA BANDUNG', level: 'regency' },
  ...Array.from({ length: 12 }, (_, i) => ({ code: `32.02.01.${2001 + i}`, name: `Desa ${i}`, level: 'village' as const })),
];

describe('demo generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDemo('province', 7, regions)).toEqual(generateDemo('province', 7, regions));
    expect(generateDemo('province', 7, regions).users).not.toEqual(generateDemo('province', 8, regions).users);
  });

  it('always contains the documented demo accounts, labelled as demo', () => {
    const plan = generateDemo('regency', 1, regions);
    for (const a of DEMO_ACCOUNTS) expect(plan.users).toContainEqual(a);
    expect(plan.users.every((u) => u.displayName.includes('(Demo)'))).toBe(true);
    expect(plan.label).toMatch(/SINTETIS/);
  });

  it('grows with the scale: seed regencies, then Bengkulu, then every province', () => {
    const codes = (scale: 'regency' | 'province' | 'national') => new Set(generateDemo(scale, 1, regions).users.map((u) => u.regionCode));
    expect(codes('regency').has('17.71')).toBe(false);
    expect(codes('province').has('17.71')).toBe(true);
    expect(codes('province').has('32.73')).toBe(false);
    expect(codes('national').has('32.73')).toBe(true);
    expect(generateDemo('regency', 1, regions).users.filter((u) => u.regionCode.startsWith('32.02.01.'))).toHaveLength(5);
  });
});

describe('demo workers', () => {
  it('have NIKs that pass every NIK rule and agree with their birth date and sex', async () => {
    const { checkNik, checkNikAgainstPerson } = await import('../domain/nik.js');
    const plan = generateDemo('regency', 3, regions);
    expect(plan.workers.length).toBeGreaterThan(20);
    const lookup = { provinceExists: () => true, districtExists: () => true };
    for (const w of plan.workers) {
      const r = checkNik(w.nik, lookup);
      expect(r.errors, w.nik).toEqual([]);
      expect(checkNikAgainstPerson(r.facts!, w.birthDate, w.sex), w.nik).toEqual([]);
      expect(w.villageCode.startsWith('32.02.01.')).toBe(true);
    }
    expect(new Set(plan.workers.map((w) => w.nik)).size).toBe(plan.workers.length);
  });
});
