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
  // Inpres 2/2021 accountability (issue 15)
  /** scorecards, rankings, regulations, meetings and the semester report */
  'inpres:read',
  /** record regulations, declared allocations, target groups, meetings and their follow-up actions for one's region */
  'inpres:write',
  /** change the scorecard weights (national) */
  'inpres:weights',
  // claims and benefits (issue 17)
  /** claim cases, their letters and files, and the impact figures of one's region */
  'claim:read',
  /** record a claim (a death ends the enrolments), tick its checklist, move it and record the hand-over */
  'claim:write',
  // projects and election cohorts (issue 18)
  /** construction projects (Jakon) and election ad hoc cohorts: list and read */
  'project:read',
  /** register projects and cohorts, extend them */
  'project:write',
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

/** Inpres 2/2021 accountability (issue 15): regional operators record; everyone reads; the national monitor sets the weights. */
const INPRES_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['inpres:read', 'inpres:weights'],
  province_operator: ['inpres:read', 'inpres:write'],
  regency_operator: ['inpres:read', 'inpres:write'],
  village_operator: ['inpres:read', 'inpres:write'],
  bpjs_branch: ['inpres:read'],
  auditor: ['inpres:read'],
  labour_inspector: ['inpres:read'],
};

/** Claims (issue 17): villages and regencies assemble the file with the heirs; the BPJS branch verifies and pays. */
const CLAIMS_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['claim:read'],
  province_operator: ['claim:read', 'claim:write'],
  regency_operator: ['claim:read', 'claim:write'],
  village_operator: ['claim:read', 'claim:write'],
  bpjs_branch: ['claim:read', 'claim:write'],
  auditor: ['claim:read'],
  labour_inspector: [],
};

/** Projects and election cohorts (issue 18): villages and regions register them; payments ride on payment:write. */
const PROJECT_GRANTS: Record<Role, readonly Permission[]> = {
  national_monitor: ['project:read'],
  province_operator: ['project:read', 'project:write'],
  regency_operator: ['project:read', 'project:write'],
  village_operator: ['project:read', 'project:write'],
  bpjs_branch: ['project:read'],
  auditor: ['project:read'],
  labour_inspector: ['project:read'],
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

/** Every capability's block, one per line (a new capability adds its line). */
const GRANT_BLOCKS: readonly Record<Role, readonly Permission[]>[] = [
  BASE_GRANTS,
  FUNDING_GRANTS,
  COMPLIANCE_GRANTS,
  COVERAGE_GRANTS,
  PARTICIPATION_GRANTS,
  INPRES_GRANTS,
  CLAIMS_GRANTS,
  PROJECT_GRANTS,
  DTSEN_GRANTS,
];

const GRANTS = Object.fromEntries(
  ROLES.map((role) => [role, GRANT_BLOCKS.flatMap((block) => block[role])]),
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
