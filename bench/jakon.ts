/**
 * Election cohort at province scale (issue 18): `npm run bench:jakon -- --rows 500000` (PostgreSQL via
 * TEST_DATABASE_URL, own scratch database, dropped after; `--smoke` = 2,000 rows).
 * A KPPS cohort's staff file (worker columns + Jabatan + TPS) goes through the app's own path
 * (POST /api/cohorts/{id}/imports → startImport → validate → commitImport, every index, foreign key and
 * coverage trigger in place), then the ending job ends the cohort and all its enrolments in one statement.
 * Targets: import + enrol ≤ 30 s, end ≤ 10 s.
 */
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../src/access/session-user.js';
import { parseArgs } from '../src/cli/open.js';
import type { DbHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { todayWib } from '../src/domain/wib.js';
import { commitImport, getImport, startImport } from '../src/modules/imports/service.js';
import { cohortWorkerImport } from '../src/modules/projects/cohort-import.js';
import { endExpiredEngagements } from '../src/modules/projects/service.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { machineLine, withScratchPostgres } from './scratch.js';

const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
const smoke = Boolean(flags.smoke);
const rows = Number(flags.rows ?? (smoke ? 2000 : 500_000));
const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function writeCsv(path: string, n: number) {
  const out = createWriteStream(path);
  out.write('NIK;Nama;Tanggal Lahir;Jenis Kelamin (L/P);Kode Desa;Alamat;Jabatan;TPS\n');
  for (let i = 0; i < n; i++) {
    const day = (i % 28) + 1;
    const year = 1960 + (Math.floor(i / 28) % 45);
    const serial = String((Math.floor(i / (28 * 45)) % 9999) + 1).padStart(4, '0');
    const nik = `320201${String(day).padStart(2, '0')}05${String(year % 100).padStart(2, '0')}${serial}`;
    const line = `${nik};Petugas Sintetis ${i};${String(day).padStart(2, '0')}/05/${year};L;32.02.01.2002;Kp. Uji;KPPS;TPS ${String((i % 900) + 1).padStart(3, '0')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function waitFor(h: DbHandle, id: number, status: string) {
  for (;;) {
    const v = await getImport(h.db, id);
    if (v.status === status) return v;
    if (v.status === 'failed') throw new Error(JSON.stringify(v.error));
    await new Promise((r) => setTimeout(r, 200));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'semesta-bench-jakon-'));
const file = join(dir, 'kpps.csv');
await writeCsv(file, rows);
console.log(machineLine());
console.log(`file: ${rows.toLocaleString('en')} rows, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB, engine postgres`);

await withScratchPostgres(pgUrl, 'bench_jakon', async (h) => {
  await migrate(h);
  await loadRegions(h.db);
  const today = todayWib();
  const end = addDays(today, 60);
  const program = await h.db
    .insertInto('funding_program')
    .values({ name: 'APBD Kab. Sukabumi badan adhoc', payer_type: 'APBD_KABKOTA', region_code: '32.02', fiscal_year: Number(today.slice(0, 4)), budget: 10 ** 13, quota: rows, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'bench' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cohort = await h.db
    .insertInto('election_cohort')
    .values({ name: 'KPPS Pilkada (bench)', organiser: 'KPU', region_code: '32.02', start_date: today, end_date: end, funding_program_id: program.id, created_by: 'bench' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user: SessionUser = { id: 0, username: 'bench', displayName: 'bench', role: 'regency_operator', regionCode: '32.02', sessionId: '', csrfToken: '' };

  const t0 = performance.now();
  const job = await startImport(h.db, user, cohortWorkerImport, { path: file, filename: 'kpps.csv', ext: 'csv' }, cohort.id);
  const validated = await waitFor(h, job.id, 'validated');
  const t1 = performance.now();
  await commitImport(h.db, user, cohortWorkerImport, job.id);
  const committed = await waitFor(h, job.id, 'committed');
  const t2 = performance.now();
  const ended = await endExpiredEngagements(h.db, { id: null, username: 'bench' }, addDays(end, 1));
  const t3 = performance.now();
  const s = (a: number, b: number) => Math.round((b - a) / 100) / 10;
  console.log(`validate ${s(t0, t1)} s · commit ${s(t1, t2)} s · import+enrol ${s(t0, t2)} s (target 30 s) · end ${s(t2, t3)} s (target 10 s)`);
  console.log(`counts ${JSON.stringify(validated.counts)} committed ${JSON.stringify(committed.committed)} ended ${JSON.stringify(ended)}`);
  console.log(
    `RESULT ${JSON.stringify({
      bench: 'jakon',
      rows,
      smoke,
      validate_s: s(t0, t1),
      commit_s: s(t1, t2),
      import_enrol_s: s(t0, t2),
      end_s: s(t2, t3),
      enrolled: committed.committed?.enrolments ?? 0,
      ended: ended[0]?.enrolments ?? 0,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}`,
  );
  if (committed.committed?.enrolments !== rows || ended[0]?.enrolments !== rows) process.exitCode = 1;
});
