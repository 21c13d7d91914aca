import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { codeParams, coverageSchema, periodQuery, trendQuery, trendSchema } from './schemas.js';
import { coverageReport, coverageTrend } from './service.js';

export function coverageRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const report = {
    tags: ['coverage'],
    summary: 'Coverage (UCJ) of a region and its children for a month; ID = national',
    description:
      'Active participants at the end of the month ÷ employed population × 100. `employedPopulation` and `coveragePct` are null where no ' +
      'denominator exists. The definition in force is returned with the figures.',
    params: codeParams,
    querystring: periodQuery,
    response: { 200: coverageSchema },
  };
  r.get(
    '/api/coverage/:code',
    { config: { access: access(report, 'coverage:read', { region: (v) => v.params.code }) }, schema: report },
    async (req) => coverageReport(db, req.params.code, req.query.period),
  );

  const trend = {
    tags: ['coverage'],
    summary: 'Monthly coverage of a region from `from` to `to` (default: the 12 months up to this one)',
    params: codeParams,
    querystring: trendQuery,
    response: { 200: trendSchema },
  };
  r.get(
    '/api/coverage/:code/trend',
    { config: { access: access(trend, 'coverage:read', { region: (v) => v.params.code }) }, schema: trend },
    async (req) => coverageTrend(db, req.params.code, req.query.from, req.query.to),
  );
}
