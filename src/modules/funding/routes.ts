import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { PAYER_TYPES } from '../../domain/funding.js';
import { isAncestor } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { listBills, runBilling } from './billing.js';
import { budgetFigures, planCoverage } from './budget.js';
import { earlyWarning, enrolmentCover, importPayments, listPayments, recordPayment } from './payments.js';
import {
  attachDocument,
  createProgram,
  DOC_MAX_BYTES,
  docSizeError,
  docTypeError,
  listPrograms,
  newDocPath,
  programForRead,
  programMonthlyCost,
  type ProgramRow,
  updateProgram,
} from './programs.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const idParams = z.object({ id: z.coerce.number().int().positive() });
const programsSchema = z.array(z.enum(['JKK', 'JKM', 'JHT', 'JP'])).min(1);

const programBody = z.object({
  name: z.string().trim().min(3).max(200),
  payerType: z.enum(PAYER_TYPES),
  regionCode: regionCodeSchema,
  fiscalYear: z.number().int().min(2015).max(2100),
  budget: z.number().int().min(0).max(9_000_000_000_000_000),
  quota: z.number().int().min(0).max(100_000_000),
  segment: z.enum(['PU', 'BPU']),
  programs: programsSchema,
  basisIncome: z.number().int().min(1).max(10_000_000_000).optional().describe('declared income (BPU) or wage (PU) used when an enrolment has none; default Rp1,000,000'),
  riskGroup: z.number().int().min(1).max(5).optional().describe('PU: JKK risk group (government: 1)'),
  legalKind: z.string().trim().max(60).optional().describe('Perda, Perkada, Pergub, Perbup, Perwal, Perdes, SK…'),
  legalNumber: z.string().trim().max(200).optional(),
  legalDate: isoDate.nullish(),
});

export const programView = z.object({
  id: z.number(),
  name: z.string(),
  payerType: z.string(),
  regionCode: z.string(),
  fiscalYear: z.number(),
  budget: z.number(),
  quota: z.number(),
  segment: z.string(),
  programs: z.array(z.string()),
  basisIncome: z.number(),
  riskGroup: z.number(),
  legalKind: z.string(),
  legalNumber: z.string(),
  legalDate: z.string().nullable(),
  document: z.object({ name: z.string(), type: z.string(), size: z.number() }).nullable(),
  status: z.string(),
  monthlyCost: z.number().describe('what one funded worker costs a month under this basis today'),
});

export async function presentProgram(db: Db, p: NonNullable<ProgramRow>): Promise<z.infer<typeof programView>> {
  return {
    id: p.id,
    name: p.name,
    payerType: p.payer_type,
    regionCode: p.region_code,
    fiscalYear: p.fiscal_year,
    budget: p.budget,
    quota: p.quota,
    segment: p.segment,
    programs: p.programs,
    basisIncome: p.basis_income,
    riskGroup: p.risk_group,
    legalKind: p.legal_kind,
    legalNumber: p.legal_number,
    legalDate: p.legal_date,
    document: p.document_name ? { name: p.document_name, type: p.document_type ?? '', size: p.document_size ?? 0 } : null,
    status: p.status,
    monthlyCost: await programMonthlyCost(db, p),
  };
}

const billSchema = z.object({
  id: z.number(),
  fundingProgramId: z.number(),
  month: z.string(),
  dueDate: z.string(),
  workerCount: z.number(),
  amount: z.number(),
  paidAmount: z.number(),
  paidLines: z.number(),
  outstanding: z.number(),
  status: z.enum(['unpaid', 'partial', 'paid']),
  created: z.boolean(),
});

const paymentResult = z.object({
  id: z.number(),
  fundingProgramId: z.number(),
  amount: z.number(),
  paidOn: z.string(),
  reference: z.string(),
  billId: z.number().nullable(),
  linesPaid: z.number().describe('bill lines (worker-months) this payment completed'),
  credit: z.number().describe('money of the programme not yet applied to a line'),
  lapsed: z.number(),
  reactivated: z.number(),
  blocked: z.number(),
});
const paymentItem = z.object({ id: z.number(), amount: z.number(), paidOn: z.string(), reference: z.string(), billId: z.number().nullable(), source: z.string(), sourceFile: z.string().nullable(), createdBy: z.string() });

