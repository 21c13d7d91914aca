/**
 * The worker registry's reads at national scale (issue #13 item 1):
 *
 *   npm run bench:registry -- [--people 10000000] [--enrolments 12000000] [--samples 100] [--fresh] [--smoke] [--pglite]
 *
 * PostgreSQL (DATABASE_URL or TEST_DATABASE_URL): builds N people and M enrolments over all 83,763 villages
 * in the database `bench_registry` (kept and reused while it holds N people; --fresh rebuilds), then times
 * the service behind GET /api/workers (listWorkers: the page and its total, in-process) per region level,
 * later pages by cursor (page 2..10 walked, and a page after a random point deep inside the region), exact
 * NIK lookup, typo-tolerant name search within a province and each filter on a province.
 * --pglite: also the same list on PGlite (in memory) with the demo data, for every demo user's region;
 * --pglite-demo: only that, on a PGlite data directory kept between runs.
 * --only first,pages,nik,name,filters: only those sections of the PostgreSQL figures.
 * --smoke: seconds: 30,000 people, 5 samples, its own database `bench_registry_smoke`, dropped afterwards.
 * Prints one machine-readable line `RESULT {...}` at the end.
 *
 * Bulk path (stated in docs/benchmarks.md): people and enrolments are inserted by INSERT … SELECT FROM
 * generate_series with triggers off (session_replication_role = replica) and the secondary indexes built
 * afterwards; person.cur_* are written from the same expressions as the latest enrolment, and person_count
 * is rebuilt once with person_count_rebuild(). The bench then checks a sample of people against their
 * latest enrolment and the counts against count(*) of one province, so the shortcut is verified.
 */
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import { parseArgs } from '../src/cli/open.js';
import { connectPostgres, openPglite, type Db, type DbHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadRegions, regionsLoaded } from '../src/modules/regions/load.js';
import { listWorkers, type ListKey, type RegionFilter } from '../src/modules/workers/queries.js';
import { DEFAULT_SEED, DEMO_ACCOUNTS } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';

const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
const smoke = flags.smoke === true;
const PEOPLE = Number(flags.people ?? (smoke ? 30_000 : 10_000_000));
const ENROLMENTS = Number(flags.enrolments ?? Math.round(PEOPLE * 1.2));
const SAMPLES = Number(flags.samples ?? (smoke ? 5 : 100));
const CHUNK = 1_000_000;
const DB_NAME = smoke ? 'bench_registry_smoke' : 'bench_registry';
const PAGE = 25;
/** --only first,pages,nik,name,filters: the sections to time (all by default). */
const ONLY = typeof flags.only === 'string' ? new Set(flags.only.split(',')) : undefined;
const want = (section: string) => !ONLY || ONLY.has(section);
const result: Record<string, unknown> = { bench: 'registry', smoke, people: PEOPLE, enrolments: ENROLMENTS, samples: SAMPLES };
const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbUrl = (name: string) => {
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
const r1 = (x: number) => Math.round(x * 10) / 10;
function summary(label: string, xs: number[], extra = '') {
  const s = { p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), max: r1(Math.max(...xs)) };
  console.log(`${label.padEnd(44)} p50 ${String(s.p50).padStart(7)} ms   p95 ${String(s.p95).padStart(7)} ms   max ${String(s.max).padStart(7)} ms ${extra}`);
  return s;
}
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

