import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { benefit, type CalcProgram, contribution, type ContributionInput } from '../../domain/contribution.js';
import { RATE_KEYS } from '../../domain/rates.js';
import { errors } from '../../lib/errors.js';
import { addRate, listRates, loadSnapshot, todayWib, unwrap } from './rates.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const rupiah = z.coerce.number().int().min(0).max(9_000_000_000_000_000);
const programList = z
  .string()
  .regex(/^(JKK|JKM|JHT|JP)(,(JKK|JKM|JHT|JP))*$/, 'JKK,JKM,JHT,JP')
  .describe('comma-separated programmes, e.g. JKK,JKM');

const contributionQuery = z.object({
  segment: z.enum(['PU', 'BPU', 'JAKON', 'PMI']),
  date: isoDate.optional().describe('the date the rates are read at (default today, WIB)'),
  declaredIncome: rupiah.optional().describe('BPU: declared monthly income'),
  wage: rupiah.optional().describe('PU: monthly wage (basic + fixed allowances); JAKON: monthly wages when known'),
  dailyWage: rupiah.optional().describe('PU daily workers instead of wage: the base is the daily wage × 25'),
  riskGroup: z.coerce.number().int().min(1).max(5).optional().describe('PU: JKK risk group 1..5 (government services: 1)'),
  programs: programList.optional().describe('PU/BPU: default JKK,JKM'),
  contractValue: rupiah.optional().describe('JAKON: contract value before VAT'),
  months: z.coerce.number().int().min(0).max(120).optional().describe('PMI: placement months (6, 12, 24, or more with extra months)'),
  prePlacement: z.enum(['true', 'false']).optional().describe('PMI: add the pre-placement amount'),
});

const lineSchema = z.object({
  program: z.string(),
  employer: z.number(),
  worker: z.number(),
  amount: z.number(),
  basis: z.array(z.string()),
  note: z.string().optional(),
});
const bilingual = z.object({ id: z.string(), en: z.string() });

/** The API's one error shape (src/lib/errors.ts), documented for the 422 answers. */
const apiError = z
  .object({
    error: z.object({
      code: z.string().describe('VALIDATION_FAILED, RATE_NOT_CONFIGURED, REQUIRED…'),
      message: z.string().describe('Indonesian'),
      messageEn: z.string(),
      field: z.string().optional().describe('e.g. querystring.declaredIncome'),
      issues: z.array(z.object({ field: z.string(), code: z.string(), message: z.string(), messageEn: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .describe('invalid input: a missing or out-of-range value, or no rate in effect on the date');

const rateSchema = z.object({
  key: z.string(),
  effectiveFrom: z.string(),
  value: z.number(),
  unit: z.string(),
  legalBasis: z.string(),
  unconfirmed: z.boolean(),
});

function contributionInput(q: z.infer<typeof contributionQuery>, date: string): ContributionInput {
  const programs = (q.programs ?? 'JKK,JKM').split(',') as CalcProgram[];
  const need = (field: keyof typeof q, value: unknown) => {
    if (value === undefined) {
      throw errors.invalid(`querystring.${field}`, 'REQUIRED', { id: `Kolom "${field}" wajib diisi untuk segmen ${q.segment}.`, en: `Field "${field}" is required for segment ${q.segment}.` });
    }
  };
  switch (q.segment) {
    case 'PU':
      if (q.dailyWage === undefined) need('wage', q.wage);
      need('riskGroup', q.riskGroup);
      return q.dailyWage !== undefined
        ? { segment: 'PU', date, wage: q.dailyWage, daily: true, riskGroup: q.riskGroup!, programs }
        : { segment: 'PU', date, wage: q.wage!, riskGroup: q.riskGroup!, programs };
    case 'BPU':
      need('declaredIncome', q.declaredIncome);
      return { segment: 'BPU', date, declaredIncome: q.declaredIncome!, programs };
    case 'JAKON':
      return { segment: 'JAKON', date, contractValue: q.contractValue, wage: q.wage };
    case 'PMI':
      need('months', q.months);
      return { segment: 'PMI', date, months: q.months!, prePlacement: q.prePlacement === 'true' };
  }
}

export function calcRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calc/contribution',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['calculator'],
        summary: 'Simulasi iuran: monthly contribution for PU, BPU, JAKON (per project) or PMI (per period), at the rates in effect on `date`',
        description:
          'Integer rupiah. BPU: `declaredIncome`, `programs` (JKK,JKM[,JHT]). PU: `wage`, `riskGroup`, `programs` (JKK,JKM[,JHT][,JP]; JP wage capped by date). ' +
          'JAKON: `contractValue` (stepped marginal rates) or `wage`. PMI: `months` and optional `prePlacement`. Invalid input → 422.',
        querystring: contributionQuery,
        response: { 200: z.object({ segment: z.string(), date: z.string(), total: z.number(), lines: z.array(lineSchema) }), 422: apiError },
      },
    },
    async (req) => {
      const date = req.query.date ?? todayWib();
      const result = unwrap(contribution(await loadSnapshot(db), contributionInput(req.query, date)));
      return { segment: req.query.segment, date, ...result };
    },
  );

  r.get(
    '/api/calc/benefit',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['calculator'],
        summary: 'Simulasi manfaat: JKM (`contributionMonths`) or JKK death (`wage`) benefit amounts',
        description: 'The total excludes the scholarship, which is reported as its own part with its condition (`conditional`, `eligible`, `condition`). Invalid input → 422.',
        querystring: z.object({
          type: z.enum(['JKM', 'JKK_DEATH']),
          contributionMonths: z.coerce.number().int().min(0).max(1200).optional(),
          wage: rupiah.optional(),
          date: isoDate.optional(),
        }),
        response: {
          200: z.object({
            type: z.string(),
            date: z.string(),
            total: z.number(),
            parts: z.array(z.object({ name: z.string(), amount: z.number(), conditional: z.boolean().optional(), eligible: z.boolean().optional(), condition: bilingual.optional(), basis: z.string() })),
          }),
          422: apiError,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const date = q.date ?? todayWib();
      const field = q.type === 'JKM' ? 'contributionMonths' : 'wage';
      const value = q.type === 'JKM' ? q.contributionMonths : q.wage;
      if (value === undefined) throw errors.invalid(`querystring.${field}`, 'REQUIRED', { id: `Kolom "${field}" wajib diisi untuk ${q.type}.`, en: `Field "${field}" is required for ${q.type}.` });
      const s = await loadSnapshot(db);
      const result = unwrap(q.type === 'JKM' ? benefit(s, { type: 'JKM', date, contributionMonths: value }) : benefit(s, { type: 'JKK_DEATH', date, wage: value }));
      return { type: q.type, date, ...result };
    },
  );

  r.get(
    '/api/rates',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['calculator'], summary: 'Every rate, cap and amount with its effective date and legal basis', response: { 200: z.object({ items: z.array(rateSchema) }) } },
    },
    async () => ({ items: await listRates(db) }),
  );

  r.post(
    '/api/rates',
    {
      config: { access: { permission: 'rate:manage' } },
      schema: {
        tags: ['calculator'],
        summary: 'Add a new value for a rate, cap or amount, applied from its effective date (today or later; audited)',
        body: z.object({
          key: z.enum(RATE_KEYS),
          effectiveFrom: isoDate,
          value: z.number().int().min(0).max(9_000_000_000_000),
          legalBasis: z.string().trim().min(3).max(500),
          unconfirmed: z.boolean().optional(),
        }),
        response: { 201: rateSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addRate(db, userOf(req), req.body)),
  );
}
