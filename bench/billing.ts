/**
 * Monthly billing on PostgreSQL: `npm run bench:billing -- --enrolments 5000000 [--lapses] [--keep]`.
 * Builds a scratch database (migrations, regions, one APBD programme) with N funded enrolments of
 * people in Kab. Sukabumi's villages, then times the app's own billing run (billProgram: one
 * INSERT … SELECT priced from the rate snapshot) and an idempotent re-run of the same month.
 * The set-up is bulk SQL (generate_series) and is not part of the figures.
 */
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import { parseArgs } from '../src/cli/open.js';
import { connectPostgres } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { billProgram } from '../src/modules/funding/billing/service.js';
import { recordPaymentAs } from '../src/modules/funding/payments/service.js';
import { loadRegions } from '../src/modules/regions/load.js';

const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
// --smoke: 5,000 enrolments (seconds). Prints one machine-readable line `RESULT {...}` at the end.
const smoke = flags.smoke === true;
const n = Number(flags.enrolments ?? (smoke ? 5_000 : 100_000));
const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
const admin = connectPostgres(pgUrl);
const name = `semesta_bench_billing_${Date.now()}`;
await admin.exec(`CREATE DATABASE ${name}`);
const u = new URL(pgUrl);
u.pathname = `/${name}`;
const h = connectPostgres(u.toString());
const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(h.db)).rows[0]!.server_version;
console.log(`PostgreSQL ${version}, ${n.toLocaleString('en')} funded enrolments`);
try {
  await migrate(h);
  await loadRegions(h.db);
  const program = await h.db
    .insertInto('funding_program')
    .values({ name: 'APBD Kab. Sukabumi (bench)', payer_type: 'APBD_KABKOTA', region_code: '32.02', fiscal_year: 2025, budget: n * 16_800 * 12, quota: n, segment: 'BPU', programs: ['JKK', 'JKM', 'JHT'], created_by: 'bench' })
    .returningAll()
    .executeTakeFirstOrThrow();

  let t = performance.now();
  // Bulk set-up in a scratch database: the name search index (decision 107) is irrelevant to billing and
  // would take minutes to build for millions of names; triggers and foreign keys are off for this load only.
  await h.exec(`
    DROP INDEX person_lname_idx;
    SET session_replication_role = replica;
    INSERT INTO person (id, nik, name, birth_date, sex, village_code, address)
      SELECT g, '1' || lpad(g::text, 15, '0'), 'Pekerja ' || g, date '1970-01-01' + (g % 12000), CASE WHEN g % 2 = 0 THEN 'L' ELSE 'P' END,
             v.codes[1 + g % cardinality(v.codes)], ''
      FROM generate_series(1, ${n}) g,
           (SELECT array_agg(code ORDER BY code) AS codes FROM region WHERE code >= '32.02.' AND code < '32.02/' AND level = 'village') v;
    INSERT INTO enrolment (id, person_id, segment, group_code, programs, declared_income, funding_source, funding_program_id, status, start_date, village_code)
      SELECT p.id, p.id, 'BPU', 'PEKERJA_RENTAN',
             CASE WHEN p.id % 10 = 0 THEN ARRAY['JKK','JKM','JHT'] ELSE ARRAY['JKK','JKM'] END,
             CASE WHEN p.id % 4 = 0 THEN 1000000 + (p.id % 50) * 100000 END,
             'APBD Kab. Sukabumi', ${program.id}, 'active', date '2025-01-01', p.village_code
      FROM person p;
    SET session_replication_role = DEFAULT;
    SELECT setval('person_id_seq', ${n}); SELECT setval('enrolment_id_seq', ${n});
  `);
  await h.exec('VACUUM ANALYZE person');
  await h.exec('VACUUM ANALYZE enrolment');
  console.log(`set-up (not measured): ${secs(t)} s`);

  const actor = { id: null, username: 'bench' };
  t = performance.now();
  const bill = await billProgram(h.db, actor, program, '2025-06');
  const first = secs(t);
  t = performance.now();
  const again = await billProgram(h.db, actor, program, '2025-06');
  const rerun = secs(t);
  t = performance.now();
  const next = await billProgram(h.db, actor, program, '2025-07');
  const second = secs(t);
  console.log(`billing run 2025-06: ${first} s — ${bill.workerCount.toLocaleString('en')} lines, Rp${bill.amount.toLocaleString('en')}`);
  console.log(`idempotent re-run 2025-06: ${rerun} s — same bill ${again.id === bill.id && !again.created}, lines ${again.workerCount.toLocaleString('en')}`);
  console.log(`next month 2025-07 (bill_line already holds one month): ${second} s — ${next.workerCount.toLocaleString('en')} lines`);
  if (!(again.id === bill.id && !again.created) || bill.workerCount !== n) throw new Error('billing bench: unexpected bill');
  const result: Record<string, unknown> = { bench: 'billing', smoke, enrolments: n, first_s: Number(first), rerun_s: Number(rerun), next_month_s: Number(second), lines: bill.workerCount };
  process.on('beforeExit', () => console.log(`RESULT ${JSON.stringify({ ...result, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}`));
  let size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('bill_line')) AS s`.execute(h.db)).rows[0]!.s;
  console.log(`bill_line size after two months: ${size}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  if (flags.lapses) {
    // --lapses: the payer pays 99 % of each bill (whole lines, lowest enrolment ids first), then the
    // third month is billed: the unpaid 1 % have three overdue months and lapse in that run.
    for (const b of [bill, next]) {
      t = performance.now();
      const paid = await recordPaymentAs(h.db, actor, program, { amount: Math.floor(b.amount * 0.99), paidOn: '2025-08-10', reference: `BENCH-${b.month}`, billId: b.id });
      console.log(`payment of 99 % of ${b.month} (${paid.linesPaid.toLocaleString('en')} lines paid; allocation + lapse check): ${secs(t)} s`);
    }
    t = performance.now();
    const third = await billProgram(h.db, actor, program, '2025-08');
    const lapsed = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment WHERE status = 'lapsed'`.execute(h.db)).rows[0]!.n);
    console.log(`third month 2025-08 (lapse evaluation over ${(3 * n).toLocaleString('en')} lines): ${secs(t)} s — ${third.workerCount.toLocaleString('en')} lines, ${lapsed.toLocaleString('en')} enrolments lapsed`);
    size = (await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('bill_line')) AS s`.execute(h.db)).rows[0]!.s;
    console.log(`bill_line size after three months: ${size}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }
} finally {
  await h.close();
  if (flags.keep) console.log(`kept database ${name}`);
  else await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.close();
}