// Synthetic names: a given name, for half the people a middle name, and a family name, each drawn
// independently from 80 (6,400 two-part + 512,000 three-part combinations; ~520,000 distinct names at
// 10 million people, ~19 people a name).
const GIVEN = ['Asep', 'Dedi', 'Euis', 'Siti', 'Rina', 'Ujang', 'Yani', 'Agus', 'Nining', 'Iwan', 'Lilis', 'Dadang', 'Wawan', 'Tuti', 'Cecep', 'Neng', 'Budi', 'Sri', 'Wahyu', 'Dewi', 'Eko', 'Nur', 'Ahmad', 'Muhammad', 'Putri', 'Ayu', 'Bambang', 'Rudi', 'Hendra', 'Yusuf', 'Fitri', 'Indah', 'Made', 'Ketut', 'Wayan', 'Nyoman', 'Putu', 'Komang', 'Joko', 'Slamet', 'Suparman', 'Sutrisno', 'Ratna', 'Wulan', 'Rahmat', 'Hasan', 'Husein', 'Andi', 'Daeng', 'Ucok', 'Butet', 'Maria', 'Yohanes', 'Petrus', 'Fransiska', 'Agnes', 'Teuku', 'Cut', 'Teungku', 'Ismail', 'Zainal', 'Abdul', 'Umar', 'Fatimah', 'Aisyah', 'Khadijah', 'Rizky', 'Dimas', 'Bayu', 'Gilang', 'Anisa', 'Nanda', 'Lukman', 'Hakim', 'Taufik', 'Hidayah', 'Imam', 'Yanti', 'Susi', 'Tono'];
const FAMILY = ['Supriatna', 'Hidayat', 'Rahmawati', 'Kurniawan', 'Nurhayati', 'Saputra', 'Permana', 'Lestari', 'Gunawan', 'Maryani', 'Santoso', 'Wijaya', 'Setiawan', 'Pratama', 'Susanto', 'Hartono', 'Siregar', 'Nasution', 'Harahap', 'Lubis', 'Simanjuntak', 'Sitompul', 'Pangaribuan', 'Manurung', 'Tambunan', 'Sinaga', 'Purba', 'Ginting', 'Tarigan', 'Sembiring', 'Wibowo', 'Prasetyo', 'Nugroho', 'Utomo', 'Handoko', 'Sulistyo', 'Suryadi', 'Firmansyah', 'Ramadhan', 'Maulana', 'Hakim', 'Syahputra', 'Lumbantobing', 'Pardede', 'Sihombing', 'Matondang', 'Rangkuti', 'Daulay', 'Batubara', 'Pohan', 'Mahendra', 'Kusuma', 'Anggraini', 'Puspitasari', 'Handayani', 'Safitri', 'Wulandari', 'Kartika', 'Novitasari', 'Fauzi', 'Iskandar', 'Rusdi', 'Sudirman', 'Tanjung', 'Panjaitan', 'Hutapea', 'Silalahi', 'Situmorang', 'Damanik', 'Saragih', 'Rumapea', 'Latuconsina', 'Pattimura', 'Wattimena', 'Tuhumury', 'Mandagi', 'Lumowa', 'Rondonuwu', 'Sumampouw', 'Pangemanan'];
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
/** An independent draw in [0, n) for person `g` and attribute `salt` (hashint8, unlike H's salts, is uncorrelated). */
const draw = (g: string, salt: number, n: number) => `((hashint8(${g} * 8 + ${salt})::bigint + 2147483648) % ${n})`;
const nameOf = (g: string) =>
  `(${arr(GIVEN)})[1 + ${draw(g, 1, GIVEN.length)}] || ' ' || CASE WHEN ${draw(g, 2, 2)} = 0 THEN (${arr(FAMILY)})[1 + ${draw(g, 3, FAMILY.length)}] || ' ' ELSE '' END || (${arr(FAMILY)})[1 + ${draw(g, 4, FAMILY.length)}]`;

// Per-person pseudo-random draws from g (Knuth multiplicative hash), one per attribute.
const H = (salt: number) => `((g::bigint * 2654435761 + ${salt}) % 4294967296)`;
const CUR = {
  status: `(CASE WHEN ${H(1)} % 100 < 80 THEN 'active' WHEN ${H(1)} % 100 < 90 THEN 'lapsed' WHEN ${H(1)} % 100 < 95 THEN 'ended' WHEN ${H(1)} % 100 < 98 THEN 'registered' ELSE 'submitted' END)`,
  segment: `(CASE WHEN ${H(2)} % 100 < 64 THEN 'PU' WHEN ${H(2)} % 100 < 87 THEN 'BPU' WHEN ${H(2)} % 100 < 99 THEN 'JAKON' ELSE 'PMI' END)`,
  group: `((ARRAY['NON_ASN','PERANGKAT_DESA','BPD','RT_RW','PEKERJA_RENTAN','PEKERJA_HARIAN_LEPAS','KONSTRUKSI_DESA','BADAN_ADHOC_PEMILU','OTHER'])[1 + ${H(3)} % 9])`,
  programs: `(CASE WHEN ${H(4)} % 10 < 6 THEN ARRAY['JKK','JKM'] WHEN ${H(4)} % 10 < 9 THEN ARRAY['JKK','JKM','JHT'] ELSE ARRAY['JKK','JKM','JHT','JP'] END)`,
  payer: `((ARRAY['APBD Kab.','Dana Desa','CSR PT Sejahtera','Mandiri','Pemberi kerja'])[1 + ${H(5)} % 5])`,
};

