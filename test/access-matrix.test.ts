import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { inSubtree, isAncestor } from '../src/domain/region-code.js';
import { can, type Permission, type Role } from '../src/domain/roles.js';
import { injectAs, login, type Session, useTestApp } from './app.js';

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
};

/** Import jobs: one per actor to act on, and one in each foreign region to be refused. */
const OWN_JOBS: Record<string, number> = {};
const REGION_JOBS: Record<string, number> = {};

/** A worker in each region the matrix touches, to aim NIK reveals at. */
const TARGET_WORKERS: Record<string, number> = {};
let nikSerial = 100;
const newNik = () => `320201150590${String(++nikSerial).padStart(4, '0')}`;
const workerBody = (villageCode: string) => ({ nik: newNik(), name: 'Matrix Worker', birthDate: '1990-05-15', sex: 'L', villageCode, address: 'Jl. Uji' });

let seq = 0;
const uniq = () => `matrix${++seq}${Date.now() % 100000}`;

const CASES: Record<string, Case> = {
  'POST /api/auth/logout': { own: () => ({ method: 'POST', url: '/api/auth/logout' }), foreign: () => ({ method: 'POST', url: '/api/auth/logout' }) },
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
  'GET /api/imports/template.xlsx': {
    permission: 'worker:read',
    own: () => ({ url: '/api/imports/template.xlsx' }),
    foreign: () => ({ url: '/api/imports/template.xlsx' }),
    noForeign: true,
  },
  'POST /api/imports': {
    permission: 'worker:write',
    own: () => {
      const form = new FormData();
      form.append('file', new Blob(['NIK;Nama\n']), 'kosong.csv');
      return { method: 'POST', url: '/api/imports', payload: form as never };
    },
    foreign: () => ({ method: 'POST', url: '/api/imports' }),
    noForeign: true,
  },
  'GET /api/imports/:id': {
    permission: 'worker:read',
    own: (a) => ({ url: `/api/imports/${OWN_JOBS[a.username]}` }),
    foreign: (_a, region) => ({ url: `/api/imports/${REGION_JOBS[region]}` }),
  },
  'GET /api/imports/:id/report.xlsx': {
    permission: 'worker:read',
    own: (a) => ({ url: `/api/imports/${OWN_JOBS[a.username]}/report.xlsx` }),
    foreign: (_a, region) => ({ url: `/api/imports/${REGION_JOBS[region]}/report.xlsx` }),
  },
  'POST /api/imports/:id/commit': {
    permission: 'worker:write',
    own: (a) => ({ method: 'POST', url: `/api/imports/${OWN_JOBS[a.username]}/commit` }),
    foreign: (_a, region) => ({ method: 'POST', url: `/api/imports/${REGION_JOBS[region]}/commit` }),
  },
  'GET /api/workers/:id/nik': {
    permission: 'worker:nik',
    own: (a) => ({ url: `/api/workers/${TARGET_WORKERS[a.region === 'ID' ? '32.02' : a.region]}/nik` }),
    foreign: (_a, region) => ({ url: `/api/workers/${TARGET_WORKERS[region]}/nik` }),
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
    own: (a) => {
      const form = new FormData();
      form.append('file', new Blob([`Kode Wilayah;Tahun;Penduduk Bekerja;Sumber\n${a.region};2025;1000;Uji matriks\n`]), 'matriks.csv');
      return { method: 'POST', url: '/api/denominators/import', payload: form as never };
    },
    foreign: () => ({ method: 'POST', url: '/api/denominators/import' }),
    noForeign: true, // rows outside one's region are refused per row (denominators.test.ts)
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
};

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
    }
    const job = async (region: string) =>
      (await t.db
        .insertInto('import_job')
        .values({ filename: 'matrix.xlsx', file_path: '/nonexistent/matrix.xlsx', status: 'validated', region_code: region, created_by_username: 'matrix' })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    for (const a of ACTORS) OWN_JOBS[a.username] = await job(a.region);
    for (const key of Object.keys(places)) REGION_JOBS[key] = await job(key);
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

  for (const actor of ACTORS) {
    it(`${actor.role} (${actor.username}): allowed in own region, nothing outside it`, async () => {
      for (const [key, c] of Object.entries(CASES)) {
        if (key === 'POST /api/auth/logout') continue; // run last: it ends the session
        const s = sessions.get(actor.username)!;
        const allowed = c.permission === undefined || can(actor.role, c.permission);

        const own = await injectAs(t.app, s, c.own(actor));
        checked++;
        if (allowed) {
          expect(own.statusCode, `${key} own: ${own.body}`).toBeLessThan(300);
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
      expect(res.statusCode, `${r.method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    }
  });
});
