import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { accessPlugin, type RegisteredRoute } from './access/plugin.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { AppError, errors } from './lib/errors.js';
import { loggerOptions } from './lib/logging.js';
import { rejectUnsafeText } from './lib/safe-text.js';
import { describeIssue } from './lib/validation-messages.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { regionRoutes } from './modules/regions/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { workerRoutes } from './modules/workers/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { IMPORT_KINDS } from './import-kinds.js';
// funding (issue 4)
import { billingRoutes } from './modules/funding/billing/routes.js';
import { paymentRoutes } from './modules/funding/payments/routes.js';
import { planningRoutes } from './modules/funding/planning/routes.js';
import { programRoutes } from './modules/funding/programs/routes.js';
import { rateRoutes } from './modules/funding/rates/routes.js';
// compliance (issue 6)
import { employerRoutes } from './modules/employers/routes.js';
import { complianceCaseRoutes } from './modules/compliance-cases/routes.js';
import { outreachRoutes } from './modules/outreach/routes.js';
import { agentRoutes } from './modules/agents/routes.js';
// coverage (issue 5)
import { coverageRoutes } from './modules/coverage/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { interopRoutes } from './modules/interop/routes.js';
import { boundaryRoutes } from './modules/boundaries/routes.js';
// official participation data (issue 11)
import { participationRoutes } from './modules/participation/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { inpresRoutes } from './modules/inpres/routes.js';
import { claimRoutes } from './modules/claims/routes.js';
import { workerFileRoutes } from './modules/worker-file/routes.js';
import { systemRoutes } from './modules/system/routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { targetingRoutes } from './modules/targeting/routes.js';

export interface AppDeps {
  db: Db;
  config: Config;
  /** Built SPA to serve; absent in API-only tests. */
  webDir?: string;
  logger?: boolean | object;
  /** the engine behind `db` (default: PostgreSQL when DATABASE_URL is set); the embedded ceiling notice reads it */
  engine?: 'postgres' | 'pglite';
}

/** Vite builds the SPA into dist/web; the server finds it from src/ (tsx) and dist/src/ (built) alike. */
export const defaultWebDir = fileURLToPath(new URL(import.meta.url.includes('/dist/src/') ? '../web/' : '../dist/web/', import.meta.url));

/**
 * Cache rule of a built file: names under assets/ carry a content hash (Vite), so they never change and
 * are cached for a year without revalidation; index.html and the other root files must be re-read so a
 * new release is picked up at once.
 */
