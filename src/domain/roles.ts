import { levelOf, type RegionLevel } from './region-code.js';

/** Who can do what. Scope (which regions) is separate: every user also has one region subtree. */
export const ROLES = [
  'national_monitor',
  'province_operator',
  'regency_operator',
  'village_operator',
  'bpjs_branch',
  'auditor',
  /** labour inspector (Disnaker pengawas ketenagakerjaan): employer compliance and its cases, regency scope */
  'labour_inspector',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'region:read',
  'audit:read',
  'user:read',
  'user:manage',
  'worker:read',
  'worker:write',
  /** see a full NIK (each look is audited); everyone else sees ••••••••••••0001 */
  'worker:nik',
  // funding (issue 4)
  /** add a new effective-dated rate, cap or amount */
  'rate:manage',
  'funding:read',
  /** set up and change funding programmes; run their monthly billing */
  'funding:write',
  /** record and import payments */
  'payment:write',
  /** confirm an enrolment or import that goes over a programme's quota or budget */
  'funding:override',
  // compliance (issue 6)
  'employer:read',
  'employer:write',
  /** open compliance cases and move them through warnings, referral and sanctions */
  'compliance:write',
  'umk:write',
  'outreach:read',
  'outreach:write',
  'agent:read',
  'agent:write',
  // coverage (issue 5)
  /** coverage figures, trends and monev reports (issue 5) */
  'coverage:read',
  /** import employed-population figures and coverage targets for one's region */
  'denominator:write',
  /** upload official region boundaries (GeoJSON) for the coverage maps */
  'boundary:write',
  // official participation data (issue 11)
  /** send BPJS TK's official participation figures for one's region: a file, or a push with an API token of this scope */
  'participation:write',
  /** create, list and revoke the API tokens BPJS TK's systems push with */
  'token:manage',
  // DTSEN targeting (issue 16): the socio-economic data is sensitive personal data (UU 27/2022)
  /** see DTSEN candidates of one's region: the priority list, its export, the extract imports */
  'dtsen:read',
  /** import DTSEN extracts and enrol candidates in bulk into a funding programme */
  'dtsen:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BASE_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['region:read', 'audit:read', 'user:read', 'user:manage', 'worker:read'],
  province_operator: ['region:read', 'user:read', 'user:manage', 'worker:read', 'worker:write', 'worker:nik'],
  regency_operator: ['region:read', 'user:read', 'user:manage', 'worker:read', 'worker:write', 'worker:nik'],
  village_operator: ['region:read', 'worker:read', 'worker:write', 'worker:nik'],
  bpjs_branch: ['region:read', 'worker:read', 'worker:write', 'worker:nik'],
  auditor: ['region:read', 'audit:read', 'user:read', 'worker:read'],
  labour_inspector: ['region:read'],
};

/** Compliance, outreach and Perisai agents (issue 6), kept in their own block so capability grants merge apart. */
const COMPLIANCE_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['employer:read', 'outreach:read', 'agent:read'],
  province_operator: ['employer:read', 'employer:write', 'umk:write', 'outreach:read', 'outreach:write', 'agent:read'],
  regency_operator: ['employer:read', 'employer:write', 'umk:write', 'outreach:read', 'outreach:write', 'agent:read', 'agent:write'],
  village_operator: ['outreach:read'],
  bpjs_branch: ['employer:read', 'employer:write', 'compliance:write', 'outreach:read', 'outreach:write', 'agent:read', 'agent:write'],
  auditor: ['employer:read', 'outreach:read', 'agent:read'],
  // worker:read (NIK masked): inspectors reconcile an employer's staff with the registry
  labour_inspector: ['worker:read', 'employer:read', 'employer:write', 'compliance:write', 'umk:write', 'outreach:read', 'outreach:write', 'agent:read'],
};

/** Funding (issue 4): payers set up programmes and bill; the BPJS branch records payments it receives. */
const FUNDING_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['funding:read', 'rate:manage'],
  province_operator: ['funding:read', 'funding:write', 'payment:write', 'funding:override'],
  regency_operator: ['funding:read', 'funding:write', 'payment:write', 'funding:override'],
  village_operator: ['funding:read', 'funding:write', 'payment:write'],
  bpjs_branch: ['funding:read', 'payment:write'],
  auditor: ['funding:read'],
  labour_inspector: [],
};

/** Coverage monitoring (issue 5). */
const COVERAGE_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['coverage:read', 'denominator:write', 'boundary:write'],
  province_operator: ['coverage:read', 'denominator:write'],
  regency_operator: ['coverage:read', 'denominator:write'],
  village_operator: ['coverage:read'],
  bpjs_branch: ['coverage:read'],
  auditor: ['coverage:read'],
  labour_inspector: ['coverage:read'],
};

/** Official participation data (issue 11): regional and national offices send files; only the national monitor hands out tokens. */
const PARTICIPATION_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['participation:write', 'token:manage'],
  province_operator: ['participation:write'],
  regency_operator: ['participation:write'],
  village_operator: [],
  bpjs_branch: [],
  auditor: [],
  labour_inspector: [],
};

/**
 * DTSEN targeting (issue 16, decision 89): only the regional payers who choose and fund candidates see
 * them; national, audit, BPJS branch and inspectors see the counts on the coverage page only.
 */
const DTSEN_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: [],
  province_operator: ['dtsen:read', 'dtsen:write'],
  regency_operator: ['dtsen:read', 'dtsen:write'],
  village_operator: ['dtsen:read', 'dtsen:write'],
  bpjs_branch: [],
  auditor: [],
  labour_inspector: [],
};

const GRANTS = Object.fromEntries(
  ROLES.map((role) => [
    role,
    [...BASE_GRANTS[role], ...FUNDING_GRANTS[role], ...COMPLIANCE_GRANTS[role], ...COVERAGE_GRANTS[role], ...PARTICIPATION_GRANTS[role], ...DTSEN_GRANTS[role]],
  ]),
) as unknown as Record<Role, readonly Permission[]>;

/** What an API token may be granted (api_token.scopes); each is also the permission a signed-in user needs for the same act. */
export const TOKEN_SCOPES = ['participation:write'] as const satisfies readonly Permission[];
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The region level each role's scope must sit at. */
export const ROLE_LEVEL: Record<Role, RegionLevel> = {
  national_monitor: 'country',
  auditor: 'country',
  province_operator: 'province',
  regency_operator: 'regency',
  bpjs_branch: 'regency',
  village_operator: 'village',
  labour_inspector: 'regency',
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
  labour_inspector: 2,
};

export function mayGrant(manager: Role, role: Role): boolean {
  return manager === 'national_monitor' || RANK[role] < RANK[manager];
}
