import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule } from '../src/access/rules.js';
import { can, type Role } from '../src/domain/roles.js';
import { injectAs, login, type Session, useTestApp } from './app.js';

/**
 * Issue 12, standing suite: every route of the app (from the access declarations, with its input schema
 * from the OpenAPI document) is called with inputs generated from its schema and with hostile strings,
 * numbers and shapes, as a signed-in user of a role that may call it. Never a 5xx, never a stack trace or
 * source path in the body, and a refused write leaves the audit log and every table's row count as they were.
 *
 *   FUZZ_SEED=123 npx vitest run --project pglite test/fuzz.test.ts   (reproduce; the seed is printed)
 *   FUZZ_RUNS=20000 …                                                (more cases; 5,000 by default)
 */
const t = useTestApp();

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 5000);

/** Who calls a route: the first of these whose role has the route's permission (national first: whole country in scope). */
const ACTORS: { username: string; role: Role; region: string }[] = [
  { username: 'nasional', role: 'national_monitor', region: 'ID' },
  { username: 'kab.sukabumi', role: 'regency_operator', region: '32.02' },
  { username: 'bpjs.sukabumi', role: 'bpjs_branch', region: '32.02' },
  { username: 'disnaker.sukabumi', role: 'labour_inspector', region: '32.02' },
  { username: 'desa.balingbing', role: 'village_operator', region: '32.13.28.2007' },
  { username: 'auditor', role: 'auditor', region: 'ID' },
  { username: 'prov.bengkulu', role: 'province_operator', region: '17' },
];

// ---------------------------------------------------------------- hostile values

const DEEP = (n: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFF',
  '\uDBFF\uDBFF',
  '%00',
  '%',
  "' OR 1=1 --",
  "'; DROP TABLE person; --",
  '1; SELECT pg_sleep(1)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '1e309',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '3202011505900001',
  '32.02.01.2002',
  'ID',
  '2025-13-45',
  '2025-02-30',
  '9999-99',
  'true',
  'null',
  '[]',
  '{}',
  '𝟘𝟙𝟚 ١٢٣ ＡＢＣ',
  'é'.normalize('NFD'),
  '\u202Egnp.exe',
  '\t\n\r\u000b\u000c',
  'x'.repeat(70_000),
];
const HOSTILE_NUMBERS = [0, -1, -0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, -(2 ** 31) - 1, 2 ** 31, 1e-300];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40, unit: 'binary' }), fc.string({ maxLength: 20, unit: 'grapheme' }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { $gt: '' }, ['a', 'b']) },
  { weight: 1, arbitrary: fc.constantFrom(DEEP(50), DEEP(2000), Array.from({ length: 5000 }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

// ---------------------------------------------------------------- values from a JSON schema

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

/** Values a real caller would send: what reaches the service rather than the validator. */
const REALISTIC = ['ID', '32', '32.02', '32.02.01', '32.02.01.2002', '32.13', '32.13.28.2007', '17', '2025-06-01', '2025-06', '2026-01', '3202011505900001', 'BPU', 'PU', 'JKK', 'JKM'];
const realisticString = fc.oneof(fc.constantFrom(...REALISTIC), fc.string({ maxLength: 12 }));

function fromSchema(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.oneof(realisticString, fc.integer({ min: 0, max: 5 }));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fromSchema(a, depth + 1)));
  if (s.allOf?.length) return fromSchema(s.allOf[0], depth + 1);
  const types = [s.type ?? (s.properties ? 'object' : 'string')].flat();
  return fc.oneof(...types.map((type) => typed(type, s, depth)));
}

function typed(type: string, s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = Math.max(s.minimum ?? -1000, -1e9);
      const max = Math.min(s.maximum ?? 1_000_000, 1e9);
      return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) }), fc.integer({ min: 1, max: 5 }));
    }
    case 'array':
      return fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length) return fc.dictionary(fc.string({ maxLength: 5 }), realisticString, { maxKeys: 2 });
      return fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], depth + 1)])), { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) });
    }
    default: {
      const max = Math.min(s.maxLength ?? 40, 40);
      return fc.oneof(realisticString, fc.string({ minLength: Math.min(s.minLength ?? 0, max), maxLength: max }));
    }
  }
}