async function build(h: DbHandle) {
  const db = h.db;
  let t = performance.now();
  await migrate(h);
  await loadRegions(db);
  console.log(`migrated, regions loaded (${secs(t)} s)`);
  await h.exec(`
    DROP INDEX person_lname_idx; DROP INDEX person_list_idx; ALTER TABLE person DROP CONSTRAINT person_nik_key;
    DROP INDEX enrolment_person_id_idx; DROP INDEX enrolment_village_idx;
    DROP INDEX enrolment_open_jkk; DROP INDEX enrolment_open_jkm; DROP INDEX enrolment_open_jht; DROP INDEX enrolment_open_jp;
  `);
  await h.exec(`CREATE TABLE bench_village AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code FROM region WHERE level = 'village'; ALTER TABLE bench_village ADD PRIMARY KEY (i); ANALYZE bench_village;`);
  const nv = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_village`.execute(db)).rows[0]!.n;
  const old = Math.max(0, ENROLMENTS - PEOPLE);
  t = performance.now();
  for (let from = 1; from <= PEOPLE; from += CHUNK) {
    const to = Math.min(PEOPLE, from + CHUNK - 1);
    await h.exec(`
      SET session_replication_role = replica; SET work_mem = '256MB';
      INSERT INTO person (id, nik, name, birth_date, sex, village_code, address, cur_status, cur_segment, cur_group, cur_programs, cur_payer)
      SELECT g, '3' || lpad(g::text, 15, '0'), ${nameOf('g::bigint')},
             date '1960-01-01' + (${H(9)} % 15000)::int, CASE WHEN g % 2 = 0 THEN 'L' ELSE 'P' END,
             v.code, 'Jl. Bench No. ' || (g % 200),
             ${CUR.status}, ${CUR.segment}, ${CUR.group}, ${CUR.programs}, ${CUR.payer}
      FROM generate_series(${from}, ${to}) g JOIN bench_village v ON v.i = ${H(6)} % ${nv};
    `);
    console.log(`  people ${to.toLocaleString('en')} (${secs(t)} s)`);
  }
  // Older, ended enrolments first (lower ids), for every ${Math.round(PEOPLE / Math.max(1, old))}th person; then each person's latest.
  const every = old > 0 ? Math.max(1, Math.floor(PEOPLE / old)) : 0;
  if (old > 0) {
    await h.exec(`
      SET session_replication_role = replica;
      INSERT INTO enrolment (person_id, segment, group_code, programs, funding_source, status, start_date, end_date, village_code)
      SELECT id, 'BPU', 'PEKERJA_RENTAN', ARRAY['JKK','JKM'], 'Mandiri', 'ended', date '2022-01-01', date '2023-06-30', village_code
      FROM person WHERE id % ${every} = 0 LIMIT ${old};
    `);
    console.log(`  older enrolments ${old.toLocaleString('en')} (${secs(t)} s)`);
  }
  for (let from = 1; from <= PEOPLE; from += CHUNK) {
    const to = Math.min(PEOPLE, from + CHUNK - 1);
    await h.exec(`
      SET session_replication_role = replica;
      INSERT INTO enrolment (person_id, segment, group_code, programs, funding_source, status, start_date, kpj, village_code)
      SELECT g, ${CUR.segment}, ${CUR.group}, ${CUR.programs}, ${CUR.payer}, ${CUR.status}, date '2024-01-01' + (${H(10)} % 700)::int,
             CASE WHEN ${CUR.status} <> 'submitted' THEN lpad(g::text, 11, '0') END, p.village_code
      FROM generate_series(${from}, ${to}) g JOIN person p ON p.id = g;
    `);
    console.log(`  latest enrolments ${to.toLocaleString('en')} (${secs(t)} s)`);
  }
  for (const ddl of [
    'ALTER TABLE person ADD CONSTRAINT person_nik_key UNIQUE (nik)',
    'CREATE INDEX person_list_idx ON person (village_code, name, id) INCLUDE (cur_status, cur_segment, cur_group, cur_payer, cur_programs)',
    'INSERT INTO person_name (lname) SELECT DISTINCT lower(name) FROM person ON CONFLICT DO NOTHING',
    'CREATE INDEX person_lname_idx ON person (lower(name), village_code, id)',
    'CREATE INDEX enrolment_person_id_idx ON enrolment (person_id, id)',
    'CREATE INDEX enrolment_village_idx ON enrolment (village_code, status)',
    ...['JKK', 'JKM', 'JHT', 'JP'].map(
      (p) => `CREATE UNIQUE INDEX enrolment_open_${p.toLowerCase()} ON enrolment (person_id) WHERE status IN ('submitted', 'registered', 'active') AND programs @> ARRAY['${p}']`,
    ),
  ]) {
    const ti = performance.now();
    await h.exec(`SET maintenance_work_mem = '1GB'; ${ddl}`);
    console.log(`  ${ddl.slice(0, 70)} (${secs(ti)} s)`);
  }
  t = performance.now();
  await h.exec(`SELECT setval('person_id_seq', ${PEOPLE}); SET work_mem = '512MB'; SELECT person_count_rebuild();`);
  for (const t of ['person', 'enrolment', 'person_count', 'person_name']) await h.exec(`VACUUM ANALYZE ${t}`);
  console.log(`  counts rebuilt, vacuumed (${secs(t)} s)`);
}

/**
 * A database built before the names were drawn independently holds 80 distinct names (the old draws were
 * correlated): rewrite every name with the current generator, then the indexes on names and the dictionary.
 */
async function renamePeople(h: DbHandle) {
  const t = performance.now();
  await h.exec(`SET session_replication_role = replica; DROP INDEX person_lname_idx; DROP INDEX person_list_idx;
    UPDATE person SET name = ${nameOf('id')};`);
  console.log(`  names rewritten (${secs(t)} s)`);
  await h.exec(`VACUUM FULL person`);
  for (const ddl of ['CREATE INDEX person_list_idx ON person (village_code, name, id) INCLUDE (cur_status, cur_segment, cur_group, cur_payer, cur_programs)', 'CREATE INDEX person_lname_idx ON person (lower(name), village_code, id) INCLUDE (name)']) {
    await h.exec(`SET maintenance_work_mem = '1GB'; ${ddl}`);
  }
  await h.exec(`TRUNCATE person_name; INSERT INTO person_name (lname) SELECT DISTINCT lower(name) FROM person;`);
  for (const t of ['person', 'person_name']) await h.exec(`VACUUM ANALYZE ${t}`);
  console.log(`  person rewritten, indexes and dictionary rebuilt (${secs(t)} s)`);
}

/** The bulk shortcut must agree with what the triggers would keep. */
async function verify(db: Db, province: string) {
  const bad = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT * FROM person WHERE id % ${Math.max(1, Math.floor(PEOPLE / 2000))} = 0) p
    CROSS JOIN LATERAL (SELECT * FROM enrolment e WHERE e.person_id = p.id ORDER BY e.id DESC LIMIT 1) e
    WHERE (p.cur_status, p.cur_segment, p.cur_group, p.cur_programs, p.cur_payer) IS DISTINCT FROM (e.status, e.segment, e.group_code, e.programs, e.funding_source)
       OR NOT EXISTS (SELECT 1 FROM person_name n WHERE n.lname = lower(p.name))`.execute(db);
  const counted = await sql<{ a: string; b: string }>`
    SELECT (SELECT count(*) FROM person WHERE village_code >= ${province + '.'} AND village_code < ${province + '/'}) AS a,
           (SELECT sum(n) FROM person_count WHERE region_code = ${province}) AS b`.execute(db);
  const { a, b } = counted.rows[0]!;
  if (bad.rows[0]!.n !== 0 || Number(a) !== Number(b)) throw new Error(`bulk data inconsistent: ${bad.rows[0]!.n} people differ from their latest enrolment or miss their name in person_name; province ${province}: ${a} people, counts say ${b}`);
  console.log(`verified: sampled people equal their latest enrolment; province ${province}: ${Number(a).toLocaleString('en')} people = person_count`);
}

