import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { idParams } from '../../lib/schemas.js';
import { receiveImportFile } from '../imports/upload-file.js';
import { uploadedSchema } from '../imports/schemas.js';
import { startImport } from '../imports/service.js';
import { cohortWorkerImport } from './cohort-import.js';
import { cohortScope, projectScope } from './queries.js';
import {
  addedWorkerSchema,
  cohortDetailSchema,
  cohortExtensionBody,
  cohortList,
  createdCohortSchema,
  createdProjectSchema,
  engagedWorkerList,
  extensionResult,
  newCohortBody,
  newProjectBody,
  projectDetailSchema,
  projectExtensionBody,
  projectList,
  projectPaymentBody,
  projectPaymentResult,
  projectWorkerBody,
  regionListQuery,
  workerListQuery,
} from './schemas.js';
import {
  addProjectWorker,
  createCohort,
  createProject,
  extendCohort,
  extendProject,
  getCohort,
  getProject,
  listCohorts,
  listEngaged,
  listProjects,
  recordProjectPayment,
} from './service.js';

/** Construction projects (Jakon) and election ad hoc cohorts: protection with an end date (issue 18). */
export function projectRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];

  const createSchema = {
    tags,
    summary: 'Register a construction project (Jakon): contribution once per project, registration due 14 working days after the SPK',
    description: 'A village outside your region → 403; end before start → 422 END_BEFORE_START. The contribution is billed once to the funding programme.',
    body: newProjectBody,
    response: { 201: createdProjectSchema },
  };
  r.post('/api/projects', { config: { access: access(createSchema, 'project:write', { region: (v) => v.body.villageCode }) }, schema: createSchema }, async (req, reply) =>
    reply.code(201).send(await createProject(db, userOf(req), req.body)),
  );

  const listSchema = { tags, summary: 'Projects in a region (yours when absent) with status, cost, flags and who is covered today', querystring: regionListQuery, response: { 200: projectList } };
  r.get('/api/projects', { config: { access: access(listSchema, 'project:read', { region: (v) => v.query.region }) }, schema: listSchema }, async (req) => {
    const { region, page, pageSize } = req.query;
    return listProjects(db, region ?? userOf(req).regionCode, page, pageSize);
  });

  const oneSchema = { tags, summary: 'One project with its bills and payments', params: idParams, response: { 200: projectDetailSchema } };
  r.get('/api/projects/:id', { config: { access: access(oneSchema, 'project:read', { entity: projectScope, id: (v) => v.params.id }) }, schema: oneSchema }, async (req) =>
    getProject(db, req.params.id),
  );

  const addWorkerSchema = {
    tags,
    summary: 'List a worker on the project (by name by address): Jakon JKK + JKM from the start, or from today when added later, to the end date',
    description: 'The worker as for POST /api/workers without `enrolment`. Same NIK rules; 409 DOUBLE_FUNDED when JKK/JKM are already funded; 409 PERIOD_ENDED after the end.',
    params: idParams,
    body: projectWorkerBody,
    response: { 201: addedWorkerSchema },
  };
  r.post(
    '/api/projects/:id/workers',
    { config: { access: access(addWorkerSchema, 'worker:write', { entity: projectScope, id: (v) => v.params.id, region: (v) => v.body.villageCode }) }, schema: addWorkerSchema },
    async (req, reply) => reply.code(201).send(await addProjectWorker(db, userOf(req), req.params.id, req.body)),
  );

  const workersSchema = { tags, summary: "The project's workers (NIK masked), by enrolment", params: idParams, querystring: workerListQuery, response: { 200: engagedWorkerList } };
  r.get(
    '/api/projects/:id/workers',
    { config: { access: access(workersSchema, 'worker:read', { entity: projectScope, id: (v) => v.params.id }) }, schema: workersSchema },
    async (req) => listEngaged(db, { projectId: req.params.id }, req.query.page, req.query.pageSize),
  );

  const paySchema = { tags, summary: "Record a payment of the project's bill(s): applied to the oldest unpaid bill first (audited)", params: idParams, body: projectPaymentBody, response: { 201: projectPaymentResult } };
  r.post('/api/projects/:id/payments', { config: { access: access(paySchema, 'payment:write', { entity: projectScope, id: (v) => v.params.id }) }, schema: paySchema }, async (req, reply) =>
    reply.code(201).send(await recordProjectPayment(db, userOf(req), req.params.id, req.body)),
  );

  const extendSchema = {
    tags,
    summary: 'Extend a project (addendum): the end date moves with its enrolments; the contribution at the new value or wages is billed as the difference',
    params: idParams,
    body: projectExtensionBody,
    response: { 200: extensionResult },
  };
  r.post('/api/projects/:id/extension', { config: { access: access(extendSchema, 'project:write', { entity: projectScope, id: (v) => v.params.id }) }, schema: extendSchema }, async (req) =>
    extendProject(db, userOf(req), req.params.id, req.body),
  );

  // ---- election ad hoc cohorts

  const cohortSchema = {
    tags,
    summary: 'Register an election ad hoc cohort (KPU or Bawaslu of a region) for a fixed period, paid by a BPU programme',
    body: newCohortBody,
    response: { 201: createdCohortSchema },
  };
  r.post('/api/cohorts', { config: { access: access(cohortSchema, 'project:write', { region: (v) => v.body.regionCode }) }, schema: cohortSchema }, async (req, reply) =>
    reply.code(201).send(await createCohort(db, userOf(req), req.body)),
  );

  const cohortsSchema = { tags, summary: 'Ad hoc cohorts in a region (yours when absent) with status, cost and who is covered today', querystring: regionListQuery, response: { 200: cohortList } };
  r.get('/api/cohorts', { config: { access: access(cohortsSchema, 'project:read', { region: (v) => v.query.region }) }, schema: cohortsSchema }, async (req) => {
    const { region, page, pageSize } = req.query;
    return listCohorts(db, region ?? userOf(req).regionCode, page, pageSize);
  });

  const cohortOne = { tags, summary: "One cohort with its programme's monthly bills for its workers", params: idParams, response: { 200: cohortDetailSchema } };
  r.get('/api/cohorts/:id', { config: { access: access(cohortOne, 'project:read', { entity: cohortScope, id: (v) => v.params.id }) }, schema: cohortOne }, async (req) =>
    getCohort(db, req.params.id),
  );

  const importSchema = {
    tags,
    summary: 'Upload the cohort\'s workers (.xlsx or .csv, multipart field "file"): worker columns plus Jabatan and TPS, through the shared import machinery',
    description: 'Then GET /api/cohort-imports/{id} for the preview, POST /api/cohort-imports/{id}/commit to enrol them, GET /api/cohort-imports/{id}/report.xlsx for the rows refused.',
    consumes: ['multipart/form-data'],
    params: idParams,
    response: { 202: uploadedSchema },
  };
  r.post(
    '/api/cohorts/:id/imports',
    { config: { access: access(importSchema, 'worker:write', { entity: cohortScope, id: (v) => v.params.id }) }, schema: importSchema },
    async (req, reply) => {
      const file = await receiveImportFile(req, config);
      const job = await startImport(db, userOf(req), cohortWorkerImport, file, req.params.id);
      return reply.code(202).send({ id: job.id });
    },
  );

  const cohortWorkers = { tags, summary: "The cohort's workers with role and polling station (NIK masked)", params: idParams, querystring: workerListQuery, response: { 200: engagedWorkerList } };
  r.get(
    '/api/cohorts/:id/workers',
    { config: { access: access(cohortWorkers, 'worker:read', { entity: cohortScope, id: (v) => v.params.id }) }, schema: cohortWorkers },
    async (req) => listEngaged(db, { cohortId: req.params.id }, req.query.page, req.query.pageSize),
  );

  const cohortExtend = { tags, summary: "Extend a cohort's period: the end date moves with its enrolments; monthly runs bill the added months", params: idParams, body: cohortExtensionBody, response: { 200: extensionResult } };
  r.post('/api/cohorts/:id/extension', { config: { access: access(cohortExtend, 'project:write', { entity: cohortScope, id: (v) => v.params.id }) }, schema: cohortExtend }, async (req) =>
    extendCohort(db, userOf(req), req.params.id, req.body.endDate),
  );
}
