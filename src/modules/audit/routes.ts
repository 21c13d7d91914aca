import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { maskPersonalData } from '../../domain/nik.js';
import { can } from '../../domain/roles.js';
import { listAudit } from './queries.js';
import { auditPageSchema, auditQuery } from './schemas.js';

export function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const schema = {
    tags: ['audit'],
    summary: 'Audit trail (auditor and national monitor): by actor, action, entity, region and WIB date range, newest first, keyset-paged by beforeId',
    querystring: auditQuery,
    response: { 200: auditPageSchema },
  };
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', { config: { access: access(schema, 'audit:read', { region: (v) => v.query.region }) }, schema }, async (req) => {
    const user = userOf(req);
    const items = await listAudit(db, user.regionCode, req.query);
    const nextBeforeId = items.length === req.query.limit ? items[items.length - 1]!.id : null;
    // Payloads can hold a person's NIK and birth date (imports, older entries): masked for roles without worker:nik (decision 60).
    if (can(user.role, 'worker:nik')) return { items, nextBeforeId };
    return { items: items.map((e) => ({ ...e, before: maskPersonalData(e.before), after: maskPersonalData(e.after) })), nextBeforeId };
  });
}
