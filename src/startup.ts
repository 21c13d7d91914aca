import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { DEFAULT_SEED, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/generate.js';
import { keepDemoCurrent, loadDemo } from './demo/load.js';
import { IMPORT_KINDS } from './import-kinds.js';
import { recoverInterruptedImports } from './modules/imports/service.js';
import { failInterruptedEnrolments } from './modules/targeting/service.js';
import { loadRegions, regionsLoaded } from './modules/regions/load.js';
import type { DbHandle } from './db/client.js';
import { migrate } from './db/migrate.js';
import { databaseStatus } from './modules/system/service.js';

/** Start-up: brings any database up to date: migrations, region reference data, and (demo mode) demo data once. */
export async function prepareDatabase(h: DbHandle, config: Config, log: FastifyBaseLogger) {
  const applied = await migrate(h);
  if (applied.length) log.info({ applied }, 'migrations applied');
  await recoverInterruptedImports(h.db, IMPORT_KINDS);
  await failInterruptedEnrolments(h.db);
  if ((await regionsLoaded(h.db)) === 0) {
    const { counts, ms } = await loadRegions(h.db);
    log.info({ counts, ms }, 'region reference data loaded (idn-area-data, ODbL)');
  }
  if (h.engine === 'pglite') await embeddedUpkeep(h, log);
  if (!config.demo) return { demoAccounts: [], demoPassword: DEMO_PASSWORD };
  const seeded = await h.db.selectFrom('app_setting').select('key').where('key', '=', 'demo').executeTakeFirst();
  if (!seeded) {
    const { added } = await loadDemo(h.db, 'province', DEFAULT_SEED);
    log.info({ added }, 'demo data generated (synthetic)');
    // PGlite has no autovacuum: without statistics the planner guesses, and the lists slow down ten-fold
    if (h.engine === 'pglite') await h.exec('ANALYZE');
  } else {
    // every later start: bills, payments and official figures up to this month (and what an older demo database lacks)
    const { funding, official } = await keepDemoCurrent(h.db);
    if (funding.programs || funding.bills || official.rows) log.info({ funding, official }, 'demo brought up to this month (synthetic)');
  }
  return { demoAccounts: DEMO_ACCOUNTS, demoPassword: DEMO_PASSWORD };
}

/**
 * PGlite has no autovacuum: refresh the planner's statistics at every start (seconds at the embedded
 * ceiling), and say in the log when the registry has passed the measured ceiling (decisions.md 68).
 */
async function embeddedUpkeep(h: DbHandle, log: FastifyBaseLogger) {
  await h.exec('ANALYZE person; ANALYZE enrolment; ANALYZE person_count');
  const status = await databaseStatus(h.db, 'pglite');
  if (status.notice) log.warn({ people: status.people, ceiling: status.ceiling }, status.notice.messageEn);
  else log.info({ people: status.people, ceiling: status.ceiling }, 'embedded database (PGlite) within its measured ceiling');
}
