import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SESSION_COOKIE, userOf } from '../../access/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { NATIONAL } from '../../domain/region-code.js';
import { findRegion } from '../regions/queries.js';
import { loggedOutSchema, loginBody, meSchema } from './schemas.js';
import { login, logout, normaliseUsername } from './service.js';
import { AppError, errors } from '../../lib/errors.js';
import { LoginLockout } from './lockout.js';

export function authRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const lockout = new LoginLockout();
  const regionName = async (code: string) => (code === NATIONAL ? 'Indonesia' : ((await findRegion(db, code))?.name ?? code));

  r.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: config.loginRateLimit,
          timeWindow: '1 minute',
          // After body parsing, so the key can include the username.
          hook: 'preHandler',
          // Per address and username: one office behind NAT does not lock out its colleagues. The
          // username as login reads it, so that "  Name" is not a fresh budget for "name".
          keyGenerator: (req) => `${req.ip}|${normaliseUsername(String((req.body as { username?: unknown })?.username ?? ''))}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HTTP-only session cookie and returns the CSRF token for writes',
        body: loginBody,
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const account = normaliseUsername(req.body.username);
      const wait = lockout.retryAfterSeconds(account);
      if (wait > 0) {
        reply.header('retry-after', wait);
        throw errors.rateLimited(wait);
      }
      const result = await login(db, req.body.username, req.body.password, config.sessionTtlHours).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') lockout.failed(account);
        throw err;
      });
      lockout.succeeded(account);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        expires: result.expiresAt,
      });
      return { ...result.user, regionName: await regionName(result.user.regionCode), demo: config.demo, csrfToken: result.csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 200: loggedOutSchema } },
    },
    async (req, reply) => {
      await logout(db, userOf(req).sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (and the CSRF token, so a reloaded page can keep writing)',
        response: { 200: meSchema },
      },
    },
    async (req) => {
      const u = userOf(req);
      return {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        regionCode: u.regionCode,
        regionName: await regionName(u.regionCode),
        demo: config.demo,
        csrfToken: u.csrfToken,
      };
    },
  );
}
