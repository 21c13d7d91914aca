import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { ping } from './queries.js';
import { healthSchema } from './schemas.js';

export function healthRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Liveness, including a database round trip', response: { 200: healthSchema } },
    },
    async () => {
      await ping(db);
      return { status: 'ok' as const };
    },
  );
}
