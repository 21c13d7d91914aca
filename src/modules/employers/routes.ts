import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { idParams } from '../../lib/schemas.js';
import { exportEmployers } from './export.js';
import { employerScope, employerSummary, listEmployers, listUmk } from './queries.js';
import {
  employerBody,
  employerFilterQuery,
  employerListQuery,
  employerPageSchema,
  employerPatchBody,
  employerSchema,
  employerSummarySchema,
  regionQuery,
  umkBody,
  umkListSchema,
  umkParams,
  umkSavedSchema,
} from './schemas.js';
import { createEmployer, employerView, presentEmployer, setUmk, updateEmployer } from './service.js';

export function employerRoutes(app: FastifyInstance, { db }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const list = {
    tags: ['compliance'],
    summary: 'Employers in a region with their compliance findings (compliant, PWBD, PDS_TK, PDS_UPAH, PDS_PROGRAM)',
    querystring: employerListQuery,
    response: { 200: employerPageSchema },
  };
  r.get('/api/employers', { config: { access: access(list, 'employer:read', { region: (v) => v.query.region }) }, schema: list }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    const { items, total } = await listEmployers(db, { ...f, region: f.region ?? userOf(req).regionCode }, page, pageSize);
    return { items: items.map(presentEmployer), total, page, pageSize };
  });

  const summary = {
    tags: ['compliance'],
    summary: 'Employer counts per compliance status in a region (for the region dashboard)',
    querystring: regionQuery,
    response: { 200: employerSummarySchema },
  };
  r.get('/api/employers/summary', { config: { access: access(summary, 'employer:read', { region: (v) => v.query.region }) }, schema: summary }, async (req) =>
    employerSummary(db, req.query.region ?? userOf(req).regionCode),
  );

  const exported = { tags: ['compliance'], summary: 'The same employer list with its evidence and findings as an Excel workbook', querystring: employerFilterQuery };
  r.get('/api/employers/export.xlsx', { config: { access: access(exported, 'employer:read', { region: (v) => v.query.region }) }, schema: exported }, async (req, reply) => {
    const filter = { ...req.query, region: req.query.region ?? userOf(req).regionCode };
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="kepatuhan-${filter.region}${filter.status ? `-${filter.status}` : ''}.xlsx"`);
    return reply.send(await exportEmployers(db, filter));
  });

  const one = { tags: ['compliance'], summary: 'One employer with its findings', params: idParams, response: { 200: employerSchema } };
  r.get('/api/employers/:id', { config: { access: access(one, 'employer:read', { entity: employerScope, id: (v) => v.params.id }) }, schema: one }, async (req) =>
    employerView(db, req.params.id),
  );

  const create = { tags: ['compliance'], summary: 'Register an employer (audited); its findings are computed at once', body: employerBody, response: { 201: employerSchema } };
  r.post('/api/employers', { config: { access: access(create, 'employer:write', { region: (v) => v.body.villageCode }) }, schema: create }, async (req, reply) =>
    reply.code(201).send(await createEmployer(db, userOf(req), { ...req.body, nib: req.body.nib || null })),
  );

  const update = { tags: ['compliance'], summary: 'Correct an employer (audited with before and after)', params: idParams, body: employerPatchBody, response: { 200: employerSchema } };
  r.patch(
    '/api/employers/:id',
    { config: { access: access(update, 'employer:write', { region: (v) => v.body.villageCode, entity: employerScope, id: (v) => v.params.id }) }, schema: update },
    async (req) => updateEmployer(db, userOf(req), req.params.id, { ...req.body, ...(req.body.nib !== undefined && { nib: req.body.nib || null }) }),
  );

  const umk = { tags: ['compliance'], summary: 'Regional minimum wages (UMK) per regency and year', querystring: regionQuery, response: { 200: umkListSchema } };
  r.get('/api/umk', { config: { access: access(umk, 'employer:read', { region: (v) => v.query.region }) }, schema: umk }, async (req) => ({
    items: await listUmk(db, req.query.region ?? userOf(req).regionCode),
  }));

  const setOne = {
    tags: ['compliance'],
    summary: 'Set one UMK (audited); the employers of that regency are re-assessed',
    params: umkParams,
    body: umkBody,
    response: { 200: umkSavedSchema },
  };
  r.put('/api/umk/:regencyCode/:year', { config: { access: access(setOne, 'umk:write', { region: (v) => v.params.regencyCode }) }, schema: setOne }, async (req) =>
    setUmk(db, userOf(req), [{ ...req.params, ...req.body }]),
  );
}
