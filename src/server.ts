import { buildApp, defaultWebDir } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { MigrationError } from './db/migrate.js';
import { startJobs } from './jobs.js';
import { prepareDatabase } from './startup.js';

/** Starts Semesta: validate configuration, prepare the database, listen. */
async function main() {
  const config = loadConfig();
  const handle = await openDatabase(config);
  const app = await buildApp({ db: handle.db, config, webDir: defaultWebDir, engine: handle.engine });
  const prepared = await prepareDatabase(handle, config, app.log);
  await app.listen({ port: config.port, host: config.host });
  const jobs = startJobs(handle.db, app.log);

  const where = handle.engine === 'pglite' ? `PGlite ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `  Semesta berjalan di / running at  http://localhost:${config.port}`,
    `  Basis data / database: ${where}`,
    `  Dokumentasi API / API docs:        http://localhost:${config.port}/api/docs`,
  ];
  if (prepared.demoAccounts.length) {
    lines.push(`  Akun demo (kata sandi / password: ${prepared.demoPassword}):`);
    for (const a of prepared.demoAccounts) lines.push(`    ${a.username.padEnd(18)} ${a.role.padEnd(18)} ${a.regionCode}`);
  }
  console.log(lines.join('\n') + '\n');

  const stop = async () => {
    await jobs.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    console.error(err.message);
  } else {
    console.error('Semesta gagal dijalankan / failed to start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