export function staticCacheControl(path: string): string {
  return /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Builds the whole application without listening, so tests drive it with app.inject(). */
export type App = FastifyInstance & { routesWithAccess: RegisteredRoute[] };

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    // Personal data stays out of the logs (UU 27/2022): see src/lib/logging.ts.
    logger: deps.logger ?? loggerOptions(deps.config),
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  });
  const routes: RegisteredRoute[] = [];

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the SPA; a missing asset (/x.js — a region code like /32.02 is no extension) or API route gets a 404.
    const path = req.url.split('?')[0] ?? req.url;
    if (!path.startsWith('/api') && !/\.[a-z][a-z0-9]{0,5}$/i.test(path) && req.method === 'GET' && deps.webDir && existsSync(deps.webDir)) {
      return reply.type('text/html').header('cache-control', staticCacheControl('index.html')).sendFile('index.html');
    }
    const e = errors.routeNotFound(req.method, path);
    return reply.code(404).send(e.toBody());
  });

  await app.register(fastifyHelmet, securityHeaders(deps.config));
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Semesta API',
        description:
          'Cakupan semesta jaminan sosial ketenagakerjaan. Errors: `{error:{code, message (id), messageEn, field?, issues?}}`. ' +
          'Writes need the `x-csrf-token` header returned by login.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'semesta_session' },
          // machine routes (PUT /api/participation): an API token created by a national monitor
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 5 } });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => errors.rateLimited(Math.ceil(ctx.ttl / 1000)),
  });
  await app.register(accessPlugin, { db: deps.db, routes });
  // After the access check (an anonymous caller learns nothing about its input), before validation.
  app.addHook('preValidation', rejectUnsafeText);

  const ctx = { db: deps.db, config: deps.config };
  await app.register(async (api) => {
    healthRoutes(api, ctx);
    authRoutes(api, ctx);
    regionRoutes(api, ctx);
    userRoutes(api, ctx);
    auditRoutes(api, ctx);
    workerRoutes(api, ctx);
    importRoutes(api, { ...ctx, kinds: IMPORT_KINDS });
    // funding (issue 4)
    rateRoutes(api, ctx);
    programRoutes(api, ctx);
    billingRoutes(api, ctx);
    paymentRoutes(api, ctx);
    planningRoutes(api, ctx);
    // compliance (issue 6)
    employerRoutes(api, ctx);
    complianceCaseRoutes(api, ctx);
    outreachRoutes(api, ctx);
    agentRoutes(api, ctx);
    // coverage (issue 5)
    coverageRoutes(api, ctx);
    reportRoutes(api, ctx);
    interopRoutes(api, ctx);
    boundaryRoutes(api, ctx);
    // official participation data (issue 11)
    participationRoutes(api, ctx);
    // role home pages (issue 14)
    homeRoutes(api, ctx);
    // Inpres 2/2021 accountability (issue 15)
    inpresRoutes(api, ctx);
    // claims and benefits (issue 17)
    claimRoutes(api, ctx);
    // projects (Jakon) and election ad hoc cohorts (issue 18)
    projectRoutes(api, ctx);
    // DTSEN targeting (issue 16)
    targetingRoutes(api, ctx);
    // the worker page (issue 14)
    workerFileRoutes(api, ctx);
    // the embedded ceiling (issue 13)
    systemRoutes(api, { db: deps.db, engine: deps.engine ?? (deps.config.databaseUrl ? 'postgres' : 'pglite') });
  });

  if (deps.webDir && existsSync(deps.webDir)) {
    // wildcard: files are looked up per request, so a rebuilt SPA is served without a restart.
    // Weak connections (issue 14, decision 104): the build's .br/.gz siblings by Accept-Encoding; hashed
    // assets cached for a year, everything else (index.html above all) revalidated on every load.
    await app.register(fastifyStatic, { root: deps.webDir, index: 'index.html', preCompressed: true, cacheControl: false, setHeaders: (reply, path) => reply.header('cache-control', staticCacheControl(path)) });
  }
  return Object.assign(app, { routesWithAccess: routes }) as unknown as App;
}

/**
 * Security headers on every response (docs/decisions.md, "Security headers"): the SPA and the API
 * documentation load only their own scripts; styles may be inline because antd writes them at run
 * time (CSS-in-JS), as does Swagger UI; images may be data: URIs (the favicon, chart exports). No
 * framing, no MIME sniffing, the referrer only to this origin. HSTS only behind HTTPS.
 */
function securityHeaders(config: Config) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'same-origin' as const },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return reply.code(err.status).send(err.toBody());
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = err.validationContext ?? 'body';
    const issues = err.validation.map((v) =>
      describeIssue({ ...v.params, code: v.keyword, message: v.message, instancePath: v.instancePath }, part),
    );
    const e = errors.validationFailed(issues);
    return reply.code(422).send(e.toBody());
  }
  const status = err.statusCode ?? 500;
  if (status === 413) return reply.code(413).send(errors.payloadTooLarge().toBody());
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type…): keep the status, not the internals.
    const e = new AppError(status, err.code ?? 'BAD_REQUEST', {
      id: 'Permintaan tidak dapat dibaca. Periksa format data yang dikirim.',
      en: `The request could not be read: ${err.message}`,
    });
    return reply.code(status).send(e.toBody());
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send(errors.internal().toBody());
}
