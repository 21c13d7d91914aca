import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../../access/plugin.js';
import { access } from '../../../access/rules.js';
import type { Config } from '../../../config.js';
import type { Db } from '../../../db/client.js';
import { errors } from '../../../lib/errors.js';
import { idParams } from '../../../lib/schemas.js';
import { receiveUpload } from '../../../lib/upload.js';
import { programScope } from './queries.js';
import { programBody, programList, programListQuery, programPatch, programView } from './schemas.js';
import { attachDocument, createProgram, DOCUMENT_UPLOAD, ownProgram, presentProgram, programById, programsFor, updateProgram, uploadDir } from './service.js';

/** Funding programmes: who pays for which workers, with budget, quota, rate basis and legal basis. */
export function programRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const listSchema = {
    tags: ['funding'],
    summary: 'Funding programmes that pay for workers in a region: owned inside it or by a region above it',
    querystring: programListQuery,
    response: { 200: programList },
  };
  r.get('/api/funding-programs', { config: { access: access(listSchema, 'funding:read', { region: (v) => v.query.region, ancestorsReadable: true }) }, schema: listSchema }, async (req) => {
    const rows = await programsFor(db, userOf(req), req.query.region, req.query.year);
    return { items: await Promise.all(rows.map((p) => presentProgram(db, p))) };
  });

  const createSchema = {
    tags: ['funding'],
    summary: 'Set up a funding programme (payer, owner region, year, budget, quota, rate basis, legal basis; audited)',
    body: programBody,
    response: { 201: programView },
  };
  r.post('/api/funding-programs', { config: { access: access(createSchema, 'funding:write', { region: (v) => v.body.regionCode }) }, schema: createSchema }, async (req, reply) =>
    reply.code(201).send(await presentProgram(db, await createProgram(db, userOf(req), req.body))),
  );

  const getSchema = { tags: ['funding'], summary: 'One funding programme', params: idParams, response: { 200: programView } };
  r.get('/api/funding-programs/:id', { config: { access: access(getSchema, 'funding:read', { entity: programScope, id: (v) => v.params.id }) }, schema: getSchema }, async (req) => presentProgram(db, await programById(db, req.params.id)));

  const patchSchema = {
    tags: ['funding'],
    summary: 'Change a funding programme (not its payer type or owner region; audited)',
    params: idParams,
    body: programPatch,
    response: { 200: programView },
  };
  r.patch('/api/funding-programs/:id', { config: { access: access(patchSchema, 'funding:write', { entity: programScope, id: (v) => v.params.id }) }, schema: patchSchema }, async (req) =>
    presentProgram(db, await updateProgram(db, userOf(req), req.params.id, req.body)),
  );

  const uploadSchema = {
    tags: ['funding'],
    summary: 'Upload the legal-basis document (PDF, PNG or JPG, at most 10 MB; multipart field "file"; audited)',
    consumes: ['multipart/form-data'],
    params: idParams,
    response: { 200: programView },
  };
  r.post('/api/funding-programs/:id/document', { config: { access: access(uploadSchema, 'funding:write', { entity: programScope, id: (v) => v.params.id }) }, schema: uploadSchema }, async (req) => {
    const user = userOf(req);
    // refused before anything is received: a programme above one's own region is read-only
    const before = await ownProgram(db, user, req.params.id);
    const file = await receiveUpload(req, uploadDir(config.dataDir), DOCUMENT_UPLOAD);
    return presentProgram(db, await attachDocument(db, user, before, file));
  });

  const downloadSchema = { tags: ['funding'], summary: 'Download the legal-basis document', params: idParams };
  r.get('/api/funding-programs/:id/document', { config: { access: access(downloadSchema, 'funding:read', { entity: programScope, id: (v) => v.params.id }) }, schema: downloadSchema }, async (req, reply) => {
    const p = await programById(db, req.params.id);
    if (!p.document_path || !existsSync(p.document_path)) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
    reply.header('content-type', p.document_type ?? 'application/octet-stream');
    reply.header('content-disposition', `attachment; filename="${encodeURIComponent(p.document_name ?? 'dokumen')}"`);
    return reply.send(createReadStream(p.document_path));
  });
}
