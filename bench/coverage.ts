/**
 * Coverage rollups at national scale (issue 5): builds N enrolments (default 20,000,000) over all
 * 83,763 villages and 24 months on PostgreSQL, through the real enrolment triggers, then times
 * GET /api/coverage/{code} (the service behind it: region + children + breakdowns + parent + national)
 * per level, and the freshness lag of committed changes.
 *
 *   npm run bench:coverage -- [--enrolments 20000000] [--chunk 1000000] [--samples 200] [--fresh]
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL. The database `semesta_bench_coverage` is kept between runs
 * and reused when it already holds the requested number of enrolments (--fresh rebuilds it).
 * Bulk path (documented in docs/benchmarks.md): one person per village (coverage never reads
 * person), enrolments inserted with INSERT … SELECT FROM generate_series in chunks, each chunk one
 * statement through the statement triggers, villages in code order, one compaction at the end;
 * work_mem 256MB (512MB for the compaction).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connectPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { compact } from '../src/modules/coverage/queries.js';
import { coverageReport } from '../src/modules/coverage/service.js';

const { values: args } = parseArgs({
  options: {
    enrolments: { type: 'string', default: '20000000' },
    chunk: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '200' },
    fresh: { type: 'boolean', default: false },
    db: { type: 'string', default: 'semesta_bench_coverage' },
  },
});
const N = Number(args.enrolments);
const CHUNK = Number(args.chunk);
const SAMPLES = Number(args.samples);
const PERIOD = '2025-06';

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
const exists = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${args.db}`.execute(admin.db)).rows[0]!.n > 0;
if (exists && args.fresh) await admin.exec(`DROP DATABASE ${args.db} WITH (FORCE)`);
if (!exists || args.fresh) await admin.exec(`CREATE DATABASE ${args.db}`);
await admin.close();

const h = connectPostgres(dbUrl(args.db));
const db = h.db;
const t0 = performance.now();
await migrate(h);
await loadRegions(db);
const have = (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM enrolment`.execute(db)).rows[0]!.n;
const version = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db)).rows[0]!.v;
console.log(`PostgreSQL ${version}; database ${args.db}: ${have.toLocaleString('en')} enrolments present`);

if (have !== N) {
  if (have > 0) throw new Error(`database holds ${have} enrolments, not ${N}: run with --fresh`);
  await build();
}
await sql`ANALYZE`.execute(db);
const rollupRows = (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM coverage_rollup`.execute(db)).rows[0]!.n;
const size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('coverage_rollup')) AS s`.execute(db)).rows[0]!.s;
console.log(`coverage_rollup: ${rollupRows.toLocaleString('en')} rows, ${size}`);

await queries();
await freshness();
await h.close();
console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function build() {
  // One person per village: enrolment.person_id needs a person, and coverage never reads person.
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

async function queries() {
  const pick = async (level: string, n: number) =>
    (await sql<{ code: string }>`SELECT code FROM region WHERE level = ${level} ORDER BY md5(code) LIMIT ${n}`.execute(db)).rows.map((r) => r.code);
  const levels: [string, string[]][] = [
    ['country', ['ID']],
    ['province', await pick('province', 38)],
    ['regency', await pick('regency', 100)],
    ['district', await pick('district', 100)],
    ['village', await pick('village', 100)],
  ];
  console.log(`\nGET /api/coverage/{code}?period=${PERIOD} (service call: region + children + 3 breakdowns + parent + national), ${SAMPLES} per level`);
  console.log('level      p50 ms   p95 ms   max ms   children(avg)');
  for (const [level, codes] of levels) {
    await coverageReport(db, codes[0]!, PERIOD); // warm
    const times: number[] = [];
    let kids = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      const r = await coverageReport(db, codes[i % codes.length]!, PERIOD);
      times.push(performance.now() - t);
      kids += r.children.length;
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.floor((times.length - 1) * p)]!.toFixed(1).padStart(8);
    console.log(`${level.padEnd(9)} ${q(0.5)} ${q(0.95)} ${q(1)}   ${(kids / SAMPLES).toFixed(0)}`);
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
      if (now.activeParticipants === before.activeParticipants + 1) break;
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
    if (now.activeParticipants === before.activeParticipants - lapsedIds.length) break;
    if (performance.now() - t > 30_000) throw new Error('bulk change not visible after 30 s');
  }
  const bulkLag = performance.now() - t;
  lags.sort((a, b) => a - b);
  console.log(
    `\nfreshness (commit → visible in the regency's figures, reads include pending events): single insert p50 ${lags[Math.floor(lags.length / 2)]!.toFixed(0)} ms, ` +
      `max ${lags.at(-1)!.toFixed(0)} ms; 10,000-row lapse in one statement → national figure ${bulkLag.toFixed(0)} ms`,
  );
  const tc = performance.now();
  await compact(db);
  console.log(`compaction of those pending events: ${(performance.now() - tc).toFixed(0)} ms`);
  // undo, so the next run starts from the same data
  await sql`DELETE FROM enrolment WHERE id = ANY (${added}::bigint[])`.execute(db);
  await sql`UPDATE enrolment SET status = 'active', end_date = NULL WHERE id = ANY (${lapsedIds}::bigint[])`.execute(db);
  await compact(db);
}
