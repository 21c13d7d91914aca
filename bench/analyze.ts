/**
 * Planner statistics after a bulk load (issue 12 item 13): the worker list of a province (Prov. Bengkulu,
 * 17) on a fresh demo database, planned without statistics and then after ANALYZE — the EXPLAIN plan
 * and the list's time. `npm run bench:analyze` (PostgreSQL, DATABASE_URL or TEST_DATABASE_URL; a scratch
 * database bench_crash_* is made and dropped; autovacuum is switched off on its tables so that "before"
 * really has no statistics). `--smoke`: the regency-scale demo and Kab. Sukabumi's list, in seconds.
 */
import { Kysely, PostgresDialect, type CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { analyzeTables } from '../src/db/analyze.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { DEFAULT_SEED } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { listWorkers } from '../src/modules/workers/queries.js';
import { machineLine, withScratchPostgres } from './scratch.js';

const smoke = process.argv.includes('--smoke');
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url) throw new Error('bench:analyze needs DATABASE_URL or TEST_DATABASE_URL (PostgreSQL)');
const region = smoke ? '32.02' : '17';
const RUNS = smoke ? 5 : 20;

console.log(machineLine());
await withScratchPostgres(url, 'bench_crash', async (h) => {
  await migrate(h);
  await loadRegions(h.db);
  const tables = await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`.execute(h.db);
  for (const { t } of tables.rows) await sql`ALTER TABLE ${sql.table(t)} SET (autovacuum_enabled = false)`.execute(h.db);
  const t0 = performance.now();
  await loadDemo(h.db, smoke ? 'regency' : 'province', DEFAULT_SEED, { analyze: false });
  const loadMs = performance.now() - t0;
  const people = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM person`.execute(h.db)).rows[0]!.n);

  // the app's own list query, captured as SQL so it can be EXPLAINed
  const u = new URL(url);
  u.pathname = `/${(await sql<{ d: string }>`SELECT current_database() AS d`.execute(h.db)).rows[0]!.d}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 2 });
  const captured: CompiledQuery[] = [];
  const logged = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && captured.push(e.query)) });

  async function measure(label: string) {
    captured.length = 0;
    await listWorkers(logged, { region }, 50, {});
    const list = captured.find((q) => q.sql.includes('order by "p"."village_code"'))!;
    const plan = await pool.query(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) ${list.sql}`, list.parameters as unknown[]);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listWorkers(logged, { region }, 50, { offset: (i % 3) * 50 });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => Math.round(times[Math.floor((times.length - 1) * q)]! * 10) / 10;
    console.log(`\n${label}: worker list of ${region} (page of 50 + total), ${RUNS} runs: p50 ${p(0.5)} ms, max ${p(1)} ms\nplan:`);
    for (const r of plan.rows.slice(0, 14) as { 'QUERY PLAN': string }[]) console.log(`  ${r['QUERY PLAN']}`);
    return { p50: p(0.5), max: p(1) };
  }

  const before = await measure('before ANALYZE (no statistics)');
  const ta = performance.now();
  await analyzeTables(h.db);
  const analyzeMs = performance.now() - ta;
  const after = await measure(`after ANALYZE (${Math.round(analyzeMs)} ms for the whole database)`);
  await logged.destroy();
  console.log(`\ndemo load ${Math.round(loadMs)} ms, ${people} people`);
  console.log(`RESULT ${JSON.stringify({ bench: 'analyze', smoke, region, people, beforeP50Ms: before.p50, beforeMaxMs: before.max, afterP50Ms: after.p50, afterMaxMs: after.max, analyzeMs: Math.round(analyzeMs), loadMs: Math.round(loadMs) })}`);
});
