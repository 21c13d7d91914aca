import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { codeParams, periodQuery } from '../coverage/schemas.js';
import { coverageReport } from '../coverage/service.js';
import { adx, dataValueSet } from './dhis2.js';

const byCode = (req: { params: unknown }) => (req.params as { code?: string }).code;

export function interopRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/coverage/:code/dhis2/dataValueSets.json',
    {
      config: { access: { permission: 'coverage:read', region: byCode } },
      schema: {
        tags: ['coverage'],
        summary: 'Coverage indicators of a region and its children as a DHIS2 dataValueSets payload (import with idScheme CODE)',
        params: codeParams,
        querystring: periodQuery,
      },
    },
    async (req) => dataValueSet(await coverageReport(db, req.params.code, req.query.period)),
  );

  r.get(
    '/api/coverage/:code/dhis2/adx.xml',
    {
      config: { access: { permission: 'coverage:read', region: byCode } },
      schema: { tags: ['coverage'], summary: 'The same indicators as ADX XML (urn:ihe:qrph:adx:2015)', params: codeParams, querystring: periodQuery },
    },
    async (req, reply) => {
      const xml = adx(await coverageReport(db, req.params.code, req.query.period));
      return reply.type('application/adx+xml; charset=utf-8').header('content-disposition', `attachment; filename="ucj-${req.params.code}-${req.query.period}.adx.xml"`).send(xml);
    },
  );
}
