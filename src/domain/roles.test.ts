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