/** A random person's list key inside `region`: a cursor deep inside the list. */
async function randomKey(db: Db, region: string): Promise<ListKey | undefined> {
  const r = await sql<{ village_code: string; name: string; id: string }>`
    SELECT village_code, name, id FROM person
    WHERE ${region === 'ID' ? sql`true` : sql`village_code >= ${region + '.'} AND village_code < ${region + '/'}`}
      AND id >= ${1 + Math.floor(Math.random() * PEOPLE)} ORDER BY id LIMIT 1`.execute(db);
  const row = r.rows[0];
  return row ? { villageCode: row.village_code, name: row.name, id: Number(row.id) } : undefined;
}

async function measurePostgres() {
  const admin = connectPostgres(pgUrl);
  const exists = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${DB_NAME}`.execute(admin.db)).rows[0]!.n > 0;
  let reuse = false;
  if (exists && !flags.fresh && !smoke) {
    const probe = connectPostgres(dbUrl(DB_NAME));
    try {
      const n = await sql<{ n: string }>`SELECT sum(n) AS n FROM person_count WHERE region_code = 'ID'`.execute(probe.db);
      reuse = Number(n.rows[0]?.n) === PEOPLE;
    } catch {
      reuse = false;
    }
    await probe.close();
  }
  if (exists && !reuse) await admin.exec(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
  if (!reuse) await admin.exec(`CREATE DATABASE ${DB_NAME}`);
  const h = connectPostgres(dbUrl(DB_NAME));
  const db = h.db;
  try {
    const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(db)).rows[0]!.server_version;
    console.log(`PostgreSQL ${version}; ${PEOPLE.toLocaleString('en')} people, ${ENROLMENTS.toLocaleString('en')} enrolments (${reuse ? 'reused' : 'building'})`);
    if (!reuse) {
      const t = performance.now();
      await build(h);
      result.build_s = Number(secs(t));
    } else {
      // a kept database gets the migrations added since it was built (each applied once, at full scale)
      const t = performance.now();
      const applied = await migrate(h);
      if (applied.length) {
        for (const t of ['person', 'person_name']) await h.exec(`VACUUM ANALYZE ${t}`);
        console.log(`  migrations applied to the kept database: ${applied.join(', ')} (${secs(t)} s)`);
      }
      const names = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person_name`.execute(db);
      if (PEOPLE >= 100_000 && names.rows[0]!.n < 1000) await renamePeople(h);
    }
    result.postgres = await measure(h);
  } finally {
    await h.close();
    if (smoke) await admin.exec(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.close();
  }
}

