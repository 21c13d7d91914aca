/**
 * DTSEN targeting at national scale (issue 16, item 6):
 *
 *   npm run bench:targeting -- [--rows 2000000] [--samples 50] [--enrol 100000] [--smoke] [--keep]
 *
 * On PostgreSQL (DATABASE_URL or TEST_DATABASE_URL), in its own database (`bench_targeting`, or
 * `bench_targeting_smoke` with --smoke, dropped afterwards unless --keep):
 *  1. writes a synthetic DTSEN extract (CSV, streamed; files of 1,000,000 rows, the reader refuses more than
 *     Excel's 1,048,576 in one file) of N rows over every village of Jawa Barat (32), and
 *     imports it through the app's own path (startImport → validate → commitImport: staging by COPY, the
 *     set-based classify and commit, every index and count trigger in place); times it and the peak RSS;
 *  2. times the priority list of the province (page 1 with its counts and cost, as GET /api/targeting/32
 *     answers it, in-process) and of a regency, p50/p95 over the samples, and a later page;
 *  3. enrols E candidates of the province (a selection by id) into a BPU programme as one job and times it
 *     until done; checks that the enrolled left the list (the counts fell by E).
 * Targets: import ≤ 60 s and RSS ≤ 500 MB at 2,000,000 rows; list p95 ≤ 300 ms on ≥ 1,000,000 candidates;
 * 100,000 enrolments ≤ 20 s. Prints one line `RESULT {...}`; --smoke: seconds (20,000 rows, 2,000 enrolled).
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { SessionUser } from '../src/access/session-user.js';
import { parseArgs } from '../src/cli/open.js';
import { connectPostgres, type DbHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { commitImport, getImport, startImport } from '../src/modules/imports/service.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { dtsenImport } from '../src/modules/targeting/import-kind.js';
import { getTargetingJob, startEnrolment, targetingList } from '../src/modules/targeting/service.js';

const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
const smoke = flags.smoke === true;
const ROWS = Number(flags.rows ?? (smoke ? 20_000 : 2_000_000));
const SAMPLES = Number(flags.samples ?? (smoke ? 5 : 50));
const ENROL = Number(flags.enrol ?? (smoke ? 2_000 : 100_000));
const DB_NAME = smoke ? 'bench_targeting_smoke' : 'bench_targeting';
const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

const admin = connectPostgres(pgUrl);
await admin.exec(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin.exec(`CREATE DATABASE ${DB_NAME}`);
const u = new URL(pgUrl);
u.pathname = `/${DB_NAME}`;
const h: DbHandle = connectPostgres(u.toString());
await migrate(h);
await loadRegions(h.db);
const villages = (await h.db.selectFrom('region').select('code').where('level', '=', 'village').where('code', '>=', '32.').where('code', '<', '32/').orderBy('code').execute()).map((r) => r.code);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

/** Unique NIKs: the village's district, a birth date and a serial from the row number; deciles spread 1–10. */
async function writeExtract(path: string, from: number, to: number) {
  const out = createWriteStream(path);
  out.write('NIK;Nama;Tanggal Lahir;Jenis Kelamin;Kode Desa;Alamat;Desil;Pekerjaan;Status Pekerjaan;Tahun Data\n');
  for (let i = from; i < to; i++) {
    const village = villages[i % villages.length]!;
    // (birth date, serial) from i alone: unique whatever district the village lies in
    const day = (i % 28) + 1;
    const month = (Math.floor(i / 28) % 12) + 1;
    const year = 1962 + (Math.floor(i / 336) % 50);
    const serial = String((Math.floor(i / 16800) % 9999) + 1).padStart(4, '0');
    const dd = String(day).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    const nik = `${village.slice(0, 8).replace(/\./g, '')}${dd}${mm}${String(year % 100).padStart(2, '0')}${serial}`;
    const line = `${nik};Warga Sintetis ${i};${dd}/${mm}/${year};L;${village};Kp. Sintetis;${(i % 10) + 1};Buruh tani;Pekerja bebas pertanian;${YEAR}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const user: SessionUser = { id: 0, username: 'bench', displayName: 'bench', role: 'province_operator', regionCode: '32', sessionId: '', csrfToken: '' };
const dir = mkdtempSync(join(tmpdir(), 'semesta-bench-dtsen-'));
// The shared reader refuses more than Excel's 1,048,576 rows in one file: a larger extract goes in as files of 1,000,000.
const PER_FILE = 1_000_000;
const files: string[] = [];
for (let from = 0; from < ROWS; from += PER_FILE) {
  const file = join(dir, `dtsen-${files.length + 1}.csv`);
  await writeExtract(file, from, Math.min(ROWS, from + PER_FILE));
  files.push(file);
}
console.log(`extract: ${ROWS.toLocaleString('en')} rows over ${villages.length.toLocaleString('en')} villages of Jawa Barat, ${files.length} file(s), ${(files.reduce((s, f) => s + statSync(f).size, 0) / 2 ** 20).toFixed(1)} MiB`);

async function waitImport(id: number, status: string) {
  for (;;) {
    const v = await getImport(h.db, id);
    if (v.status === status) return v;
    if (v.status === 'failed') throw new Error(JSON.stringify(v.error));
    await new Promise((r) => setTimeout(r, 200));
  }
}

const rssBefore = process.resourceUsage().maxRSS;
let validateS = 0;
let commitS = 0;
let candidates = 0;
for (const [i, file] of files.entries()) {
  const t0 = performance.now();
  const job = await startImport(h.db, user, dtsenImport, { path: file, filename: `dtsen-${i + 1}.csv`, ext: 'csv' });
  const validated = await waitImport(job.id, 'validated');
  const t1 = performance.now();
  await commitImport(h.db, user, dtsenImport, job.id);
  const committed = await waitImport(job.id, 'committed');
  const t2 = performance.now();
  validateS += (t1 - t0) / 1000;
  commitS += (t2 - t1) / 1000;
  candidates += committed.committed?.candidates ?? 0;
  console.log(`file ${i + 1}: validate ${r1((t1 - t0) / 1000)} s · commit ${r1((t2 - t1) / 1000)} s · counts ${JSON.stringify({ total: validated.counts.total, valid: validated.counts.valid, rejected: validated.counts.rejected })}`);
}
const importS = validateS + commitS;
const peakRss = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`import: validate ${r1(validateS)} s · commit ${r1(commitS)} s · total ${r1(importS)} s · ${candidates.toLocaleString('en')} candidates · peak RSS ${peakRss} MB (before ${Math.round(rssBefore / 1024)} MB) · load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });

