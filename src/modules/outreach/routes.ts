import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { commonRegion } from '../../domain/outreach.js';
import { listEvents, reach } from './queries.js';
import { eventListQuery, eventPageSchema, outreachEventBody, outreachEventSchema, reachParams, reachQuery, reachSchema } from './schemas.js';
import { recordEvent } from './service.js';

export function outreachRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const reached = {
    tags: ['outreach'],
    summary: 'Villages reached by outreach in a region: total, reached, % (0–100), the villages not yet reached, and the split by the level below',
    params: reachParams,
    querystring: reachQuery,
    response: { 200: reachSchema },
  };
  r.get('/api/outreach/reach/:regionCode', { config: { access: access(reached, 'outreach:read', { region: (v) => v.params.regionCode }) }, schema: reached }, async (req) =>
    reach(db, req.params.regionCode, req.query.kind),
  );

  const events = { tags: ['outreach'], summary: 'Outreach events in a region, latest first', querystring: eventListQuery, response: { 200: eventPageSchema } };
  r.get('/api/outreach/events', { config: { access: access(events, 'outreach:read', { region: (v) => v.query.region }) }, schema: events }, async (req) => {
    const { page, pageSize } = req.query;
    return { ...(await listEvents(db, req.query.region ?? userOf(req).regionCode, page, pageSize)), page, pageSize };
  });

  const record = {
    tags: ['outreach'],
    summary: 'Record an outreach event (sosialisasi) and the villages it reached (audited)',
    body: outreachEventBody,
    response: { 201: outreachEventSchema },
  };
  // The event belongs to the smallest region holding all its villages: all of them lie in the user's subtree when it does.
  r.post('/api/outreach/events', { config: { access: access(record, 'outreach:write', { region: (v) => commonRegion(v.body.villageCodes) }) }, schema: record }, async (req, reply) =>
    reply.code(201).send(await recordEvent(db, userOf(req), req.body)),
  );
}