async function measure(h: DbHandle) {
  const db = h.db;
  const sizes = await sql<{ person: string; enrolment: string }>`SELECT pg_size_pretty(pg_total_relation_size('person')) AS person, pg_size_pretty(pg_total_relation_size('enrolment')) AS enrolment`.execute(db);
  console.log(`sizes with indexes: person ${sizes.rows[0]!.person}, enrolment ${sizes.rows[0]!.enrolment}`);

  const codes = async (level: string) => (await sql<{ code: string }>`SELECT code FROM region WHERE level = ${level} ORDER BY random() LIMIT ${SAMPLES}`.execute(db)).rows.map((r) => r.code);
  const levels: Record<string, string[]> = { country: ['ID'], province: await codes('province'), regency: await codes('regency'), district: await codes('district'), village: await codes('village') };
  const provinces = levels.province!;
  await verify(db, provinces[0]!);
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  const list = (f: RegionFilter, at: { after?: ListKey; offset?: number } = {}) => listWorkers(db, f, PAGE, at);
  // warm the caches once per level (the figures are for a running server, not a cold start)
  for (const l of Object.values(levels)) await list({ region: l[0]! });

  const out: Record<string, unknown> = {};
  if (want('first')) console.log('\nfirst page (25 rows) with its total, per level:');
  for (const [level, regions] of want('first') ? Object.entries(levels) : []) {
    const xs: number[] = [];
    let totals = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const [ms, r] = await timed(() => list({ region: pick(regions, i) }));
      xs.push(ms);
      totals += r.total;
      if (r.totalEstimated) throw new Error('an unfiltered total must be exact');
    }
    out[`first_${level}`] = summary(`  ${level}`, xs, `(mean total ${Math.round(totals / SAMPLES).toLocaleString('en')}, exact)`);
  }

  if (want('pages')) console.log('\nlater pages by cursor:');
  for (const level of want('pages') ? (['country', 'province', 'regency'] as const) : []) {
    const walk: number[] = [];
    const deep: number[] = [];
    for (let i = 0; i < Math.max(3, Math.round(SAMPLES / 10)); i++) {
      const region = pick(levels[level]!, i);
      let r = await list({ region });
      for (let p = 2; p <= 10 && r.nextCursor; p++) {
        const after = JSON.parse(Buffer.from(r.nextCursor, 'base64url').toString()) as [string, string, number];
        const [ms, next] = await timed(() => list({ region }, { after: { villageCode: after[0], name: after[1], id: after[2] } }));
        walk.push(ms);
        r = next;
      }
    }
    for (let i = 0; i < SAMPLES; i++) {
      const region = pick(levels[level]!, i);
      const key = await randomKey(db, region);
      if (!key) continue;
      const [ms] = await timed(() => list({ region }, { after: key }));
      deep.push(ms);
    }
    out[`pages_${level}`] = summary(`  ${level}: pages 2-10 walked`, walk);
    out[`deep_${level}`] = summary(`  ${level}: page after a random point`, deep);
  }
  if (want('pages')) {
    const xs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [ms] = await timed(() => list({ region: pick(provinces, i) }, { offset: 2000 * PAGE }));
      xs.push(ms);
    }
    out.offset_page_2001_province = summary('  province: page 2,001 by offset (old clients)', xs);
  }

  console.log('\nsearch and filters:');
  const nikOf = async () => (await sql<{ nik: string }>`SELECT nik FROM person WHERE id = ${1 + Math.floor(Math.random() * PEOPLE)}`.execute(db)).rows[0]!.nik;
  if (want('nik')) {
    const xs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const nik = await nikOf();
      const [ms, r] = await timed(() => list({ region: 'ID', nik }));
      if (r.items.length !== 1) throw new Error(`NIK ${nik.slice(0, 4)}… not found`);
      xs.push(ms);
    }
    out.nik_country = summary('  exact NIK, national', xs);
  }
  if (want('name')) {
    const xs: number[] = [];
    let est = 0;
    let top = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const province = pick(provinces, i);
      const key = await randomKey(db, province);
      const full = (key?.name ?? `${pick(GIVEN, i * 7)} ${pick(FAMILY, i * 13)}`).toLowerCase();
      const k = 1 + (i % (full.length - 2));
      const typo = full.slice(0, k) + full.slice(k + 1); // one letter dropped
      const [ms, r] = await timed(() => list({ region: province, q: typo }));
      xs.push(ms);
      if (r.totalEstimated) est++;
      if (r.items[0]?.name.toLowerCase() === full) top++;
    }
    out.name_typo_province = { ...summary('  name with a typo, in a province', xs, `(${est}/${SAMPLES} totals estimated; the misspelt name ranked first in ${top}/${SAMPLES})`), ranked_first: top };
  }
  const filters: [string, Partial<RegionFilter>][] = [
    ['status=lapsed', { status: 'lapsed' }],
    ['status=submitted (2 %)', { status: 'submitted' }],
    ['segment=PMI (1 %)', { segment: 'PMI' }],
    ['group=BPD', { group: 'BPD' }],
    ['payer=CSR', { payer: 'CSR' }],
    ['programme=JP (10 %)', { program: 'JP' }],
    ['segment=PMI + status=registered', { segment: 'PMI', status: 'registered' }],
  ];
  for (const [label, f] of want('filters') ? filters : []) {
    const xs: number[] = [];
    let est = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const [ms, r] = await timed(() => list({ region: pick(provinces, i), ...f }));
      xs.push(ms);
      if (r.totalEstimated) est++;
    }
    out[`filter_${label.replace(/ \(.*\)/, '').replace(/[^A-Za-z]+/g, '_')}`] = summary(`  province, ${label}`, xs, est ? `(${est}/${SAMPLES} totals estimated)` : '(total exact)');
  }
  return out;
}

