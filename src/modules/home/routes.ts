import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { homeSchema } from './schemas.js';
import { homeOf } from './service.js';

export function homeRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/home',
    {
      // any signed-in user: every section is computed inside the caller's own region, and only where the role may read it
      config: { access: 'signed-in' },
      schema: {
        tags: ['home'],
        summary: 'The signed-in user’s home page: their role’s first questions, answered for their own region',
        description:
          'Village operator: this and last month’s bill of each programme paying for the village’s workers (the village’s lines) with the payments as proof, workers by status, what needs doing. ' +
          'Regency/province operator: coverage vs target with the gap in workers and rupiah and this month’s changes, imports not yet saved, programmes near quota or budget, overdue cases (regency) or the ranking and stale regions (province). ' +
          'BPJS branch: enrolments waiting for a KPJ oldest first, lapses due in 30 days, unpaid bills. Labour inspector: employers by workers not registered, overdue cases. ' +
          'National monitor: coverage, ranking of provinces, stale or missing data. Auditor: recent full-NIK views, exports and changes.',
        response: { 200: homeSchema },
      },
    },
    async (req) => homeOf(db, userOf(req)),
  );
}
