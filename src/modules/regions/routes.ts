import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import { access, canReach } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import type { Region } from '../../db/schema.js';
import { NATIONAL } from '../../domain/region-code.js';
import { errors } from '../../lib/errors.js';
import { ancestorsOf, childrenOf, findRegion, searchRegions } from './queries.js';
import { regionCodeParams, regionDetailSchema, regionSearchQuery, type RegionSummary, regionSummarySchema } from './schemas.js';

const toSummary = (r: Region): RegionSummary => ({
  code: r.code,
  name: r.name,
  level: r.level,
  ...(r.kind ? { kind: r.kind } : {}),
});

/** The country is everyone's ancestor: reading it needs no region check. */
const codeParam = (v: { params: { code: string } }) => (v.params.code === NATIONAL ? undefined : v.params.code);

export function regionRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['regions'];

  const listSchema = { tags, summary: 'Provinces, or a case-insensitive name search (q) within your region', querystring: regionSearchQuery, response: { 200: z.array(regionSummarySchema) } };
  r.get('/api/regions', { config: { access: { permission: 'region:read' } }, schema: listSchema }, async (req) => {
    const user = userOf(req);
    if (req.query.q) return (await searchRegions(db, req.query.q, user.regionCode, req.query.limit)).map(toSummary);
    return (await childrenOf(db, NATIONAL)).filter((p) => visible(user.regionCode, p.code)).map(toSummary);
  });

  const oneSchema = { tags, summary: 'One region with its ancestors', params: regionCodeParams, response: { 200: regionDetailSchema } };
  r.get(
    '/api/regions/:code',
    { config: { access: access(oneSchema, 'region:read', { region: codeParam, ancestorsReadable: true }) }, schema: oneSchema },
    async (req) => {
      const region = await findRegion(db, req.params.code);
      if (!region) throw errors.regionNotFound(req.params.code);
      return { ...toSummary(region), parentCode: region.parent_code, ancestors: (await ancestorsOf(db, region.code)).map(toSummary) };
    },
  );

  const childrenSchema = {
    tags,
    summary: 'Child regions (only the branch leading to your own region when this one is above it)',
    params: regionCodeParams,
    response: { 200: z.array(regionSummarySchema) },
  };
  r.get(
    '/api/regions/:code/children',
    { config: { access: access(childrenSchema, 'region:read', { region: codeParam, ancestorsReadable: true }) }, schema: childrenSchema },
    async (req) => {
      const user = userOf(req);
      const code = req.params.code;
      if (!(await findRegion(db, code))) throw errors.regionNotFound(code);
      const children = await childrenOf(db, code);
      return children.filter((c) => visible(user.regionCode, c.code)).map(toSummary);
    },
  );
}

/** A region is visible to a user when it lies in their subtree or on the path down to it. */
const visible = (regionCode: string, code: string) => canReach({ regionCode }, code, { ancestorsReadable: true });