/**
 * The same list on PGlite with the demo data the server generates (province scale), for every demo user's
 * own region, the statistics refreshed as the server does at start. --pglite-demo: only this, on a data
 * directory kept between runs (/tmp/bench_registry_pglite_demo; --fresh rebuilds); --pglite: in memory.
 */
async function measurePglite(dir?: string) {
  if (dir && flags.fresh) rmSync(dir, { recursive: true, force: true });
  const h = await openPglite(dir);
  try {
    const t = performance.now();
    await migrate(h);
    if ((await regionsLoaded(h.db)) === 0) await loadRegions(h.db);
    const { added } = await loadDemo(h.db, 'province', DEFAULT_SEED);
    await h.exec('ANALYZE');
    console.log(`\nPGlite with the demo (${added.toLocaleString('en')} rows added${dir ? ` to ${dir}` : ''}) (${secs(t)} s):`);
    const out: Record<string, unknown> = {};
    const n = smoke ? 3 : 20;
    for (const u of DEMO_ACCOUNTS) {
      await listWorkers(h.db, { region: u.regionCode }, PAGE, {});
      const xs: number[] = [];
      let total = 0;
      for (let i = 0; i < n; i++) {
        const [ms, r] = await timed(() => listWorkers(h.db, { region: u.regionCode }, PAGE, {}));
        xs.push(ms);
        total = r.total;
      }
      out[u.username] = summary(`  ${u.username} (${u.regionCode})`, xs, `(total ${total.toLocaleString('en')})`);
      // and a misspelt name in the same list (the demo's own names)
      const ys: number[] = [];
      for (let i = 0; i < n; i++) ys.push((await timed(() => listWorkers(h.db, { region: u.regionCode, q: 'siti hidyat' }, PAGE, {})))[0]);
      out[`${u.username}_name`] = summary(`  ${u.username}: name "siti hidyat"`, ys);
    }
    result.pglite_demo = out;
  } finally {
    await h.close();
  }
}

/** --engine pglite: the same build and measures on PGlite (data directory in /tmp), to find its ceiling. */
async function measurePgliteScale() {
  const dir = `/tmp/bench_registry_pglite_${PEOPLE}`;
  const h = await openPglite(dir);
  try {
    const t = performance.now();
    const n = await sql<{ n: string }>`SELECT sum(n) AS n FROM person_count WHERE region_code = 'ID'`.execute(h.db).catch(() => ({ rows: [{ n: '0' }] }));
    if (Number(n.rows[0]?.n) !== PEOPLE) {
      await build(h);
      result.build_s = Number(secs(t));
    }
    result.rss_mb_after_build = Math.round(process.memoryUsage().rss / 2 ** 20);
    result.pglite = await measure(h);
    result.rss_mb = Math.round(process.memoryUsage().rss / 2 ** 20);
  } finally {
    await h.close();
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version} (2 cores shared with other work)`);
if (flags.engine === 'pglite') await measurePgliteScale();
else if (flags['pglite-demo']) await measurePglite('/tmp/bench_registry_pglite_demo');
else {
  await measurePostgres();
  if (flags.pglite) await measurePglite();
}
console.log(`RESULT ${JSON.stringify(result)}`);
