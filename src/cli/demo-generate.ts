import { DEFAULT_SEED, DEMO_SCALES, type DemoScale } from '../demo/generate.js';
import { loadDemo } from '../demo/load.js';
import { openForCli, parseArgs } from './open.js';

/** npm run demo:generate -- --scale regency|province|national [--seed N] */
async function main() {
  const { flags } = parseArgs(['generate', ...process.argv.slice(2)]);
  const scale = (typeof flags.scale === 'string' ? flags.scale : 'province') as DemoScale;
  if (!DEMO_SCALES.includes(scale)) throw new Error(`--scale must be one of ${DEMO_SCALES.join(', ')}`);
  const seed = typeof flags.seed === 'string' ? Number(flags.seed) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const { handle } = await openForCli();
  try {
    const started = performance.now();
    const { plan, added } = await loadDemo(handle.db, scale, seed);
    console.log(
      `Data demo (${scale}, seed ${seed}): ${plan.users.length} akun dalam rencana, ${added} baru ditambahkan ` +
        `(${Math.round(performance.now() - started)} ms). ${plan.label}`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
