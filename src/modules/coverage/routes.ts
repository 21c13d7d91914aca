import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { compact } from './queries.js';
import { codeParams, coverageSchema, periodQuery, trendQuery, trendSchema } from './schemas.js';
import { coverageReport, coverageTrend } from './service.js';

/** How often pending rollup events are folded into coverage_rollup (reads are fresh either way). */
const COMPACT_EVERY_MS = 5_000;

const byCode = (req: { params: unknown }) => (req.params as { code?: string }).code;

export function coverageRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/coverage/:code',
    {
      config: { access: { permission: 'coverage:read', region: byCode } },
      schema: {
        tags: ['coverage'],
        summary: 'Coverage (UCJ) of a region and its children for a month; ID = national',
        description:
          'Active participants at the end of the month ÷ employed population × 100. `employedPopulation` and `coveragePct` are null where no ' +
          'denominator exists. The definition in force is returned with the figures.',
        params: codeParams,
        querystring: periodQuery,
        response: { 200: coverageSchema },
      },
    },
    async (req) => coverageReport(db, req.params.code, req.query.period),
  );

  r.get(
    '/api/coverage/:code/trend',
    {
      config: { access: { permission: 'coverage:read', region: byCode } },
      schema: {
        tags: ['coverage'],
        summary: 'Monthly coverage of a region from `from` to `to` (default: the 12 months up to this one)',
        params: codeParams,
        querystring: trendQuery,
        response: { 200: trendSchema },
      },
    },
    async (req) => coverageTrend(db, req.params.code, req.query.from, req.query.to),
  );

  startCompaction(app, db);
}

/** Folds pending events into the rollups in the background; one at a time, finished before close. */
function startCompaction(app: FastifyInstance, db: Db) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = compact(db)
      .catch((err: unknown) => app.log.warn({ err }, 'coverage compaction failed'))
      .finally(() => (running = undefined));
  }, COMPACT_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
