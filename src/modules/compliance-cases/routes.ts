import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { CASE_STEPS } from '../../domain/compliance-case.js';
import { AppError, errors } from '../../lib/errors.js';
import { findingSchema } from '../employers/schemas.js';
import { presentFindings } from '../employers/service.js';
import type { Finding } from '../../domain/compliance.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { LETTER_STEPS, renderLetter } from './letter.js';
import { listCases } from './queries.js';
import { addDocument, caseView, loadCase, MAX_DOCUMENT_BYTES, openCase, readDocument, summary, todayIso, transition } from './service.js';

const stepEnum = z.enum(CASE_STEPS);
const caseSummary = z.object({
  id: z.number(),
  employerId: z.number(),
  employerName: z.string(),
  employerNpp: z.string().nullable(),
  region: z.string(),
  regionName: z.string(),
  step: stepEnum,
  stepLabel: z.string(),
  stepLabelEn: z.string(),
  stepDate: z.string(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  officer: z.string(),
  allowedNext: z.array(stepEnum),
  findings: z.array(findingSchema),
  openedBy: z.string(),
  openedAt: z.date(),
});
const caseDetail = caseSummary.extend({
  steps: z.array(
    z.object({ id: z.number(), fromStep: z.string().nullable(), step: z.string(), stepDate: z.string(), deadline: z.string().nullable(), officer: z.string(), note: z.string(), by: z.string(), at: z.date(), letter: z.boolean() }),
  ),
  documents: z.array(z.object({ id: z.number(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), uploadedBy: z.string(), uploadedAt: z.date() })),
});

const withFindings = <T extends { findings: unknown }>(x: T) => ({ ...x, findings: presentFindings(x.findings as Finding[]) });
const detail = (v: Awaited<ReturnType<typeof caseView>>) => ({
  ...withFindings(v),
  steps: v.steps.map((s) => ({ ...s, letter: (LETTER_STEPS as readonly string[]).includes(s.step) })),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());

export function complianceCaseRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/compliance-cases',
    {
      config: { access: { permission: 'employer:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['compliance'],
        summary: 'Compliance cases in a region, soonest deadline first; overdue=true for the late ones',
        querystring: z.object({
          region: regionCodeSchema.optional(),
          step: stepEnum.optional(),
          open: z.enum(['true', 'false']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          employerId: z.coerce.number().int().positive().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(caseSummary), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const { page, pageSize, open, overdue, ...f } = req.query;
      const today = todayIso();
      const { items, total } = await listCases(db, { ...f, region: f.region ?? userOf(req).regionCode, open: open === 'true', overdue: overdue === 'true' }, page, pageSize, today);
      return { items: items.map((c) => withFindings(summary(c, today))), total, page, pageSize };
    },
  );

  r.post(
    '/api/compliance-cases',
    {
      config: { access: { permission: 'compliance:write' } },
      schema: {
        tags: ['compliance'],
        summary: 'Open a case for a non-compliant employer (audited); the deadline to act is 10 working days',
        body: z.object({ employerId: z.number().int().positive(), officer: z.string().trim().max(120).optional(), note: z.string().trim().max(2000).optional() }),
        response: { 201: caseDetail },
      },
    },
    async (req, reply) => reply.code(201).send(detail(await openCase(db, userOf(req), req.body))),
  );

  r.get(
    '/api/compliance-cases/:id',
    {
      config: { access: { permission: 'employer:read' } },
      schema: { tags: ['compliance'], summary: 'One case with every step, its documents and the allowed next steps', params: idParams, response: { 200: caseDetail } },
    },
    async (req) => detail(await caseView(db, await loadCase(db, userOf(req), req.params.id))),
  );

  r.post(
    '/api/compliance-cases/:id/transitions',
    {
      config: { access: { permission: 'compliance:write' } },
      schema: {
        tags: ['compliance'],
        summary: 'Move a case to its next step (audited); 409 TRANSITION_NOT_ALLOWED with error.details.allowed when the move is not allowed',
        params: idParams,
        body: z.object({
          to: stepEnum,
          note: z.string().trim().max(2000).optional(),
          officer: z.string().trim().max(120).optional(),
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
          deadlineDays: z.number().int().min(1).max(365).optional(),
        }),
        response: { 200: caseDetail },
      },
    },
    async (req) => detail(await transition(db, userOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/compliance-cases/:id/letters/:stepId',
    {
      config: { access: { permission: 'employer:read' } },
      schema: {
        tags: ['compliance'],
        summary: 'The letter of a step (warning 1 or 2, SKK referral, sanction recommendation) as PDF, from the template with the employer’s data',
        params: z.object({ id: z.coerce.number().int().positive(), stepId: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      const c = await loadCase(db, userOf(req), req.params.id);
      const step = await db.selectFrom('compliance_case_step').selectAll().where('id', '=', req.params.stepId).where('case_id', '=', c.id).executeTakeFirst();
      if (!step || !(LETTER_STEPS as readonly string[]).includes(step.step)) {
        throw errors.notFound({ id: 'Surat untuk langkah ini', en: 'A letter for this step' });
      }
      const e = await db
        .selectFrom('employer as e')
        .innerJoin('region as v', 'v.code', 'e.village_code')
        .innerJoin('region as k', (j) => j.on(sql<boolean>`k.code = left(e.village_code, 5)`))
        .select(['e.name', 'e.address', 'e.npp', 'e.nib', 'v.name as villageName', 'k.name as regencyName'])
        .where('e.id', '=', c.employerId)
        .executeTakeFirstOrThrow();
      const pdf = await renderLetter({
        step: step.step as (typeof LETTER_STEPS)[number],
        stepId: step.id,
        caseId: c.id,
        stepDate: step.step_date,
        deadline: step.deadline,
        officer: step.officer,
        regencyName: titleCase(e.regencyName),
        employer: { name: e.name, address: e.address, villageName: titleCase(e.villageName), npp: e.npp, nib: e.nib },
        findings: c.findings as { message: { id: string } }[],
        demo: config.demo,
      });
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="surat-${step.step}-kasus-${c.id}.pdf"`);
      return reply.send(pdf);
    },
  );

  r.post(
    '/api/compliance-cases/:id/documents',
    {
      config: { access: { permission: 'compliance:write' } },
      schema: { tags: ['compliance'], summary: 'Attach a document to a case (PDF, PNG or JPEG, at most 5 MB; multipart field "file"; audited)', params: idParams, consumes: ['multipart/form-data'] },
    },
    async (req, reply) => {
      const wrong = () => new AppError(422, 'DOCUMENT_FILE', { id: 'Kirim berkas pada kolom "file".', en: 'Send the file in the field "file".' }, 'file');
      if (!req.isMultipart()) throw wrong();
      const part = await req.file({ limits: { fileSize: MAX_DOCUMENT_BYTES } });
      if (!part || part.fieldname !== 'file') throw wrong();
      const data = await part.toBuffer().catch((err: { code?: string }) => {
        if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'DOCUMENT_TOO_LARGE', { id: 'Lampiran melebihi 5 MB; perkecil atau pisahkan berkasnya.', en: 'The attachment exceeds 5 MB; shrink or split it.' }, 'file');
        throw err;
      });
      return reply.code(201).send(await addDocument(db, config.dataDir, userOf(req), req.params.id, { filename: part.filename, data }));
    },
  );

  r.get(
    '/api/compliance-cases/:id/documents/:documentId',
    {
      config: { access: { permission: 'employer:read' } },
      schema: { tags: ['compliance'], summary: 'Download a case document', params: z.object({ id: z.coerce.number().int().positive(), documentId: z.coerce.number().int().positive() }) },
    },
    async (req, reply) => {
      const { doc, data } = await readDocument(db, config.dataDir, userOf(req), req.params.id, req.params.documentId);
      reply
        .header('content-type', doc.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${doc.filename.replace(/"/g, '')}"`);
      return reply.send(data);
    },
  );
}
