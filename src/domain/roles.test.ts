import { describe, expect, it } from 'vitest';
import { can, mayGrant, roleFitsRegion, ROLES } from './roles.js';

describe('roles', () => {
  it('grants audit reading to the auditor and national monitor only', () => {
    expect(ROLES.filter((r) => can(r, 'audit:read'))).toEqual(['national_monitor', 'auditor']);
  });

  it('keeps the auditor read-only', () => {
    expect(can('auditor', 'user:manage')).toBe(false);
    expect(can('auditor', 'user:read')).toBe(true);
  });

  it('ties each role to a region level', () => {
    expect(roleFitsRegion('national_monitor', 'ID')).toBe(true);
    expect(roleFitsRegion('auditor', '32')).toBe(false);
    expect(roleFitsRegion('province_operator', '17')).toBe(true);
    expect(roleFitsRegion('regency_operator', '32.02')).toBe(true);
    expect(roleFitsRegion('bpjs_branch', '32.02')).toBe(true);
    expect(roleFitsRegion('village_operator', '32.13.28.2007')).toBe(true);
    expect(roleFitsRegion('village_operator', '32.13.28')).toBe(false);
  });

  it('lets managers grant only roles below their own', () => {
    expect(mayGrant('regency_operator', 'village_operator')).toBe(true);
    expect(mayGrant('regency_operator', 'regency_operator')).toBe(false);
    expect(mayGrant('regency_operator', 'bpjs_branch')).toBe(false);
    expect(mayGrant('province_operator', 'regency_operator')).toBe(true);
    expect(mayGrant('province_operator', 'auditor')).toBe(false);
    expect(mayGrant('national_monitor', 'auditor')).toBe(true);
  });
});

describe('labour inspector (compliance)', () => {
  it('works on employers and cases of a regency, and sees no worker NIK', () => {
    expect(roleFitsRegion('labour_inspector', '32.02')).toBe(true);
    expect(can('labour_inspector', 'compliance:write')).toBe(true);
    expect(can('labour_inspector', 'worker:nik')).toBe(false);
    expect(can('labour_inspector', 'user:manage')).toBe(false);
    expect(ROLES.filter((r) => can(r, 'compliance:write'))).toEqual(['bpjs_branch', 'labour_inspector']);
    expect(mayGrant('province_operator', 'labour_inspector')).toBe(true);
    expect(mayGrant('regency_operator', 'labour_inspector')).toBe(false);
  });
});

describe('official participation data (issue 11)', () => {
  it('lets only the national monitor manage API tokens, and the regional offices and national monitor send figures', () => {
    expect(ROLES.filter((r) => can(r, 'token:manage'))).toEqual(['national_monitor']);
    expect(ROLES.filter((r) => can(r, 'participation:write'))).toEqual(['national_monitor', 'province_operator', 'regency_operator']);
  });
});
