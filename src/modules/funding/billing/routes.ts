import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../../access/plugin.js';
import { access } from '../../../access/rules.js';
import type { Db } from '../../../db/client.js';
import { idParams } from '../../../lib/schemas.js';
import { programScope } from '../programs/queries.js';
import { billingRunBody, billList, billSchema } from './schemas.js';
import { listBills, runBilling } from './service.js';

/** Monthly billing of a funding programme. */
export function billingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const runSchema = {
    tags: ['funding'],
    summary: 'Monthly billing run: one bill for the month, one line per funded enrolment; a repeat returns the same bill and creates nothing',
    params: idParams,
    body: billingRunBody,
    response: { 200: billSchema.describe('the month was already billed: the existing bill (created=false)'), 201: billSchema },
  };
  r.post(
    '/api/funding-programs/:id/billing-runs',
    { config: { access: access(runSchema, 'funding:write', { entity: programScope, id: (v) => v.params.id }) }, schema: runSchema },
    async (req, reply) => {
      const bill = await runBilling(db, userOf(req), req.params.id, req.body.month);
      return reply.code(bill.created ? 201 : 200).send(bill);
    },
  );

  const listSchema = { tags: ['funding'], summary: 'The bills of a programme, month by month, with what is paid', params: idParams, response: { 200: billList } };
  r.get(
    '/api/funding-programs/:id/bills',
    { config: { access: access(listSchema, 'funding:read', { entity: programScope, id: (v) => v.params.id }) }, schema: listSchema },
    async (req) => ({ items: await listBills(db, req.params.id) }),
  );
}