/** A schema-shaped value with some of its fields (at any depth) replaced by hostile ones, or added. */
function mutate(value: unknown, rnd: () => number, hostile: () => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (rnd() < 0.3 ? hostile() : mutate(v, rnd, hostile)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (rnd() > 0.1) out[k] = rnd() < 0.3 ? hostile() : mutate(v, rnd, hostile);
    if (rnd() < 0.2) Object.defineProperty(out, rnd() < 0.5 ? '__proto__' : 'unexpected', { value: hostile(), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

// ---------------------------------------------------------------- requests

interface Operation {
  method: string;
  url: string;
  access: AccessRule;
  path: string[];
  query?: JsonSchema;
  body?: JsonSchema;
  multipart: boolean;
}

/** Percent-encodes anything, lone surrogates included (as the invalid UTF-8 a raw client could send). */
const enc = (v: unknown) =>
  Array.from(String(v), (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');

const caseOf = (op: Operation) =>
  fc.record({
    shape: fc.constantFrom('valid', 'valid', 'mutated', 'mutated', 'mutated', 'hostile'),
    pathValues: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }).map(String), fc.constantFrom('32.02', '32.02.01.2002', 'ID', '2025', '1'), hostileString, fc.constantFrom(...HOSTILE_NUMBERS).map(String)), {
      minLength: op.path.length,
      maxLength: op.path.length,
    }),
    query: fromSchema(op.query ?? { type: 'object' }),
    body: fromSchema(op.body ?? { type: 'object' }),
    hostileQuery: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('region', 'nik', 'page', 'pageSize', 'id', 'code')), fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 })), { maxKeys: 4 }),
    hostileBody: hostileValue,
    rawBody: fc.constantFrom('{', '{"a":', 'null', '"\\u0000"', '{"a":"\\ud800"}', '[', '1e999999', '\u0000', '{"__proto__":{"x":1}}', `{"a":${'['.repeat(5000)}`),
    asRaw: fc.integer({ min: 0, max: 9 }),
    noise: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 32, maxLength: 32 }),
    hostilePool: fc.array(hostileValue, { minLength: 8, maxLength: 8 }),
  });

type Case = ReturnType<typeof caseOf> extends fc.Arbitrary<infer C> ? C : never;

function requestOf(op: Operation, c: Case): InjectOptions {
  let i = 0;
  const rnd = () => c.noise[i++ % c.noise.length]!;
  let h = 0;
  const hostile = () => c.hostilePool[h++ % c.hostilePool.length];
  let url = op.url;
  op.path.forEach((name, k) => (url = url.replace(`:${name}`, c.shape === 'valid' ? enc(c.pathValues[k]!.replace(/[^\w.-]/g, '') || '1') : enc(c.pathValues[k]))));
  const queryValue = c.shape === 'valid' ? c.query : c.shape === 'mutated' ? mutate(c.query, rnd, hostile) : c.hostileQuery;
  const params = Object.entries((queryValue && typeof queryValue === 'object' ? queryValue : {}) as Record<string, unknown>)
    .flatMap(([k, v]) => [v].flat().map((x) => `${enc(k)}=${enc(typeof x === 'object' && x !== null ? JSON.stringify(x) : x)}`))
    .join('&');
  if (params) url += `?${params}`;
  if (op.method === 'GET' || op.method === 'DELETE') return { method: op.method as 'GET', url };
  if (op.multipart && c.asRaw < 3) {
    return { method: op.method as 'POST', url, headers: { 'content-type': 'multipart/form-data; boundary=XYZ' }, payload: `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="${String(c.pathValues[0] ?? 'x')}.xlsx"\r\n\r\nPK\u0003\u0004garbage\r\n--XYZ--\r\n` };
  }
  if (c.asRaw === 0) return { method: op.method as 'POST', url, headers: { 'content-type': 'application/json' }, payload: c.rawBody };
  const body = c.shape === 'valid' ? c.body : c.shape === 'mutated' ? mutate(c.body, rnd, hostile) : c.hostileBody;
  return { method: op.method as 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body ?? null) };
}

// ---------------------------------------------------------------- the run

const STACK = /\n\s+at [^\n]+:\d+:\d+|node_modules\/|\/src\/[\w/-]+\.ts|\bTypeError\b|\bReferenceError\b|SQLSTATE|syntax error at or near/;

let operations: Operation[] = [];
const sessions = new Map<string, Session>();
let tables: string[] = [];

/**
 * Every row a statement inserts, updates or deletes in a watched table bumps one counter (per row: a
 * statement-level trigger fires even when no row matched), in the
 * same transaction: a write rolled back leaves it as it was, a write that stayed does not.
 */
async function installWriteCounter() {
  await sql`CREATE TABLE fuzz_write_counter (n bigint NOT NULL)`.execute(t.db);
  await sql`INSERT INTO fuzz_write_counter VALUES (0)`.execute(t.db);
  await sql`CREATE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_write_counter SET n = n + 1; RETURN NULL; END $$`.execute(t.db);
  for (const name of tables) await sql.raw(`CREATE TRIGGER fuzz_count_write AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_write()`).execute(t.db);
}
const snapshot = async () => String((await sql<{ n: string }>`SELECT n::text AS n FROM fuzz_write_counter`.execute(t.db)).rows[0]!.n);
/** What changed, when the counter says something did (slow, only on a failure). */
const counts = async () => (await sql<{ t: string; n: string }>`${sql.raw(tables.map((name) => `SELECT '${name}' AS t, count(*)::text AS n FROM "${name}"`).join(' UNION ALL '))}`.execute(t.db)).rows.map((r) => `${r.t}=${r.n}`).join(' ');

