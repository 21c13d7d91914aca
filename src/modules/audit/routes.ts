import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { maskPersonalData } from '../../domain/nik.js';
import { can } from '../../domain/roles.js';
import { auditWorkbook } from './export.js';
import { listAudit } from './queries.js';
import { auditExportQuery, auditPageSchema, auditQuery } from './schemas.js';

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

  const exportSchema = {
    tags: ['audit'],
    summary: 'The audit rows the same filters select as an .xlsx workbook: newest first, at most 10,000 rows (the file says when more matched), payloads masked for roles without worker:nik; audited as an export',
    querystring: auditExportQuery,
  };
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit.xlsx',
    { config: { access: access(exportSchema, 'audit:read', { region: (v) => v.query.region }) }, schema: exportSchema },
    async (req, reply) => {
      const user = userOf(req);
      const { file } = await auditWorkbook(db, user, req.query);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="jejak-audit-${req.query.region ?? user.regionCode}.xlsx"`);
      return reply.send(file);
    },
  );
}
