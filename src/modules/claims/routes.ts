import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { todayWib } from '../../domain/wib.js';
import { idParams } from '../../lib/schemas.js';
import { type UploadSpec, withUpload } from '../../lib/upload.js';
import { personScope } from '../workers/queries.js';
import { claimScope, listClaims } from './queries.js';
import {
  claimDetailSchema,
  claimListQuery,
  claimPageSchema,
  createdClaimSchema,
  documentItemParams,
  documentParams,
  eligibilityQuery,
  eligibilitySchema,
  handoverBody,
  heirParams,
  impactParams,
  impactQuery,
  impactSchema,
  newClaimBody,
  revealedHeirSchema,
  transitionBody,
} from './schemas.js';
import {
  addDocument,
  claimLetter,
  claimView,
  createClaim,
  impact,
  loadClaim,
  MAX_CLAIM_DOCUMENT_BYTES,
  previewEligibility,
  readDocument,
  recordHandover,
  revealHeir,
  summary,
  transition,
} from './service.js';

/** A checklist file: PDF, PNG or JPEG of at most 5 MB (its type is then checked by content). */
const CLAIM_FILE: UploadSpec<'pdf' | 'png' | 'jpg' | 'jpeg'> = {
  extensions: ['pdf', 'png', 'jpg', 'jpeg'],
  maxBytes: MAX_CLAIM_DOCUMENT_BYTES,
  wrongType: { code: 'DOCUMENT_FILE', text: { id: 'Kirim berkas pada kolom "file".', en: 'Send the file in the field "file".' } },
  tooLarge: { code: 'DOCUMENT_TOO_LARGE', text: { id: 'Dokumen melebihi 5 MB; perkecil atau pisahkan berkasnya.', en: 'The document exceeds 5 MB; shrink or split it.' } },
};

