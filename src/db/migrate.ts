import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DbHandle } from './client.js';

/** Plain SQL files, applied in name order, each once, each in its own transaction. */
// The build copies the .sql files beside the compiled module, so this resolves in src/ and dist/ alike.
const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(migrationsDir + name, 'utf8') }));
}

const ALREADY_APPLIED = 'semesta: migration already applied';
const LOCK = 7323001;

export async function migrate(h: DbHandle): Promise<string[]> {
  await h.exec(`BEGIN;
    SELECT pg_advisory_xact_lock(${LOCK});
    CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    COMMIT;`);
  const applied = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(h.db)).rows.map((r) => r.name),
  );
  const done: string[] = [];
  for (const m of listMigrations()) {
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
        INSERT INTO schema_migration (name) VALUES ('${name}');
        COMMIT;`);
      done.push(m.name);
    } catch (err) {
      if (!String((err as Error).message).includes(ALREADY_APPLIED)) throw err;
    }
  }
  return done;
}
