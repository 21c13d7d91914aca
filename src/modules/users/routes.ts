import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { listUsersInSubtree, userScope } from './queries.js';
import { newUserBody, userChangeBody, userListQuery, userListSchema, usernameParams, userSchema } from './schemas.js';
import { createUser, type Manager, publicUser, updateUser } from './service.js';

const managerOf = (req: FastifyRequest): Manager => {
  const u = userOf(req);
  return { id: u.id, username: u.username, role: u.role, regionCode: u.regionCode };
};

export function userRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  const listSchema = { tags, summary: 'Accounts within your region', querystring: userListQuery, response: { 200: userListSchema } };
  r.get('/api/users', { config: { access: { permission: 'user:read' } }, schema: listSchema }, async (req) => ({
    items: (await listUsersInSubtree(db, userOf(req).regionCode, req.query.q, req.query.limit)).map(publicUser),
  }));

  const createSchema = { tags, summary: 'Create an account in your region, with a role below yours', body: newUserBody, response: { 201: userSchema } };
  r.post(
    '/api/users',
    { config: { access: access(createSchema, 'user:manage', { region: (v) => v.body.regionCode }) }, schema: createSchema },
    async (req, reply) => reply.code(201).send(await createUser(db, managerOf(req), req.body)),
  );

  const changeSchema = { tags, summary: 'Change, disable or re-enable an account in your region', params: usernameParams, body: userChangeBody, response: { 200: userSchema } };
  r.patch(
    '/api/users/:username',
    {
      // The account must lie in the manager's region (else 404: no probing for usernames), and so must a new region.
      config: { access: access(changeSchema, 'user:manage', { region: (v) => v.body.regionCode, entity: userScope, id: (v) => v.params.username }) },
      schema: changeSchema,
    },
    async (req) => updateUser(db, managerOf(req), req.params.username, req.body),
  );
}
