import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseStep } from '../src/domain/compliance-case.js';
import { inSubtree, isAncestor } from '../src/domain/region-code.js';
import { can, type Permission, type Role } from '../src/domain/roles.js';
import type { ImportKindKey } from '../src/db/column-types.js';
import ExcelJS from 'exceljs';
import { injectAs, login, type Session, useTestApp } from './app.js';
import { importRoutes, workbook } from './imports.js';

/**
 * Walks every registered API route × every role × (own region / another region) and proves that
 * no one reads or changes anything outside their subtree. A route added without a case here fails
 * the first test, so the matrix cannot silently fall behind the API.
 */
const t = useTestApp();

interface Actor {
  username: string;
  role: Role;
  region: string;
  /** a region outside this actor's subtree (none for national roles) */
  other?: string;
  /** a village operator's parent district: "above the village" must be refused too */
  above?: string;
}

const ACTORS: Actor[] = [
  { username: 'nasional', role: 'national_monitor', region: 'ID' },
  { username: 'auditor', role: 'auditor', region: 'ID' },
  { username: 'prov.bengkulu', role: 'province_operator', region: '17', other: '32' },
  { username: 'kab.sukabumi', role: 'regency_operator', region: '32.02', other: '32.13' },
  { username: 'bpjs.sukabumi', role: 'bpjs_branch', region: '32.02', other: '32.13' },
  { username: 'desa.balingbing', role: 'village_operator', region: '32.13.28.2007', other: '32.02.01.2002', above: '32.13.28' },
  { username: 'disnaker.sukabumi', role: 'labour_inspector', region: '32.02', other: '32.13' },
];

/** A user that lives in a given region, to target with user writes. */
const TARGET_USERS: Record<string, string> = {};

type Case = {
  /** the permission the route needs (undefined: any signed-in user) */
  permission?: Permission;
  own: (a: Actor) => InjectOptions;
  /** a request aimed at `region`, outside the actor's subtree */
  foreign: (a: Actor, region: string) => InjectOptions;
  /** list routes answer 200 but must hold nothing foreign: the region codes in a response */
  regionsIn?: (body: unknown) => string[];
  /** the foreign request is a list too (200, checked for leaks) rather than a refusal */
  foreignIsList?: boolean;
  /** regions above one's own may be read (names, for navigation) */
  ancestorsReadable?: boolean;
  /** the request names no region (scope applies to its content, tested in the module's own tests) */
  noForeign?: boolean;
  /** a moved route (decision 99): the permitted roles get 308 to its new address, the others 403 as before */
  moved?: true;
  /** a machine route (API token, no session): a signed-in session opens nothing, whatever the role; its token paths are in src/modules/participation/push.test.ts */
  bearer?: boolean;
};

/** Import jobs: one per actor to act on, and one in each foreign region to be refused. */
const OWN_JOBS: Record<string, number> = {};
const REGION_JOBS: Record<string, number> = {};
const OWN_EMPLOYER_JOBS: Record<string, number> = {};
const REGION_EMPLOYER_JOBS: Record<string, number> = {};
const OWN_REGISTRATION_JOBS: Record<string, number> = {};
const REGION_REGISTRATION_JOBS: Record<string, number> = {};
const OWN_PARTICIPATION_JOBS: Record<string, number> = {};
const REGION_PARTICIPATION_JOBS: Record<string, number> = {};
const OWN_DENOMINATOR_JOBS: Record<string, number> = {};
const REGION_DENOMINATOR_JOBS: Record<string, number> = {};
const OWN_UMK_JOBS: Record<string, number> = {};
const REGION_UMK_JOBS: Record<string, number> = {};
const OWN_PAYMENT_JOBS: Record<string, number> = {};
const REGION_PAYMENT_JOBS: Record<string, number> = {};
/** DTSEN targeting (issue 16): extract imports, a candidate and an enrolment programme per region, bulk enrolment jobs */
const OWN_DTSEN_JOBS: Record<string, number> = {};
const REGION_DTSEN_JOBS: Record<string, number> = {};
const OWN_CANDIDATES: Record<string, number> = {};
const REGION_CANDIDATES: Record<string, number> = {};
const DTSEN_PROGRAMS: Record<string, number> = {};
const TARGETING_JOBS: Record<string, number> = {};
const ownRegion = (a: Actor) => (a.region === 'ID' ? '32.02' : a.region);
/** an API token for the national monitor to revoke (issue 11) */
let MATRIX_TOKEN = 0;

/** The six routes every import kind gets (src/modules/imports/routes.ts), aimed at jobs of that kind. */
function importCases(base: string, { read, write }: { read: Permission; write: Permission }, own: Record<string, number>, region: Record<string, number>): Record<string, Case> {
  return {
    [`GET ${base}/template.xlsx`]: { permission: read, own: () => ({ url: `${base}/template.xlsx` }), foreign: () => ({ url: `${base}/template.xlsx` }), noForeign: true },
    [`POST ${base}`]: {
      permission: write,
      own: () => {
        const form = new FormData();
        form.append('file', new Blob(['NIK;Nama\n']), 'kosong.csv');
        return { method: 'POST', url: base, payload: form as never };
      },
      foreign: () => ({ method: 'POST', url: base }),
      noForeign: true,
    },
    [`GET ${base}/:id`]: { permission: read, own: (a) => ({ url: `${base}/${own[a.username]}` }), foreign: (_a, r) => ({ url: `${base}/${region[r]}` }) },
    [`GET ${base}/:id/report.xlsx`]: {
      permission: read,
      own: (a) => ({ url: `${base}/${own[a.username]}/report.xlsx` }),
      foreign: (_a, r) => ({ url: `${base}/${region[r]}/report.xlsx` }),
    },
    [`GET ${base}/:id/problems`]: {
      permission: read,
      own: (a) => ({ url: `${base}/${own[a.username]}/problems` }),
      foreign: (_a, r) => ({ url: `${base}/${region[r]}/problems` }),
    },
    [`POST ${base}/:id/commit`]: {
      permission: write,
      own: (a) => ({ method: 'POST', url: `${base}/${own[a.username]}/commit` }),
      foreign: (_a, r) => ({ method: 'POST', url: `${base}/${region[r]}/commit` }),
    },
  };
}

/** A worker in each region the matrix touches, to aim NIK reveals at. */
const TARGET_WORKERS: Record<string, number> = {};
/** An open enrolment of each target worker, and one per actor inside the actor's own region. */
const TARGET_ENROLMENTS: Record<string, number> = {};
const OWN_ENROLMENTS: Record<string, number> = {};
let nikSerial = 100;
const newNik = () => `320201150590${String(++nikSerial).padStart(4, '0')}`;
const workerBody = (villageCode: string) => ({ nik: newNik(), name: 'Matrix Worker', birthDate: '1990-05-15', sex: 'L', villageCode, address: 'Jl. Uji' });

let seq = 0;
const uniq = () => `matrix${++seq}${Date.now() % 100000}`;

