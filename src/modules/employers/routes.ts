import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { idParams } from '../../lib/schemas.js';
import { type UploadSpec, withUpload } from '../../lib/upload.js';
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
import { createEmployer, employerView, presentEmployer, rejectUmkFile, setUmk, updateEmployer } from './service.js';
import { readUmkFile } from './umk-file.js';

/** The UMK file: .xlsx or .csv, at most 2 MB. */
const UMK_FILE: UploadSpec<'xlsx' | 'csv'> = {
  extensions: ['xlsx', 'csv'],
  maxBytes: 2 * 1024 * 1024,
  wrongType: { code: 'UMK_FILE_TYPE', text: { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' } },
  tooLarge: { code: 'UMK_FILE_TOO_LARGE', text: { id: 'Berkas UMK melebihi 2 MB.', en: 'The UMK file exceeds 2 MB.' } },
};

export function employerRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
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

  const importUmk = {
    tags: ['compliance'],
    summary: 'Import UMK from .xlsx/.csv (columns Kode Wilayah, Tahun, UMK); all rows or none',
    consumes: ['multipart/form-data'],
    response: { 200: umkSavedSchema },
  };
  r.post('/api/umk/import', { config: { access: { permission: 'umk:write' } }, schema: importUmk }, async (req) => {
    const user = userOf(req);
    return withUpload(req, join(config.dataDir, 'uploads'), UMK_FILE, async (file) => {
      const { rows, problems } = await readUmkFile(file.path, file.ext);
      if (problems.length) rejectUmkFile(problems);
      if (rows.length === 0) throw new AppError(422, 'EMPTY_FILE', { id: 'Berkas tidak berisi baris UMK.', en: 'The file holds no UMK rows.' }, 'file');
      return setUmk(db, user, rows);
    });
  });
}
