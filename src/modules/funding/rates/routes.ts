import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../../access/rules.js';
import { userOf } from '../../../access/plugin.js';
import type { Db } from '../../../db/client.js';
import { listRates } from './queries.js';
import { apiError, benefitAnswer, benefitQuery, contributionAnswer, contributionQuery, newRateBody, rateList, rateSchema } from './schemas.js';
import { addRate, benefitFor, contributionFor } from './service.js';

/** The calculator (simulasi iuran & manfaat) and the date-effective rate table it reads. */
export function rateRoutes(app: FastifyInstance, { db }: { db: Db }) {
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
        response: { 200: contributionAnswer, 422: apiError },
      },
    },
    async (req) => contributionFor(db, req.query),
  );

  r.get(
    '/api/calc/benefit',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['calculator'],
        summary: 'Simulasi manfaat: JKM (`contributionMonths`) or JKK death (`wage`) benefit amounts',
        description: 'The total excludes the scholarship, which is reported as its own part with its condition (`conditional`, `eligible`, `condition`). Invalid input → 422.',
        querystring: benefitQuery,
        response: { 200: benefitAnswer, 422: apiError },
      },
    },
    async (req) => benefitFor(db, req.query),
  );

  r.get(
    '/api/rates',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['calculator'], summary: 'Every rate, cap and amount with its effective date and legal basis', response: { 200: rateList } },
    },
    async () => ({ items: await listRates(db) }),
  );

  const addSchema = {
    tags: ['calculator'],
    summary: 'Add a new value for a rate, cap or amount, applied from its effective date (today or later; audited)',
    body: newRateBody,
    response: { 201: rateSchema },
  };
  r.post('/api/rates', { config: { access: access(addSchema, 'rate:manage') }, schema: addSchema }, async (req, reply) => reply.code(201).send(await addRate(db, userOf(req), req.body)));
}
