import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { connectPostgres, type DbHandle, openPglite } from '../src/db/client.js';
import { withDatabase } from './global-setup.js';

/**
 * A fresh database for one test file, already migrated and holding all regions:
 * a PGlite restored from the run's dump, or a PostgreSQL database copied from the run's template.
 */
export async function createTestDb(): Promise<DbHandle & { drop(): Promise<void> }> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `semesta_t_${randomBytes(6).toString('hex')}`;
    const admin = connectPostgres(url);
    await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const h = connectPostgres(withDatabase(url, name));
    return {
      ...h,
      drop: async () => {
        await h.close();
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const h = await openPglite(undefined, dump);
  return { ...h, drop: () => h.close() };
}