export function fundingRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/funding-programs',
    {
      config: { access: { permission: 'funding:read', region: (v) => (v.query as { region?: string }).region, ancestorsReadable: true } },
      schema: {
        tags: ['funding'],
        summary: 'Funding programmes that pay for workers in a region: owned inside it or by a region above it',
        querystring: z.object({ region: regionCodeSchema.optional(), year: z.coerce.number().int().min(2015).max(2100).optional() }),
        response: { 200: z.object({ items: z.array(programView) }) },
      },
    },
    async (req) => {
      const user = userOf(req);
      // Asked about a region above one's own: only the branch leading to the user (never sibling villages' programmes).
      const asked = req.query.region ?? user.regionCode;
      const rows = await listPrograms(db, isAncestor(asked, user.regionCode) ? user.regionCode : asked, req.query.year);
      return { items: await Promise.all(rows.map((p) => presentProgram(db, p))) };
    },
  );

  r.post(
    '/api/funding-programs',
    {
      config: { access: { permission: 'funding:write', region: (v) => (v.body as { regionCode?: string }).regionCode } },
      schema: { tags: ['funding'], summary: 'Set up a funding programme (payer, owner region, year, budget, quota, rate basis, legal basis; audited)', body: programBody, response: { 201: programView } },
    },
    async (req, reply) => reply.code(201).send(await presentProgram(db, await createProgram(db, userOf(req), req.body))),
  );

  r.get(
    '/api/funding-programs/:id',
    {
      config: { access: { permission: 'funding:read' } },
      schema: { tags: ['funding'], summary: 'One funding programme', params: idParams, response: { 200: programView } },
    },
    async (req) => presentProgram(db, await programForRead(db, userOf(req), req.params.id)),
  );

  r.patch(
    '/api/funding-programs/:id',
    {
      config: { access: { permission: 'funding:write' } },
      schema: {
        tags: ['funding'],
        summary: 'Change a funding programme (not its payer type or owner region; audited)',
        params: idParams,
        body: programBody.omit({ payerType: true, regionCode: true }).partial().extend({ status: z.enum(['active', 'closed']).optional() }),
        response: { 200: programView },
      },
    },
    async (req) => presentProgram(db, await updateProgram(db, userOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/funding-programs/:id/document',
    {
      config: { access: { permission: 'funding:write' } },
      schema: {
        tags: ['funding'],
        summary: 'Upload the legal-basis document (PDF, PNG or JPG, at most 10 MB; multipart field "file"; audited)',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: programView },
      },
    },
    async (req) => {
      const user = userOf(req);
      if (!req.isMultipart()) throw docTypeError();
      const part = await req.file({ limits: { fileSize: DOC_MAX_BYTES } });
      if (!part || part.fieldname !== 'file' || !/\.(pdf|png|jpe?g)$/i.test(part.filename)) throw docTypeError();
      const path = await newDocPath(config.dataDir);
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) {
        await rm(path, { force: true });
        throw docSizeError();
      }
      const size = part.file.bytesRead;
      return presentProgram(db, await attachDocument(db, user, req.params.id, { path, filename: part.filename.slice(0, 200), size }));
    },
  );

  r.post(
    '/api/funding-programs/:id/billing-runs',
    {
      config: { access: { permission: 'funding:write' } },
      schema: {
        tags: ['funding'],
        summary: 'Monthly billing run: one bill for the month, one line per funded enrolment; a repeat returns the same bill and creates nothing',
        params: idParams,
        body: z.object({ month: z.string().describe('YYYY-MM, e.g. 2025-06') }),
        response: { 200: billSchema.describe('the month was already billed: the existing bill (created=false)'), 201: billSchema },
      },
    },
    async (req, reply) => {
      const bill = await runBilling(db, userOf(req), req.params.id, req.body.month);
      return reply.code(bill.created ? 201 : 200).send(bill);
    },
  );

  r.get(
    '/api/funding-programs/:id/bills',
    {
      config: { access: { permission: 'funding:read' } },
      schema: { tags: ['funding'], summary: 'The bills of a programme, month by month, with what is paid', params: idParams, response: { 200: z.object({ items: z.array(billSchema.omit({ created: true })) }) } },
    },
    async (req) => {
      await programForRead(db, userOf(req), req.params.id);
      return { items: await listBills(db, req.params.id) };
    },
  );

  r.post(
    '/api/funding-programs/:id/payments',
    {
      config: { access: { permission: 'payment:write' } },
      schema: {
        tags: ['funding'],
        summary: 'Record a payment by hand: matched to a bill (by id or month) or to the oldest arrears; partial payments pay whole lines, the rest stays as credit (audited)',
        params: idParams,
        body: z.object({
          amount: z.number().int().positive().max(9_000_000_000_000_000),
          paidOn: isoDate,
          reference: z.string().trim().max(200).optional(),
          billId: z.number().int().positive().optional(),
          month: z.string().optional().describe('YYYY-MM: the bill this pays; a month not billed yet keeps the money as credit for it'),
        }),
        response: { 201: paymentResult },
      },
    },
    async (req, reply) => reply.code(201).send(await recordPayment(db, userOf(req), req.params.id, req.body)),
  );

  r.get(
    '/api/funding-programs/:id/payments',
    {
      config: { access: { permission: 'funding:read' } },
      schema: { tags: ['funding'], summary: 'Payments of a programme, newest first', params: idParams, response: { 200: z.object({ items: z.array(paymentItem) }) } },
    },
    async (req) => {
      await programForRead(db, userOf(req), req.params.id);
      return { items: await listPayments(db, req.params.id) };
    },
  );

  r.post(
    '/api/payments/import',
    {
      config: { access: { permission: 'payment:write' } },
      schema: {
        tags: ['funding'],
        summary: 'Import payments from a bank or BPJS TK statement (.xlsx/.csv; columns ID Program, Bulan, Tanggal Bayar, Jumlah, Referensi; multipart field "file")',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            rows: z.number(),
            recorded: z.number(),
            duplicates: z.number(),
            rejected: z.array(z.object({ row: z.number(), message: z.string(), messageEn: z.string() })),
            amount: z.number(),
            linesPaid: z.number(),
            lapsed: z.number(),
            reactivated: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      const wrong = () => new AppError(422, 'PAYMENT_FILE_TYPE', { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' }, 'file');
      if (!req.isMultipart()) throw wrong();
      const part = await req.file({ limits: { fileSize: 20 * 1024 * 1024 } });
      if (!part || part.fieldname !== 'file') throw wrong();
      const kind = /\.xlsx$/i.test(part.filename) ? 'xlsx' : /\.csv$/i.test(part.filename) ? 'csv' : undefined;
      if (!kind) throw wrong();
      const path = `${await newDocPath(config.dataDir)}.${kind}`;
      try {
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new AppError(413, 'PAYMENT_FILE_TOO_LARGE', { id: 'Berkas melebihi 20 MB.', en: 'The file exceeds 20 MB.' }, 'file');
        return await importPayments(db, user, { path, kind, filename: part.filename.slice(0, 200) });
      } finally {
        await rm(path, { force: true });
      }
    },
  );

  r.get(
    '/api/early-warning',
    {
      config: { access: { permission: 'funding:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['funding'],
        summary: 'BPU enrolments that will lapse within `days` if their bills stay unpaid, per programme, in a region',
        querystring: z.object({
          region: regionCodeSchema.optional(),
          programId: z.coerce.number().int().positive().optional(),
          days: z.coerce.number().int().min(0).max(366).default(30),
          asOf: isoDate.optional(),
        }),
        response: {
          200: z.object({
            asOf: z.string(),
            days: z.number(),
            lapseMonths: z.number(),
            items: z.array(z.object({ enrolmentId: z.number(), name: z.string(), villageCode: z.string(), programId: z.number(), programName: z.string(), unpaidMonths: z.number(), lapseDate: z.string(), overdue: z.boolean() })),
            byProgram: z.array(z.object({ programId: z.number(), programName: z.string(), count: z.number() })),
          }),
        },
      },
    },
    async (req) => {
      const user = userOf(req);
      return earlyWarning(db, { region: req.query.region ?? user.regionCode, programId: req.query.programId, days: req.query.days, asOf: req.query.asOf });
    },
  );

  r.get(
    '/api/enrolments/:id/cover',
    {
      config: { access: { permission: 'worker:read' } },
      schema: {
        tags: ['funding'],
        summary: 'Month-by-month cover of one enrolment (billed, paid, arrears) and its status history (lapses, reactivations)',
        params: idParams,
        response: {
          200: z.object({
            enrolmentId: z.number(),
            status: z.string(),
            segment: z.string(),
            fundingProgramId: z.number().nullable(),
            months: z.array(z.object({ month: z.string(), dueDate: z.string(), amount: z.number(), paidAt: z.string().nullable(), covered: z.boolean() })),
            arrears: z.number(),
            history: z.array(z.object({ status: z.string(), changedAt: z.string(), changedBy: z.string(), reason: z.string().nullable() })),
          }),
        },
      },
    },
    async (req) => enrolmentCover(db, userOf(req), req.params.id),
  );

  r.get(
    '/api/funding-programs/:id/budget',
    {
      config: { access: { permission: 'funding:read' } },
      schema: {
        tags: ['funding'],
        summary: 'Budget vs committed (billed + enrolled × monthly cost × months still to bill) vs billed vs paid, and quota use, for the fiscal year',
        params: idParams,
        querystring: z.object({ asOf: isoDate.optional() }),
        response: {
          200: z.object({
            programId: z.number(),
            fiscalYear: z.number(),
            asOf: z.string(),
            budget: z.number(),
            quota: z.number(),
            enrolled: z.number(),
            quotaUsed: z.number().describe('enrolled ÷ quota (0..1+)'),
            monthlyCost: z.number(),
            remainingMonths: z.number(),
            committed: z.number(),
            billed: z.number(),
            paid: z.number(),
            outstanding: z.number(),
            credit: z.number(),
            available: z.number(),
            budgetUsed: z.number().describe('committed ÷ budget (0..1+)'),
          }),
        },
      },
    },
    async (req) => budgetFigures(db, await programForRead(db, userOf(req), req.params.id), req.query.asOf),
  );

  r.post(
    '/api/planning',
    {
      config: { access: { permission: 'funding:read', region: (v) => (v.body as { region?: string }).region } },
      schema: {
        tags: ['funding'],
        summary: 'Planning: what it costs to reach X % coverage by month M in a region, by programme mix and payer split, beside the budgets (computes only; changes nothing)',
        body: z.object({
          region: regionCodeSchema,
          targetPercent: z.number().min(0).max(100),
          byMonth: z.string().describe('YYYY-MM'),
          employedPopulation: z.number().int().min(1).describe('coverage denominator (penduduk bekerja, BPS Sakernas) for the region'),
          mix: z
            .array(z.object({ segment: z.enum(['PU', 'BPU']), programs: programsSchema, income: z.number().int().min(1), riskGroup: z.number().int().min(1).max(5).optional(), share: z.number().min(0).max(1) }))
            .min(1)
            .max(10),
          payers: z.array(z.object({ payerType: z.enum(PAYER_TYPES), share: z.number().min(0).max(1) })).min(1).max(10),
        }),
        response: {
          200: z.object({
            region: z.string(),
            asOf: z.string(),
            byMonth: z.string(),
            denominator: z.object({ employedPopulation: z.number(), source: z.string() }),
            currentPercent: z.number(),
            activeParticipants: z.number(),
            targetParticipants: z.number(),
            workersNeeded: z.number(),
            monthlyCost: z.number(),
            annualCost: z.number(),
            byMix: z.array(z.object({ label: z.string(), workers: z.number(), monthlyCost: z.number(), annualCost: z.number() })),
            byPayer: z.array(z.object({ payerType: z.string(), monthlyCost: z.number(), annualCost: z.number() })),
            monthsToTarget: z.number(),
            newWorkersPerMonth: z.number(),
            budgets: z.array(z.object({ programId: z.number(), name: z.string(), payerType: z.string(), regionCode: z.string(), budget: z.number(), committed: z.number(), available: z.number() })),
            budgetTotal: z.number(),
            availableTotal: z.number(),
          }),
        },
      },
    },
    async (req) => planCoverage(db, req.body),
  );

  r.get(
    '/api/funding-programs/:id/document',
    {
      config: { access: { permission: 'funding:read' } },
      schema: { tags: ['funding'], summary: 'Download the legal-basis document', params: idParams },
    },
    async (req, reply) => {
      const p = await programForRead(db, userOf(req), req.params.id);
      if (!p.document_path || !existsSync(p.document_path)) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
      reply.header('content-type', p.document_type ?? 'application/octet-stream');
      reply.header('content-disposition', `attachment; filename="${encodeURIComponent(p.document_name ?? 'dokumen')}"`);
      return reply.send(createReadStream(p.document_path));
    },
  );
}
