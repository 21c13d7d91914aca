import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { AUDIENCES, commonRegion } from '../../domain/outreach.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { listEvents, reach } from './queries.js';
import { recordEvent } from './service.js';

const villageCode = z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa seperti 32.02.01.2001');
const eventItem = z.object({
  id: z.number(),
  heldOn: z.string(),
  title: z.string(),
  organiser: z.string(),
  audiences: z.array(z.string()),
  attendance: z.number(),
  enrolmentsAfter: z.number(),
  region: z.string(),
  notes: z.string(),
  createdBy: z.string(),
  villageCount: z.number(),
});
const reachItem = z.object({ code: z.string(), name: z.string(), villagesTotal: z.number(), villagesReached: z.number(), pct: z.number() });

export function outreachRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/outreach/reach/:regionCode',
    {
      config: { access: { permission: 'outreach:read', region: (v) => (v.params as { regionCode?: string }).regionCode } },
      schema: {
        tags: ['outreach'],
        summary: 'Villages reached by outreach in a region: total, reached, % (0–100), the villages not yet reached, and the split by the level below',
        params: z.object({ regionCode: regionCodeSchema }),
        querystring: z.object({ kind: z.enum(['desa', 'all']).default('desa') }),
        response: {
          200: z.object({
            regionCode: z.string(),
            kind: z.enum(['desa', 'all']),
            villagesTotal: z.number(),
            villagesReached: z.number(),
            pct: z.number(),
            notReached: z.array(z.object({ code: z.string(), name: z.string() })),
            byChild: z.array(reachItem),
          }),
        },
      },
    },
    async (req) => reach(db, req.params.regionCode, req.query.kind),
  );

  r.get(
    '/api/outreach/events',
    {
      config: { access: { permission: 'outreach:read', region: (v) => (v.query as { region?: string }).region } },
      schema: {
        tags: ['outreach'],
        summary: 'Outreach events in a region, latest first',
        querystring: z.object({ region: regionCodeSchema.optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(eventItem), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      return { ...(await listEvents(db, req.query.region ?? userOf(req).regionCode, page, pageSize)), page, pageSize };
    },
  );

  r.post(
    '/api/outreach/events',
    {
      config: { access: { permission: 'outreach:write', region: (v) => commonRegion((v.body as { villageCodes?: string[] }).villageCodes ?? []) } },
      schema: {
        tags: ['outreach'],
        summary: 'Record an outreach event (sosialisasi) and the villages it reached (audited)',
        body: z.object({
          heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
          title: z.string().trim().min(1).max(200),
          organiser: z.string().trim().min(1).max(200),
          audiences: z.array(z.enum(AUDIENCES)).min(1),
          attendance: z.number().int().min(0).max(1_000_000),
          enrolmentsAfter: z.number().int().min(0).max(1_000_000).default(0),
          villageCodes: z.array(villageCode).min(1).max(1000),
          notes: z.string().trim().max(2000).optional(),
        }),
        response: { 201: eventItem },
      },
    },
    async (req, reply) => reply.code(201).send(await recordEvent(db, userOf(req), req.body)),
  );
}
