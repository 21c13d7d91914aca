import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { descendantRange } from '../../domain/region-code.js';

const entrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit trail per entity (auditor and national monitor)',
        querystring: z.object({
          entityType: z.string().min(1).max(64).optional(),
          entityId: z.string().min(1).max(128).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          beforeId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.object({ items: z.array(entrySchema) }) },
      },
    },
    async (req) => {
      const user = userOf(req);
      const { entityType, entityId, limit, beforeId } = req.query;
      const range = descendantRange(user.regionCode);
      let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
      if (entityType) q = q.where('entity_type', '=', entityType);
      if (entityId) q = q.where('entity_id', '=', entityId);
      if (beforeId) q = q.where('id', '<', beforeId);
      if (user.regionCode !== 'ID') {
        q = q.where((eb) =>
          eb.or([
            eb('region_code', '=', user.regionCode),
            eb.and([eb('region_code', '>=', range.from), eb('region_code', '<', range.to)]),
          ]),
        );
      }
      const rows = await q.execute();
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          at: new Date(r.at).toISOString(),
          actor: r.actor_username,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          regionCode: r.region_code,
          before: r.before,
          after: r.after,
        })),
      };
    },
  );
}
