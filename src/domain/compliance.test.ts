import { describe, expect, it } from 'vitest';
import { assessEmployer, DEFAULT_REQUIRED_PROGRAMS, type EmployerFacts, statusesOf } from './compliance.js';

const base: EmployerFacts = {
  npp: 'NPP-0001',
  sizeClass: 'medium',
  employeesDeclared: 40,
  workersRegistered: 40,
  wageReported: 3_600_000,
  wageActual: 3_600_000,
  programs: ['JKK', 'JKM', 'JHT', 'JP'],
};
const ctx = { umk: 3_500_000, umkYear: 2025, requiredPrograms: DEFAULT_REQUIRED_PROGRAMS.medium };

describe('assessEmployer', () => {
  it('finds nothing wrong with a fully registered employer', () => {
    const f = assessEmployer(base, ctx);
    expect(f).toEqual([]);
    expect(statusesOf(f)).toEqual(['compliant']);
  });

  it('marks an employer with workers and no NPP as PWBD, and only that', () => {
    const f = assessEmployer({ ...base, npp: null, workersRegistered: 0, programs: [], wageReported: null }, ctx);
    expect(statusesOf(f)).toEqual(['PWBD']);
    expect(f[0]!.message.id).toBe('Belum terdaftar di BPJS Ketenagakerjaan padahal melaporkan 40 pekerja ke Disnaker.');
    expect(f[0]!.message.en).toContain('declared 40 employees');
    expect(f[0]!.facts).toEqual({ employeesDeclared: 40, workersRegistered: 0 });
  });

  it('treats a blank NPP as not registered, and an employer without employees as not obliged', () => {
    expect(statusesOf(assessEmployer({ ...base, npp: '  ', workersRegistered: 0 }, ctx))).toEqual(['PWBD']);
    expect(assessEmployer({ ...base, npp: null, employeesDeclared: 0, workersRegistered: 0 }, ctx)).toEqual([]);
  });

  it('finds PDS TK when fewer workers are registered than declared, with the numbers', () => {
    const f = assessEmployer({ ...base, employeesDeclared: 1250, workersRegistered: 412 }, ctx);
    expect(statusesOf(f)).toEqual(['PDS_TK']);
    expect(f[0]!.message.id).toBe('Baru 412 dari 1.250 pekerja yang dilaporkan ke Disnaker terdaftar; 838 pekerja belum didaftarkan.');
    expect(f[0]!.message.en).toBe('Only 412 of the 1,250 employees declared to the labour office are registered; 838 are not.');
    expect(f[0]!.facts.missing).toBe(838);
  });

  it('does not flag more registered workers than declared (the WLKP report may be old)', () => {
    expect(assessEmployer({ ...base, workersRegistered: 45 }, ctx)).toEqual([]);
  });

  it('finds PDS Upah when the reported wage is below the UMK', () => {
    const f = assessEmployer({ ...base, wageReported: 2_500_000, wageActual: null }, ctx);
    expect(statusesOf(f)).toEqual(['PDS_UPAH']);
    expect(f[0]!.message.id).toBe('Upah yang dilaporkan Rp2.500.000 di bawah UMK 2025 Rp3.500.000 (selisih Rp1.000.000).');
    expect(f[0]!.message.en).toBe('Reported wage of Rp2,500,000 is below the 2025 regional minimum wage (UMK) of Rp3,500,000 (short by Rp1,000,000).');
    expect(f[0]!.facts).toMatchObject({ wageReported: 2_500_000, umk: 3_500_000, belowUmk: 'yes', belowActual: 'no' });
  });

  it('finds PDS Upah when the reported wage is below the declared actual wage, even above the UMK', () => {
    const f = assessEmployer({ ...base, wageReported: 3_600_000, wageActual: 5_000_000 }, ctx);
    expect(statusesOf(f)).toEqual(['PDS_UPAH']);
    expect(f[0]!.message.id).toBe('Upah yang dilaporkan Rp3.600.000 di bawah upah sebenarnya Rp5.000.000 (selisih Rp1.400.000).');
  });

  it('names both reasons in one PDS Upah sentence when both hold', () => {
    const f = assessEmployer({ ...base, wageReported: 3_000_000, wageActual: 4_000_000 }, ctx);
    expect(f).toHaveLength(1);
    expect(f[0]!.message.id).toBe(
      'Upah yang dilaporkan Rp3.000.000 di bawah UMK 2025 Rp3.500.000 (selisih Rp500.000) dan di bawah upah sebenarnya Rp4.000.000 (selisih Rp1.000.000).',
    );
    expect(f[0]!.facts).toMatchObject({ belowUmk: 'yes', belowActual: 'yes' });
  });

  it('does not judge wages against an unknown UMK or an unknown reported wage', () => {
    expect(assessEmployer({ ...base, wageReported: 1_000_000, wageActual: null }, { ...ctx, umk: null })).toEqual([]);
    expect(assessEmployer({ ...base, wageReported: null }, ctx)).toEqual([]);
    // exactly at the UMK is compliant
    expect(assessEmployer({ ...base, wageReported: 3_500_000, wageActual: 3_500_000 }, ctx)).toEqual([]);
  });

  it('finds PDS Program for a medium employer without JP, but not for a small one', () => {
    const f = assessEmployer({ ...base, programs: ['JKK', 'JKM', 'JHT'] }, ctx);
    expect(statusesOf(f)).toEqual(['PDS_PROGRAM']);
    expect(f[0]!.message.id).toBe('Usaha menengah wajib ikut JKK, JKM, JHT dan JP, tetapi belum mendaftarkan JP.');
    expect(f[0]!.message.en).toBe('A medium business must have JKK, JKM, JHT and JP, but JP is missing.');
    expect(f[0]!.facts.missing).toEqual(['JP']);
    const small = assessEmployer({ ...base, sizeClass: 'small', programs: ['JKK', 'JKM', 'JHT'] }, { ...ctx, requiredPrograms: DEFAULT_REQUIRED_PROGRAMS.small });
    expect(small).toEqual([]);
  });

  it('lists several missing programmes', () => {
    const f = assessEmployer({ ...base, sizeClass: 'large', programs: ['JKK', 'JKM'] }, { ...ctx, requiredPrograms: DEFAULT_REQUIRED_PROGRAMS.large });
    expect(f[0]!.message.en).toBe('A large business must have JKK, JKM, JHT and JP, but JHT and JP are missing.');
  });

  it('reports several findings at once, in a fixed order', () => {
    const f = assessEmployer({ ...base, workersRegistered: 10, wageReported: 2_000_000, programs: ['JKK', 'JKM'] }, ctx);
    expect(statusesOf(f)).toEqual(['PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']);
    for (const x of f) {
      expect(x.message.id).toMatch(/\d|JP/);
      expect(x.message.en).toMatch(/\d|JP/);
    }
  });

  it('follows the requirement it is given (date-effective configuration), not a built-in list', () => {
    const f = assessEmployer({ ...base, sizeClass: 'micro', programs: ['JKK', 'JKM'] }, { ...ctx, requiredPrograms: ['JKK', 'JKM'] });
    expect(f).toEqual([]);
  });
});
