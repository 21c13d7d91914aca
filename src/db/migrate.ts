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

export async function migrate(h: DbHandle): Promise<string[]> {
  await h.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(h.db)).rows.map((r) => r.name),
  );
  const done: string[] = [];
  for (const m of listMigrations()) {
    if (applied.has(m.name)) continue;
    // The advisory lock keeps two app instances starting together on PostgreSQL from racing.
    await h.exec(`BEGIN;
      SELECT pg_advisory_xact_lock(7323001);
      ${m.sql}
      INSERT INTO schema_migration (name) VALUES ('${m.name.replace(/'/g, "''")}') ON CONFLICT DO NOTHING;
      COMMIT;`);
    done.push(m.name);
  }
  return done;
}
