import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tokenOf, userOf } from '../../access/plugin.js';
import { access, tokenAccess } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import type { ErrorBody } from '../../lib/errors.js';
import { idParams } from '../../lib/schemas.js';
import { tokenScope } from './queries.js';
import { pushBody, pushResult, tokenBody, tokenCreated, tokenList } from './schemas.js';
import { createToken, listTokens, pushFigures, recordRefusedPush, revoke } from './service.js';

/** 10,000 rows of about 120 bytes each, with room to spare. */
const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

/** Official participation data (issue 11): API tokens for BPJS TK's systems, and their push. */
export function participationRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['participation'];

  const createSchema = {
    tags,
    summary: 'Create an API token for BPJS TK’s systems, scoped to a region subtree (national monitor; the token is shown once; audited)',
    body: tokenBody,
    response: { 201: tokenCreated },
  };
  r.post('/api/tokens', { config: { access: access(createSchema, 'token:manage', { region: (v) => v.body.regionCode }) }, schema: createSchema }, async (req, reply) =>
    reply.code(201).send(await createToken(db, userOf(req), req.body)),
  );

  const listSchema = { tags, summary: 'API tokens within your region: name, region, scopes, created, last used, revoked (never the token)', response: { 200: tokenList } };
  r.get('/api/tokens', { config: { access: { permission: 'token:manage' } }, schema: listSchema }, async (req) => ({ items: await listTokens(db, userOf(req)) }));

  const revokeSchema = { tags, summary: 'Revoke an API token: its next use answers 401 (audited)', params: idParams, response: { 204: z.null() } };
  r.delete('/api/tokens/:id', { config: { access: access(revokeSchema, 'token:manage', { entity: tokenScope, id: (v) => v.params.id }) }, schema: revokeSchema }, async (req, reply) => {
    await revoke(db, userOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  const pushSchema = {
    tags,
    summary: 'Push official participation figures (Authorization: Bearer <API token>; up to 10,000 rows; all or none)',
    description:
      'Each row is the figure of a province, regency/city or district for a month (YYYY-MM, not in the future, WIB) and a segment (PU, BPU, JAKON, PMI). ' +
      'The latest figure received for a region, month and segment is the one used; the one it replaces stays as history. ' +
      'A bad row answers 422 with every problem in `error.issues`, each naming `rows[i].field`, and nothing is stored; a row outside the token’s region 403; ' +
      'a missing, unknown or revoked token 401. No session cookie or CSRF token is involved.',
    security: [{ bearer: [] }],
    body: pushBody,
    response: { 200: pushResult },
  };
  r.put(
    '/api/participation',
    {
      config: { access: tokenAccess(pushSchema, 'participation:write', { regions: (v) => v.body.rows.map((row) => row.regionCode) }) },
      schema: pushSchema,
      bodyLimit: PUSH_BODY_LIMIT,
      // a refused use of a valid token (bad rows, a region outside it) is audited like an accepted one
      onSend: async (req, reply, payload) => {
        if (!req.apiToken || reply.statusCode < 400) return payload;
        const error = typeof payload === 'string' ? (JSON.parse(payload) as ErrorBody).error : undefined;
        const refusal = { status: reply.statusCode, code: error?.code ?? null, issues: error?.issues?.length ?? 0 };
        await recordRefusedPush(db, req.apiToken, refusal).catch((e: unknown) => req.log.error({ err: e }, 'audit of a refused push failed'));
        return payload;
      },
    },
    async (req) => pushFigures(db, tokenOf(req), req.body),
  );
}