const CASES: Record<string, Case> = {
  'POST /api/auth/logout': { own: () => ({ method: 'POST', url: '/api/auth/logout' }), foreign: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  // role home pages (issue 14): no region asked; every code in the answer must lie in the caller's subtree
  'GET /api/home': {
    own: () => ({ url: '/api/home' }),
    foreign: () => ({ url: '/api/home' }),
    foreignIsList: true,
    regionsIn: (b) => {
      const h = b as {
        region: { code: string };
        awaitingKpj?: { items: { village: { code: string } }[] };
        lapsesDue?: { items: { village: { code: string } }[] };
        ranking?: { highest: { code: string }[]; lowest: { code: string }[] };
        staleRegions?: { items: { code: string }[] };
        nikViews?: { regionCode: string | null }[];
        exports?: { regionCode: string | null }[];
        recentChanges?: { regionCode: string | null }[];
      };
      return [
        h.region.code,
        ...(h.awaitingKpj?.items ?? []).map((i) => i.village.code),
        ...(h.lapsesDue?.items ?? []).map((i) => i.village.code),
        ...[...(h.ranking?.highest ?? []), ...(h.ranking?.lowest ?? [])].map((k) => k.code),
        ...(h.staleRegions?.items ?? []).map((r) => r.code),
        ...[...(h.nikViews ?? []), ...(h.exports ?? []), ...(h.recentChanges ?? [])].map((a) => a.regionCode ?? 'ID'),
      ];
    },
  },
  'GET /api/auth/me': { own: () => ({ url: '/api/auth/me' }), foreign: () => ({ url: '/api/auth/me' }), regionsIn: (b) => [(b as { regionCode: string }).regionCode], foreignIsList: true },
  'GET /api/regions': {
    permission: 'region:read',
    own: () => ({ url: '/api/regions' }),
    foreign: (_a, region) => ({ url: `/api/regions?q=${encodeURIComponent(region === '32' ? 'jawa barat' : region.startsWith('32.13') ? 'subang' : 'cidahu')}` }),
    regionsIn: (b) => (b as { code: string }[]).map((r) => r.code),
    foreignIsList: true,
  },
  'GET /api/regions/:code': {
    permission: 'region:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/regions/${a.region === 'ID' ? '32.02' : a.region}` }),
    foreign: (_a, region) => ({ url: `/api/regions/${region}` }),
  },
  'GET /api/regions/:code/children': {
    permission: 'region:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/regions/${a.region === 'ID' ? '32.02' : a.region}/children` }),
    foreign: (_a, region) => ({ url: `/api/regions/${region}/children` }),
  },
  'GET /api/users': {
    permission: 'user:read',
    own: () => ({ url: '/api/users?limit=500' }),
    foreign: () => ({ url: '/api/users?limit=500' }),
    regionsIn: (b) => (b as { items: { regionCode: string }[] }).items.map((u) => u.regionCode),
    foreignIsList: true,
  },
  'POST /api/users': {
    permission: 'user:manage',
    own: (a) => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: uniq(), displayName: 'Matrix', password: 'matrix-password-1', role: 'village_operator', regionCode: a.region === 'ID' || a.region === '17' ? '17.01.01.2001' : '32.02.01.2002' },
    }),
    foreign: (_a, region) => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: uniq(), displayName: 'Matrix', password: 'matrix-password-1', role: 'village_operator', regionCode: villageIn(region) },
    }),
  },
  'PATCH /api/users/:username': {
    permission: 'user:manage',
    own: (a) => ({ method: 'PATCH', url: `/api/users/${TARGET_USERS[a.region === 'ID' ? '32.02' : a.region]}`, payload: { displayName: `Diubah ${uniq()}` } }),
    foreign: (_a, region) => ({ method: 'PATCH', url: `/api/users/${TARGET_USERS[region]}`, payload: { displayName: 'Seharusnya tidak' } }),
  },
  'GET /api/audit': {
    permission: 'audit:read',
    own: () => ({ url: '/api/audit?limit=500' }),
    foreign: () => ({ url: '/api/audit?limit=500' }),
    regionsIn: (b) => (b as { items: { regionCode: string | null }[] }).items.flatMap((e) => (e.regionCode ? [e.regionCode] : [])),
    foreignIsList: true,
  },
  // audit viewer export (issue 14): the same filters, region inside the caller's
  'GET /api/audit.xlsx': {
    permission: 'audit:read',
    own: () => ({ url: '/api/audit.xlsx' }),
    foreign: (_a, region) => ({ url: `/api/audit.xlsx?region=${region}` }),
  },
  'GET /api/system/database': {
    permission: 'audit:read',
    own: () => ({ url: '/api/system/database' }),
    foreign: () => ({ url: '/api/system/database' }),
    noForeign: true,
  },
  'POST /api/workers': {
    permission: 'worker:write',
    own: (a) => ({ method: 'POST', url: '/api/workers', payload: workerBody(a.region === 'ID' || a.region === '17' ? '17.01.01.2001' : a.region.length > 10 ? a.region : '32.02.01.2002') }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/workers', payload: workerBody(villageIn(region)) }),
  },
  'GET /api/workers': {
    permission: 'worker:read',
    own: () => ({ url: '/api/workers?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/workers?region=${region}` }),
    regionsIn: (b) => (b as { items: { villageCode: string }[] }).items.map((w) => w.villageCode),
  },
  'GET /api/workers/export.xlsx': {
    permission: 'worker:read',
    own: () => ({ url: '/api/workers/export.xlsx' }),
    foreign: (_a, region) => ({ url: `/api/workers/export.xlsx?region=${region}` }),
  },
  ...importCases('/api/imports', { read: 'worker:read', write: 'worker:write' }, OWN_JOBS, REGION_JOBS),
  ...importCases('/api/employer-imports', { read: 'employer:read', write: 'employer:write' }, OWN_EMPLOYER_JOBS, REGION_EMPLOYER_JOBS),
  ...importCases('/api/registration-imports', { read: 'worker:read', write: 'worker:write' }, OWN_REGISTRATION_JOBS, REGION_REGISTRATION_JOBS),
  ...importCases('/api/participation-imports', { read: 'participation:write', write: 'participation:write' }, OWN_PARTICIPATION_JOBS, REGION_PARTICIPATION_JOBS),
  // the uploads that were synchronous until issue 12's remainder (decisions 99–101)
  ...importCases('/api/denominator-imports', { read: 'denominator:write', write: 'denominator:write' }, OWN_DENOMINATOR_JOBS, REGION_DENOMINATOR_JOBS),
  ...importCases('/api/umk-imports', { read: 'umk:write', write: 'umk:write' }, OWN_UMK_JOBS, REGION_UMK_JOBS),
  ...importCases('/api/payment-imports', { read: 'payment:write', write: 'payment:write' }, OWN_PAYMENT_JOBS, REGION_PAYMENT_JOBS),
  // DTSEN targeting (issue 16)
  ...importCases('/api/dtsen-imports', { read: 'dtsen:read', write: 'dtsen:write' }, OWN_DTSEN_JOBS, REGION_DTSEN_JOBS),
  'GET /api/targeting/:regionCode': {
    permission: 'dtsen:read',
    own: (a) => ({ url: `/api/targeting/${ownRegion(a)}?maxDecile=10&minAge=0&maxAge=120&fundedElsewhere=include` }),
    foreign: (_a, region) => ({ url: `/api/targeting/${region}` }),
    regionsIn: (b) => {
      const l = b as { items: { villageCode: string }[]; byArea: { code: string }[] };
      return [...l.items.map((i) => i.villageCode), ...l.byArea.map((x) => x.code)];
    },
  },
  'GET /api/targeting/:regionCode/export.xlsx': {
    permission: 'dtsen:read',
    own: (a) => ({ url: `/api/targeting/${ownRegion(a)}/export.xlsx` }),
    foreign: (_a, region) => ({ url: `/api/targeting/${region}/export.xlsx` }),
  },
  'GET /api/targeting/:regionCode/coverage': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/targeting/${a.region}/coverage` }),
    foreign: (_a, region) => ({ url: `/api/targeting/${region}/coverage` }),
  },
  'POST /api/targeting/:regionCode/enrol': {
    permission: 'dtsen:write',
    own: (a) => ({ method: 'POST', url: `/api/targeting/${ownRegion(a)}/enrol`, payload: { fundingProgramId: DTSEN_PROGRAMS[ownRegion(a)], candidateIds: [OWN_CANDIDATES[a.username]] } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/targeting/${region}/enrol`, payload: { fundingProgramId: DTSEN_PROGRAMS[region], candidateIds: [REGION_CANDIDATES[region]] } }),
  },
  'GET /api/targeting/jobs/:jobId': {
    permission: 'dtsen:read',
    own: (a) => ({ url: `/api/targeting/jobs/${TARGETING_JOBS[ownRegion(a)]}` }),
    foreign: (_a, region) => ({ url: `/api/targeting/jobs/${TARGETING_JOBS[region]}` }),
  },
  'GET /api/targeting/candidates/:id/nik': {
    permission: 'dtsen:read',
    own: (a) => ({ url: `/api/targeting/candidates/${OWN_CANDIDATES[a.username]}/nik` }),
    foreign: (_a, region) => ({ url: `/api/targeting/candidates/${REGION_CANDIDATES[region]}/nik` }),
  },
  'POST /api/enrolments/:id/status': {
    permission: 'worker:write',
    own: (a) => ({ method: 'POST', url: `/api/enrolments/${OWN_ENROLMENTS[a.username]}/status`, payload: { to: 'ended', note: 'matrix' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/enrolments/${TARGET_ENROLMENTS[region]}/status`, payload: { to: 'ended', note: 'matrix' } }),
  },
  'GET /api/workers/:id/nik': {
    permission: 'worker:nik',
    own: (a) => ({ url: `/api/workers/${TARGET_WORKERS[a.region === 'ID' ? '32.02' : a.region]}/nik` }),
    foreign: (_a, region) => ({ url: `/api/workers/${TARGET_WORKERS[region]}/nik` }),
  },
  // the worker page (issue 14)
  'GET /api/workers/:id': {
    permission: 'worker:read',
    own: (a) => ({ url: `/api/workers/${TARGET_WORKERS[a.region === 'ID' ? '32.02' : a.region]}` }),
    foreign: (_a, region) => ({ url: `/api/workers/${TARGET_WORKERS[region]}` }),
  },
  'GET /api/workers/:id/audit': {
    permission: 'worker:read',
    own: (a) => ({ url: `/api/workers/${TARGET_WORKERS[a.region === 'ID' ? '32.02' : a.region]}/audit` }),
    foreign: (_a, region) => ({ url: `/api/workers/${TARGET_WORKERS[region]}/audit` }),
  },
  // funding (issue 4)
  'GET /api/calc/contribution': { own: () => ({ url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000' }), foreign: () => ({ url: '/' }), noForeign: true },
  'GET /api/calc/benefit': { own: () => ({ url: '/api/calc/benefit?type=JKM&contributionMonths=40' }), foreign: () => ({ url: '/' }), noForeign: true },
  'GET /api/rates': { own: () => ({ url: '/api/rates' }), foreign: () => ({ url: '/' }), noForeign: true },
  'POST /api/rates': {
    permission: 'rate:manage',
    own: () => ({ method: 'POST', url: '/api/rates', payload: { key: 'BPU_JKM', effectiveFrom: `${2100 - ++seq}-01-01`, value: 6_800, legalBasis: 'matrix' } }),
    foreign: () => ({ url: '/' }),
    noForeign: true,
  },
  'GET /api/funding-programs': {
    permission: 'funding:read',
    ancestorsReadable: true,
    own: () => ({ url: '/api/funding-programs' }),
    foreign: (_a, region) => ({ url: `/api/funding-programs?region=${region}` }),
    regionsIn: (b) => (b as { items: { regionCode: string }[] }).items.map((p) => p.regionCode),
  },
  'POST /api/funding-programs': {
    permission: 'funding:write',
    own: (a) => ({ method: 'POST', url: '/api/funding-programs', payload: programBody(a.region === 'ID' ? '32.02' : a.region) }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/funding-programs', payload: programBody(region) }),
  },
  'GET /api/funding-programs/:id': {
    permission: 'funding:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}` }),
    foreign: (_a, region) => ({ url: `/api/funding-programs/${PROGRAMS[region]}` }),
  },
  'PATCH /api/funding-programs/:id': {
    permission: 'funding:write',
    own: (a) => ({ method: 'PATCH', url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}`, payload: { name: `Diubah ${uniq()}` } }),
    foreign: (_a, region) => ({ method: 'PATCH', url: `/api/funding-programs/${PROGRAMS[region]}`, payload: { name: 'Seharusnya tidak' } }),
  },
  'POST /api/funding-programs/:id/document': {
    permission: 'funding:write',
    own: (a) => ({ method: 'POST', url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/document`, payload: pdfForm() as never }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/funding-programs/${PROGRAMS[region]}/document`, payload: pdfForm() as never }),
  },
  'GET /api/funding-programs/:id/document': {
    permission: 'funding:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/document` }),
    foreign: (_a, region) => ({ url: `/api/funding-programs/${PROGRAMS[region]}/document` }),
  },
  'POST /api/funding-programs/:id/billing-runs': {
    permission: 'funding:write',
    own: (a) => ({ method: 'POST', url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/billing-runs`, payload: { month: '2025-06' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/funding-programs/${PROGRAMS[region]}/billing-runs`, payload: { month: '2025-06' } }),
  },
  'GET /api/funding-programs/:id/bills': {
    permission: 'funding:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/bills` }),
    foreign: (_a, region) => ({ url: `/api/funding-programs/${PROGRAMS[region]}/bills` }),
  },
  'POST /api/funding-programs/:id/payments': {
    permission: 'payment:write',
    own: (a) => ({ method: 'POST', url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/payments`, payload: { amount: 16_800, paidOn: '2025-06-20' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/funding-programs/${PROGRAMS[region]}/payments`, payload: { amount: 16_800, paidOn: '2025-06-20' } }),
  },
  'GET /api/funding-programs/:id/payments': {
    permission: 'funding:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/payments` }),
    foreign: (_a, region) => ({ url: `/api/funding-programs/${PROGRAMS[region]}/payments` }),
  },
  'POST /api/payments/import': {
    permission: 'payment:write',
    moved: true,
    own: () => ({ method: 'POST', url: '/api/payments/import' }),
    foreign: () => ({ method: 'POST', url: '/api/payments/import' }),
    noForeign: true, // moved to the job flow: its rows are scoped one by one there
  },
  'GET /api/early-warning': {
    permission: 'funding:read',
    own: () => ({ url: '/api/early-warning?days=365' }),
    foreign: (_a, region) => ({ url: `/api/early-warning?region=${region}` }),
    regionsIn: (b) => (b as { items: { villageCode: string }[] }).items.map((i) => i.villageCode),
  },
  'GET /api/early-warning.xlsx': {
    permission: 'funding:read',
    own: () => ({ url: '/api/early-warning.xlsx?days=365' }),
    foreign: (_a, region) => ({ url: `/api/early-warning.xlsx?region=${region}` }),
  },
  'GET /api/enrolments/:id/cover': {
    permission: 'worker:read',
    own: (a) => ({ url: `/api/enrolments/${ENROLMENTS[a.region === 'ID' ? '32.02' : a.region]}/cover` }),
    foreign: (_a, region) => ({ url: `/api/enrolments/${ENROLMENTS[region]}/cover` }),
  },
  'GET /api/funding-programs/:id/budget': {
    permission: 'funding:read',
    ancestorsReadable: true,
    own: (a) => ({ url: `/api/funding-programs/${PROGRAMS[a.region === 'ID' ? '32.02' : a.region]}/budget` }),
    foreign: (_a, region) => ({ url: `/api/funding-programs/${PROGRAMS[region]}/budget` }),
  },
  'POST /api/planning': {
    permission: 'funding:read',
    own: (a) => ({ method: 'POST', url: '/api/planning', payload: planBody(a.region) }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/planning', payload: planBody(region) }),
  },
  // ── coverage (issue 5) ──
  'GET /api/coverage/:code': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/coverage/${a.region}?period=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/coverage/${region}?period=2025-06` }),
  },
  'GET /api/coverage/:code/trend': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/coverage/${a.region}/trend?from=2025-01&to=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/coverage/${region}/trend?from=2025-01&to=2025-06` }),
  },
  'POST /api/denominators/import': {
    permission: 'denominator:write',
    moved: true,
    own: () => ({ method: 'POST', url: '/api/denominators/import' }),
    foreign: () => ({ method: 'POST', url: '/api/denominators/import' }),
    noForeign: true, // moved to the job flow: its rows are scoped one by one there
  },
  'GET /api/reports/monev/:code.xlsx': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/reports/monev/${a.region}.xlsx?period=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/reports/monev/${region}.xlsx?period=2025-06` }),
  },
  'GET /api/coverage/:code/dhis2/dataValueSets.json': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/coverage/${a.region}/dhis2/dataValueSets.json?period=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/coverage/${region}/dhis2/dataValueSets.json?period=2025-06` }),
  },
  'GET /api/coverage/:code/dhis2/adx.xml': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/coverage/${a.region}/dhis2/adx.xml?period=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/coverage/${region}/dhis2/adx.xml?period=2025-06` }),
  },
  'GET /api/coverage/:code/reconciliation': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/coverage/${a.region}/reconciliation?period=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/coverage/${region}/reconciliation?period=2025-06` }),
  },
  'GET /api/coverage/:code/map': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/coverage/${a.region}/map` }),
    foreign: (_a, region) => ({ url: `/api/coverage/${region}/map` }),
  },
  'POST /api/boundaries/import': {
    permission: 'boundary:write',
    own: () => {
      const form = new FormData();
      const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '32.02.05' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] };
      form.append('file', new Blob([JSON.stringify(fc)]), 'matriks.geojson');
      return { method: 'POST', url: '/api/boundaries/import', payload: form as never };
    },
    foreign: () => ({ method: 'POST', url: '/api/boundaries/import' }),
    noForeign: true, // national admins only; no region scope below them
  },
  'GET /api/reports/monev/:code.pdf': {
    permission: 'coverage:read',
    own: (a) => ({ url: `/api/reports/monev/${a.region}.pdf?period=2025-06` }),
    foreign: (_a, region) => ({ url: `/api/reports/monev/${region}.pdf?period=2025-06` }),
  },
  // ── official participation data (issue 11) ──
  'POST /api/tokens': {
    permission: 'token:manage',
    own: () => ({ method: 'POST', url: '/api/tokens', payload: { name: `Matrix ${uniq()}`, regionCode: '32', scopes: ['participation:write'] } }),
    foreign: () => ({ url: '/' }),
    noForeign: true, // national monitor only: no region below it to be refused
  },
  'GET /api/tokens': { permission: 'token:manage', own: () => ({ url: '/api/tokens' }), foreign: () => ({ url: '/' }), noForeign: true },
  'DELETE /api/tokens/:id': { permission: 'token:manage', own: () => ({ method: 'DELETE', url: `/api/tokens/${MATRIX_TOKEN}` }), foreign: () => ({ url: '/' }), noForeign: true },
  'PUT /api/participation': {
    bearer: true,
    own: (a) => ({ method: 'PUT', url: '/api/participation', payload: { source: 'matrix', rows: [{ regionCode: a.region === 'ID' ? '32' : a.region, period: '2025-06', segment: 'PU', active: 1 }] } }),
    foreign: () => ({ url: '/' }),
    noForeign: true,
  },
};


const planBody = (region: string) => ({
  region,
  targetPercent: 50,
  byMonth: '2099-12',
  employedPopulation: 1000,
  mix: [{ segment: 'BPU', programs: ['JKK', 'JKM'], income: 1_000_000, share: 1 }],
  payers: [{ payerType: 'APBD_KABKOTA', share: 1 }],
});

/** funding (issue 4): an enrolment of a worker in each region the matrix touches. */
const ENROLMENTS: Record<string, number> = {};

/** funding (issue 4): one programme owned by each region the matrix touches, with a document. */
const PROGRAMS: Record<string, number> = {};
const programBody = (regionCode: string) => ({ name: `CSR ${uniq()}`, payerType: 'CSR', regionCode, fiscalYear: 2025, budget: 1_000_000, quota: 10, segment: 'BPU', programs: ['JKK', 'JKM'] });
function pdfForm() {
  const form = new FormData();
  form.append('file', new Blob(['%PDF-1.4 matrix']), 'dasar-hukum.pdf');
  return form;
}
// ---- compliance (issue 6): employers, UMK, cases, outreach, agents ----
/** An employer in each region the matrix touches (keys as in `places` below), to aim reads and writes at. */
const TARGET_EMPLOYERS: Record<string, number> = {};
const EMPLOYER_PLACES: Record<string, string> = {
  '32.02': '32.02.01.2003',
  '17': '17.01.01.2002',
  '32': '32.13.28.2002',
  '32.13': '32.13.28.2003',
  '32.13.28.2007': '32.13.28.2007',
  '32.02.01.2002': '32.02.01.2002',
  '32.13.28': '32.13.28.2004',
};
const ownKey = (a: Actor) => (a.region === 'ID' ? '32.02' : a.region);
const ownVillage = (a: Actor) => (a.region === 'ID' || a.region === '17' ? '17.01.01.2001' : a.region.length > 10 ? a.region : '32.02.01.2002');
const ownRegency = (a: Actor) => (a.region === 'ID' || a.region === '17' ? '17.01' : a.region.slice(0, 5));
const employerBody = (villageCode: string) => ({ name: `Matrix Employer ${uniq()}`, sizeClass: 'small', villageCode, employeesDeclared: 5, workersRegistered: 0, programs: [] });
/** A case at warning 1 (with its letter step and a document) per region, and per actor an employer to open a case on and a case to move. */
const TARGET_CASES: Record<string, { caseId: number; stepId: number; documentId: number }> = {};
const OWN_EMPLOYERS: Record<string, number> = {};
const OWN_CASES: Record<string, number> = {};
/** Perisai: an agent with an unlinked enrolment per region, and per actor an agent with one enrolment to credit and one already credited. */
const TARGET_AGENTS: Record<string, { agentId: number; enrolmentId: number }> = {};
const OWN_AGENTS: Record<string, { agentId: number; enrolmentId: number; linkedEnrolmentId: number }> = {};
const outreachBody = (villageCodes: string[]) => ({ heldOn: '2025-03-10', title: 'Matrix Outreach', organiser: 'Matrix', audiences: ['workers'], attendance: 10, villageCodes });
/** A DTSEN candidate (decile 1, working age) in a village. */
async function candidate(village: string) {
  return (await t.db
    .insertInto('dtsen_candidate')
    .values({ nik: newNik(), name: 'Matrix Candidate', birth_date: '1990-05-15', sex: 'L', village_code: village, decile: 1, data_year: 2025 })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
}

async function openEnrolment(personId: number, village: string) {
  const e = await t.db
    .insertInto('enrolment')
    .values({ person_id: personId, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'matrix', village_code: village })
    .returning('id')
    .executeTakeFirstOrThrow();
  return e.id;
}

beforeAll(async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const docDir = join('./data', 'compliance');
  mkdirSync(docDir, { recursive: true });
  const employer = (name: string, village: string) =>
    t.db
      .insertInto('employer')
      .values({ name, size_class: 'small', village_code: village, employees_declared: 5, statuses: ['PWBD'], findings: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((e) => e.id);
  const kase = async (employerId: number, village: string, step: CaseStep) => {
    const c = await t.db
      .insertInto('compliance_case')
      .values({ employer_id: employerId, region_code: village, step, step_date: '2025-01-06', deadline: '2025-01-20', officer: 'Matrix', findings: '[]', opened_by: 'matrix' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const st = await t.db
      .insertInto('compliance_case_step')
      .values({ case_id: c.id, from_step: 'open', step, step_date: '2025-01-06', deadline: '2025-01-20', officer: 'Matrix', by_username: 'matrix' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { caseId: c.id, stepId: st.id };
  };
  for (const [key, village] of Object.entries(EMPLOYER_PLACES)) {
    TARGET_EMPLOYERS[key] = await employer(`Target Employer ${key}`, village);
    const c = await kase(TARGET_EMPLOYERS[key]!, village, 'warning_1');
    const storage = `matrix-${key}.pdf`;
    writeFileSync(join(docDir, storage), '%PDF-1.4\n');
    const d = await t.db
      .insertInto('compliance_document')
      .values({ case_id: c.caseId, filename: 'bukti.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: '-', storage_key: storage, uploaded_by: 'matrix' })
      .returning('id')
      .executeTakeFirstOrThrow();
    TARGET_CASES[key] = { ...c, documentId: d.id };
  }
  const enrolmentIn = async (village: string) => {
    const p = await t.db.insertInto('person').values({ nik: newNik(), name: 'Agent Member', birth_date: '1990-05-15', sex: 'L', village_code: village, address: '' }).returning('id').executeTakeFirstOrThrow();
    return (await t.db
      .insertInto('enrolment')
      .values({ person_id: p.id, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], declared_income: 1_000_000, funding_source: 'Matrix', kpj: null, end_date: null, import_id: null, start_date: '2025-01-01', village_code: village })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  };
  const agentIn = async (area: string) =>
    (await t.db.insertInto('perisai_agent').values({ nik: newNik(), name: 'Matrix Agent', area_code: area, joined_on: '2025-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
  for (const [key, village] of Object.entries(EMPLOYER_PLACES)) TARGET_AGENTS[key] = { agentId: await agentIn(village), enrolmentId: await enrolmentIn(village) };
  for (const a of ACTORS) {
    const village = ownVillage(a);
    const agentId = await agentIn(village);
    const linked = await enrolmentIn(village);
    await t.db.insertInto('perisai_enrolment').values({ agent_id: agentId, enrolment_id: linked, recruited_on: '2025-02-01' }).execute();
    OWN_AGENTS[a.username] = { agentId, enrolmentId: await enrolmentIn(village), linkedEnrolmentId: linked };
  }
  for (const a of ACTORS) {
    const village = ownVillage(a);
    OWN_EMPLOYERS[a.username] = await employer(`Own Employer ${a.username}`, village);
    OWN_CASES[a.username] = (await kase(await employer(`Own Case Employer ${a.username}`, village), village, 'open')).caseId;
  }
});
const COMPLIANCE_CASES: Record<string, Case> = {
  'GET /api/employers': {
    permission: 'employer:read',
    own: () => ({ url: '/api/employers?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/employers?region=${region}` }),
    regionsIn: (b) => (b as { items: { region: string }[] }).items.map((e) => e.region),
  },
  'GET /api/employers/export.xlsx': {
    permission: 'employer:read',
    own: () => ({ url: '/api/employers/export.xlsx' }),
    foreign: (_a, region) => ({ url: `/api/employers/export.xlsx?region=${region}` }),
  },
  'GET /api/employers/summary': {
    permission: 'employer:read',
    own: () => ({ url: '/api/employers/summary' }),
    foreign: (_a, region) => ({ url: `/api/employers/summary?region=${region}` }),
  },
  'GET /api/employers/:id': {
    permission: 'employer:read',
    own: (a) => ({ url: `/api/employers/${TARGET_EMPLOYERS[ownKey(a)]}` }),
    foreign: (_a, region) => ({ url: `/api/employers/${TARGET_EMPLOYERS[region]}` }),
  },
  'POST /api/employers': {
    permission: 'employer:write',
    own: (a) => ({ method: 'POST', url: '/api/employers', payload: employerBody(ownVillage(a)) }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/employers', payload: employerBody(villageIn(region)) }),
  },
  'PATCH /api/employers/:id': {
    permission: 'employer:write',
    own: (a) => ({ method: 'PATCH', url: `/api/employers/${TARGET_EMPLOYERS[ownKey(a)]}`, payload: { sector: `Diubah ${uniq()}` } }),
    foreign: (_a, region) => ({ method: 'PATCH', url: `/api/employers/${TARGET_EMPLOYERS[region]}`, payload: { sector: 'Seharusnya tidak' } }),
  },
  'GET /api/umk': {
    permission: 'employer:read',
    own: () => ({ url: '/api/umk' }),
    foreign: (_a, region) => ({ url: `/api/umk?region=${region}` }),
  },
  'PUT /api/umk/:regencyCode/:year': {
    permission: 'umk:write',
    own: (a) => ({ method: 'PUT', url: `/api/umk/${ownRegency(a)}/2019`, payload: { amount: 1_000_000 } }),
    foreign: (_a, region) => ({ method: 'PUT', url: `/api/umk/${villageIn(region).slice(0, 5)}/2019`, payload: { amount: 1_000_000 } }),
  },
  'POST /api/umk/import': {
    permission: 'umk:write',
    moved: true,
    own: () => ({ method: 'POST', url: '/api/umk/import' }),
    foreign: () => ({ method: 'POST', url: '/api/umk/import' }),
    noForeign: true, // moved to the job flow: its rows are scoped one by one there
  },
  'GET /api/compliance-cases': {
    permission: 'employer:read',
    own: () => ({ url: '/api/compliance-cases?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/compliance-cases?region=${region}` }),
    regionsIn: (b) => (b as { items: { region: string }[] }).items.map((c) => c.region),
  },
  'POST /api/compliance-cases': {
    permission: 'compliance:write',
    own: (a) => ({ method: 'POST', url: '/api/compliance-cases', payload: { employerId: OWN_EMPLOYERS[a.username] } }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/compliance-cases', payload: { employerId: TARGET_EMPLOYERS[region] } }),
  },
  'GET /api/compliance-cases/:id': {
    permission: 'employer:read',
    own: (a) => ({ url: `/api/compliance-cases/${TARGET_CASES[ownKey(a)]!.caseId}` }),
    foreign: (_a, region) => ({ url: `/api/compliance-cases/${TARGET_CASES[region]!.caseId}` }),
  },
  'POST /api/compliance-cases/:id/transitions': {
    permission: 'compliance:write',
    own: (a) => ({ method: 'POST', url: `/api/compliance-cases/${OWN_CASES[a.username]}/transitions`, payload: { to: 'warning_1', note: 'matrix' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/compliance-cases/${TARGET_CASES[region]!.caseId}/transitions`, payload: { to: 'warning_2' } }),
  },
  'GET /api/compliance-cases/:id/letters/:stepId': {
    permission: 'employer:read',
    own: (a) => ({ url: `/api/compliance-cases/${TARGET_CASES[ownKey(a)]!.caseId}/letters/${TARGET_CASES[ownKey(a)]!.stepId}` }),
    foreign: (_a, region) => ({ url: `/api/compliance-cases/${TARGET_CASES[region]!.caseId}/letters/${TARGET_CASES[region]!.stepId}` }),
  },
  'POST /api/compliance-cases/:id/documents': {
    permission: 'compliance:write',
    own: (a) => ({ method: 'POST', url: `/api/compliance-cases/${OWN_CASES[a.username]}/documents`, payload: pdfForm() as never }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/compliance-cases/${TARGET_CASES[region]!.caseId}/documents`, payload: pdfForm() as never }),
  },
  'GET /api/compliance-cases/:id/documents/:documentId': {
    permission: 'employer:read',
    own: (a) => ({ url: `/api/compliance-cases/${TARGET_CASES[ownKey(a)]!.caseId}/documents/${TARGET_CASES[ownKey(a)]!.documentId}` }),
    foreign: (_a, region) => ({ url: `/api/compliance-cases/${TARGET_CASES[region]!.caseId}/documents/${TARGET_CASES[region]!.documentId}` }),
  },
  'GET /api/outreach/reach/:regionCode': {
    permission: 'outreach:read',
    own: (a) => ({ url: `/api/outreach/reach/${ownKey(a)}` }),
    foreign: (_a, region) => ({ url: `/api/outreach/reach/${region}` }),
  },
  'GET /api/outreach/events': {
    permission: 'outreach:read',
    own: () => ({ url: '/api/outreach/events?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/outreach/events?region=${region}` }),
    regionsIn: (b) => (b as { items: { region: string }[] }).items.map((e) => e.region),
  },
  'POST /api/outreach/events': {
    permission: 'outreach:write',
    own: (a) => ({ method: 'POST', url: '/api/outreach/events', payload: outreachBody([ownVillage(a)]) }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/outreach/events', payload: outreachBody([villageIn(region)]) }),
  },
  'GET /api/agents': {
    permission: 'agent:read',
    own: () => ({ url: '/api/agents' }),
    foreign: (_a, region) => ({ url: `/api/agents?region=${region}` }),
    regionsIn: (b) => (b as { items: { area: string }[] }).items.map((x) => x.area),
  },
  'GET /api/agents/commission-rules': {
    permission: 'agent:read',
    own: () => ({ url: '/api/agents/commission-rules' }),
    foreign: () => ({ url: '/api/agents/commission-rules' }),
    noForeign: true,
  },
  'POST /api/agents': {
    permission: 'agent:write',
    own: (a) => ({ method: 'POST', url: '/api/agents', payload: { nik: newNik(), name: 'Matrix Agent New', areaCode: ownVillage(a), joinedOn: '2025-01-01' } }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/agents', payload: { nik: newNik(), name: 'Matrix Agent New', areaCode: villageIn(region), joinedOn: '2025-01-01' } }),
  },
  'POST /api/agents/:id/enrolments': {
    permission: 'agent:write',
    own: (a) => ({ method: 'POST', url: `/api/agents/${OWN_AGENTS[a.username]!.agentId}/enrolments`, payload: { enrolmentId: OWN_AGENTS[a.username]!.enrolmentId, recruitedOn: '2025-03-01' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/agents/${TARGET_AGENTS[region]!.agentId}/enrolments`, payload: { enrolmentId: TARGET_AGENTS[region]!.enrolmentId, recruitedOn: '2025-03-01' } }),
  },
  'POST /api/agents/:id/collections': {
    permission: 'agent:write',
    own: (a) => ({ method: 'POST', url: `/api/agents/${OWN_AGENTS[a.username]!.agentId}/collections`, payload: { enrolmentId: OWN_AGENTS[a.username]!.linkedEnrolmentId, month: '2025-03', amount: 16_800, collectedOn: '2025-03-10' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/agents/${TARGET_AGENTS[region]!.agentId}/collections`, payload: { enrolmentId: TARGET_AGENTS[region]!.enrolmentId, month: '2025-03', amount: 16_800, collectedOn: '2025-03-10' } }),
  },
  'POST /api/agents/:id/rejoin': {
    permission: 'agent:write',
    // the own agent joined 2025-01-01 and last recruited 2025-02-01: inactive from 2025-05-01, may rejoin from 2025-11-01
    own: (a) => ({ method: 'POST', url: `/api/agents/${OWN_AGENTS[a.username]!.agentId}/rejoin`, payload: { date: new Date().toISOString().slice(0, 10) } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/agents/${TARGET_AGENTS[region]!.agentId}/rejoin`, payload: { date: new Date().toISOString().slice(0, 10) } }),
  },
};
Object.assign(CASES, COMPLIANCE_CASES);
// ---- end compliance ----

// ---- Inpres 2/2021 accountability (issue 15): regulations, groups, allocations, meetings, scorecards, weights, reports ----
/** A regulation (with its PDF) and a follow-up action in each region the matrix touches, own and foreign. */
const INPRES_REGULATIONS: Record<string, number> = {};
const INPRES_ACTIONS: Record<string, number> = {};
const INPRES_REGIONS = ['ID', '17', '32', '32.02', '32.13', '32.13.28', '32.13.28.2007', '32.02.01.2002'];
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-regulations-'));
  for (const region of INPRES_REGIONS) {
    const path = join(dir, `${region}.pdf`);
    writeFileSync(path, '%PDF-1.4 matrix');
    INPRES_REGULATIONS[region] = (await t.db
      .insertInto('regulation')
      .values({ region_code: region, type: 'SK', number: `SK ${region}`, title: 'Matrix regulation', signed_on: '2025-01-02', document_path: path, document_name: 'sk.pdf', document_size: 15, created_by: 'matrix' })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
    const m = await t.db.insertInto('inpres_meeting').values({ region_code: region, held_on: '2025-01-03', title: 'Matrix rakor', place: 'Matrix', created_by: 'matrix' }).returning('id').executeTakeFirstOrThrow();
    INPRES_ACTIONS[region] = (await t.db.insertInto('inpres_action').values({ meeting_id: m.id, region_code: region, decision: 'Matrix action', owner_agency: 'Bappeda', due_on: '2025-02-01' }).returning('id').executeTakeFirstOrThrow()).id;
  }
});
function regulationUpload(regionCode: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ regionCode, type: 'SK', number: `SK ${uniq()}`, title: 'Matrix regulation', signedOn: '2025-01-02', groups: 'NON_ASN' })) form.append(k, v);
  form.append('file', new Blob(['%PDF-1.4 matrix']), 'sk.pdf');
  return form;
}
const allocationSource = (region: string) => ({ 2: 'APBD_PROVINSI', 5: 'APBD_KABKOTA', 13: 'DANA_DESA' })[region.length] ?? 'APBD_KABKOTA';
const INPRES_CASES: Record<string, Case> = {
  'POST /api/regulations': {
    permission: 'inpres:write',
    own: (a) => ({ method: 'POST', url: '/api/regulations', payload: regulationUpload(a.region) as never }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/regulations', payload: regulationUpload(region) as never }),
  },
  'GET /api/regulations': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/regulations?region=${a.region}` }),
    foreign: (_a, region) => ({ url: `/api/regulations?region=${region}` }),
    regionsIn: (b) => (b as { items: { regionCode: string }[] }).items.map((g) => g.regionCode),
  },
  'GET /api/regulations/:id/document': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/regulations/${INPRES_REGULATIONS[a.region]}/document` }),
    foreign: (_a, region) => ({ url: `/api/regulations/${INPRES_REGULATIONS[region]}/document` }),
  },
  'GET /api/inpres/:code': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/inpres/${a.region}?year=2025` }),
    foreign: (_a, region) => ({ url: `/api/inpres/${region}?year=2025` }),
  },
  'GET /api/inpres/:code/children': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/inpres/${a.region}/children?year=2025` }),
    foreign: (_a, region) => ({ url: `/api/inpres/${region}/children?year=2025` }),
  },
  'PUT /api/inpres/:code/target-groups': {
    permission: 'inpres:write',
    own: (a) => ({ method: 'PUT', url: `/api/inpres/${a.region}/target-groups`, payload: { year: 2025, groups: [{ group: 'NON_ASN', size: 10, source: 'Matrix' }] } }),
    foreign: (_a, region) => ({ method: 'PUT', url: `/api/inpres/${region}/target-groups`, payload: { year: 2025, groups: [{ group: 'NON_ASN', size: 99, source: 'Seharusnya tidak' }] } }),
  },
  'POST /api/inpres/:code/allocations': {
    permission: 'inpres:write',
    own: (a) => ({ method: 'POST', url: `/api/inpres/${a.region}/allocations`, payload: { fiscalYear: 2025, source: allocationSource(a.region), amount: 1000 } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/inpres/${region}/allocations`, payload: { fiscalYear: 2025, source: allocationSource(region), amount: 1000 } }),
  },
  'GET /api/inpres/:code/allocations': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/inpres/${a.region}/allocations?year=2025` }),
    foreign: (_a, region) => ({ url: `/api/inpres/${region}/allocations?year=2025` }),
  },
  'POST /api/inpres/:code/meetings': {
    permission: 'inpres:write',
    own: (a) => ({ method: 'POST', url: `/api/inpres/${a.region}/meetings`, payload: { heldOn: '2025-01-03', title: 'Matrix rakor', place: 'Matrix', actions: [{ decision: 'Matrix action', ownerAgency: 'BPKAD', dueOn: '2025-03-01' }] } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/inpres/${region}/meetings`, payload: { heldOn: '2025-01-03', title: 'Matrix rakor', place: 'Matrix' } }),
  },
  'GET /api/inpres/:code/meetings': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/inpres/${a.region}/meetings` }),
    foreign: (_a, region) => ({ url: `/api/inpres/${region}/meetings` }),
  },
  'PATCH /api/inpres-actions/:id': {
    permission: 'inpres:write',
    own: (a) => ({ method: 'PATCH', url: `/api/inpres-actions/${INPRES_ACTIONS[a.region]}`, payload: { status: 'in_progress' } }),
    foreign: (_a, region) => ({ method: 'PATCH', url: `/api/inpres-actions/${INPRES_ACTIONS[region]}`, payload: { status: 'dropped' } }),
  },
  'GET /api/inpres-weights': { permission: 'inpres:read', own: () => ({ url: '/api/inpres-weights' }), foreign: () => ({ url: '/api/inpres-weights' }), noForeign: true },
  'PUT /api/inpres-weights': {
    permission: 'inpres:weights',
    own: () => ({ method: 'PUT', url: '/api/inpres-weights', payload: { REGULATION: 25, BUDGET: 25, PARTICIPATION: 30, COMPLIANCE: 10, LICENSING: 10 } }),
    foreign: () => ({ method: 'PUT', url: '/api/inpres-weights', payload: {} }),
    noForeign: true,
  },
  'GET /api/reports/inpres/:code.xlsx': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/reports/inpres/${a.region}.xlsx?semester=2025-S1` }),
    foreign: (_a, region) => ({ url: `/api/reports/inpres/${region}.xlsx?semester=2025-S1` }),
  },
  'GET /api/reports/inpres/:code.pdf': {
    permission: 'inpres:read',
    own: (a) => ({ url: `/api/reports/inpres/${a.region}.pdf?semester=2025-S1` }),
    foreign: (_a, region) => ({ url: `/api/reports/inpres/${region}.pdf?semester=2025-S1` }),
  },
};
Object.assign(CASES, INPRES_CASES);
// ---- end Inpres ----
// ---- claims (issue 17): a case with an heir and a file per region; per actor a person, a case to tick and close, a paid case to hand over ----
const TARGET_CLAIMS: Record<string, { claimId: number; heirId: number; documentId: number; personId: number }> = {};
const OWN_CLAIMS: Record<string, { personId: number; claimId: number; closeId: number; paidId: number }> = {};
beforeAll(async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const docDir = join('./data', 'claims');
  mkdirSync(docDir, { recursive: true });
  const personIn = async (village: string) =>
    (await t.db.insertInto('person').values({ nik: newNik(), name: 'Claim Person', birth_date: '1990-05-15', sex: 'L', village_code: village, address: '' }).returning('id').executeTakeFirstOrThrow()).id;
  const claim = async (personId: number, village: string, step: 'reported' | 'paid') =>
    (await t.db
      .insertInto('claim_case')
      .values({
        person_id: personId, region_code: village, type: 'JKK_INJURY', incident_date: '2025-03-01', reported_by: 'matrix', reported_on: '2025-03-01', step, step_date: '2025-03-05',
        eligible: false, reason_code: 'NOT_ENROLLED', estimate_total: 0, estimate: JSON.stringify({ estimate: { total: 0, wage: 1_000_000, parts: [] }, reason: 'x', reasonEn: 'x', contributionMonths: 0 }),
        created_by: 'matrix', ...(step === 'paid' ? { paid_amount: 1_000_000, paid_on: '2025-03-05' } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  for (const [key, village] of Object.entries(EMPLOYER_PLACES)) {
    const personId = await personIn(village);
    const claimId = await claim(personId, village, 'reported');
    const heirId = (await t.db.insertInto('claim_heir').values({ claim_id: claimId, name: 'Ahli Waris', relation: 'istri', nik: '3202014505900001' }).returning('id').executeTakeFirstOrThrow()).id;
    const storage = `matrix-claim-${key}.pdf`;
    writeFileSync(join(docDir, storage), '%PDF-1.4\n');
    const documentId = (await t.db
      .insertInto('claim_document')
      .values({ claim_id: claimId, item: 'KPJ_CARD', filename: 'kpj.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: '-', storage_key: storage, uploaded_by: 'matrix' })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
    TARGET_CLAIMS[key] = { claimId, heirId, documentId, personId: await personIn(village) };
  }
  for (const a of ACTORS) {
    const village = ownVillage(a);
    const personId = await personIn(village);
    OWN_CLAIMS[a.username] = { personId, claimId: await claim(personId, village, 'reported'), closeId: await claim(personId, village, 'reported'), paidId: await claim(personId, village, 'paid') };
  }
});
const CLAIM_CASES: Record<string, Case> = {
  'GET /api/claims': {
    permission: 'claim:read',
    own: () => ({ url: '/api/claims?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/claims?region=${region}` }),
    regionsIn: (b) => (b as { items: { region: string }[] }).items.map((c) => c.region),
  },
  'GET /api/claims/eligibility': {
    permission: 'claim:read',
    own: (a) => ({ url: `/api/claims/eligibility?personId=${OWN_CLAIMS[a.username]!.personId}&type=JKM&incidentDate=2025-03-01` }),
    foreign: (_a, region) => ({ url: `/api/claims/eligibility?personId=${TARGET_CLAIMS[region]!.personId}&type=JKM&incidentDate=2025-03-01` }),
  },
  'POST /api/claims': {
    permission: 'claim:write',
    // an injury: a death would end enrolments, which the matrix's other checks read
    own: (a) => ({ method: 'POST', url: '/api/claims', payload: { personId: OWN_CLAIMS[a.username]!.personId, type: 'JKK_INJURY', incidentDate: '2025-03-01', description: 'matrix' } }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/claims', payload: { personId: TARGET_CLAIMS[region]!.personId, type: 'JKK_INJURY', incidentDate: '2025-03-01', description: 'matrix' } }),
  },
  'GET /api/claims/impact/:regionCode': {
    permission: 'claim:read',
    own: (a) => ({ url: `/api/claims/impact/${ownKey(a)}?year=2025` }),
    foreign: (_a, region) => ({ url: `/api/claims/impact/${region}?year=2025` }),
  },
  'GET /api/claims/:id': {
    permission: 'claim:read',
    own: (a) => ({ url: `/api/claims/${TARGET_CLAIMS[ownKey(a)]!.claimId}` }),
    foreign: (_a, region) => ({ url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}` }),
  },
  'POST /api/claims/:id/transitions': {
    permission: 'claim:write',
    own: (a) => ({ method: 'POST', url: `/api/claims/${OWN_CLAIMS[a.username]!.closeId}/transitions`, payload: { to: 'closed', note: 'matrix' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}/transitions`, payload: { to: 'closed' } }),
  },
  'POST /api/claims/:id/handover': {
    permission: 'claim:write',
    own: (a) => ({ method: 'POST', url: `/api/claims/${OWN_CLAIMS[a.username]!.paidId}/handover`, payload: { by: 'Bupati', place: 'Pendopo', date: '2025-03-06' } }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}/handover`, payload: { by: 'Bupati', place: 'Pendopo', date: '2025-03-06' } }),
  },
  'GET /api/claims/:id/heirs/:heirId': {
    permission: 'worker:nik',
    own: (a) => ({ url: `/api/claims/${TARGET_CLAIMS[ownKey(a)]!.claimId}/heirs/${TARGET_CLAIMS[ownKey(a)]!.heirId}` }),
    foreign: (_a, region) => ({ url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}/heirs/${TARGET_CLAIMS[region]!.heirId}` }),
  },
  'POST /api/claims/:id/documents/:item': {
    permission: 'claim:write',
    own: (a) => ({ method: 'POST', url: `/api/claims/${OWN_CLAIMS[a.username]!.claimId}/documents/KPJ_CARD`, payload: pdfForm() as never }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}/documents/KPJ_CARD`, payload: pdfForm() as never }),
  },
  'GET /api/claims/:id/files/:documentId': {
    permission: 'claim:read',
    own: (a) => ({ url: `/api/claims/${TARGET_CLAIMS[ownKey(a)]!.claimId}/files/${TARGET_CLAIMS[ownKey(a)]!.documentId}` }),
    foreign: (_a, region) => ({ url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}/files/${TARGET_CLAIMS[region]!.documentId}` }),
  },
  'GET /api/claims/:id/letter.pdf': {
    permission: 'claim:read',
    own: (a) => ({ url: `/api/claims/${TARGET_CLAIMS[ownKey(a)]!.claimId}/letter.pdf` }),
    foreign: (_a, region) => ({ url: `/api/claims/${TARGET_CLAIMS[region]!.claimId}/letter.pdf` }),
  },
};
Object.assign(CASES, CLAIM_CASES);
// ---- end claims ----
// ---- projects and election cohorts (issue 18) ----
/** one project (in a village) and one cohort per region the matrix touches, and per actor in its own region */
const PROJECTS: Record<string, number> = {};
const OWN_PROJECTS: Record<string, number> = {};
const COHORTS: Record<string, number> = {};
const OWN_COHORTS: Record<string, number> = {};
const OWN_COHORT_JOBS: Record<string, number> = {};
const REGION_COHORT_JOBS: Record<string, number> = {};
const ownProgram = (a: Actor) => PROGRAMS[a.region === 'ID' ? '17' : a.region]!;
const jakonToday = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const projectBody = (villageCode: string, fundingProgramId: number | undefined) => ({
  name: `Matrix Proyek ${uniq()}`,
  villageCode,
  contractValue: 150_000_000,
  spkDate: '2025-01-02',
  startDate: '2025-01-06',
  endDate: '2030-12-31',
  fundingProgramId: fundingProgramId ?? 1,
});
const cohortBody = (regionCode: string, fundingProgramId: number | undefined) => ({
  name: `Matrix KPPS ${uniq()}`,
  organiser: 'KPU',
  regionCode,
  startDate: '2025-01-01',
  endDate: '2030-12-31',
  fundingProgramId: fundingProgramId ?? 1,
});
const emptyCsv = () => {
  const form = new FormData();
  form.append('file', new Blob(['NIK;Nama\n']), 'kosong.csv');
  return form as never;
};
const { [`POST /api/cohort-imports`]: _noOwnUpload, ...COHORT_IMPORT_CASES } = importCases('/api/cohort-imports', { read: 'worker:read', write: 'worker:write' }, OWN_COHORT_JOBS, REGION_COHORT_JOBS);
const JAKON_CASES: Record<string, Case> = {
  'POST /api/projects': {
    permission: 'project:write',
    own: (a) => ({ method: 'POST', url: '/api/projects', payload: projectBody(ownVillage(a), ownProgram(a)) }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/projects', payload: projectBody(villageIn(region), PROGRAMS[region]) }),
  },
  'GET /api/projects': {
    permission: 'project:read',
    own: () => ({ url: '/api/projects?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/projects?region=${region}` }),
    regionsIn: (b) => (b as { items: { villageCode: string }[] }).items.map((p) => p.villageCode),
  },
  'GET /api/projects/:id': { permission: 'project:read', own: (a) => ({ url: `/api/projects/${OWN_PROJECTS[a.username]}` }), foreign: (_a, r) => ({ url: `/api/projects/${PROJECTS[r]}` }) },
  'POST /api/projects/:id/workers': {
    permission: 'worker:write',
    own: (a) => ({ method: 'POST', url: `/api/projects/${OWN_PROJECTS[a.username]}/workers`, payload: workerBody(ownVillage(a)) }),
    foreign: (_a, r) => ({ method: 'POST', url: `/api/projects/${PROJECTS[r]}/workers`, payload: workerBody(villageIn(r)) }),
  },
  'GET /api/projects/:id/workers': { permission: 'worker:read', own: (a) => ({ url: `/api/projects/${OWN_PROJECTS[a.username]}/workers` }), foreign: (_a, r) => ({ url: `/api/projects/${PROJECTS[r]}/workers` }) },
  'POST /api/projects/:id/payments': {
    permission: 'payment:write',
    own: (a) => ({ method: 'POST', url: `/api/projects/${OWN_PROJECTS[a.username]}/payments`, payload: { amount: 1, paidOn: jakonToday } }),
    foreign: (_a, r) => ({ method: 'POST', url: `/api/projects/${PROJECTS[r]}/payments`, payload: { amount: 1, paidOn: jakonToday } }),
  },
  'POST /api/projects/:id/extension': {
    permission: 'project:write',
    own: (a) => ({ method: 'POST', url: `/api/projects/${OWN_PROJECTS[a.username]}/extension`, payload: { endDate: `${2031 + ++seq}-01-01` } }),
    foreign: (_a, r) => ({ method: 'POST', url: `/api/projects/${PROJECTS[r]}/extension`, payload: { endDate: '2099-01-01' } }),
  },
  'POST /api/cohorts': {
    permission: 'project:write',
    own: (a) => ({ method: 'POST', url: '/api/cohorts', payload: cohortBody(a.region === 'ID' ? '17' : a.region, ownProgram(a)) }),
    foreign: (_a, region) => ({ method: 'POST', url: '/api/cohorts', payload: cohortBody(region, PROGRAMS[region]) }),
  },
  'GET /api/cohorts': {
    permission: 'project:read',
    own: () => ({ url: '/api/cohorts?pageSize=200' }),
    foreign: (_a, region) => ({ url: `/api/cohorts?region=${region}` }),
    regionsIn: (b) => (b as { items: { regionCode: string }[] }).items.map((c) => c.regionCode),
  },
  'GET /api/cohorts/:id': { permission: 'project:read', own: (a) => ({ url: `/api/cohorts/${OWN_COHORTS[a.username]}` }), foreign: (_a, r) => ({ url: `/api/cohorts/${COHORTS[r]}` }) },
  'GET /api/cohorts/:id/workers': { permission: 'worker:read', own: (a) => ({ url: `/api/cohorts/${OWN_COHORTS[a.username]}/workers` }), foreign: (_a, r) => ({ url: `/api/cohorts/${COHORTS[r]}/workers` }) },
  'POST /api/cohorts/:id/imports': {
    permission: 'worker:write',
    own: (a) => ({ method: 'POST', url: `/api/cohorts/${OWN_COHORTS[a.username]}/imports`, payload: emptyCsv() }),
    foreign: (_a, r) => ({ method: 'POST', url: `/api/cohorts/${COHORTS[r]}/imports`, payload: emptyCsv() }),
  },
  'POST /api/cohorts/:id/extension': {
    permission: 'project:write',
    own: (a) => ({ method: 'POST', url: `/api/cohorts/${OWN_COHORTS[a.username]}/extension`, payload: { endDate: `${2031 + ++seq}-01-01` } }),
    foreign: (_a, r) => ({ method: 'POST', url: `/api/cohorts/${COHORTS[r]}/extension`, payload: { endDate: '2099-01-01' } }),
  },
  ...COHORT_IMPORT_CASES,
};
Object.assign(CASES, JAKON_CASES);

/** A project and a cohort stored directly, as fixtures (the routes under test create their own). */
async function jakonFixtures(village: string, region: string, programRegion: string, tag: string) {
  const programId = PROGRAMS[programRegion]!;
  const project = await t.db
    .insertInto('project')
    .values({ name: `Matrix proyek ${tag}`, village_code: village, owner_type: 'village', executor: 'swakelola', contract_value: 100_000_000, spk_date: '2025-01-02', start_date: '2025-01-06', end_date: '2030-12-31', funding_program_id: programId, registration_deadline: '2025-01-22', jkk: 210_000, jkm: 30_000, created_by: 'matrix' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cohort = await t.db
    .insertInto('election_cohort')
    .values({ name: `Matrix kohort ${tag}`, organiser: 'KPU', region_code: region, start_date: '2025-01-01', end_date: '2030-12-31', funding_program_id: programId, created_by: 'matrix' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const job = await t.db
    .insertInto('import_job')
    .values({ kind: 'cohort_workers', parent_id: cohort.id, filename: 'matrix.xlsx', file_path: '/nonexistent/matrix.xlsx', status: 'validated', region_code: region, created_by_username: 'matrix' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { project: project.id, cohort: cohort.id, job: job.id };
}
// ---- end projects ----

function villageIn(region: string): string {
  return { '32': '32.13.28.2001', '32.13': '32.13.28.2001', '32.02.01.2002': '32.02.01.2002', '32.13.28': '32.13.28.2001' }[region] ?? region;
}

const visible = (a: Actor, code: string) => inSubtree(a.region, code) || isAncestor(code, a.region);

describe('route × role × region matrix', () => {
  const sessions = new Map<string, Session>();
  let checked = 0;

  beforeAll(async () => {
    // Users to aim PATCH at, one in each region the matrix touches, created by the national admin.
    const admin = await login(t.app, 'nasional');
    const places: Record<string, [string, Role]> = {
      '32.02': ['32.02.01.2003', 'village_operator'],
      '17': ['17.01.01.2002', 'village_operator'],
      '32': ['32.13.28.2002', 'village_operator'],
      '32.13': ['32.13.28.2003', 'village_operator'],
      '32.13.28.2007': ['32.13.28.2007', 'village_operator'],
      '32.02.01.2002': ['32.02.01.2002', 'village_operator'],
      '32.13.28': ['32.13.28.2004', 'village_operator'],
    };
    for (const [key, [region, role]] of Object.entries(places)) {
      const username = `target.${key.replace(/\./g, '-')}`;
      const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/users', payload: { username, displayName: 'Target', password: 'target-password-1', role, regionCode: region } });
      expect(res.statusCode, res.body).toBe(201);
      TARGET_USERS[key] = username;
    }
    for (const [key, [region]] of Object.entries(places)) {
      const p = await t.db
        .insertInto('person')
        .values({ nik: newNik(), name: 'Target Worker', birth_date: '1990-05-15', sex: 'L', village_code: region, address: '' })
        .returning('id')
        .executeTakeFirstOrThrow();
      TARGET_WORKERS[key] = p.id;
      const q = await t.db.insertInto('person').values({ nik: newNik(), name: 'Target Enrolled', birth_date: '1990-05-15', sex: 'L', village_code: region, address: '' }).returning('id').executeTakeFirstOrThrow();
      TARGET_ENROLMENTS[key] = await openEnrolment(q.id, region);
      ENROLMENTS[key] = (await t.db
        .insertInto('enrolment')
        .values({ person_id: p.id, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'matrix', village_code: region })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    }
    for (const a of ACTORS) {
      // any village inside the actor's region
      const range = a.region === 'ID' ? { from: '', to: '~' } : { from: `${a.region}.`, to: `${a.region}/` };
      const village = a.region.length === 13 ? a.region : (await t.db.selectFrom('region').select('code').where('level', '=', 'village').where('code', '>=', range.from).where('code', '<', range.to).orderBy('code').executeTakeFirstOrThrow()).code;
      const p = await t.db.insertInto('person').values({ nik: newNik(), name: 'Own Worker', birth_date: '1990-05-15', sex: 'L', village_code: village, address: '' }).returning('id').executeTakeFirstOrThrow();
      OWN_ENROLMENTS[a.username] = await openEnrolment(p.id, village);
      OWN_CANDIDATES[a.username] = await candidate(village);
    }
    for (const [key, [region]] of Object.entries(places)) REGION_CANDIDATES[key] = await candidate(region);
    const job = async (region: string, kind: ImportKindKey = 'workers') =>
      (await t.db
        .insertInto('import_job')
        .values({ kind, filename: 'matrix.xlsx', file_path: '/nonexistent/matrix.xlsx', status: 'validated', region_code: region, created_by_username: 'matrix' })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    for (const a of ACTORS) OWN_JOBS[a.username] = await job(a.region);
    for (const key of Object.keys(places)) REGION_JOBS[key] = await job(key);
    for (const a of ACTORS) OWN_EMPLOYER_JOBS[a.username] = await job(a.region, 'employers');
    for (const key of Object.keys(places)) REGION_EMPLOYER_JOBS[key] = await job(key, 'employers');
    for (const a of ACTORS) OWN_REGISTRATION_JOBS[a.username] = await job(a.region, 'registrations');
    for (const key of Object.keys(places)) REGION_REGISTRATION_JOBS[key] = await job(key, 'registrations');
    for (const a of ACTORS) OWN_PARTICIPATION_JOBS[a.username] = await job(a.region, 'participation');
    for (const key of Object.keys(places)) REGION_PARTICIPATION_JOBS[key] = await job(key, 'participation');
    for (const a of ACTORS) OWN_DENOMINATOR_JOBS[a.username] = await job(a.region, 'denominators');
    for (const key of Object.keys(places)) REGION_DENOMINATOR_JOBS[key] = await job(key, 'denominators');
    for (const a of ACTORS) OWN_UMK_JOBS[a.username] = await job(a.region, 'umk');
    for (const key of Object.keys(places)) REGION_UMK_JOBS[key] = await job(key, 'umk');
    for (const a of ACTORS) OWN_PAYMENT_JOBS[a.username] = await job(a.region, 'payments');
    for (const key of Object.keys(places)) REGION_PAYMENT_JOBS[key] = await job(key, 'payments');
    for (const a of ACTORS) OWN_DTSEN_JOBS[a.username] = await job(a.region, 'dtsen');
    for (const key of Object.keys(places)) REGION_DTSEN_JOBS[key] = await job(key, 'dtsen');
    const token = await injectAs(t.app, admin, { method: 'POST', url: '/api/tokens', payload: { name: 'Matrix token', regionCode: 'ID', scopes: ['participation:write'] } });
    expect(token.statusCode, token.body).toBe(201);
    MATRIX_TOKEN = token.json().id;
    // funding (issue 4)
    const docDir = mkdtempSync(join(tmpdir(), 'matrix-doc-'));
    for (const region of new Set([...Object.keys(places), ...ACTORS.map((a) => a.region).filter((r) => r !== 'ID')])) {
      const doc = join(docDir, `${region}.pdf`);
      writeFileSync(doc, '%PDF-1.4 matrix');
      PROGRAMS[region] = (await t.db
        .insertInto('funding_program')
        .values({ name: `CSR ${uniq()}`, payer_type: 'CSR', region_code: region, fiscal_year: 2025, budget: 1_000_000, quota: 10, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'matrix', document_path: doc, document_name: 'doc.pdf', document_type: 'application/pdf', document_size: 15 })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    }
    // projects and election cohorts (issue 18)
    for (const key of Object.keys(places)) {
      const f = await jakonFixtures(villageIn(key === '32.02' ? '32.02.01.2003' : key === '17' ? '17.01.01.2002' : key), key, key, key);
      [PROJECTS[key], COHORTS[key], REGION_COHORT_JOBS[key]] = [f.project, f.cohort, f.job];
    }
    for (const a of ACTORS) {
      const f = await jakonFixtures(ownVillage(a), a.region, a.region === 'ID' ? '17' : a.region, a.username);
      [OWN_PROJECTS[a.username], OWN_COHORTS[a.username], OWN_COHORT_JOBS[a.username]] = [f.project, f.cohort, f.job];
    }
    // DTSEN targeting (issue 16): a roomy BPU programme and a finished enrolment job in each region
    const year = new Date().getUTCFullYear();
    for (const region of new Set([...Object.keys(places), ...ACTORS.map(ownRegion)])) {
      DTSEN_PROGRAMS[region] = (await t.db
        .insertInto('funding_program')
        .values({ name: `DTSEN ${uniq()}`, payer_type: 'CSR', region_code: region, fiscal_year: year, budget: 10_000_000_000, quota: 1000, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'matrix' })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
      TARGETING_JOBS[region] = (await t.db
        .insertInto('targeting_job')
        .values({ region_code: region, funding_program_id: DTSEN_PROGRAMS[region]!, status: 'done', selection: '{}', created_by_username: 'matrix' })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    }
    for (const a of ACTORS) sessions.set(a.username, await login(t.app, a.username));
  });

  it('has a case for every registered route', () => {
    const registered = t.app.routesWithAccess.filter((r) => r.access !== 'public').map((r) => `${r.method} ${r.url}`);
    expect(registered.sort()).toEqual(Object.keys(CASES).sort());
    // …and the public ones are exactly these
    expect(t.app.routesWithAccess.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/health',
      'POST /api/auth/login',
    ]);
  });

  it('checks every route that takes an id through an entity scope (region-code params through the region rule)', () => {
    // region codes (and a year beside one) are checked by the region rule; any other path parameter names a stored thing
    const takesId = t.app.routesWithAccess.filter((r) => /:(?!(code|regencyCode|regionCode|year)\b)\w+/.test(r.url));
    expect(takesId.length).toBeGreaterThan(20);
    const unchecked = takesId.filter((r) => typeof r.access === 'string' || !('entity' in r.access && r.access.entity)).map((r) => `${r.method} ${r.url}`);
    expect(unchecked).toEqual([]);
    const regionParam = t.app.routesWithAccess.filter((r) => /:(code|regencyCode|regionCode)\b/.test(r.url));
    expect(regionParam.filter((r) => typeof r.access === 'string' || !('region' in r.access && r.access.region)).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  for (const actor of ACTORS) {
    it(`${actor.role} (${actor.username}): allowed in own region, nothing outside it`, async () => {
      for (const [key, c] of Object.entries(CASES)) {
        if (key === 'POST /api/auth/logout') continue; // run last: it ends the session
        const s = sessions.get(actor.username)!;
        const allowed = c.permission === undefined || can(actor.role, c.permission);

        const own = await injectAs(t.app, s, c.own(actor));
        checked++;
        if (c.bearer) {
          expect(own.statusCode, `${key} with a session`).toBe(401);
          expect(own.json().error.code).toBe('UNAUTHENTICATED');
        } else if (allowed) {
          if (c.moved) expect(own.statusCode, `${key} own: ${own.body}`).toBe(308);
          else expect(own.statusCode, `${key} own: ${own.body}`).toBeLessThan(300);
          if (c.regionsIn) for (const code of c.regionsIn(own.json())) expect(visible(actor, code), `${key} leaked ${code}`).toBe(true);
        } else {
          expect(own.statusCode, `${key} own`).toBe(403);
          expect(own.json().error.code).toBe('FORBIDDEN_ROLE');
        }

        for (const region of [actor.other, actor.above].filter((r): r is string => !!r && !c.noForeign)) {
          const req = c.foreign(actor, region);
          const res = await injectAs(t.app, s, req);
          checked++;
          const isRead = (req.method ?? 'GET') === 'GET';
          if (c.foreignIsList && allowed) {
            expect(res.statusCode, `${key} foreign`).toBe(200);
            for (const code of (c.regionsIn?.(res.json()) ?? [])) expect(visible(actor, code), `${key} leaked ${code} to ${actor.username}`).toBe(true);
          } else if (isRead && c.ancestorsReadable && region === actor.above && allowed) {
            // Reading the regions above one's own (names, for navigation) is allowed; acting there is not.
            expect(res.statusCode, `${key} above`).toBe(200);
          } else {
            expect([403, 404], `${key} as ${actor.username} on ${region}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          }
        }
      }
      const out = await injectAs(t.app, sessions.get(actor.username)!, CASES['POST /api/auth/logout']!.own(actor));
      expect(out.statusCode).toBe(200);
      checked++;
    });
  }

  it('changed nothing outside the actors’ regions', async () => {
    const admin = await login(t.app, 'nasional');
    const users = (await injectAs(t.app, admin, { url: '/api/users?q=target&limit=500' })).json().items as { username: string; displayName: string }[];
    for (const region of ['32', '32.13', '32.02.01.2002', '32.13.28']) {
      const u = users.find((x) => x.username === TARGET_USERS[region]);
      expect(u?.displayName, `target in ${region}`).toBe('Target');
    }
    const created = await t.db.selectFrom('person').select('village_code').where('name', '=', 'Matrix Worker').execute();
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((p) => p.village_code))).toEqual(new Set(['17.01.01.2001', '32.02.01.2002', '32.13.28.2007']));
    const targets = await t.db.selectFrom('enrolment').select('status').where('id', 'in', Object.values(TARGET_ENROLMENTS)).execute();
    // claims (issue 17): no foreign case was moved, none recorded for a foreign person
    const foreignClaims = await t.db.selectFrom('claim_case').select(['step', 'handed_over_by']).where('id', 'in', Object.values(TARGET_CLAIMS).map((c) => c.claimId)).execute();
    expect(foreignClaims.every((c) => c.step === 'reported' && c.handed_over_by === null)).toBe(true);
    expect(await t.db.selectFrom('claim_case').select('id').where('person_id', 'in', Object.values(TARGET_CLAIMS).map((c) => c.personId)).execute()).toEqual([]);
    expect(targets.every((e) => e.status === 'submitted')).toBe(true);
    expect(checked).toBeGreaterThan(100);
    console.log(`access matrix: ${Object.keys(CASES).length} routes × ${ACTORS.length} roles, ${checked} requests checked`);
  });

  it('refuses every non-public route without a session, and every write without the CSRF token', async () => {
    for (const r of t.app.routesWithAccess.filter((x) => x.access !== 'public')) {
      const url = r.url.replace(':code', '32.02').replace(':username', 'kab.sukabumi');
      const anon = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      expect(anon.statusCode, `${r.method} ${url}`).toBe(401);
      expect(anon.json().error.code).toBe('UNAUTHENTICATED');
    }
    const s = await login(t.app, 'nasional');
    for (const r of t.app.routesWithAccess.filter((x) => x.access !== 'public' && x.method !== 'GET')) {
      const url = r.url.replace(':username', 'kab.sukabumi');
      const res = await t.app.inject({ method: r.method as 'POST', url, headers: { cookie: s.cookie }, payload: {} });
      // a machine route takes no cookie, so needs no CSRF token: the session is simply not a credential there
      const [status, code] = typeof r.access === 'object' && 'token' in r.access ? [401, 'UNAUTHENTICATED'] : [403, 'CSRF_TOKEN_INVALID'];
      expect(res.statusCode, `${r.method} ${url}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });
});

describe('Inpres writes stayed inside the actors’ regions', () => {
  it('declared groups and actions only where allowed', async () => {
    const groups = await t.db.selectFrom('target_group').select(['region_code', 'size']).execute();
    expect(groups.every((g) => g.size === 10)).toBe(true);
    const dropped = await t.db.selectFrom('inpres_action').select('id').where('status', '=', 'dropped').execute();
    expect(dropped).toEqual([]);
  });
});

// compliance (issue 6)
describe('compliance writes stayed inside the actors’ regions', () => {
  it('created and changed employers only where allowed', async () => {
    const created = await t.db.selectFrom('employer').select('village_code').where('name', 'like', 'Matrix Employer%').execute();
    expect(new Set(created.map((e) => e.village_code))).toEqual(new Set(['17.01.01.2001', '32.02.01.2002']));
    for (const key of ['32', '32.13', '32.02.01.2002', '32.13.28']) {
      const e = await t.db.selectFrom('employer').select('sector').where('id', '=', TARGET_EMPLOYERS[key]!).executeTakeFirstOrThrow();
      expect(e.sector, `employer in ${key}`).toBe('');
    }
  });
});

// issue 12: rows that name stored things, and files that carry NIKs
describe('rows naming people or employers outside the caller’s region, and files carrying NIKs, for every role', () => {
  const WORKER_HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];
  const workers = importRoutes(t, '/api/imports');
  const registrations = importRoutes(t, '/api/registration-imports');
  const employers = importRoutes(t, '/api/employer-imports');
  const foreignOf = (a: Actor) => [a.other, a.above].filter((r): r is string => !!r);
  const nikOf = async (personId: number) => (await t.db.selectFrom('person').select('nik').where('id', '=', personId).executeTakeFirstOrThrow()).nik;
  /** the kab.sukabumi worker job whose report every reader is then aimed at */
  let sukabumiJob = 0;
  let sukabumiNiks: string[] = [];

  it('refuses, row by row, each stored person (worker and registration imports) and employer outside the region, for every role that may write them', async () => {
    for (const a of ACTORS.filter((x) => foreignOf(x).length > 0)) {
      const s = await login(t.app, a.username);
      const niks = await Promise.all(foreignOf(a).map((r) => nikOf(TARGET_WORKERS[r]!)));
      if (can(a.role, 'worker:write')) {
        const rows = niks.map((nik) => [nik, 'Warga Lain', '15/05/1990', 'L', ownVillage(a), 'Jl. Uji', '', 'Petani', 'BPU', 'Pekerja Rentan', 'JKK,JKM', '1.000.000', 'Matrix']);
        const id = await workers.upload(s, await workbook(WORKER_HEADERS, rows), 'lintas.xlsx');
        const view = await workers.waitFor(s, id, ['validated', 'failed']);
        expect(view.counts, `${a.username} workers: ${JSON.stringify(view)}`).toMatchObject({ total: niks.length, valid: 0, rejected: niks.length, rejectedByReason: { REGISTERED_ELSEWHERE: niks.length } });
        if (a.username === 'kab.sukabumi') [sukabumiJob, sukabumiNiks] = [id, niks];
        const reg = await registrations.upload(s, await workbook(['NIK', 'KPJ'], niks.map((nik, i) => [nik, `2400000090${i}`])), 'lintas-kpj.xlsx');
        expect((await registrations.waitFor(s, reg, ['validated', 'failed'])).counts, `${a.username} registrations`).toMatchObject({ valid: 0, rejected: niks.length });
      }
      if (can(a.role, 'employer:write')) {
        const nibs: string[] = [];
        for (const r of foreignOf(a)) {
          const nib = `91299${String(TARGET_EMPLOYERS[r]).padStart(8, '0')}`;
          await t.db.updateTable('employer').set({ nib }).where('id', '=', TARGET_EMPLOYERS[r]!).execute();
          nibs.push(nib);
        }
        const rows = nibs.map((nib) => ['PT Lintas', nib, 'kecil', ownVillage(a), 5]);
        const id = await employers.upload(s, await workbook(['Nama Perusahaan', 'NIB', 'Skala Usaha', 'Kode Desa', 'Jumlah Pekerja'], rows), 'lintas-pt.xlsx');
        const view = await employers.waitFor(s, id, ['validated', 'failed']);
        expect(view.counts, `${a.username} employers: ${JSON.stringify(view)}`).toMatchObject({ valid: 0, rejectedByReason: { REGISTERED_ELSEWHERE: nibs.length } });
      }
    }
    expect(sukabumiJob).toBeGreaterThan(0);
    // nothing was enrolled or activated for the people aimed at
    const moved = await t.db.selectFrom('enrolment').select('id').where('person_id', 'in', Object.values(TARGET_WORKERS)).where('status', '<>', 'submitted').execute();
    expect(moved).toEqual([]);
  });

  const cellsOf = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const out: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => out.push(String(c.value)))));
    return out.join('\n');
  };

  it('serves import reports and worker exports with full NIKs only to roles with worker:nik, audited; masked to the others; 404 across regions', async () => {
    for (const a of ACTORS) {
      const s = await login(t.app, a.username);
      const audits = async () => (await t.db.selectFrom('audit_log').select('action').where('actor_username', '=', a.username).where('action', 'in', ['download_full_nik', 'export_full_nik']).execute()).length;
      const before = await audits();
      const report = await injectAs(t.app, s, { url: `/api/imports/${sukabumiJob}/report.xlsx` });
      const sees = can(a.role, 'worker:read') && inSubtree(a.region, '32.02');
      if (!can(a.role, 'worker:read')) expect(report.statusCode, a.username).toBe(403);
      else if (!sees) expect(report.statusCode, a.username).toBe(404);
      else {
        expect(report.statusCode, a.username).toBe(200);
        const text = await cellsOf(report.rawPayload);
        if (can(a.role, 'worker:nik')) for (const nik of sukabumiNiks) expect(text, a.username).toContain(nik);
        else expect(text, a.username).not.toMatch(/\d{12}/);
      }
      const exported = await injectAs(t.app, s, { url: '/api/workers/export.xlsx' });
      if (!can(a.role, 'worker:read')) expect(exported.statusCode, a.username).toBe(403);
      else {
        expect(exported.statusCode, a.username).toBe(200);
        const text = await cellsOf(exported.rawPayload);
        if (!can(a.role, 'worker:nik')) expect(text, a.username).not.toMatch(/\d{12}/);
      }
      const written = (await audits()) - before;
      expect(written, `${a.username} full-NIK audit rows`).toBe(can(a.role, 'worker:nik') ? (sees ? 2 : 1) : 0);
    }
  });
});
