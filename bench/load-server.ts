/**
 * The server `bench/load.ts` drives, in a process of its own so that autocannon does not share its event
 * loop: `tsx bench/load-server.ts <postgres-url | pglite-data-dir>`. Opens the prepared database, builds
 * the app as src/server.ts does (no background jobs, no web files), listens on a free local port and prints
 * `LISTENING <address>`; on SIGTERM prints `RSS <peak MB>` and exits.
 */
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connectPostgres, type DbHandle, openPglite } from '../src/db/client.js';

const target = process.argv[2] ?? '';
const h: DbHandle = target.startsWith('postgres') ? connectPostgres(target) : await openPglite(target);
const config = { ...loadConfig({}), demo: true, loginRateLimit: 1_000_000, logLevel: 'silent' };
const app = await buildApp({ db: h.db, config, logger: false, engine: h.engine });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`LISTENING ${address}`);
process.on('SIGTERM', () => {
  console.log(`RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`);
  void app
    .close()
    .then(() => h.close())
    .finally(() => process.exit(0));
});
