import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/**
 * One handle for both engines. `exec` runs a multi-statement SQL script (migrations), which
 * Kysely's prepared-statement path cannot do on PGlite.
 */
export interface DbHandle {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** the embedded engine itself, for dumping a template in tests */
  pglite?: PGlite;
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

// bigint (int8) and numeric come back as strings from both engines; counts are small enough for number.
pg.types.setTypeParser(20, (v) => Number(v));
// A calendar date stays the text it is ('1990-05-15'): no time zone can shift a birth date.
pg.types.setTypeParser(1082, (v) => v);

/** The PostgreSQL pool behind a Kysely handle, for COPY (which Kysely cannot speak). */
const pools = new WeakMap<Db, pg.Pool>();

/**
 * Streams rows in PostgreSQL's COPY text format (`copyText` escapes a field) into `statement`
 * (`COPY t (cols) FROM STDIN`), on its own pooled connection, one statement: all rows or none.
 * Returns false on the embedded engine, which has no COPY FROM STDIN; the caller inserts otherwise.
 */
export async function copyIn(db: Db, statement: string, chunks: Iterable<string>): Promise<boolean> {
  const pool = pools.get(db);
  if (!pool) return false;
  const conn = await pool.connect();
  try {
    const stream = conn.query(copyFrom(statement));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await new Promise<void>((resolve, reject) => stream.once('drain', resolve).once('error', reject));
    }
    stream.end();
    await done;
    return true;
  } finally {
    conn.release();
  }
}

/** A value as one field of a COPY text-format row: \N for null, backslash, tab and line breaks escaped. */
export function copyText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function connectPostgres(url: string): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it and the next query reports any lasting problem.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return {
    db,
    engine: 'postgres',
    exec: async (script) => {
      const conn = await pool.connect();
      try {
        await conn.query(script);
      } catch (err) {
        // A failed script may leave its BEGIN open; never hand an aborted connection back to the pool.
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    close: () => db.destroy(),
  };
}

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DbHandle> {
  let path: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    path = join(dataDir, 'pglite');
  }
  const client = await PGlite.create({
    dataDir: path,
    extensions: { pg_trgm },
    loadDataDir,
    parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    pglite: client,
    exec: async (script) => {
      try {
        await client.exec(script);
      } catch (err) {
        await client.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    close: () => db.destroy(),
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<DbHandle> {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
