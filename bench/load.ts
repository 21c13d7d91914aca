/**
 * The HTTP server under load (issue 13 item 4): `npm run bench:load [-- --engine postgres|pglite] [--users 50]
 * [--seconds 60] [--smoke]`. Prepares a fresh database with the regency demo (accounts and workers), starts the
 * server in a child process (bench/load-server.ts: its own event loop, so autocannon's work here does not
 * delay its responses), logs in one session per simulated user and drives a realistic mix with
 * autocannon, one instance per route running at the same time (so each route has its own latency figures):
 * the coverage page, the worker list, a name search, a worker created, an import's status polled.
 * Prints requests/s, p50/p99 per route, errors, non-2xx and 5xx, and one `RESULT {...}` line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { parseArgs } from '../src/cli/open.js';
import { connectPostgres, type DbHandle, openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { DEFAULT_SEED, DEMO_PASSWORD } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { machineLine } from './scratch.js';

const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
const smoke = Boolean(flags.smoke);
const engine = String(flags.engine ?? 'postgres');
const users = Number(flags.users ?? (smoke ? 5 : engine === 'pglite' ? 10 : 50));
const seconds = Number(flags.seconds ?? (smoke ? 3 : 60));
const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = String(flags.db ?? 'bench_importspeed_load');

console.log(machineLine());
console.log(`engine ${engine}, ${users} concurrent users, ${seconds} s${smoke ? ' (smoke)' : ''}`);

let h: DbHandle;
let target: string;
let dropDb: () => Promise<void>;
if (engine === 'pglite') {
  // a data directory the child opens once the set-up here has closed it
  target = mkdtempSync(join(tmpdir(), 'bench-load-'));
  h = await openPglite(target);
  dropDb = async () => rmSync(target, { recursive: true, force: true });
} else {
  const admin = connectPostgres(pgUrl);
  await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${dbName}`);
  const u = new URL(pgUrl);
  u.pathname = `/${dbName}`;
  target = u.toString();
  h = connectPostgres(target);
  dropDb = async () => {
    await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.close();
  };
}
const tSetup = performance.now();
await migrate(h);
await loadRegions(h.db);
await loadDemo(h.db, 'regency', DEFAULT_SEED, { workers: true });
await h.exec('ANALYZE');
await h.close();

const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'load-server.ts'), target], { stdio: ['ignore', 'pipe', 'inherit'] });
process.on('exit', () => child.kill('SIGTERM')); // never leave the server behind, whatever failed here
let childRssMb = NaN;
const address = await new Promise<string>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('LISTENING ')) resolve(line.slice('LISTENING '.length));
    else if (line.startsWith('RSS ')) childRssMb = Number(line.slice(4));
  });
});
const stopServer = () =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
console.log(`set-up (migrations, regions, regency demo with workers) ${((performance.now() - tSetup) / 1000).toFixed(1)} s; server ${address} in child process ${child.pid}`);

interface Session {
  cookie: string;
  csrf: string;
}
async function login(username: string): Promise<Session> {
  const res = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('semesta_session=')) ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

// One import to poll: a small valid file uploaded by the regency operator.
const operator = await login('kab.sukabumi');
const csv = [
  'NIK;Nama;Tanggal Lahir;Jenis Kelamin (L/P);Kode Desa;Alamat;No HP;Pekerjaan;Segmen;Kelompok;Program;Penghasilan (Rp);Sumber Dana',
  ...Array.from({ length: 200 }, (_, i) => `320201010590${1000 + i};Beban Uji ${i};01/05/1990;L;32.02.01.2002;Kp. Uji;;Petani;BPU;Pekerja Rentan;JKK,JKM;1.000.000;`),
].join('\n');
const form = new FormData();
form.append('file', new Blob([csv], { type: 'text/csv' }), 'beban.csv');
const up = await fetch(`${address}/api/imports`, { method: 'POST', headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrf }, body: form });
if (up.status >= 300) throw new Error(`upload: ${up.status} ${await up.text()}`);
const importId = ((await up.json()) as { id: number }).id;

// The mix, as shares of the users: who reads what. Writes are the regency operator's (their region).
type Route = { name: string; share: number; user: string; path: string; method?: 'GET' | 'POST'; body?: () => string };
let nikSerial = 0;
/** A NIK no demo worker has: district 32.02.01, born dd/05/yy (men), serial 9xxx; the body of a new worker. */
const newWorker = () => {
  const n = nikSerial++;
  const day = (n % 28) + 1;
  const year = 1960 + (Math.floor(n / 28) % 40);
  const serial = 9000 + (Math.floor(n / (28 * 40)) % 1000);
  const dd = String(day).padStart(2, '0');
  return JSON.stringify({
    nik: `320201${dd}05${String(year % 100).padStart(2, '0')}${serial}`,
    name: `Pekerja Beban ${n}`,
    birthDate: `${year}-05-${dd}`,
    sex: 'L',
    villageCode: '32.02.01.2002',
    address: 'Kp. Beban',
  });
};
const routes: Route[] = [
  { name: 'coverage page', share: 0.25, user: 'nasional', path: '/api/coverage/32.02' },
  { name: 'worker list', share: 0.25, user: 'kab.sukabumi', path: '/api/workers?region=32.02&page=1&pageSize=25' },
  { name: 'name search', share: 0.2, user: 'kab.sukabumi', path: '/api/workers?region=32.02&q=siti&page=1&pageSize=25' },
  { name: 'worker created', share: 0.1, user: 'kab.sukabumi', path: '/api/workers', method: 'POST', body: newWorker },
  { name: 'import status', share: 0.2, user: 'kab.sukabumi', path: `/api/imports/${importId}` },
];
// Every user has a route and a session of their own; each route gets at least one.
const counts = routes.map((r) => Math.max(1, Math.round(r.share * users)));
while (counts.reduce((a, b) => a + b, 0) > users && Math.max(...counts) > 1) counts[counts.indexOf(Math.max(...counts))]! -= 1;