beforeAll(async () => {
  await t.app.ready();
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: JsonSchema; required?: boolean }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
  operations = t.app.routesWithAccess.map((r) => {
    const openApiPath = r.url.replace(/:(\w+)/g, '{$1}');
    const spec = doc.paths[openApiPath]?.[r.method.toLowerCase()];
    const queryParams = (spec?.parameters ?? []).filter((p) => p.in === 'query');
    const query: JsonSchema = { type: 'object', properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema ?? {}])), required: queryParams.filter((p) => p.required).map((p) => p.name) };
    return {
      method: r.method,
      url: r.url,
      access: r.access,
      path: [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      query,
      body: spec?.requestBody?.content?.['application/json']?.schema,
      multipart: /import|document|boundar/.test(r.url) && r.method === 'POST' && !spec?.requestBody?.content?.['application/json'],
    };
  });
  for (const a of ACTORS) sessions.set(a.username, await login(t.app, a.username));
  const rows = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('user_session', 'kysely_migration', 'kysely_migration_lock')`.execute(t.db);
  // the import jobs run in the background (src/jobs.ts) and write their own tables between requests
  tables = rows.rows.map((r) => r.name).filter((name) => !/import|staging|job/.test(name));
  await installWriteCounter();
  console.log(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} to reproduce), ${TOTAL_RUNS} cases over ${operations.length} routes, ${tables.length} tables watched`);
}, 600_000);

function callerOf(access: AccessRule): { session?: Session; bearer?: string; username: string } {
  if (access === 'public') return { username: 'anonymous' };
  if (access === 'signed-in') return { session: sessions.get('kab.sukabumi')!, username: 'kab.sukabumi' };
  if ('token' in access) return { bearer: 'not-a-real-token', username: 'token' };
  const actor = ACTORS.find((a) => can(a.role, access.permission));
  if (!actor) return { session: sessions.get('auditor')!, username: 'auditor' };
  return { session: sessions.get(actor.username)!, username: actor.username };
}

describe('fuzz: every route, schema-shaped and hostile input', () => {
  it('never answers 5xx, never shows a stack trace, never writes half of a refused request', async () => {
    expect(operations.length).toBeGreaterThan(50);
    // workbooks and PDFs take ~0.5 s each to build: a few cases there, the rest spread over the other routes
    const heavy = (op: Operation) => op.method === 'GET' && /\.xlsx|\.pdf/.test(op.url);
    const heavyRuns = 10;
    const perRoute = Math.max(10, Math.ceil((TOTAL_RUNS - heavyRuns * operations.filter(heavy).length) / operations.filter((op) => !heavy(op)).length));
    const failures: string[] = [];
    let cases = 0;
    let byStatus: Record<string, number> = {};
    const started = Date.now();
    const timeByRoute = new Map<string, number>();
    for (const [index, op] of operations.entries()) {
      const caller = callerOf(op.access);
      const result = await fc.check(
        fc.asyncProperty(caseOf(op), async (c) => {
          cases++;
          const req = requestOf(op, c);
          const write = op.method !== 'GET';
          if (caller.bearer) req.headers = { ...req.headers, authorization: `Bearer ${caller.bearer}` };
          let session = caller.session;
          if (session && op.url === '/api/auth/logout') session = await login(t.app, caller.username); // keep the shared session alive
          const before = await snapshot();
          const began = Date.now();
          const res = session ? await injectAs(t.app, session, req) : await t.app.inject(req);
          byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
          timeByRoute.set(`${op.method} ${op.url}`, (timeByRoute.get(`${op.method} ${op.url}`) ?? 0) + Date.now() - began);
          const where = `${req.method} ${req.url?.toString().slice(0, 300)} as ${caller.username} → ${res.statusCode}`;
          if (res.statusCode >= 500) throw new Error(`5xx: ${where}\n  body sent: ${String(req.payload ?? '').slice(0, 300)}\n  answer: ${res.body.slice(0, 300)}`);
          const text = res.headers['content-type']?.toString().match(/json|text|xml|html/) ? res.body : '';
          if (STACK.test(text)) throw new Error(`internals shown: ${where}\n  answer: ${text.slice(0, 400)}`);
          // a refused request writes nothing (reads may write their audit rows: exports, NIK searches)
          if (res.statusCode >= 400) {
            const after = await snapshot();
            if (after !== before) throw new Error(`refused ${write ? 'write' : 'read'} changed rows: ${where}\n  tables now ${await counts()}`);
          }
        }),
        { seed: SEED + index, numRuns: heavy(op) ? heavyRuns : perRoute, endOnFailure: true },
      );
      if (result.failed) failures.push(`${op.method} ${op.url} (seed ${SEED + index}, path "${result.counterexamplePath}"): ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance)}`);
    }
    console.log(`fuzz: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, statuses ${JSON.stringify(byStatus)}`);
    console.log(`fuzz: slowest routes (ms in total) ${JSON.stringify([...timeByRoute].sort((a, b) => b[1] - a[1]).slice(0, 8))}`);
    byStatus = {};
    expect(cases).toBeGreaterThanOrEqual(TOTAL_RUNS - failures.length * perRoute);
    expect(failures, `FUZZ_SEED=${SEED}\n${failures.join('\n\n')}`).toEqual([]);
  }, 900_000);
});
