/**
 * Every benchmark in its smoke mode (seconds each), so a benchmark that no longer runs fails CI:
 * `npm run bench:smoke` (PostgreSQL parts use TEST_DATABASE_URL or DATABASE_URL; each bench makes and
 * drops its own database). Fails when a bench exits non-zero or prints no `RESULT {...}` line.
 * bench:load (bench/load.ts) is included when the file exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHES: [name: string, file: string, args: string[]][] = [
  ['regions', 'bench/regions.ts', ['--smoke']],
  ['import', 'bench/import.ts', ['--smoke']],
  ['import (PGlite)', 'bench/import.ts', ['--smoke', '--engine', 'pglite']],
  ['billing', 'bench/billing.ts', ['--smoke']],
  ['compliance', 'bench/compliance.ts', ['--smoke']],
  ['coverage', 'bench/coverage.ts', ['--smoke']],
  ['registry', 'bench/registry.ts', ['--smoke']],
  ['inpres', 'bench/inpres.ts', ['--smoke']],
  ['analyze', 'bench/analyze.ts', ['--smoke']],
  ['targeting', 'bench/targeting.ts', ['--smoke']],
  ['audit', 'bench/audit.ts', ['--smoke']],
  ['load', 'bench/load.ts', ['--smoke']],
  ['jakon', 'bench/jakon.ts', ['--smoke']],
];

process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const failed: string[] = [];
for (const [name, file, args] of BENCHES) {
  if (!existsSync(file)) {
    console.log(`== bench:${name}: ${file} not present, skipped`);
    continue;
  }
  const t = performance.now();
  console.log(`== bench:${name} ${args.join(' ')}`);
  const run = spawnSync('npx', ['tsx', file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const out = run.stdout ?? '';
  process.stdout.write(out);
  const result = out.split('\n').find((l) => l.startsWith('RESULT {'));
  let ok = run.status === 0 && result !== undefined;
  if (ok) {
    try {
      JSON.parse(result!.slice('RESULT '.length));
    } catch {
      ok = false;
    }
  }
  console.log(`== bench:${name}: ${ok ? 'ok' : `FAILED (exit ${run.status}${result ? '' : ', no RESULT line'})`} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  if (!ok) failed.push(name);
}
if (failed.length) {
  console.error(`bench:smoke failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('bench:smoke: every benchmark ran');
