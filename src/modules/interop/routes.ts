import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { codeParams, periodQuery } from '../coverage/schemas.js';
import { coverageReport } from '../coverage/service.js';
import { adx, dataValueSet } from './dhis2.js';
import { dataValueSetSchema } from './schemas.js';

export function interopRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const json = {
    tags: ['coverage'],
    summary: 'Coverage indicators of a region and its children as a DHIS2 dataValueSets payload (import with idScheme CODE)',
    params: codeParams,
    querystring: periodQuery,
    response: { 200: dataValueSetSchema },
  };
  r.get(
    '/api/coverage/:code/dhis2/dataValueSets.json',
    { config: { access: access(json, 'coverage:read', { region: (v) => v.params.code }) }, schema: json },
    async (req) => dataValueSet(await coverageReport(db, req.params.code, req.query.period)),
  );

  const xml = { tags: ['coverage'], summary: 'The same indicators as ADX XML (urn:ihe:qrph:adx:2015)', params: codeParams, querystring: periodQuery };
  r.get(
    '/api/coverage/:code/dhis2/adx.xml',
    { config: { access: access(xml, 'coverage:read', { region: (v) => v.params.code }) }, schema: xml },
    async (req, reply) => {
      const body = adx(await coverageReport(db, req.params.code, req.query.period));
      return reply.type('application/adx+xml; charset=utf-8').header('content-disposition', `attachment; filename="ucj-${req.params.code}-${req.query.period}.adx.xml"`).send(body);
    },
  );
}
