import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { inSubtree } from '../domain/region-code.js';
import type { TokenScope } from '../domain/roles.js';
import { errors } from '../lib/errors.js';
import { type AccessRule, requireAccess } from './rules.js';
import type { SessionUser } from './session-user.js';
import type { TokenCaller } from './token-caller.js';

export const SESSION_COOKIE = 'semesta_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** the API token of a machine route (token rules only) */
    apiToken: TokenCaller | null;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function loadSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.csrf_token', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.region_code'])
    .where('s.id', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * `Authorization: Bearer <token>` → the token, if it exists and is not revoked; its last use is
 * stamped in the same statement. Missing, unknown and revoked tokens get the same 401 (no oracle).
 */
async function loadTokenCaller(db: Db, header: string | undefined, scope: TokenScope): Promise<TokenCaller> {
  const sent = header ? BEARER.exec(header)?.[1] : undefined;
  if (!sent) throw errors.tokenInvalid();
  const { rows } = await sql<{ id: number; name: string; region_code: string; scopes: TokenScope[] }>`
    UPDATE api_token SET last_used_at = now()
    WHERE token_hash = ${hashToken(sent)} AND revoked_at IS NULL
    RETURNING id, name, region_code, scopes`.execute(db);
  const row = rows[0];
  if (!row) throw errors.tokenInvalid();
  if (!row.scopes.includes(scope)) throw errors.tokenScope(scope);
  return { id: row.id, name: row.name, regionCode: row.region_code, scopes: row.scopes };
}

/**
 * Enforces every route's AccessRule before its handler runs: session, role, CSRF on writes, region scope;
 * or, on a machine route, the API token and the region of everything the request touches. A machine
 * route takes no cookie, so it needs no CSRF token. Handlers that list many regions additionally filter
 * their SQL by the user's subtree.
 */
export const accessPlugin = fp(async (app: FastifyInstance, opts: { db: Db; routes: RegisteredRoute[] }) => {
  app.decorateRequest('user', null);
  app.decorateRequest('apiToken', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') opts.routes.push({ method, url: route.url, access });
    }
  });

  // Identity, CSRF and role before validation (an anonymous caller learns nothing about its input)…
  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (typeof access === 'object' && 'token' in access) {
      req.apiToken = await loadTokenCaller(opts.db, req.headers.authorization, access.token);
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? await loadSessionUser(opts.db, token) : null;
    const user = req.user;
    if (!user) throw errors.unauthenticated();
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, user.csrfToken)) throw errors.csrf();
    }
    if (access !== 'signed-in') requireAccess(user, access.permission);
  });

  // …region scope after it, on the validated (and normalised) values the handler will use.
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access || typeof access === 'string') return;
    const values = { params: req.params, query: req.query, body: req.body };
    if ('token' in access) {
      const caller = tokenOf(req);
      const outside = access.regions?.(values).find((code) => !inSubtree(caller.regionCode, code));
      if (outside !== undefined) throw errors.forbiddenRegion(outside);
      return;
    }
    if (access.region) requireAccess(userOf(req), access.permission, access.region(values), { ancestorsReadable: access.ancestorsReadable });
    if (access.entity) await access.entity(opts.db, userOf(req), values);
  });
});

/** The API token of a machine route (a token rule). */
export function tokenOf(req: FastifyRequest): TokenCaller {
  if (!req.apiToken) throw errors.tokenInvalid();
  return req.apiToken;
}

/** The signed-in user of a route whose rule is not 'public'. */
export function userOf(req: FastifyRequest): SessionUser {
  if (!req.user) throw errors.unauthenticated();
  return req.user;
}
