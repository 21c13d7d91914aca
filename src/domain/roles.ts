import { levelOf, type RegionLevel } from './region-code.js';

/** Who can do what. Scope (which regions) is separate: every user also has one region subtree. */
export const ROLES = [
  'national_monitor',
  'province_operator',
  'regency_operator',
  'village_operator',
  'bpjs_branch',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'region:read',
  'audit:read',
  'user:read',
  'user:manage',
  'worker:read',
  'worker:write',
  /** see a full NIK (each look is audited); everyone else sees 3202••••••••0001 */
  'worker:nik',
  /** coverage figures, trends and monev reports (issue 5) */
  'coverage:read',
  /** import employed-population figures and coverage targets for one's region */
  'denominator:write',
  /** upload official region boundaries (GeoJSON) for the coverage maps */
  'boundary:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['region:read', 'audit:read', 'user:read', 'user:manage', 'worker:read'],
  province_operator: ['region:read', 'user:read', 'user:manage', 'worker:read', 'worker:write', 'worker:nik'],
  regency_operator: ['region:read', 'user:read', 'user:manage', 'worker:read', 'worker:write', 'worker:nik'],
  village_operator: ['region:read', 'worker:read', 'worker:write', 'worker:nik'],
  bpjs_branch: ['region:read', 'worker:read', 'worker:write', 'worker:nik'],
  auditor: ['region:read', 'audit:read', 'user:read', 'worker:read'],
};

/** Coverage monitoring (issue 5), kept apart from GRANTS so parallel branches merge cleanly. */
const COVERAGE_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['coverage:read', 'denominator:write', 'boundary:write'],
  province_operator: ['coverage:read', 'denominator:write'],
  regency_operator: ['coverage:read', 'denominator:write'],
  village_operator: ['coverage:read'],
  bpjs_branch: ['coverage:read'],
  auditor: ['coverage:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission) || COVERAGE_GRANTS[role].includes(permission);
}

/** The region level each role's scope must sit at. */
export const ROLE_LEVEL: Record<Role, RegionLevel> = {
  national_monitor: 'country',
  auditor: 'country',
  province_operator: 'province',
  regency_operator: 'regency',
  bpjs_branch: 'regency',
  village_operator: 'village',
};

export function roleFitsRegion(role: Role, regionCode: string): boolean {
  return ROLE_LEVEL[role] === levelOf(regionCode);
}

/** A manager may only hand out roles whose scope sits below or at their own level and is not national. */
const RANK: Record<Role, number> = {
  national_monitor: 4,
  auditor: 4,
  province_operator: 3,
  regency_operator: 2,
  bpjs_branch: 2,
  village_operator: 1,
};

export function mayGrant(manager: Role, role: Role): boolean {
  return manager === 'national_monitor' || RANK[role] < RANK[manager];
}