interface RouteResult {
  route: string;
  users: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
}

async function drive(route: Route, n: number): Promise<RouteResult> {
  const sessions = await Promise.all(Array.from({ length: n }, () => login(route.user)));
  // autocannon keeps one connection per user; each connection carries its user's cookie.
  let next = 0;
  const result = await autocannon({
    url: address,
    connections: n,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: route.method ?? 'GET',
        path: route.path,
        setupRequest: (req) => {
          const s = sessions[next++ % n]!;
          const headers: Record<string, string> = { cookie: s.cookie };
          if (route.method === 'POST') {
            headers['content-type'] = 'application/json';
            headers['x-csrf-token'] = s.csrf;
          }
          return { ...req, headers, ...(route.body ? { body: route.body() } : {}) } as typeof req;
        },
      },
    ],
  });
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const status5xx = Object.entries(stats)
    .filter(([code]) => code.startsWith('5'))
    .reduce((a, [, v]) => a + v.count, 0);
  return {
    route: route.name,
    users: n,
    requests: result.requests.total,
    rps: Math.round((result.requests.total / seconds) * 10) / 10,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx,
  };
}

const results = await Promise.all(routes.map((r, i) => drive(r, counts[i]!)));
const total = results.reduce((a, r) => a + r.requests, 0);
console.log('');
console.log('| route | users | requests | req/s | p50 | p99 | max | errors | non-2xx | 5xx |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.route} | ${r.users} | ${r.requests.toLocaleString('en')} | ${r.rps} | ${r.p50_ms} ms | ${r.p99_ms} ms | ${r.max_ms} ms | ${r.errors + r.timeouts} | ${r.non2xx} | ${r.status5xx} |`);
}
const worstP99 = Math.max(...results.map((r) => r.p99_ms));
const errors = results.reduce((a, r) => a + r.errors + r.timeouts, 0);
const non2xx = results.reduce((a, r) => a + r.non2xx, 0);
const status5xx = results.reduce((a, r) => a + r.status5xx, 0);
console.log(`total ${total.toLocaleString('en')} requests, ${(total / seconds).toFixed(1)} req/s; worst p99 ${worstP99} ms; errors ${errors}, non-2xx ${non2xx}, 5xx ${status5xx}`);
await stopServer();
console.log(`peak RSS: server ${childRssMb} MB, load generator ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`RESULT ${JSON.stringify({ bench: 'load', engine, users, seconds, smoke, server_process: 'child', rps: Math.round((total / seconds) * 10) / 10, worst_p99_ms: worstP99, errors, non2xx, status5xx, server_rss_mb: childRssMb, routes: results })}`);

await dropDb();
if (errors > 0 || non2xx > 0) process.exitCode = 1;
