import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { databaseStatusSchema } from './schemas.js';
import { databaseStatus } from './service.js';

export function systemRoutes(app: FastifyInstance, { db, engine }: { db: Db; engine: 'postgres' | 'pglite' }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/system/database',
    {
      // national roles only (audit:read): the deployment's database is no one else's concern
      config: { access: { permission: 'audit:read' } },
      schema: { tags: ['system'], summary: 'The database engine and, on PGlite, whether the registry has passed the embedded ceiling', response: { 200: databaseStatusSchema } },
    },
    async () => databaseStatus(db, engine),
  );
}
