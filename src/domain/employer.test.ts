import { describe, expect, it } from 'vitest';
import { checkEmployer, type EmployerCandidate, parseSizeClass } from './employer.js';

const ok: EmployerCandidate = {
  name: 'PT Uji',
  npp: '12345678',
  nib: '9120001234567',
  sizeClass: 'medium',
  villageCode: '32.02.01.2002',
  employeesDeclared: 40,
  workersRegistered: 40,
  wageReported: 3_600_000,
  wageActual: null,
  programs: ['JKK', 'JKM', 'JHT', 'JP'],
};
const villages = (c: string) => c === '32.02.01.2002';
const codes = (e: Partial<EmployerCandidate>) => checkEmployer({ ...ok, ...e }, villages).map((p) => p.code);

describe('checkEmployer', () => {
  it('accepts a complete record, and an unregistered one without NPP', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ npp: null, workersRegistered: 0, programs: [], wageReported: null })).toEqual([]);
  });

  it('names each problem with its field', () => {
    expect(codes({ name: ' ' })).toEqual(['NAME_REQUIRED']);
    expect(codes({ nib: '123' })).toEqual(['NIB_INVALID']);
    expect(codes({ sizeClass: undefined })).toEqual(['SIZE_CLASS_INVALID']);
    expect(codes({ villageCode: '3202012002' })).toEqual(['VILLAGE_CODE_FORMAT']);
    expect(codes({ villageCode: '32.02.01.2999' })).toEqual(['VILLAGE_UNKNOWN']);
    expect(codes({ employeesDeclared: null })).toEqual(['COUNT_REQUIRED']);
    expect(codes({ employeesDeclared: 'invalid' })).toEqual(['COUNT_INVALID']);
    expect(codes({ wageReported: 'invalid' })).toEqual(['WAGE_INVALID']);
    expect(codes({ programs: ['JKK', 'JKP'] })).toEqual(['PROGRAMS_INVALID']);
    expect(codes({ npp: null })).toEqual(['REGISTERED_WITHOUT_NPP', 'PROGRAMS_WITHOUT_NPP']);
    expect(checkEmployer({ ...ok, nib: '1' }, villages)[0]).toMatchObject({ field: 'nib', message: { id: 'NIB "1" harus 13 digit.' } });
  });

  it('reads size classes as offices write them', () => {
    expect(parseSizeClass('Menengah')).toBe('medium');
    expect(parseSizeClass('Usaha Mikro')).toBe('micro');
    expect(parseSizeClass('large')).toBe('large');
    expect(parseSizeClass('raksasa')).toBeUndefined();
  });
});
