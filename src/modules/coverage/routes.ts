import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { codeParams, coverageSchema, periodQuery, reconciliationSchema, trendQuery, trendSchema } from './schemas.js';
import { coverageReconciliation, coverageReport, coverageTrend } from './service.js';

export function coverageRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const report = {
    tags: ['coverage'],
    summary: 'Coverage (UCJ) of a region and its children for a month; ID = national',
    description:
      'Numerator (`activeParticipants`) ÷ employed population × 100. The numerator is BPJS TK’s official count where it exists — the ' +
      'region’s own, or the sum of its children’s when all reported (`numeratorSource: "official"`); the official sum of the children that ' +
      'reported when only some did (`"partial"`, with `officialReported`; nothing estimated); otherwise the registry’s count (`"registry"`). ' +
      '`registryParticipants` is always the registry’s count. Every child carries the same fields. `employedPopulation` and `coveragePct` ' +
      'are null where no denominator exists. The target is the period’s year’s, or the latest earlier one (`targetYear`). The definition in ' +
      'force and the numerator used are returned in words with the figures.',
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

  const reconciliation = {
    tags: ['coverage'],
    summary: 'Registry BPU funded by each child region’s programmes against BPJS TK’s official BPU, and regencies whose official data is missing or stale',
    description:
      'Per child region (and the region itself): registry BPU participants active at the end of the month funded by a programme of the region, ' +
      'of a region above it or inside it, beside the official BPU figure (same numerator rule as GET /api/coverage). `flagged` when the ' +
      'registry holds more than a complete official figure. `stale.regions`: regencies of the region whose latest official figure (own or a ' +
      'district’s) is more than `stale.afterMonths` months before the period, or that never reported.',
    params: codeParams,
    querystring: periodQuery,
    response: { 200: reconciliationSchema },
  };
  r.get(
    '/api/coverage/:code/reconciliation',
    { config: { access: access(reconciliation, 'coverage:read', { region: (v) => v.params.code }) }, schema: reconciliation },
    async (req) => coverageReconciliation(db, req.params.code, req.query.period),
  );
}
