/**
 * Coverage at national scale (issues 5 and 11): builds N enrolments (default 20,000,000) over all
 * 83,763 villages and 24 months on PostgreSQL, through the real enrolment triggers, then times
 * GET /api/coverage/{code} (the service behind it: region + children + breakdowns + parent + national
 * + the official numerator) per level, in-process and over HTTP, and the freshness of committed changes.
 *
 *   npm run bench:coverage -- [--enrolments 20000000] [--chunk 1000000] [--samples 200] [--fresh]
 *                             [--official] [--smoke]
 *
 * --official: official participation data beside the registry — all 514 regencies × 36 months ×
 *   4 segments of current rows in participation_report (plus one superseded figure each for the last
 *   6 months, as corrections leave them), denominators and targets — and the time until a 10,000-row
 *   official push shows in the national figure.
 * --smoke: seconds, not minutes: 50,000 enrolments, 20 samples, its own database (…_smoke).
 * Prints one machine-readable line `RESULT {...}` at the end.
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL. The database `semesta_bench_coverage` is kept between runs
 * and reused when it already holds the requested number of enrolments (--fresh rebuilds it).
 * Bulk path (documented in docs/benchmarks.md): one person per village (coverage never reads
 * person) and, so that those people may hold many open enrolments, the registry's four
 * "one open enrolment per programme" unique indexes are dropped in the bench database only (coverage
 * never reads them); enrolments inserted with INSERT … SELECT FROM generate_series in chunks, each
 * chunk one statement through the statement triggers, villages in code order, one compaction at the
 * end; work_mem 256MB (512MB for the compaction).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connectPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { compact } from '../src/modules/coverage/queries.js';
import { coverageReport } from '../src/modules/coverage/service.js';
import { createToken } from '../src/modules/participation/service.js';
import { createUser } from '../src/modules/users/service.js';

const { values: args } = parseArgs({
  options: {
    enrolments: { type: 'string' },
    chunk: { type: 'string' },
    samples: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    official: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});
const N = Number(args.enrolments ?? (args.smoke ? 50_000 : 20_000_000));
const CHUNK = Number(args.chunk ?? (args.smoke ? 50_000 : 1_000_000));
const SAMPLES = Number(args.samples ?? (args.smoke ? 20 : 200));
const DB_NAME = args.db ?? (args.smoke ? 'semesta_bench_coverage_smoke' : 'semesta_bench_coverage');
const PERIOD = '2025-06';
/** the official data's first month: 36 months, 2023-07 … 2026-06, around PERIOD */
const OFFICIAL_FROM = '2023-07';
const SEGMENTS = ['PU', 'BPU', 'JAKON', 'PMI'];
const result: Record<string, unknown> = { bench: 'coverage', smoke: args.smoke, official: args.official, enrolments: N, samples: SAMPLES };

const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  console.error('Set DATABASE_URL or TEST_DATABASE_URL (PostgreSQL).');
  process.exit(1);
}
const dbUrl = (name: string) => {
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const admin = connectPostgres(pgUrl);
const exists = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${DB_NAME}`.execute(admin.db)).rows[0]!.n > 0;
if (exists && args.fresh) await admin.exec(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
if (!exists || args.fresh) await admin.exec(`CREATE DATABASE ${DB_NAME}`);
await admin.close();

const h = connectPostgres(dbUrl(DB_NAME));
const db = h.db;
const t0 = performance.now();
await migrate(h);
await loadRegions(db);
const have = (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM enrolment`.execute(db)).rows[0]!.n;
const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db)).rows[0]!.v;
console.log(`PostgreSQL ${version}; database ${DB_NAME}: ${have.toLocaleString('en')} enrolments present`);

if (have !== N) {
  if (have > 0) throw new Error(`database holds ${have} enrolments, not ${N}: run with --fresh`);
  await build();
}
if (args.official) await officialData();
await sql`ANALYZE`.execute(db);
const rollupRows = (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM coverage_rollup`.execute(db)).rows[0]!.n;
const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('coverage_rollup')) AS s`.execute(db)).rows[0]!.s;
console.log(`coverage_rollup: ${rollupRows.toLocaleString('en')} rows, ${size}`);
Object.assign(result, { postgres: version, rollupRows });

