import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectPostgres, openPglite } from '../src/db/client.js';
import { listMigrations, migrate } from '../src/db/migrate.js';
import { withDatabase } from './global-setup.js';

describe('migrations', () => {
  it('apply once, and a second run applies nothing', async () => {
    const h = await openPglite();
    try {
      expect(await migrate(h)).toEqual(listMigrations().map((m) => m.name));
      expect(await migrate(h)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it.runIf(process.env.TEST_DB === 'postgres')('two instances starting together apply each migration exactly once', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `semesta_mig_${randomBytes(4).toString('hex')}`;
    const admin = connectPostgres(url);
    await admin.exec(`CREATE DATABASE ${name}`);
    const a = connectPostgres(withDatabase(url, name));
    const b = connectPostgres(withDatabase(url, name));
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra, ...rb].sort()).toEqual(listMigrations().map((m) => m.name));
    } finally {
      await a.close();
      await b.close();
      await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.close();
    }
  });
});
