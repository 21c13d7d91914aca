import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../../access/plugin.js';
import { access } from '../../../access/rules.js';
import type { Config } from '../../../config.js';
import type { Db } from '../../../db/client.js';
import { idParams } from '../../../lib/schemas.js';
import { enrolmentScope } from '../../workers/queries.js';
import { programScope } from '../programs/queries.js';
import { coverView, paymentBody, paymentList, paymentResult } from './schemas.js';
import { enrolmentCover, listPayments, recordPayment } from './service.js';

/** Payments of funding programmes (by hand or from a bank statement) and the cover they buy. */
export function paymentRoutes(app: FastifyInstance, { db }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const recordSchema = {
    tags: ['funding'],
    summary: 'Record a payment by hand: matched to a bill (by id or month) or to the oldest arrears; partial payments pay whole lines, the rest stays as credit (audited)',
    params: idParams,
    body: paymentBody,
    response: { 201: paymentResult },
  };
  r.post(
    '/api/funding-programs/:id/payments',
    { config: { access: access(recordSchema, 'payment:write', { entity: programScope, id: (v) => v.params.id }) }, schema: recordSchema },
    async (req, reply) => reply.code(201).send(await recordPayment(db, userOf(req), req.params.id, req.body)),
  );

  const listSchema = { tags: ['funding'], summary: 'Payments of a programme, newest first', params: idParams, response: { 200: paymentList } };
  r.get(
    '/api/funding-programs/:id/payments',
    { config: { access: access(listSchema, 'funding:read', { entity: programScope, id: (v) => v.params.id }) }, schema: listSchema },
    async (req) => ({ items: await listPayments(db, req.params.id) }),
  );

  const coverSchema = {
    tags: ['funding'],
    summary: 'Month-by-month cover of one enrolment (billed, paid, arrears) and its status history (lapses, reactivations)',
    params: idParams,
    response: { 200: coverView },
  };
  r.get(
    '/api/enrolments/:id/cover',
    { config: { access: access(coverSchema, 'worker:read', { entity: enrolmentScope, id: (v) => v.params.id }) }, schema: coverSchema },
    async (req) => enrolmentCover(db, req.params.id),
  );
}
