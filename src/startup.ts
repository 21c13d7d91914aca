import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { DEFAULT_SEED, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/generate.js';
import { DEMO_ACTOR, loadDemo } from './demo/load.js';
import { loadDemoFunding } from './demo/funding.js';
import { IMPORT_KINDS } from './import-kinds.js';
import { recoverInterruptedImports } from './modules/imports/service.js';
import { loadRegions, regionsLoaded } from './modules/regions/load.js';
import type { DbHandle } from './db/client.js';
import { migrate } from './db/migrate.js';

/** Start-up: brings any database up to date: migrations, region reference data, and (demo mode) demo data once. */
export async function prepareDatabase(h: DbHandle, config: Config, log: FastifyBaseLogger) {
  const applied = await migrate(h);
  if (applied.length) log.info({ applied }, 'migrations applied');
  await recoverInterruptedImports(h.db, IMPORT_KINDS);
  if ((await regionsLoaded(h.db)) === 0) {
    const { counts, ms } = await loadRegions(h.db);
    log.info({ counts, ms }, 'region reference data loaded (idn-area-data, ODbL)');
  }
  if (!config.demo) return { demoAccounts: [], demoPassword: DEMO_PASSWORD };
  const seeded = await h.db.selectFrom('app_setting').select('key').where('key', '=', 'demo').executeTakeFirst();
  if (!seeded) {
    const { added } = await loadDemo(h.db, 'province', DEFAULT_SEED);
    log.info({ added }, 'demo data generated (synthetic)');
  }
  // funding (issue 4): a demo database from before the funding capability gets its payers once
  const funding = await loadDemoFunding(h.db, DEMO_ACTOR);
  if (funding.programs) log.info(funding, 'demo funding generated (synthetic)');
  return { demoAccounts: DEMO_ACCOUNTS, demoPassword: DEMO_PASSWORD };
}
