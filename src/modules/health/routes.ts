import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/client.js';

export function healthRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Liveness, including a database round trip', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => {
      await sql`SELECT 1`.execute(db);
      return { status: 'ok' as const };
    },
  );
}
