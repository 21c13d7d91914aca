/**
 * Compliance read paths at scale: outreach reach (set-based over a region subtree) for a regency,
 * a province and the country, and the employer list filtered by status (stored findings, GIN index).
 * Data: outreach events reaching ~95% of Jawa Barat's desa (one event per district), 50,000
 * employers spread over Jawa Barat with stored statuses. `npm run bench:compliance`
 * (PostgreSQL part needs DATABASE_URL or TEST_DATABASE_URL). --smoke: 2,000 employers, 3 runs per figure.
 * Prints one machine-readable line `RESULT {...}` at the end.
 */
import { sql } from 'kysely';
import { type DbHandle, openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { listEmployers } from '../src/modules/employers/queries.js';
import { reach } from '../src/modules/outreach/queries.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { machineLine, withScratchPostgres } from './scratch.js';

const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const smoke = process.argv.includes('--smoke');
const EMPLOYERS = smoke ? 2_000 : 50_000;
const result: Record<string, unknown> = { bench: 'compliance', smoke, employers: EMPLOYERS };
let current: Record<string, unknown> = {};
const STATUSES = [['compliant'], ['compliant'], ['compliant'], ['PWBD'], ['PDS_TK'], ['PDS_UPAH'], ['PDS_TK', 'PDS_UPAH'], ['PDS_PROGRAM']];

async function seed(h: DbHandle) {
  await migrate(h);
  await loadRegions(h.db);
  // one event per district of province 32, reaching every desa whose code does not end in 7 (~90 %)
  await sql`
    WITH d AS (SELECT code FROM region WHERE level = 'district' AND code >= '32.' AND code < '32/'),
    e AS (
      INSERT INTO outreach_event (held_on, title, organiser, audiences, attendance, region_code, created_by)
      SELECT date '2025-03-01', 'bench ' || code, 'bench', ARRAY['workers'], 50, code, 'bench' FROM d
      RETURNING id, region_code)
    INSERT INTO outreach_village (event_id, village_code)
    SELECT e.id, v.code FROM e JOIN region v ON v.parent_code = e.region_code
    WHERE v.kind = 'desa' AND right(v.code, 1) <> '7'`.execute(h.db);
  await sql`
    WITH v AS (SELECT code, row_number() OVER (ORDER BY code) AS i, count(*) OVER () AS n FROM region WHERE level = 'village' AND code >= '32.' AND code < '32/')
    INSERT INTO employer (name, size_class, village_code, employees_declared, statuses, findings)
    SELECT 'PT Bench ' || g, 'small', v.code, 10,
           string_to_array((ARRAY[${sql.raw(STATUSES.map((s) => `'${s.join(',')}'`).join(','))}])[1 + g % ${STATUSES.length}], ','),
           '[]'::jsonb
    FROM generate_series(1, ${EMPLOYERS}) g JOIN v ON v.i = 1 + (g * 7919) % v.n`.execute(h.db);
  await sql`ANALYZE`.execute(h.db);
}

async function time(fn: () => Promise<unknown>, runs = 20, key?: string) {
  if (smoke) runs = 3;
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  if (key) current[key] = { p50_ms: Number(t[Math.floor(runs / 2)]!.toFixed(1)), p95_ms: Number(t[Math.floor(runs * 0.95)]!.toFixed(1)) };
  return `p50 ${t[Math.floor(runs / 2)]!.toFixed(1)} ms, p95 ${t[Math.floor(runs * 0.95)]!.toFixed(1)} ms`;
}

async function measure(label: string, h: DbHandle) {
  current = result[label] = {} as Record<string, unknown>;
  await seed(h);
  const r = await reach(h.db, '32.02', 'desa');
  console.log(`${label}: Kab. Sukabumi ${r.villagesReached}/${r.villagesTotal} desa (${r.pct}%)`);
  console.log(`${label}: reach regency 32.02        ${await time(() => reach(h.db, '32.02', 'desa'), 20, 'reach_regency')}`);
  console.log(`${label}: reach province 32 (5,300+ desa) ${await time(() => reach(h.db, '32', 'desa'), 10, 'reach_province')}`);
  console.log(`${label}: reach country ID (75,000+ desa) ${await time(() => reach(h.db, 'ID', 'desa'), 5, 'reach_country')}`);
  console.log(`${label}: employers status=PDS_UPAH region 32, page 1 of ${EMPLOYERS} ${await time(() => listEmployers(h.db, { region: '32', status: 'PDS_UPAH' }, 1, 50), 20, 'employers_province')}`);
  console.log(`${label}: employers status=PWBD region 32.02, page 1 ${await time(() => listEmployers(h.db, { region: '32.02', status: 'PWBD' }, 1, 50), 20, 'employers_regency')}`);
}

console.log(machineLine());
const lite = await openPglite();
await measure('PGlite', lite);
await lite.close();
if (pgUrl) {
  await withScratchPostgres(pgUrl, 'semesta_bench_c', (pg) => measure('PostgreSQL', pg));
}
console.log(`RESULT ${JSON.stringify(result)}`);
