/**
 * `npm run e2e`: every browser script, one after another against E2E_BASE_URL, stopping at the first that
 * fails (as a `&&` chain would). One script per line, so a new capability adds its line.
 */
import { spawnSync } from 'node:child_process';

const SCRIPTS = [
  'region-browser',
  'worker-import',
  'employer-import',
  'funding',
  'compliance',
  'coverage',
  'home',
  'official-import',
  'inpres',
  'claims',
  'jakon',
  'dtsen',
  'weak-network',
  'phones-a11y',
];

for (const name of SCRIPTS) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `e2e/${name}.e2e.ts`], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`e2e: ${name} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
console.log(`e2e: all ${SCRIPTS.length} scripts passed`);
