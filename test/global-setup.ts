import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { connectPostgres, openPglite } from '../src/db/client.js';
import { listMigrations, migrate } from '../src/db/migrate.js';
import { loadRegions } from '../src/modules/regions/load.js';

/**
 * Builds one migrated database with all regions loaded, once per run, that every test file copies:
 * a PGlite data-dir dump, or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  const engine = project.config.env?.TEST_DB;
  // The template only changes with the migrations, their runner and the region data, so a dump can be reused.
  const key = createHash('sha256')
    .update(listMigrations().map((m) => m.sql).join('\n'))
    .update(readFileSync(new URL('../src/db/migrate.ts', import.meta.url)))
    .update(readFileSync(new URL('../node_modules/idn-area-data/package.json', import.meta.url)))
    .digest('hex')
    .slice(0, 16);

  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const template = `semesta_tpl_${key}`;
    const admin = connectPostgres(url);
    try {
      await admin.exec('SELECT 1');
    } catch (err) {
      throw new Error(`PostgreSQL at TEST_DATABASE_URL is unreachable: ${(err as Error).message}`, { cause: err });
    }
    const exists = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${template}`.execute(admin.db);
    if ((exists.rows[0]?.n ?? 0) === 0) {
      // Built under a scratch name and renamed when complete: a half-built template is never reused.
      const scratch = `${template}_building`;
      await admin.exec(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.exec(`CREATE DATABASE ${scratch}`);
      const tpl = connectPostgres(withDatabase(url, scratch));
      await migrate(tpl);
      await loadRegions(tpl.db);
      await tpl.close();
      await admin.exec(`ALTER DATABASE ${scratch} RENAME TO ${template}`);
    }
    await admin.close();
    project.provide('pgTemplate', template);
    return;
  }

  const file = join(tmpdir(), `semesta-pglite-template-${key}.tar.gz`);
  if (!existsSync(file)) {
    const h = await openPglite();
    await migrate(h);
    await loadRegions(h.db);
    const dump = await h.pglite!.dumpDataDir('gzip');
    writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await h.close();
    renameSync(`${file}.tmp`, file);
  }
  project.provide('pgliteTemplate', file);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
