/**
 * Kill -9 trials (issue 12): an operation runs in a child process (child.ts) against a real database, is
 * killed with SIGKILL at a seeded random point, and the database is opened again with the app's own
 * start-up (prepareDatabase: migrations, interrupted-import recovery). Every trial must then find the data
 * exactly as before the operation or exactly as after it — never in between — and the user's retry must
 * bring it to exactly "after", with no second audit row.
 *
 * Each trial runs on its own copy of one prepared base database: a PostgreSQL database made from the base
 * as TEMPLATE, or a copy of a PGlite data directory on disk (the embedded engine then dies with the child,
 * so PGlite trials are database crashes too).
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { SessionUser } from '../../src/access/session-user.js';
import { loadConfig } from '../../src/config.js';
import { connectPostgres, type Db, type DbHandle, openPglite } from '../../src/db/client.js';
import type { Actor } from '../../src/db/tx.js';
import type { ImportKind } from '../../src/modules/imports/kind.js';
import { prepareDatabase } from '../../src/startup.js';
import { withDatabase } from '../global-setup.js';

export type CrashOp =
  | { kind: 'import'; importKind: ImportKind['key']; jobId: number; user: SessionUser }
  | { kind: 'billing'; programId: number; month: string; actor: Actor };

export interface CrashSpec {
  engine: 'postgres' | 'pglite';
  /** PostgreSQL URL, or the PGlite data directory */
  target: string;
  /** SIGKILL just before this SQL statement of the operation (1-based); none: run to the end */
  killAtQuery?: number;
  op: CrashOp;
}

interface Copy {
  target: string;
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
}

export interface CrashEngine {
  name: 'postgres' | 'pglite';
  /** a fresh copy of the base database */
  copy(): Promise<Copy>;
  dispose(): Promise<void>;
}

