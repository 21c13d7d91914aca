import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import type { Region } from '../../db/schema.js';
import { inSubtree, isAncestor, NATIONAL } from '../../domain/region-code.js';
import { errors } from '../../lib/errors.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { ancestorsOf, childrenOf, findRegion, searchRegions } from './queries.js';


const summary = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['country', 'province', 'regency', 'district', 'village']),
  kind: z.enum(['desa', 'kelurahan']).optional(),
});

const toSummary = (r: Region) => ({
  code: r.code,
  name: r.name,
  level: r.level,
  ...(r.kind ? { kind: r.kind } : {}),
});

export function regionRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/regions',
    {
      config: { access: { permission: 'region:read' } },
      schema: {
        tags: ['regions'],
        summary: 'Provinces, or a case-insensitive name search (q) within your region',
        querystring: z.object({
          q: z.string().trim().min(2).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(summary) },
      },
    },
    async (req) => {
      const user = userOf(req);
      if (req.query.q) return (await searchRegions(db, req.query.q, user.regionCode, req.query.limit)).map(toSummary);
      return (await childrenOf(db, NATIONAL)).filter((p) => visible(user.regionCode, p.code)).map(toSummary);
    },
  );

  r.get(
    '/api/regions/:code',
    {
      config: { access: { permission: 'region:read', region: codeParam, ancestorsReadable: true } },
      schema: {
        tags: ['regions'],
        summary: 'One region with its ancestors',
        params: z.object({ code: regionCodeSchema }),
        response: { 200: summary.extend({ parentCode: z.string().nullable(), ancestors: z.array(summary) }) },
      },
    },
    async (req) => {
      const region = await findRegion(db, req.params.code);
      if (!region) throw errors.regionNotFound(req.params.code);
      return { ...toSummary(region), parentCode: region.parent_code, ancestors: (await ancestorsOf(db, region.code)).map(toSummary) };
    },
  );

  r.get(
    '/api/regions/:code/children',
    {
      config: { access: { permission: 'region:read', region: codeParam, ancestorsReadable: true } },
      schema: {
        tags: ['regions'],
        summary: 'Child regions (only the branch leading to your own region when this one is above it)',
        params: z.object({ code: regionCodeSchema }),
        response: { 200: z.array(summary) },
      },
    },
    async (req) => {
      const user = userOf(req);
      const code = req.params.code;
      if (!(await findRegion(db, code))) throw errors.regionNotFound(code);
      const children = await childrenOf(db, code);
      return children.filter((c) => visible(user.regionCode, c.code)).map(toSummary);
    },
  );
}

function codeParam(req: { params: unknown }): string | undefined {
  const code = (req.params as { code?: string }).code;
  return code === NATIONAL ? undefined : code;
}

/** A region is visible to a user when it lies in their subtree or on the path down to it. */
function visible(scope: string, code: string): boolean {
  return inSubtree(scope, code) || isAncestor(code, scope);
}
