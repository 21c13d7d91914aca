import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { listAudit } from './queries.js';
import { auditPageSchema, auditQuery } from './schemas.js';

export function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], summary: 'Audit trail per entity (auditor and national monitor)', querystring: auditQuery, response: { 200: auditPageSchema } },
    },
    async (req) => ({ items: await listAudit(db, userOf(req).regionCode, req.query) }),
  );
}
