import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { idParams } from '../../lib/schemas.js';
import { personScope } from '../workers/queries.js';
import { personAuditQuery, personAuditSchema, workerFileSchema } from './schemas.js';
import { workerFile, workerTrail } from './service.js';

/** The worker page (issue 14): one person, their enrolments, cover and payments, and their audit trail. */
export function workerFileRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const fileSchema = {
    tags: ['workers'],
    summary: 'One worker: every enrolment with its dated status history, funding programme and the last 36 billed months with the payment that paid each (NIK masked)',
    params: idParams,
    response: { 200: workerFileSchema },
  };
  r.get('/api/workers/:id', { config: { access: access(fileSchema, 'worker:read', { entity: personScope, id: (v) => v.params.id }) }, schema: fileSchema }, async (req) =>
    workerFile(db, userOf(req), req.params.id),
  );

  const trailSchema = {
    tags: ['workers'],
    summary: 'The audit trail of one worker and their enrolments, newest first, keyset-paged by beforeId (payloads masked for roles without worker:nik)',
    params: idParams,
    querystring: personAuditQuery,
    response: { 200: personAuditSchema },
  };
  r.get('/api/workers/:id/audit', { config: { access: access(trailSchema, 'worker:read', { entity: personScope, id: (v) => v.params.id }) }, schema: trailSchema }, async (req) =>
    workerTrail(db, userOf(req), req.params.id, req.query.limit, req.query.beforeId),
  );
}
