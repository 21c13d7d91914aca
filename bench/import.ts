/**
 * Worker import throughput: `npm run bench:import -- --rows 1000000 [--engine postgres|pglite]`.
 * Writes a synthetic CSV (streamed), imports it through the app's own code path (startImport →
 * validate → commitImport, every index in place) on a fresh database, and, on PostgreSQL, times a
 * plain COPY of the same file into an unindexed table for comparison.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { SessionUser } from '../src/access/session-user.js';
import { connectPostgres, type DbHandle, openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { commitImport, getImport, startImport } from '../src/modules/imports/service.js';
import { parseArgs } from '../src/cli/open.js';
import { workerImport } from '../src/modules/workers/import/kind.js';

const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
// --smoke: 2,000 rows (seconds). Prints one machine-readable line `RESULT {...}` at the end.
const smoke = flags.smoke === true;
const rows = Number(flags.rows ?? (smoke ? 2_000 : 100000));
const engine = String(flags.engine ?? 'postgres');
const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function writeCsv(path: string, n: number) {
  const out = createWriteStream(path);
  out.write('NIK;Nama;Tanggal Lahir;Jenis Kelamin (L/P);Kode Desa;Alamat;No HP;Pekerjaan;Segmen;Kelompok;Program;Penghasilan (Rp);Sumber Dana\n');
  for (let i = 0; i < n; i++) {
    const day = (i % 28) + 1;
    const year = 1960 + (Math.floor(i / 28) % 45);
    const serial = String((Math.floor(i / (28 * 45)) % 9999) + 1).padStart(4, '0');
    const nik = `320201${String(day).padStart(2, '0')}05${String(year % 100).padStart(2, '0')}${serial}`;
    const line = `${nik};Pekerja Sintetis ${i};${String(day).padStart(2, '0')}/05/${year};L;32.02.01.2002;Kp. Uji;081200000000;Petani;BPU;Pekerja Rentan;JKK,JKM;1.000.000;APBD Kab. Sukabumi\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function waitFor(user: SessionUser, h: DbHandle, id: number, status: string) {
  for (;;) {
    const v = await getImport(h.db, id);
    if (v.status === status) return v;
    if (v.status === 'failed') throw new Error(JSON.stringify(v.error));
    await new Promise((r) => setTimeout(r, 200));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'semesta-bench-'));
const file = join(dir, 'workers.csv');
await writeCsv(file, rows);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.log(`file: ${rows.toLocaleString('en')} rows, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB, engine ${engine}`);

let h: DbHandle;
let drop = async () => {};
if (engine === 'pglite') h = await openPglite();
else {
  const admin = connectPostgres(pgUrl);
  const name = `semesta_bench_import_${Date.now()}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  h = connectPostgres(u.toString());
  drop = async () => {
    await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.close();
  };
  if (flags.copy !== 'false') {
    await h.exec('CREATE TABLE copy_probe (nik text, name text, birth text, sex text, village text, address text, phone text, occupation text, segment text, grp text, programs text, income text, funding text)');
    const t = performance.now();
    execFileSync('psql', [u.toString(), '-qc', `\\copy copy_probe FROM '${file}' WITH (FORMAT csv, HEADER, DELIMITER ';')`]);
    console.log(`plain COPY into an unindexed table: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    (globalThis as { copySeconds?: number }).copySeconds = (performance.now() - t) / 1000;
  }
}
await migrate(h);
await loadRegions(h.db);
// The payer the rows name, as a funding programme, so every enrolment is linked to it (as in real use).
await h.db
  .insertInto('funding_program')
  .values({ name: 'APBD Kab. Sukabumi', payer_type: 'APBD_KABKOTA', region_code: '32.02', fiscal_year: new Date().getFullYear(), budget: 10 ** 13, quota: rows, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'bench' })
  .execute();
const user: SessionUser = { id: 0, username: 'bench', displayName: 'bench', role: 'regency_operator', regionCode: '32.02', sessionId: '', csrfToken: '' };

const t0 = performance.now();
const job = await startImport(h.db, user, workerImport, { path: file, filename: 'workers.csv', ext: 'csv' });
const validated = await waitFor(user, h, job.id, 'validated');
const t1 = performance.now();
await commitImport(h.db, user, workerImport, job.id);
const committed = await waitFor(user, h, job.id, 'committed');
const t2 = performance.now();
const wall = (t2 - t0) / 1000;
console.log(`validate ${((t1 - t0) / 1000).toFixed(1)} s · commit ${((t2 - t1) / 1000).toFixed(1)} s · total ${wall.toFixed(1)} s · ${Math.round(rows / wall).toLocaleString('en')} rows/s`);
console.log(`counts ${JSON.stringify(validated.counts)} committed ${JSON.stringify(committed.committed)}`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
const copy = (globalThis as { copySeconds?: number }).copySeconds;
if (copy) console.log(`import / plain COPY = ${(wall / copy).toFixed(1)}×`);
console.log(
  `RESULT ${JSON.stringify({ bench: 'import', smoke, rows, engine, validate_s: Number(((t1 - t0) / 1000).toFixed(2)), commit_s: Number(((t2 - t1) / 1000).toFixed(2)), total_s: Number(wall.toFixed(2)), copy_s: copy ?? null, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}`,
);
await h.close();
await drop();
