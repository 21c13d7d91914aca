import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { maskPersonalData } from '../../domain/nik.js';
import { can } from '../../domain/roles.js';
import { listAudit } from './queries.js';
import { auditPageSchema, auditQuery } from './schemas.js';

export function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['audit'], summary: 'Audit trail per entity (auditor and national monitor)', querystring: auditQuery, response: { 200: auditPageSchema } },
    },
    async (req) => {
      const user = userOf(req);
      const items = await listAudit(db, user.regionCode, req.query);
      // Payloads can hold a person's NIK and birth date (imports, older entries): masked for roles without worker:nik (decision 60).
      if (can(user.role, 'worker:nik')) return { items };
      return { items: items.map((e) => ({ ...e, before: maskPersonalData(e.before), after: maskPersonalData(e.after) })) };
    },
  );
}