const query = { minDecile: 1, maxDecile: 4, minAge: 15, maxAge: 64, fundedElsewhere: 'exclude' as const, page: 1, pageSize: 50 };
async function timeList(region: string, page = 1) {
  const ms: number[] = [];
  let total = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const l = await targetingList(h.db, region, { ...query, page });
    ms.push(performance.now() - t);
    total = l.total;
  }
  const s = { p50: r1(pct(ms, 50)), p95: r1(pct(ms, 95)), max: r1(Math.max(...ms)), total };
  console.log(`list ${region.padEnd(6)} page ${String(page).padStart(3)}: ${total.toLocaleString('en')} candidates · p50 ${s.p50} ms · p95 ${s.p95} ms · max ${s.max} ms`);
  return s;
}
const allDeciles = await targetingList(h.db, '32', { ...query, maxDecile: 10, minAge: 0, maxAge: 120 });
console.log(`province 32: ${allDeciles.total.toLocaleString('en')} candidates in all deciles and ages`);
const province = await timeList('32');
const provinceDeep = await timeList('32', 100);
const regency = await timeList('32.02');

// Bulk enrolment: a selection of E open candidates of the province, into a province BPU programme.
const program = await h.db
  .insertInto('funding_program')
  .values({ name: 'APBD Provinsi Jawa Barat DTSEN', payer_type: 'APBD_PROVINSI', region_code: '32', fiscal_year: YEAR, budget: 10 ** 13, quota: 10_000_000, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'bench' })
  .returning('id')
  .executeTakeFirstOrThrow();
const ids = (await sql<{ id: number }>`SELECT id FROM dtsen_candidate WHERE state = 'open' ORDER BY id LIMIT ${ENROL}`.execute(h.db)).rows.map((r) => Number(r.id));
const openBefore = Number((await sql<{ n: string }>`SELECT sum(n) AS n FROM dtsen_count WHERE region_code = '32' AND state = 'open'`.execute(h.db)).rows[0]?.n ?? 0);
const t3 = performance.now();
const started = await startEnrolment(h.db, user, '32', { fundingProgramId: program.id, candidateIds: ids });
let view = await getTargetingJob(h.db, started.jobId);
while (view.status === 'running') {
  await new Promise((r) => setTimeout(r, 200));
  view = await getTargetingJob(h.db, started.jobId);
}
const enrolS = (performance.now() - t3) / 1000;
const openAfter = Number((await sql<{ n: string }>`SELECT sum(n) AS n FROM dtsen_count WHERE region_code = '32' AND state = 'open'`.execute(h.db)).rows[0]?.n ?? 0);
console.log(`enrol: ${view.enrolled.toLocaleString('en')} of ${ids.length.toLocaleString('en')} in ${r1(enrolS)} s (${view.status}); open candidates ${openBefore.toLocaleString('en')} → ${openAfter.toLocaleString('en')}`);
const listAfter = await timeList('32');

const ok = candidates === ROWS && view.status === 'done' && view.enrolled === ids.length && openBefore - openAfter === ids.length;
console.log(
  `RESULT ${JSON.stringify({
    bench: 'targeting',
    smoke,
    rows: ROWS,
    load_average: loadavg().map(r1),
    import_s: r1(importS),
    validate_s: r1(validateS),
    commit_s: r1(commitS),
    peak_rss_mb: peakRss,
    province_candidates_all: allDeciles.total,
    list_province: province,
    list_province_page100: provinceDeep,
    list_regency: regency,
    list_province_after_enrol: listAfter,
    enrolled: view.enrolled,
    enrol_s: r1(enrolS),
    ok,
  })}`,
);
await h.close();
if (!flags.keep) await admin.exec(`DROP DATABASE ${DB_NAME} WITH (FORCE)`);
await admin.close();
if (!ok) process.exitCode = 1;