export function claimRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['claims'];

  const list = { tags, summary: 'Claims in a region, newest first; overdue=true for those waiting past their step target', querystring: claimListQuery, response: { 200: claimPageSchema } };
  r.get('/api/claims', { config: { access: access(list, 'claim:read', { region: (v) => v.query.region }) }, schema: list }, async (req) => {
    const user = userOf(req);
    const { page, pageSize, overdue, ...f } = req.query;
    const today = todayWib();
    const { items, total } = await listClaims(db, { ...f, region: f.region ?? user.regionCode, overdue: overdue === 'true' }, page, pageSize, today);
    return { items: items.map((c) => summary(c, user, today)), total, page, pageSize };
  });

  const check = {
    tags,
    summary: 'Whether a person was covered on a date, and the benefit on the rates then in force (the case form preview; records nothing)',
    querystring: eligibilityQuery,
    response: { 200: eligibilitySchema },
  };
  r.get(
    '/api/claims/eligibility',
    { config: { access: access(check, 'claim:read', { entity: personScope, id: (v) => v.query.personId }) }, schema: check },
    async (req) => previewEligibility(db, userOf(req), req.query),
  );

  const create = {
    tags,
    summary: 'Record a claim (audited): eligibility on the incident date and the estimate; a death ends the enrolments in the same transaction',
    description: 'A person outside your region → 403 FORBIDDEN_REGION; an incident date in the future → 422 DATE_IN_FUTURE. A case for someone not covered is still recorded (eligible=false with the reason).',
    body: newClaimBody,
    response: { 201: createdClaimSchema },
  };
  r.post('/api/claims', { config: { access: access(create, 'claim:write') }, schema: create }, async (req, reply) => reply.code(201).send(await createClaim(db, userOf(req), req.body)));

  const impactSpec = {
    tags,
    summary: 'Impact of a region in a year (incident year): claims by type, step, group and payer, paid out, families, contributions paid, uncovered incidents',
    params: impactParams,
    querystring: impactQuery,
    response: { 200: impactSchema },
  };
  r.get(
    '/api/claims/impact/:regionCode',
    { config: { access: access(impactSpec, 'claim:read', { region: (v) => v.params.regionCode }) }, schema: impactSpec },
    async (req) => impact(db, req.params.regionCode, req.query.year ?? Number(todayWib().slice(0, 4))),
  );

  const one = { tags, summary: 'One claim with its heirs (masked), checklist, files, steps and the allowed next steps', params: idParams, response: { 200: claimDetailSchema } };
  r.get('/api/claims/:id', { config: { access: access(one, 'claim:read', { entity: claimScope, id: (v) => v.params.id }) }, schema: one }, async (req) =>
    claimView(db, userOf(req), await loadClaim(db, req.params.id)),
  );

  const move = {
    tags,
    summary: 'Move a claim along reported → documents_complete → submitted → verified → paid (or rejected, closed); audited',
    description: 'A forbidden move → 409 TRANSITION_NOT_ALLOWED with error.details.allowed; documents_complete with required files missing → 409 DOCUMENTS_MISSING; paid needs paidAmount; rejected needs a note.',
    params: idParams,
    body: transitionBody,
    response: { 200: claimDetailSchema },
  };
  r.post(
    '/api/claims/:id/transitions',
    { config: { access: access(move, 'claim:write', { entity: claimScope, id: (v) => v.params.id }) }, schema: move },
    async (req) => transition(db, userOf(req), req.params.id, req.body),
  );

  const handover = { tags, summary: 'Record the hand-over of the paid benefit to the heirs (who, where, when); audited', params: idParams, body: handoverBody, response: { 200: claimDetailSchema } };
  r.post(
    '/api/claims/:id/handover',
    { config: { access: access(handover, 'claim:write', { entity: claimScope, id: (v) => v.params.id }) }, schema: handover },
    async (req) => recordHandover(db, userOf(req), req.params.id, req.body),
  );

  const heir = { tags, summary: "Reveal one heir's NIK, phone and bank account (audited as view_heir)", params: heirParams, response: { 200: revealedHeirSchema } };
  r.get(
    '/api/claims/:id/heirs/:heirId',
    { config: { access: access(heir, 'worker:nik', { entity: claimScope, id: (v) => v.params.id }) }, schema: heir },
    async (req) => revealHeir(db, userOf(req), req.params.id, req.params.heirId),
  );

  const attach = {
    tags,
    summary: 'Tick a checklist item with a file (PDF, PNG or JPEG checked by content, at most 5 MB; multipart field "file"; audited)',
    params: documentItemParams,
    consumes: ['multipart/form-data'],
  };
  r.post(
    '/api/claims/:id/documents/:item',
    { config: { access: access(attach, 'claim:write', { entity: claimScope, id: (v) => v.params.id }) }, schema: attach },
    async (req, reply) => {
      const user = userOf(req);
      const view = await withUpload(req, join(config.dataDir, 'uploads'), CLAIM_FILE, async (file) =>
        addDocument(db, config.dataDir, user, req.params.id, req.params.item, { filename: file.filename, data: await readFile(file.path) }),
      );
      return reply.code(201).send(view);
    },
  );

  const download = { tags, summary: 'Download a claim document', params: documentParams };
  r.get(
    '/api/claims/:id/files/:documentId',
    { config: { access: access(download, 'claim:read', { entity: claimScope, id: (v) => v.params.id }) }, schema: download },
    async (req, reply) => {
      const { doc, data } = await readDocument(db, config.dataDir, req.params.id, req.params.documentId);
      reply
        .header('content-type', doc.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${doc.filename.replace(/"/g, '')}"`);
      return reply.send(data);
    },
  );

  const letter = { tags, summary: 'The cover letter to the BPJS TK branch as PDF, from the template with the case data', params: idParams };
  r.get(
    '/api/claims/:id/letter.pdf',
    { config: { access: access(letter, 'claim:read', { entity: claimScope, id: (v) => v.params.id }) }, schema: letter },
    async (req, reply) => {
      const { pdf, filename } = await claimLetter(db, userOf(req), req.params.id, config.demo);
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`);
      return reply.send(pdf);
    },
  );
}
