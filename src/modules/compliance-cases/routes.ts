import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { idParams } from '../../lib/schemas.js';
import { type UploadSpec, withUpload } from '../../lib/upload.js';
import { caseScope, listCases } from './queries.js';
import { caseDetailSchema, caseListQuery, casePageSchema, documentParams, letterParams, openCaseBody, transitionBody } from './schemas.js';
import { addDocument, caseLetter, caseView, loadCase, MAX_DOCUMENT_BYTES, openCase, readDocument, summary, todayIso, transition } from './service.js';

/** A case document: PDF, PNG or JPEG of at most 5 MB (its type is then checked by content). */
const DOCUMENT_FILE: UploadSpec<'pdf' | 'png' | 'jpg' | 'jpeg'> = {
  extensions: ['pdf', 'png', 'jpg', 'jpeg'],
  maxBytes: MAX_DOCUMENT_BYTES,
  wrongType: { code: 'DOCUMENT_FILE', text: { id: 'Kirim berkas pada kolom "file".', en: 'Send the file in the field "file".' } },
  tooLarge: { code: 'DOCUMENT_TOO_LARGE', text: { id: 'Lampiran melebihi 5 MB; perkecil atau pisahkan berkasnya.', en: 'The attachment exceeds 5 MB; shrink or split it.' } },
};

export function complianceCaseRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const list = {
    tags: ['compliance'],
    summary: 'Compliance cases in a region, soonest deadline first; overdue=true for the late ones',
    querystring: caseListQuery,
    response: { 200: casePageSchema },
  };
  r.get('/api/compliance-cases', { config: { access: access(list, 'employer:read', { region: (v) => v.query.region }) }, schema: list }, async (req) => {
    const { page, pageSize, open, overdue, ...f } = req.query;
    const today = todayIso();
    const { items, total } = await listCases(db, { ...f, region: f.region ?? userOf(req).regionCode, open: open === 'true', overdue: overdue === 'true' }, page, pageSize, today);
    return { items: items.map((c) => summary(c, today)), total, page, pageSize };
  });

  const open = {
    tags: ['compliance'],
    summary: 'Open a case for a non-compliant employer (audited); the deadline to act is 10 working days',
    body: openCaseBody,
    response: { 201: caseDetailSchema },
  };
  r.post('/api/compliance-cases', { config: { access: access(open, 'compliance:write') }, schema: open }, async (req, reply) =>
    reply.code(201).send(await openCase(db, userOf(req), req.body)),
  );

  const one = { tags: ['compliance'], summary: 'One case with every step, its documents and the allowed next steps', params: idParams, response: { 200: caseDetailSchema } };
  r.get('/api/compliance-cases/:id', { config: { access: access(one, 'employer:read', { entity: caseScope, id: (v) => v.params.id }) }, schema: one }, async (req) =>
    caseView(db, await loadCase(db, req.params.id)),
  );

  const move = {
    tags: ['compliance'],
    summary: 'Move a case to its next step (audited); 409 TRANSITION_NOT_ALLOWED with error.details.allowed when the move is not allowed',
    params: idParams,
    body: transitionBody,
    response: { 200: caseDetailSchema },
  };
  r.post(
    '/api/compliance-cases/:id/transitions',
    { config: { access: access(move, 'compliance:write', { entity: caseScope, id: (v) => v.params.id }) }, schema: move },
    async (req) => transition(db, userOf(req), req.params.id, req.body),
  );

  const letter = {
    tags: ['compliance'],
    summary: 'The letter of a step (warning 1 or 2, SKK referral, sanction recommendation) as PDF, from the template with the employer’s data',
    params: letterParams,
  };
  r.get(
    '/api/compliance-cases/:id/letters/:stepId',
    { config: { access: access(letter, 'employer:read', { entity: caseScope, id: (v) => v.params.id }) }, schema: letter },
    async (req, reply) => {
      const { pdf, filename } = await caseLetter(db, req.params.id, req.params.stepId, config.demo);
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`);
      return reply.send(pdf);
    },
  );

  const attach = {
    tags: ['compliance'],
    summary: 'Attach a document to a case (PDF, PNG or JPEG, at most 5 MB; multipart field "file"; audited)',
    params: idParams,
    consumes: ['multipart/form-data'],
  };
  r.post(
    '/api/compliance-cases/:id/documents',
    { config: { access: access(attach, 'compliance:write', { entity: caseScope, id: (v) => v.params.id }) }, schema: attach },
    async (req, reply) => {
      const user = userOf(req);
      const doc = await withUpload(req, join(config.dataDir, 'uploads'), DOCUMENT_FILE, async (file) =>
        addDocument(db, config.dataDir, user, req.params.id, { filename: file.filename, data: await readFile(file.path) }),
      );
      return reply.code(201).send(doc);
    },
  );

  const download = { tags: ['compliance'], summary: 'Download a case document', params: documentParams };
  r.get(
    '/api/compliance-cases/:id/documents/:documentId',
    { config: { access: access(download, 'employer:read', { entity: caseScope, id: (v) => v.params.id }) }, schema: download },
    async (req, reply) => {
      const { doc, data } = await readDocument(db, config.dataDir, req.params.id, req.params.documentId);
      reply
        .header('content-type', doc.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${doc.filename.replace(/"/g, '')}"`);
      return reply.send(data);
    },
  );
}
