import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../../access/plugin.js';
import { access } from '../../../access/rules.js';
import type { Db } from '../../../db/client.js';
import { idParams } from '../../../lib/schemas.js';
import { programScope } from '../programs/queries.js';
import { programById } from '../programs/service.js';
import { budgetQuery, budgetView, earlyWarningQuery, earlyWarningView, planBody, planView } from './schemas.js';
import { budgetFigures, earlyWarning, planCoverage } from './service.js';
import { earlyWarningWorkbook } from './warning-export.js';

/** Planning: a programme's budget use, the lapses ahead, and what a coverage target costs. */
export function planningRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const budgetSchema = {
    tags: ['funding'],
    summary: 'Budget vs committed (billed + enrolled × monthly cost × months still to bill) vs billed vs paid, and quota use, for the fiscal year',
    params: idParams,
    querystring: budgetQuery,
    response: { 200: budgetView },
  };
  r.get(
    '/api/funding-programs/:id/budget',
    { config: { access: access(budgetSchema, 'funding:read', { entity: programScope, id: (v) => v.params.id }) }, schema: budgetSchema },
    async (req) => budgetFigures(db, await programById(db, req.params.id), req.query.asOf),
  );

  const warningSchema = {
    tags: ['funding'],
    summary: 'BPU enrolments that will lapse within `days` if their bills stay unpaid, per programme, in a region',
    querystring: earlyWarningQuery,
    response: { 200: earlyWarningView },
  };
  r.get('/api/early-warning', { config: { access: access(warningSchema, 'funding:read', { region: (v) => v.query.region }) }, schema: warningSchema }, async (req) =>
    earlyWarning(db, { region: req.query.region ?? userOf(req).regionCode, programId: req.query.programId, days: req.query.days, asOf: req.query.asOf }),
  );

  const warningXlsxSchema = { tags: ['funding'], summary: 'The early warning as an .xlsx workbook (NIK masked; audited as an export)', querystring: earlyWarningQuery };
  r.get(
    '/api/early-warning.xlsx',
    { config: { access: access(warningXlsxSchema, 'funding:read', { region: (v) => v.query.region }) }, schema: warningXlsxSchema },
    async (req, reply) => {
      const user = userOf(req);
      const region = req.query.region ?? user.regionCode;
      const w = await earlyWarning(db, { region, programId: req.query.programId, days: req.query.days, asOf: req.query.asOf, limit: 100_000 });
      const file = await earlyWarningWorkbook(db, user, region, w);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="akan-nonaktif-${region}-${w.asOf}.xlsx"`);
      return reply.send(file);
    },
  );

  const planSchema = {
    tags: ['funding'],
    summary: 'Planning: what it costs to reach X % coverage by month M in a region, by programme mix and payer split, beside the budgets (computes only; changes nothing)',
    body: planBody,
    response: { 200: planView },
  };
  r.post('/api/planning', { config: { access: access(planSchema, 'funding:read', { region: (v) => v.body.region }) }, schema: planSchema }, async (req) => planCoverage(db, req.body));
}
