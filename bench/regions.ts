/**
 * Region reference data: load time (set-based, 91,592 rows) on PGlite and PostgreSQL, and subtree
 * query latency. `npm run bench:regions [-- --smoke]` (PostgreSQL part needs DATABASE_URL or TEST_DATABASE_URL).
 * --smoke: 20 subtree samples instead of 200 (the load is the same: it already takes seconds).
 * Prints one machine-readable line `RESULT {...}` at the end.
 */
import { sql } from 'kysely';
import { type DbHandle, openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { descendantRange } from '../src/domain/region-code.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { machineLine, withScratchPostgres } from './scratch.js';

const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const smoke = process.argv.includes('--smoke');
const SAMPLES = smoke ? 20 : 200;
const result: Record<string, unknown> = { bench: 'regions', smoke, samples: SAMPLES };

async function measure(label: string, h: DbHandle) {
  await migrate(h);
  const first = await loadRegions(h.db);
  const again = await loadRegions(h.db);
  await sql`ANALYZE region`.execute(h.db);
  const roots = ['32', '32.02', '32.02.01', '17', '11.01'];
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const root = roots[i % roots.length]!;
    const { from, to } = descendantRange(root);
    const t = performance.now();
    await sql`SELECT level, count(*) FROM region WHERE code >= ${from} AND code < ${to} GROUP BY level`.execute(h.db);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.floor((times.length - 1) * p)]!.toFixed(2);
  result[label] = { load_ms: first.ms, reload_ms: again.ms, subtree_p50_ms: Number(pct(0.5)), subtree_p95_ms: Number(pct(0.95)) };
  console.log(
    `${label.padEnd(11)} load ${String(first.ms).padStart(6)} ms   reload (no change) ${String(again.ms).padStart(6)} ms   ` +
      `subtree count p50 ${pct(0.5)} ms  p95 ${pct(0.95)} ms   rows ${Object.values(first.counts).reduce((a, b) => a + b, 0)}`,
  );
}

console.log(machineLine());
const lite = await openPglite();
await measure('PGlite', lite);
await lite.close();

if (pgUrl) {
  await withScratchPostgres(pgUrl, 'semesta_bench', (pg) => measure('PostgreSQL', pg));
} else {
  console.log('PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
}
console.log(`RESULT ${JSON.stringify(result)}`);
