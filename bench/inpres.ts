/**
 * Inpres scorecards at scale (issue 15, decision 83): a regency's card (its rank computed over its
 * province's regencies), a province's ranked regencies, the national ranking of 38 provinces, and a
 * district's ranked villages. Data: a regulation per regency, declared groups for every regency and
 * for every desa of Jawa Barat (perangkat desa + BPD), declared Dana Desa allocations for half of them,
 * follow-up actions per regency. `npm run bench:inpres` (PostgreSQL part needs DATABASE_URL or
 * TEST_DATABASE_URL). --smoke: PGlite only, 3 runs per figure. Prints `RESULT {...}` at the end.
 */
import { sql } from 'kysely';
import { type DbHandle, openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { childrenScores, scorecard } from '../src/modules/inpres/service.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { machineLine, withScratchPostgres } from './scratch.js';

const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const smoke = process.argv.includes('--smoke');
const result: Record<string, unknown> = { bench: 'inpres', smoke };
let current: Record<string, unknown> = {};

async function seed(h: DbHandle) {
  await migrate(h);
  await loadRegions(h.db);
  await sql`
    INSERT INTO regulation (region_code, type, number, title, signed_on, groups, requires, document_path, document_name, document_size, created_by)
    SELECT code, 'PERKADA', 'Perbup bench ' || code, 'Bench regulation', date '2025-01-10', ARRAY['PEKERJA_RENTAN'], ARRAY['BUDGET_LINE'], '/dev/null', 'x.pdf', 1, 'bench'
    FROM region WHERE level = 'regency' AND right(code, 1) <> '7'`.execute(h.db);
  await sql`
    INSERT INTO target_group (region_code, year, group_code, size, source, updated_by)
    SELECT code, 2025, g, 1000, 'bench', 'bench' FROM region CROSS JOIN unnest(ARRAY['NON_ASN', 'PEKERJA_RENTAN']) g WHERE level = 'regency'`.execute(h.db);
  await sql`
    INSERT INTO target_group (region_code, year, group_code, size, source, updated_by)
    SELECT code, 2025, g, 10, 'bench', 'bench' FROM region CROSS JOIN unnest(ARRAY['PERANGKAT_DESA', 'BPD']) g
    WHERE level = 'village' AND kind = 'desa' AND code >= '32.' AND code < '32/'`.execute(h.db);
  await sql`
    INSERT INTO budget_allocation (region_code, fiscal_year, source, amount, created_by)
    SELECT code, 2025, 'DANA_DESA', 4032000, 'bench' FROM region WHERE level = 'village' AND kind = 'desa' AND code >= '32.' AND code < '32/' AND right(code, 1) IN ('0', '2', '4', '6', '8')`.execute(h.db);
  await sql`
    WITH m AS (INSERT INTO inpres_meeting (region_code, held_on, title, place, created_by) SELECT code, date '2025-01-15', 'Rakor bench', 'bench', 'bench' FROM region WHERE level = 'regency' RETURNING id, region_code)
    INSERT INTO inpres_action (meeting_id, region_code, decision, owner_agency, due_on) SELECT id, region_code, 'Bench action', 'BPKAD', date '2025-02-01' FROM m`.execute(h.db);
  await sql`ANALYZE`.execute(h.db);
}

async function time(fn: () => Promise<unknown>, runs: number, key: string) {
  if (smoke) runs = 3;
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  current[key] = { p50_ms: Number(t[Math.floor(runs / 2)]!.toFixed(1)), p95_ms: Number(t[Math.floor(runs * 0.95)]!.toFixed(1)) };
  return `p50 ${t[Math.floor(runs / 2)]!.toFixed(1)} ms, p95 ${t[Math.floor(runs * 0.95)]!.toFixed(1)} ms`;
}

async function measure(label: string, h: DbHandle) {
  current = result[label] = {} as Record<string, unknown>;
  await seed(h);
  const card = await scorecard(h.db, '32.02', 2025, '2025-06');
  console.log(`${label}: Kab. Sukabumi score ${card.score}, rank ${card.rank?.position} of ${card.rank?.of}, ${card.budget.villagesBudgeted}/${card.budget.villagesTotal} desa budgeted`);
  console.log(`${label}: scorecard regency 32.02 (rank among 27)  ${await time(() => scorecard(h.db, '32.02', 2025, '2025-06'), 10, 'card_regency')}`);
  console.log(`${label}: children of province 32 (27 ranked)   ${await time(() => childrenScores(h.db, '32', 2025, '2025-06'), 10, 'children_province')}`);
  console.log(`${label}: children of ID (38 provinces)          ${await time(() => childrenScores(h.db, 'ID', 2025, '2025-06'), 5, 'children_country')}`);
  console.log(`${label}: children of district 32.02.01 (villages) ${await time(() => childrenScores(h.db, '32.02.01', 2025, '2025-06'), 10, 'children_district')}`);
}

console.log(machineLine());
const lite = await openPglite();
await measure('PGlite', lite);
await lite.close();
if (pgUrl && !smoke) await withScratchPostgres(pgUrl, 'semesta_bench_i', (pg) => measure('PostgreSQL', pg));
console.log(`RESULT ${JSON.stringify(result)}`);