/** The base database: the run's migrated template with all regions, filled once by `setup`. */
export async function crashEngine(setup: (h: DbHandle) => Promise<void>): Promise<CrashEngine> {
  if (process.env.TEST_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const base = `semesta_crash_${randomBytes(5).toString('hex')}`;
    const admin = connectPostgres(url);
    await admin.exec(`CREATE DATABASE ${base} TEMPLATE ${inject('pgTemplate')}`);
    const h = connectPostgres(withDatabase(url, base));
    await setup(h);
    await h.close();
    const copies = new Set<string>();
    return {
      name: 'postgres',
      async copy() {
        const name = `${base}_${randomBytes(3).toString('hex')}`;
        await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${base}`);
        copies.add(name);
        const target = withDatabase(url, name);
        return {
          target,
          open: async () => connectPostgres(target),
          drop: async () => {
            await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            copies.delete(name);
          },
        };
      },
      async dispose() {
        for (const name of copies) await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.exec(`DROP DATABASE IF EXISTS ${base} WITH (FORCE)`);
        await admin.close();
        removeChildScript();
      },
    };
  }
  const root = mkdtempSync(join(tmpdir(), 'semesta-crash-'));
  const baseDir = join(root, 'base');
  const h = await openPglite(baseDir, new Blob([readFileSync(inject('pgliteTemplate'))]));
  await setup(h);
  await h.close();
  let n = 0;
  return {
    name: 'pglite',
    async copy() {
      const dir = join(root, `trial-${++n}`);
      cpSync(baseDir, dir, { recursive: true });
      return { target: dir, open: () => openPglite(dir), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    async dispose() {
      rmSync(root, { recursive: true, force: true });
      removeChildScript();
    },
  };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let bundled: string | undefined;

/**
 * child.ts bundled once per test process into one .mjs (in data/, beside node_modules for PGlite's files):
 * a child then starts in about a second instead of transforming the app's modules with tsx each time.
 */
function childScript(): string {
  if (bundled) return bundled;
  const out = join(ROOT, 'data', `crash-child-${process.pid}.mjs`);
  execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [
    join(ROOT, 'test/crash/child.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--external:@electric-sql/pglite',
    '--external:pg-native',
    `--outfile=${out}`,
    '--log-level=error',
    "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  ]);
  return (bundled = out);
}

/** Removes the bundled child (each engine's dispose calls it; a later trial set bundles again). */
function removeChildScript() {
  if (bundled) rmSync(bundled, { force: true });
  bundled = undefined;
}

interface ChildRun {
  /** the child finished the operation (printed DONE) */
  done?: { queries: number; ms: number };
  killed: boolean;
  stderr: string;
}

/** Runs the child; `killAfterMs` kills it from here that long after it printed READY. */
function runChild(spec: CrashSpec, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript()], { env: { ...process.env, CRASH_SPEC: JSON.stringify(spec) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== undefined && !timer && out.includes('READY\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const m = /DONE (.*)\n/.exec(out);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`crash child failed (${code ?? signal}): ${err}`));
      resolve({ done: m ? (JSON.parse(m[1]!) as ChildRun['done']) : undefined, killed: signal === 'SIGKILL', stderr: err });
    });
  });
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as unknown as FastifyBaseLogger;

/** "Restarts the server" on a copy: opens it and runs the app's start-up (no demo). */
async function restart(copy: Copy): Promise<DbHandle> {
  const h = await copy.open();
  await prepareDatabase(h, { ...loadConfig({}), demo: false }, quiet);
  return h;
}

/**
 * Everything an import commit or a billing run changes, without generated ids (a killed transaction
 * still uses up sequence values, so a retry's ids differ from an uninterrupted run's).
 */
export async function snapshot(db: Db) {
  const one = async (q: ReturnType<typeof sql>) => (await q.execute(db)).rows;
  return {
    people: await one(sql`SELECT count(*)::int AS n FROM person`),
    enrolments: await one(sql`SELECT status, segment, count(*)::int AS n FROM enrolment GROUP BY 1, 2 ORDER BY 1, 2`),
    statusHistory: await one(sql`SELECT status, reason, count(*)::int AS n FROM enrolment_status_history GROUP BY 1, 2 ORDER BY 1, 2`),
    bills: await one(sql`SELECT funding_program_id AS program, month::text, worker_count, amount, paid_amount, paid_lines FROM bill ORDER BY 1, 2`),
    billLines: await one(sql`SELECT count(*)::int AS n, coalesce(sum(amount), 0)::bigint AS s FROM bill_line`),
    allocations: await one(sql`SELECT count(*)::int AS n, coalesce(sum(amount), 0)::bigint AS s, coalesce(sum(lines), 0)::bigint AS lines FROM payment_allocation`),
    credit: await one(sql`
      SELECT f.id AS program,
        coalesce((SELECT sum(amount) FROM payment p WHERE p.funding_program_id = f.id), 0)::bigint
          - coalesce((SELECT sum(paid_amount) FROM bill b WHERE b.funding_program_id = f.id), 0)::bigint AS credit
      FROM funding_program f ORDER BY 1`),
    importJobs: await one(sql`SELECT kind, status, counts -> 'committed' AS committed, error ->> 'code' AS error FROM import_job ORDER BY id`),
    audit: await one(sql`SELECT action, entity_type, region_code, after::text AS after FROM audit_log WHERE action NOT IN ('login', 'logout') ORDER BY id`),
  };
}
export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** A small seeded generator (mulberry32): the same seed gives the same kill points. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrialOutcome {
  trial: number;
  how: string;
  found: 'before' | 'after';
  /** wall time of the trial: copy, child, restart, checks, retry */
  ms: number;
}

export interface TrialReport {
  seed: number;
  engine: string;
  statements: number;
  operationMs: number;
  trials: TrialOutcome[];
  before: Snapshot;
  after: Snapshot;
}

/** The seed: CRASH_SEED to reproduce a failure, else a new one (printed in every failure message). */
export const crashSeed = () => (process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31));

/**
 * One reference run (uninterrupted: gives "after" and the operation's statement count and duration),
 * then `trials` killed runs: two in three at a random statement, one in three by a timer from this
 * process at a random moment of the operation. After each, the start-up runs, the state must be "before"
 * (`isBefore`, by default: equal to it) or "after", and `retry` (what a user does next) must end at "after".
 */
export async function runTrials(o: {
  engine: CrashEngine;
  seed: number;
  trials: number;
  op: CrashOp;
  retry: (db: Db, found: 'before' | 'after') => Promise<void>;
  /** the states that count as "before"; by default exactly the snapshot before the operation */
  isBefore?: (s: Snapshot, before: Snapshot) => boolean;
}): Promise<TrialReport> {
  const spec = (target: string, killAtQuery?: number): CrashSpec => ({ engine: o.engine.name, target, killAtQuery, op: o.op });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const ref = await o.engine.copy();
  let before: Snapshot;
  {
    const h = await restart(ref);
    before = await snapshot(h.db);
    await h.close();
  }
  const run = await runChild(spec(ref.target));
  if (!run.done) throw new Error(`the reference run did not finish: ${run.stderr}`);
  let after: Snapshot;
  {
    const h = await restart(ref);
    after = await snapshot(h.db);
    await h.close();
  }
  await ref.drop();
  if (same(before, after)) throw new Error('the operation changed nothing: the trials would prove nothing');
  const isBefore = o.isBefore ?? ((s, b) => same(s, b));
  const rnd = seeded(o.seed);
  const trials: TrialOutcome[] = [];
  for (let i = 0; i < o.trials; i++) {
    const byStatement = i % 3 !== 2;
    const point = byStatement ? 1 + Math.floor(rnd() * run.done.queries) : Math.round(rnd() * run.done.ms * 1.3);
    const how = byStatement ? `SIGKILL before statement ${point} of ${run.done.queries}` : `SIGKILL by timer ${point} ms after start (run takes ${Math.round(run.done.ms)} ms)`;
    const where = `seed ${o.seed} (CRASH_SEED=${o.seed}), ${o.engine.name}, trial ${i + 1}: ${how}`;
    const t0 = performance.now();
    const copy = await o.engine.copy();
    try {
      const r = await runChild(spec(copy.target, byStatement ? point : undefined), byStatement ? undefined : point);
      const h = await restart(copy);
      try {
        const s = await snapshot(h.db);
        const found = same(s, after) ? 'after' : isBefore(s, before) ? 'before' : undefined;
        if (!found) throw new Error(`${where}: the data is neither as before nor as after the operation.\nfound:  ${JSON.stringify(s)}\nbefore: ${JSON.stringify(before)}\nafter:  ${JSON.stringify(after)}`);
        await o.retry(h.db, found);
        const retried = await snapshot(h.db);
        if (!same(retried, after)) throw new Error(`${where}: found "${found}", but the retry did not end exactly as after.\nfound:  ${JSON.stringify(retried)}\nafter:  ${JSON.stringify(after)}`);
        trials.push({ trial: i + 1, how: r.killed ? how : `${how} — finished before the kill`, found, ms: Math.round(performance.now() - t0) });
      } finally {
        await h.close();
      }
    } finally {
      await copy.drop();
    }
  }
  return { seed: o.seed, engine: o.engine.name, statements: run.done.queries, operationMs: run.done.ms, trials, before, after };
}
