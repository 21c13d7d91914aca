import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bilingual } from '../lib/errors.js';
import type { Db, DbHandle } from './client.js';

/**
 * Plain SQL files, applied in name order, each once, each in its own transaction. A released file is
 * never edited (docs/decisions.md): its checksum is stored when applied and checked on every start.
 */
// The build copies the .sql files beside the compiled module, so this resolves in src/ and dist/ alike.
const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  /** sha256 of the text, line endings normalised: a checkout with CRLF is the same file */
  checksum: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex') };
    });
}

/** The database and the migration files disagree; start-up stops (server.ts prints only the message). */
export class MigrationError extends Error {
  constructor(public readonly problems: { file: string; text: Bilingual }[]) {
    super(
      [
        'Basis data ini tidak cocok dengan berkas migrasinya; Semesta tidak dijalankan.',
        ...problems.map((p) => `  - ${p.file}: ${p.text.id}`),
        'Migrasi yang sudah dirilis tidak pernah diubah: kembalikan berkasnya dan tulis perubahan sebagai migrasi baru.',
        'This database does not match its migration files; Semesta will not start.',
        ...problems.map((p) => `  - ${p.file}: ${p.text.en}`),
        'A released migration is never edited: restore the file and write the change as a new migration.',
      ].join('\n'),
    );
  }
}

const CHANGED: Bilingual = {
  id: 'berkas ini diubah setelah dijalankan pada basis data ini (checksum berbeda)',
  en: 'the file was changed after it was applied to this database (checksum differs)',
};
const MISSING: Bilingual = {
  id: 'tercatat sudah dijalankan pada basis data ini, tetapi berkasnya tidak ada lagi',
  en: 'recorded as applied to this database, but the file no longer exists',
};

const ALREADY_APPLIED = 'semesta: migration already applied';
const LOCK = 7323001;

export async function migrate(h: DbHandle, dir = migrationsDir): Promise<string[]> {
  await h.exec(`BEGIN;
    SELECT pg_advisory_xact_lock(${LOCK});
    CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    ALTER TABLE schema_migration ADD COLUMN IF NOT EXISTS checksum text;
    COMMIT;`);
  const files = listMigrations(dir);
  const applied = await verifyApplied(h.db, files);
  const done: string[] = [];
  for (const m of files) {
    if (applied.has(m.name)) continue;
    const name = m.name.replace(/'/g, "''");
    // Two instances starting together: the advisory lock serialises them, and the second one, finding
    // the migration applied once it holds the lock, stops that script with ALREADY_APPLIED.
    try {
      await h.exec(`BEGIN;
        SELECT pg_advisory_xact_lock(${LOCK});
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM schema_migration WHERE name = '${name}') THEN RAISE EXCEPTION '${ALREADY_APPLIED}'; END IF;
        END $$;
        ${m.sql}
        INSERT INTO schema_migration (name, checksum) VALUES ('${name}', '${m.checksum}');
        COMMIT;`);
      done.push(m.name);
    } catch (err) {
      if (!String((err as Error).message).includes(ALREADY_APPLIED)) throw err;
    }
  }
  return done;
}

/**
 * Every applied migration must still be its file, unchanged. A row from before checksums were kept
 * (NULL) is adopted once with the file's current checksum: what it ran then cannot be known.
 */
async function verifyApplied(db: Db, files: Migration[]): Promise<Set<string>> {
  const byName = new Map(files.map((m) => [m.name, m]));
  const rows = await db.selectFrom('schema_migration').select(['name', 'checksum']).orderBy('name').execute();
  const problems: { file: string; text: Bilingual }[] = [];
  for (const row of rows) {
    const file = byName.get(row.name);
    if (!file) problems.push({ file: row.name, text: MISSING });
    else if (row.checksum === null) {
      await db.updateTable('schema_migration').set({ checksum: file.checksum }).where('name', '=', row.name).where('checksum', 'is', null).execute();
    } else if (row.checksum !== file.checksum) problems.push({ file: row.name, text: CHANGED });
  }
  if (problems.length) throw new MigrationError(problems);
  return new Set(rows.map((r) => r.name));
}
