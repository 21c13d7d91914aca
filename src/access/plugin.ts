import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { errors } from '../lib/errors.js';
import { type AccessRule, requireAccess } from './rules.js';
import type { SessionUser } from './session-user.js';

export const SESSION_COOKIE = 'semesta_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    user: SessionUser | null;
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

/**
 * Enforces every route's AccessRule before its handler runs: session, role, CSRF on writes, region scope.
 * Handlers that list many regions additionally filter their SQL by the user's subtree.
 */
export const accessPlugin = fp(async (app: FastifyInstance, opts: { db: Db; routes: RegisteredRoute[] }) => {
  app.decorateRequest('user', null);

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
    if (access.region) requireAccess(userOf(req), access.permission, access.region(values), { ancestorsReadable: access.ancestorsReadable });
    if (access.entity) await access.entity(opts.db, userOf(req), values);
  });
});

/** The signed-in user of a route whose rule is not 'public'. */
export function userOf(req: FastifyRequest): SessionUser {
  if (!req.user) throw errors.unauthenticated();
  return req.user;
}
