import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/client.js';
import { compact } from './modules/coverage/queries.js';
import { IMPORT_KINDS } from './import-kinds.js';
import { sweepLapses } from './modules/funding/payments/lapse-sweep.js';
import { cleanUpImports } from './modules/imports/cleanup.js';
import { compactPersonCounts } from './modules/workers/queries.js';
import { endExpiredEngagements } from './modules/projects/service.js';

/**
 * Every background job the server runs, in one place. `server.ts` starts them after it listens;
 * tests and CLIs never do (they call the job functions directly when they need them).
 */
interface Job {
  name: string;
  /** first run this long after start, then this long after the previous run ended */
  firstAfterMs: number;
  everyMs: number;
  run(db: Db, log: FastifyBaseLogger): Promise<unknown>;
}

const COMPACT_EVERY_MS = 5_000;

export const JOBS: Job[] = [
  // Folds pending coverage events into the rollups (reads add both, so this only keeps reads cheap).
  { name: 'coverage compaction', firstAfterMs: COMPACT_EVERY_MS, everyMs: COMPACT_EVERY_MS, run: (db) => compact(db) },
  // Folds the registry's pending per-region people counts (list totals add both, so this only keeps them cheap).
  { name: 'registry count compaction', firstAfterMs: COMPACT_EVERY_MS, everyMs: COMPACT_EVERY_MS, run: (db) => compactPersonCounts(db) },
  // Lapses caused only by time passing (a due date goes by with no bill or payment). Runs soon after
  // start, so an enrolment past its lapse date is lapsed rather than listed as "akan nonaktif".
  {
    name: 'lapse sweep',
    firstAfterMs: 20_000,
    everyMs: 6 * 3600_000,
    run: async (db, log) => {
      const r = await sweepLapses(db);
      if (r.lapsed + r.reactivated > 0) log.info(r, 'lapse sweep');
    },
  },
  // Projects and election cohorts whose end date has passed (WIB) end with their enrolments, in one audited statement (issue 18).
  {
    name: 'project and cohort ending',
    firstAfterMs: 30_000,
    everyMs: 3600_000,
    run: async (db, log) => {
      const ended = await endExpiredEngagements(db, { id: null, username: 'system:ending' });
      if (ended.length > 0) log.info({ ended: ended.length, enrolments: ended.reduce((s, e) => s + e.enrolments, 0) }, 'project and cohort ending');
    },
  },
  // Files and staged rows of finished imports (after a day) and abandoned ones (after 7 days); the job rows stay.
  {
    name: 'import clean-up',
    firstAfterMs: 10 * 60_000,
    everyMs: 3600_000,
    run: async (db, log) => {
      const r = await cleanUpImports(db, IMPORT_KINDS);
      if (r.cleaned + r.abandoned > 0) log.info(r, 'import clean-up');
    },
  },
];

/** Starts every job; the returned stop() cancels the timers and waits for runs in progress. */
export function startJobs(db: Db, log: FastifyBaseLogger, jobs: Job[] = JOBS): { stop(): Promise<void> } {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      const p = job
        .run(db, log)
        .catch((err: unknown) => log.error({ err }, `${job.name} failed`))
        .finally(() => {
          running.delete(p);
          if (!stopped) schedule(job.everyMs);
        });
      running.add(p);
    };
    const schedule = (ms: number) => {
      const t = setTimeout(tick, ms);
      t.unref();
      timers.set(job.name, t);
    };
    schedule(job.firstAfterMs);
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.all(running);
    },
  };
}
