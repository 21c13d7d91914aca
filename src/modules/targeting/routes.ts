import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { can } from '../../domain/roles.js';
import { idParams } from '../../lib/schemas.js';
import { candidateScope, targetingJobScope } from './queries.js';
import {
  dtsenCoverageSchema,
  enrolBody,
  enrolStartedSchema,
  filterQuery,
  jobParams,
  listQuery,
  regionParams,
  revealedCandidateNikSchema,
  targetingJobSchema,
  targetingListSchema,
} from './schemas.js';
import { dtsenCoverage, exportCandidates, getTargetingJob, revealCandidateNik, startEnrolment, targetingList } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** DTSEN targeting (issue 16): the priority list, its export, bulk enrolment and the coverage figure. */
export function targetingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['targeting'];

  const list = {
    tags,
    summary: 'The DTSEN priority list of a region: candidates not covered, by decile then village, with counts and cost',
    description:
      'Filters: deciles (default 1–4), age reached this year (default 15–64), fundedElsewhere (exclude|include|only). Counts per decile and ' +
      'per child region come from dtsen_count (a sum over a few hundred rows); the page is one index range per decile. ' +
      'costPerMonth/costPerYear: the open candidates under the standard BPU package (JKK + JKM, minimum declared income) priced by the contribution engine. ' +
      'NIKs are always masked here; the full NIK through GET /api/targeting/candidates/{id}/nik (worker:nik, audited).',
    params: regionParams,
    querystring: listQuery,
    response: { 200: targetingListSchema },
  };
  r.get(
    '/api/targeting/:regionCode',
    { config: { access: access(list, 'dtsen:read', { region: (v) => v.params.regionCode }) }, schema: list },
    async (req) => targetingList(db, req.params.regionCode, req.query),
  );

  const exportSchema = {
    tags,
    summary: 'The priority list as .xlsx (all pages), audited; full NIKs only for roles with worker:nik',
    params: regionParams,
    querystring: filterQuery,
  };
  r.get(
    '/api/targeting/:regionCode/export.xlsx',
    { config: { access: access(exportSchema, 'dtsen:read', { region: (v) => v.params.regionCode }) }, schema: exportSchema },
    async (req, reply) => {
      const user = userOf(req);
      const stream = await exportCandidates(db, user, req.params.regionCode, req.query, can(user.role, 'worker:nik'));
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="dtsen-${req.params.regionCode}.xlsx"`);
      return reply.send(stream);
    },
  );

  const coverage = {
    tags,
    summary: 'DTSEN deciles 1–4 of a region: covered, not covered, and the cost to close the gap (counts only, no personal data)',
    params: regionParams,
    response: { 200: dtsenCoverageSchema },
  };
  r.get(
    '/api/targeting/:regionCode/coverage',
    { config: { access: access(coverage, 'coverage:read', { region: (v) => v.params.regionCode }) }, schema: coverage },
    async (req) => dtsenCoverage(db, req.params.regionCode),
  );

  const enrol = {
    tags,
    summary: 'Enrol the listed (or the chosen) candidates into a funding programme, as one atomic audited job',
    description:
      'Without candidateIds: everyone the filter lists (deciles default 1–4, ages 15–64, not funded elsewhere). The programme must be active, BPU, ' +
      'and pay for the region. Answers 409 FUNDING_CAPACITY_EXCEEDED with the overrun unless confirmOverCapacity is sent by a role with funding:override. ' +
      'Each enrolment: status submitted, the programme as payer, source "DTSEN <year>". Poll GET /api/targeting/jobs/{jobId}.',
    params: regionParams,
    body: enrolBody,
    response: { 202: enrolStartedSchema },
  };
  r.post(
    '/api/targeting/:regionCode/enrol',
    { config: { access: access(enrol, 'dtsen:write', { region: (v) => v.params.regionCode }) }, schema: enrol },
    async (req, reply) => reply.code(202).send(await startEnrolment(db, userOf(req), req.params.regionCode, req.body)),
  );

  const job = { tags, summary: 'A bulk enrolment: status, progress (0..1), enrolled and skipped candidates with reasons', params: jobParams, response: { 200: targetingJobSchema } };
  r.get(
    '/api/targeting/jobs/:jobId',
    { config: { access: access(job, 'dtsen:read', { entity: targetingJobScope, id: (v) => v.params.jobId }) }, schema: job },
    async (req) => getTargetingJob(db, req.params.jobId),
  );

  const nik = { tags, summary: 'Reveal one candidate’s full NIK (worker:nik; audited as view_nik)', params: idParams, response: { 200: revealedCandidateNikSchema } };
  r.get(
    '/api/targeting/candidates/:id/nik',
    { config: { access: access(nik, 'dtsen:read', { entity: candidateScope, id: (v) => v.params.id }) }, schema: nik },
    async (req) => revealCandidateNik(db, userOf(req), req.params.id),
  );
}
