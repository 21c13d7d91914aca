import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type DbHandle, openPglite } from '../src/db/client.js';
import { listMigrations, migrate, MigrationError } from '../src/db/migrate.js';
import { withDatabase } from './global-setup.js';

/**
 * The released migrations and their checksums (docs/decisions.md 37): an edit fails here, in CI, before
 * any database meets it. A new file joins the list when it is released.
 */
const RELEASED: Record<string, string> = {
  '0001_foundation.sql': 'ac3a060165ea02337a61859bacd5e26d31f0ab68dcf74536fe7f6506da229764',
  '0002_registry.sql': '0505480c6bbc5b7773a867e69c5c6df2cddebda7fa05af4d9330e7e89eba846e',
  '0003_imports.sql': '9118c4a2d1d8d22366dabebb199a1906c2d3fbae701fa7c70d42b747d8b9e2c5',
  '0004_registry_speed.sql': 'b8206909cf4b8a950a88d87e972b2d2107dd0d5309a054c145040ccb95346cd7',
  '0005_funding.sql': 'eafb7999532b3a0e120923c9481382b85433c8bfccd13f68710b1dfde0e768cf',
  '0006_coverage.sql': '19875abf4cd580f43a3177eea5a8cbfc720150e97eca873a63cb7602c7b131fc',
  '0007_compliance.sql': '89713821555fc6f9d10045ec4460c994f1c1dd5694cdaed7f1fbf5ae8608b39e',
  '0008_import_kinds.sql': '6879627d87c9ff8a8c27a53855f1257a7f8c8a7969b39c4d75c5757869de6f75',
};

describe('migrations', () => {
  it('released migrations are unchanged', () => {
    const files = new Map(listMigrations().map((m) => [m.name, m.checksum]));
    for (const [name, checksum] of Object.entries(RELEASED)) expect(files.get(name), `${name} was edited after its release`).toBe(checksum);
  });

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
      const rows = await a.db.selectFrom('schema_migration').select(['name', 'checksum']).orderBy('name').execute();
      expect(rows).toEqual(listMigrations().map((m) => ({ name: m.name, checksum: m.checksum })));
    } finally {
      await a.close();
      await b.close();
      await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.close();
    }
  });
});

// A scratch database on the project's engine, migrated from a copy of the files that a test may edit.
describe('migrations are history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semesta-migrations-'));
  const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(dir, file), 'utf8')).digest('hex');
  let h: DbHandle;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    cpSync(fileURLToPath(new URL('../src/db/migrations/', import.meta.url)), dir, { recursive: true });
    if (process.env.TEST_DB === 'postgres') {
      const url = process.env.TEST_DATABASE_URL!;
      const name = `semesta_mig_${randomBytes(4).toString('hex')}`;
      const admin = connectPostgres(url);
      await admin.exec(`CREATE DATABASE ${name}`);
      h = connectPostgres(withDatabase(url, name));
      drop = async () => {
        await h.close();
        await admin.exec(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.close();
      };
    } else {
      h = await openPglite();
      drop = () => h.close();
    }
    await migrate(h, dir);
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () => h.db.selectFrom('schema_migration').select(['name', 'checksum']).orderBy('name').execute();
  const refusal = () => migrate(h, dir).catch((err: unknown) => err);

  it("stores each file's sha256 when it applies it", async () => {
    expect(await stored()).toEqual(listMigrations(dir).map((m) => ({ name: m.name, checksum: sha256(m.name) })));
  });

  it('adopts rows applied before checksums were kept (no column, or NULL) once, from the file as it is now', async () => {
    await sql`ALTER TABLE schema_migration DROP COLUMN checksum`.execute(h.db);
    expect(await migrate(h, dir)).toEqual([]);
    expect(await stored()).toEqual(listMigrations(dir).map((m) => ({ name: m.name, checksum: sha256(m.name) })));

    await h.db.updateTable('schema_migration').set({ checksum: null }).where('name', '=', '0003_imports.sql').execute();
    expect(await migrate(h, dir)).toEqual([]);
    expect((await stored()).find((r) => r.name === '0003_imports.sql')?.checksum).toBe(sha256('0003_imports.sql'));
  });

  it('refuses a database whose applied migration was edited since, naming the file in both languages', async () => {
    const file = join(dir, '0003_imports.sql');
    const original = readFileSync(file, 'utf8');
    appendFileSync(file, '\n-- edited after release\n');
    try {
      const err = await refusal();
      expect(err).toBeInstanceOf(MigrationError);
      const message = (err as MigrationError).message;
      expect(message).toContain('0003_imports.sql: berkas ini diubah setelah dijalankan pada basis data ini (checksum berbeda)');
      expect(message).toContain('0003_imports.sql: the file was changed after it was applied to this database (checksum differs)');
      expect(message).toContain('Semesta tidak dijalankan');
      expect(message).toContain('Semesta will not start');
      // the stored checksum is the applied text's, not overwritten by the edit
      expect((await stored()).find((r) => r.name === '0003_imports.sql')?.checksum).not.toBe(sha256('0003_imports.sql'));
    } finally {
      writeFileSync(file, original);
    }
    expect(await migrate(h, dir)).toEqual([]);
  });

  it('refuses a database that applied a migration whose file is gone', async () => {
    const file = join(dir, '0008_import_kinds.sql');
    renameSync(file, `${file}.moved`);
    try {
      const err = await refusal();
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as MigrationError).message).toContain('0008_import_kinds.sql: recorded as applied to this database, but the file no longer exists');
      expect((err as MigrationError).message).toContain('0008_import_kinds.sql: tercatat sudah dijalankan pada basis data ini, tetapi berkasnya tidak ada lagi');
    } finally {
      renameSync(`${file}.moved`, file);
    }
  });

  it('applies a new file after the checked ones and records its checksum', async () => {
    const file = join(dir, '9999_later.sql');
    writeFileSync(file, 'CREATE TABLE later_change (id integer);\n');
    try {
      expect(await migrate(h, dir)).toEqual(['9999_later.sql']);
      expect((await stored()).at(-1)).toEqual({ name: '9999_later.sql', checksum: sha256('9999_later.sql') });
    } finally {
      rmSync(file);
    }
  });
});