const levels = await sampleRegions();
result.inProcess = await inProcess(levels);
result.http = await overHttp(levels);
await freshness();
if (args.official) result.officialPushVisibleMs = await officialPush();
await h.close();
result.totalS = Math.round((performance.now() - t0) / 100) / 10;
console.log(`total ${result.totalS} s`);
console.log(`RESULT ${JSON.stringify(result)}`);

async function build() {
  // One person per village: enrolment.person_id needs a person, and coverage never reads person. Such
  // a person holds many open enrolments, which the registry's open-enrolment rule forbids: its unique
  // indexes go, in this database only.
  await sql`DROP INDEX IF EXISTS enrolment_open_jkk, enrolment_open_jkm, enrolment_open_jht, enrolment_open_jp`.execute(db);
  let t = performance.now();
  await sql`
    INSERT INTO person (nik, name, birth_date, sex, village_code)
    SELECT lpad(replace(code, '.', ''), 12, '0') || '0001', 'Peserta Bench', date '1990-01-01', 'L', code
    FROM region WHERE level = 'village' ON CONFLICT (nik) DO NOTHING`.execute(db);
  await sql`DROP TABLE IF EXISTS bench_village`.execute(db);
  await sql`CREATE TABLE bench_village AS
    SELECT (row_number() OVER (ORDER BY p.village_code) - 1)::int AS i, p.village_code, p.id AS person_id
    FROM person p`.execute(db);
  await sql`ALTER TABLE bench_village ADD PRIMARY KEY (i)`.execute(db);
  console.log(`people (one per village): ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const villages = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_village`.execute(db)).rows[0]!.n;

  const build0 = performance.now();
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    t = performance.now();
    // Pseudo-random but deterministic attributes from the row number g; segment shares follow
    // BPJS TK's April 2025 figures (PU 64 %, BPU 23 %, Jakon 12 %, PMI 1 %).
    await db.connection().execute(async (c) => {
      await sql`SET work_mem = '256MB'`.execute(c);
      await sql`
        INSERT INTO enrolment (person_id, segment, group_code, programs, funding_source, status, start_date, end_date, village_code)
        SELECT v.person_id, s.segment,
          CASE s.segment
            WHEN 'PU' THEN CASE WHEN x.r2 < 12 THEN 'NON_ASN' ELSE 'OTHER' END
            WHEN 'BPU' THEN (ARRAY['PEKERJA_RENTAN','PEKERJA_RENTAN','PEKERJA_RENTAN','PERANGKAT_DESA','RT_RW','BPD','PEKERJA_HARIAN_LEPAS','OTHER'])[1 + x.r2 % 8]
            WHEN 'JAKON' THEN CASE WHEN x.r2 < 30 THEN 'KONSTRUKSI_DESA' ELSE 'OTHER' END
            ELSE 'OTHER' END,
          '{JKK,JKM}',
          CASE s.segment
            WHEN 'PU' THEN CASE WHEN x.r2 < 12 THEN 'APBD Kabupaten' ELSE 'Pemberi kerja' END
            WHEN 'BPU' THEN (ARRAY['APBD Kabupaten','APBD Provinsi','Dana Desa','Mandiri','CSR'])[1 + x.r3 % 5]
            WHEN 'JAKON' THEN 'Pemberi kerja'
            ELSE 'Mandiri' END,
          CASE WHEN x.r4 < 80 THEN 'active' WHEN x.r4 < 95 THEN 'lapsed' WHEN x.r4 < 98 THEN 'ended' ELSE 'registered' END,
          date '2024-01-01' + x.day,
          CASE WHEN x.r4 >= 80 AND x.r4 < 98 THEN date '2024-01-01' + x.day + 60 + x.r3 * 3 END,
          v.village_code
        FROM generate_series(${from}::bigint, ${to}::bigint) AS g
        CROSS JOIN LATERAL (SELECT (g * 2654435761) % 1000003 AS h) AS hh
        CROSS JOIN LATERAL (SELECT (hh.h % 100)::int AS r1, ((hh.h / 100) % 100)::int AS r2, ((hh.h / 7) % 100)::int AS r3,
                                   ((hh.h / 13) % 100)::int AS r4, ((hh.h / 3) % 731)::int AS day) AS x
        CROSS JOIN LATERAL (SELECT CASE WHEN x.r1 < 64 THEN 'PU' WHEN x.r1 < 87 THEN 'BPU' WHEN x.r1 < 99 THEN 'JAKON' ELSE 'PMI' END AS segment) AS s
        JOIN bench_village v ON v.i = ((g - 1) * ${villages} / ${N})::int`.execute(c);
    });
    console.log(`enrolments ${from.toLocaleString('en')}–${to.toLocaleString('en')}: insert + statement trigger ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  // One compaction for the whole load (the server compacts every 5 s; here nobody reads meanwhile).
  t = performance.now();
  await db.connection().execute(async (c) => {
    await sql`SET work_mem = '512MB'`.execute(c);
    await compact(c);
  });
  console.log(`compaction of the whole load: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(`build: ${N.toLocaleString('en')} enrolments in ${((performance.now() - build0) / 1000).toFixed(0)} s`);
}

type Levels = [string, string[]][];

async function sampleRegions(): Promise<Levels> {
  const pick = async (level: string, n: number) =>
    (await sql<{ code: string }>`SELECT code FROM region WHERE level = ${level} ORDER BY md5(code) LIMIT ${n}`.execute(db)).rows.map((r) => r.code);
  return [
    ['country', ['ID']],
    ['province', await pick('province', 38)],
    ['regency', await pick('regency', 100)],
    ['district', await pick('district', 100)],
    ['village', await pick('village', 100)],
  ];
}

function quantile(sorted: number[], p: number) {
  return sorted[Math.floor((sorted.length - 1) * p)]!;
}
function ms(v: number) {
  return Math.round(v * 10) / 10;
}

/** SAMPLES timed calls per level over random regions (after one warm-up); p50/p95/max in ms. */
async function timed(title: string, levels: Levels, call: (code: string) => Promise<number>) {
  console.log(`\n${title}, ${SAMPLES} per level`);
  console.log('level      p50 ms   p95 ms   max ms   children(avg)');
  const out: Record<string, { p50: number; p95: number; max: number }> = {};
  for (const [level, codes] of levels) {
    await call(codes[0]!);
    const times: number[] = [];
    let kids = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      kids += await call(codes[i % codes.length]!);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out[level] = { p50: ms(quantile(times, 0.5)), p95: ms(quantile(times, 0.95)), max: ms(quantile(times, 1)) };
    const f = (v: number) => v.toFixed(1).padStart(8);
    console.log(`${level.padEnd(9)} ${f(out[level].p50)} ${f(out[level].p95)} ${f(out[level].max)}   ${(kids / SAMPLES).toFixed(0)}`);
  }
  return out;
}

function inProcess(levels: Levels) {
  return timed(`GET /api/coverage/{code}?period=${PERIOD} in-process (the service call)`, levels, async (code) => (await coverageReport(db, code, PERIOD)).children.length);
}

/** The same over HTTP: the whole app on a local port, a national monitor's session, keep-alive. */
async function overHttp(levels: Levels) {
  const app = await buildApp({ db, config: { ...loadConfig({}), demo: false, logLevel: 'silent' }, logger: false });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const username = 'bench.nasional';
  const password = 'bench-coverage-2025';
  if (!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())) {
    await createUser(db, { id: null, username: 'bench', role: 'system', regionCode: 'ID' }, { username, displayName: 'Bench', password, role: 'national_monitor', regionCode: 'ID' });
  }
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  try {
    return await timed(`GET /api/coverage/{code}?period=${PERIOD} over HTTP (local port, keep-alive)`, levels, async (code) => {
      const res = await fetch(`${base}/api/coverage/${code}?period=${PERIOD}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${code}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { children: unknown[] }).children.length;
    });
  } finally {
    await app.close();
  }
}

/**
 * Official data for every regency, month of OFFICIAL_FROM..OFFICIAL_TO and segment (deterministic
 * counts of national magnitude: ~45 million active in all), one earlier superseded figure per key for
 * the last 6 months, and denominators (~140 million employed) and targets at every level above the
 * district. Kept between runs.
 */
async function officialData() {
  const months = 36;
  const want = 514 * months * 4;
  const have = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM participation_report WHERE received_by = 'bench' AND superseded_at IS NULL`.execute(db)).rows[0]!.n;
  if (have === want) {
    console.log(`official data present: ${have.toLocaleString('en')} current rows`);
    return;
  }
  const t = performance.now();
  await db.transaction().execute(async (tx) => {
    await sql`DELETE FROM participation_report WHERE received_by IN ('bench', 'bench-push')`.execute(tx);
    await sql`
      INSERT INTO participation_report (region_code, month, segment, active, source, received_at, received_by, superseded_at)
      SELECT r.code, m.month, s.segment,
             (CASE s.segment WHEN 'PU' THEN 56000 WHEN 'BPU' THEN 20000 WHEN 'JAKON' THEN 10500 ELSE 900 END
               * (50 + abs(hashtext(r.code)) % 100) / 100 * (1000 + m.i * 4) / 1000 * (100 - v.corrected) / 100)::int,
             'BENCH SINTETIS, data per akhir bulan', m.month + interval '40 days' - v.corrected * interval '5 days', 'bench',
             CASE WHEN v.corrected = 1 THEN m.month + interval '40 days' END
      FROM region r
      CROSS JOIN generate_series(0, ${months - 1}) AS m0 (i)
      CROSS JOIN LATERAL (SELECT m0.i, (${`${OFFICIAL_FROM}-01`}::date + m0.i * interval '1 month')::date AS month) AS m
      CROSS JOIN unnest(${SEGMENTS}::text[]) AS s (segment)
      CROSS JOIN LATERAL (VALUES (0), (1)) AS v (corrected)
      WHERE r.level = 'regency' AND (v.corrected = 0 OR m.i >= ${months - 6})`.execute(tx);
    // denominators (≈ 270,000 employed per regency, formal 40 %) and targets, every level above the district
    await sql`DELETE FROM employed_population WHERE updated_by = 'bench'`.execute(tx);
    await sql`DELETE FROM coverage_target WHERE updated_by = 'bench'`.execute(tx);
    await sql`
      WITH reg AS (SELECT code, 180000 + abs(hashtext(code || 'e')) % 180000 AS total FROM region WHERE level = 'regency'),
      up AS (
        SELECT code, total FROM reg
        UNION ALL SELECT left(code, 2), sum(total) FROM reg GROUP BY 1
        UNION ALL SELECT 'ID', sum(total) FROM reg
      )
      INSERT INTO employed_population (region_code, year, total, formal, informal, source, updated_by)
      SELECT code, y, total, total * 4 / 10, total - total * 4 / 10, 'BENCH SINTETIS', 'bench' FROM up CROSS JOIN (VALUES (2024), (2025)) AS yy (y)`.execute(tx);
    await sql`
      INSERT INTO coverage_target (region_code, year, target_pct, source, updated_by)
      SELECT code, 2025, 30 + abs(hashtext(code)) % 20, 'BENCH SINTETIS', 'bench' FROM region WHERE level IN ('country', 'province', 'regency')`.execute(tx);
  });
  const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM participation_report`.execute(db)).rows[0]!.n;
  console.log(`official data: ${n.toLocaleString('en')} rows (${want.toLocaleString('en')} current) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * A 10,000-row official push — this month's figure of every regency and segment (2,056 rows) plus
 * earlier months, each figure one more than before — through the real machine API: PUT
 * /api/participation with an API token over HTTP (validation of every row, the set-based store, the
 * audit row), timed from sending the request until the national figure (the service call) shows it.
 */
async function officialPush(): Promise<number> {
  const { rows } = await sql<{ code: string; month: string; segment: string; active: number }>`
    SELECT region_code AS code, to_char(month, 'YYYY-MM') AS month, segment, active FROM participation_report
    WHERE received_by = 'bench' AND superseded_at IS NULL AND month <= ${`${PERIOD}-01`}::date
    ORDER BY month DESC, region_code, segment LIMIT 10000`.execute(db);
  const push = rows.map((r) => ({ regionCode: r.code, period: r.month, segment: r.segment, active: r.active + 1 }));
  const thisMonth = push.filter((r) => r.period === PERIOD).length;
  const app = await buildApp({ db, config: { ...loadConfig({}), demo: false, logLevel: 'silent' }, logger: false });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const monitor = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('username', '=', 'bench.nasional').executeTakeFirstOrThrow();
  const user = { id: monitor.id, username: monitor.username, displayName: monitor.display_name, role: 'national_monitor' as const, regionCode: 'ID', sessionId: 'bench', csrfToken: 'bench' };
  const { id: tokenId, token } = await createToken(db, user, { name: `bench push ${Date.now()}`, regionCode: 'ID', scopes: ['participation:write'] });
  const body = JSON.stringify({ source: 'BENCH push, data per akhir bulan', rows: push });
  const before = await coverageReport(db, 'ID', PERIOD);
  const since = (await sql<{ t: Date }>`SELECT clock_timestamp() AS t`.execute(db)).rows[0]!.t;
  try {
    const t = performance.now();
    const res = await fetch(`${base}/api/participation`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
    const answer = (await res.json()) as { accepted: number; replaced: number };
    const stored = performance.now() - t;
    for (;;) {
      const now = await coverageReport(db, 'ID', PERIOD);
      if (now.activeParticipants === before.activeParticipants + thisMonth) break;
      if (performance.now() - t > 30_000) throw new Error('official push not visible after 30 s');
    }
    const visible = performance.now() - t;
    console.log(
      `\nofficial push of ${push.length.toLocaleString('en')} rows (${thisMonth.toLocaleString('en')} of them this month) over HTTP with an API token: ` +
        `200 {accepted ${answer.accepted}, replaced ${answer.replaced}} in ${stored.toFixed(0)} ms, in the national figure ${visible.toFixed(0)} ms after sending ` +
        `(numerator ${before.numeratorSource} → +${thisMonth})`,
    );
    result.officialPushStoredMs = Math.round(stored);
    return Math.round(visible);
  } finally {
    await app.close();
    // undo, so the next run starts from the same data
    await db.transaction().execute(async (tx) => {
      await sql`DELETE FROM participation_report WHERE token_id = ${tokenId}`.execute(tx);
      await sql`UPDATE participation_report SET superseded_at = NULL WHERE received_by = 'bench' AND superseded_at >= ${since}`.execute(tx);
    });
  }
}

async function freshness() {
  const villages = (await sql<{ village_code: string; person_id: number }>`SELECT village_code, person_id FROM bench_village ORDER BY md5(village_code) LIMIT 10`.execute(db)).rows;
  const lags: number[] = [];
  const added: number[] = [];
  for (const v of villages) {
    const before = await coverageReport(db, v.village_code.slice(0, 5), PERIOD);
    const t = performance.now();
    await db
      .insertInto('enrolment')
      .values({ person_id: v.person_id, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'APBD Kabupaten', status: 'active', start_date: '2025-06-10', village_code: v.village_code })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => added.push(r.id));
    for (;;) {
      const now = await coverageReport(db, v.village_code.slice(0, 5), PERIOD);
      if (now.registryParticipants === before.registryParticipants + 1) break;
      if (performance.now() - t > 30_000) throw new Error('change not visible after 30 s');
    }
    lags.push(performance.now() - t);
  }
  // a bulk change: 10,000 enrolments lapse in one statement, seen nationally
  const before = await coverageReport(db, 'ID', PERIOD);
  const t = performance.now();
  const changed = await sql<{ id: number }>`
    UPDATE enrolment SET status = 'lapsed', end_date = date '2025-06-20'
    WHERE id IN (SELECT id FROM enrolment WHERE status = 'active' AND start_date < date '2025-06-01' AND end_date IS NULL LIMIT 10000)
    RETURNING id`.execute(db);
  const lapsedIds = changed.rows.map((r) => r.id);
  for (;;) {
    const now = await coverageReport(db, 'ID', PERIOD);
    if (now.registryParticipants === before.registryParticipants - lapsedIds.length) break;
    if (performance.now() - t > 30_000) throw new Error('bulk change not visible after 30 s');
  }
  const bulkLag = performance.now() - t;
  lags.sort((a, b) => a - b);
  console.log(
    `\nfreshness (commit → visible in the regency's figures, reads include pending events): single insert p50 ${lags[Math.floor(lags.length / 2)]!.toFixed(0)} ms, ` +
      `max ${lags.at(-1)!.toFixed(0)} ms; 10,000-row lapse in one statement → national figure ${bulkLag.toFixed(0)} ms`,
  );
  Object.assign(result, { freshnessSingleP50Ms: Math.round(lags[Math.floor(lags.length / 2)]!), freshnessBulkMs: Math.round(bulkLag) });
  const tc = performance.now();
  await compact(db);
  console.log(`compaction of those pending events: ${(performance.now() - tc).toFixed(0)} ms`);
  // undo, so the next run starts from the same data
  await sql`DELETE FROM enrolment WHERE id = ANY (${added}::bigint[])`.execute(db);
  await sql`UPDATE enrolment SET status = 'active', end_date = NULL WHERE id = ANY (${lapsedIds}::bigint[])`.execute(db);
  await compact(db);
}
