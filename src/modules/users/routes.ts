import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { ROLES } from '../../domain/roles.js';
import { regionCodeSchema } from '../../lib/schemas.js';
import { listUsersInSubtree } from './queries.js';
import { createUser, type Manager, publicUser, updateUser } from './service.js';

const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  disabled: z.boolean(),
});

const managerOf = (req: FastifyRequest): Manager => {
  const u = userOf(req);
  return { id: u.id, username: u.username, role: u.role, regionCode: u.regionCode };
};

export function userRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    {
      config: { access: { permission: 'user:read' } },
      schema: {
        tags: ['users'],
        summary: 'Accounts within your region',
        querystring: z.object({
          q: z.string().trim().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (req) => ({
      items: (await listUsersInSubtree(db, userOf(req).regionCode, req.query.q, req.query.limit)).map(publicUser),
    }),
  );

  r.post(
    '/api/users',
    {
      config: { access: { permission: 'user:manage', region: (v) => (v.body as { regionCode?: string })?.regionCode } },
      schema: {
        tags: ['users'],
        summary: 'Create an account in your region, with a role below yours',
        body: z.object({
          username: z.string().trim().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/),
          displayName: z.string().trim().min(1).max(120),
          password: z.string().min(1).max(256),
          role: z.enum(ROLES),
          regionCode: regionCodeSchema,
        }),
        response: { 201: userSchema },
      },
    },
    async (req, reply) => {
      const created = await createUser(db, managerOf(req), req.body);
      return reply.code(201).send(created);
    },
  );

  r.patch(
    '/api/users/:username',
    {
      // The target user's region is checked inside the service (it needs a lookup); the new one here.
      config: { access: { permission: 'user:manage', region: (v) => (v.body as { regionCode?: string })?.regionCode } },
      schema: {
        tags: ['users'],
        summary: 'Change, disable or re-enable an account in your region',
        params: z.object({ username: z.string().min(1).max(64) }),
        body: z
          .object({
            displayName: z.string().trim().min(1).max(120),
            password: z.string().min(1).max(256),
            role: z.enum(ROLES),
            regionCode: regionCodeSchema,
            disabled: z.boolean(),
          })
          .partial(),
        response: { 200: userSchema },
      },
    },
    async (req) => updateUser(db, managerOf(req), req.params.username, req.body),
  );
}
