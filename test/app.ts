import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DbHandle } from '../src/db/client.js';
import { DEFAULT_SEED } from '../src/demo/generate.js';
import { loadDemo } from '../src/demo/load.js';
import { createTestDb } from './db.js';

export const DEMO_PASSWORD = 'semesta-demo';

export interface TestContext {
  app: App;
  db: DbHandle['db'];
  handle: DbHandle;
}

/** One app on a fresh database with the regency-scale demo accounts (and, if asked, demo workers), per test file. */
export function useTestApp(opts: { loginRateLimit?: number; demoWorkers?: boolean } = {}): TestContext {
  const ctx = {} as TestContext;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const h = await createTestDb();
    drop = h.drop;
    await loadDemo(h.db, 'regency', DEFAULT_SEED, { workers: opts.demoWorkers ?? false });
    const config = { ...loadConfig({}), demo: true, loginRateLimit: opts.loginRateLimit ?? 1000, logLevel: 'silent' };
    ctx.app = await buildApp({ db: h.db, config, logger: false });
    ctx.db = h.db;
    ctx.handle = h;
  });
  afterAll(async () => {
    await ctx.app?.close();
    await drop?.();
  });
  return ctx;
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'semesta_session');
  return { username, cookie: `semesta_session=${cookie!.value}`, csrf: res.json().csrfToken };
}

/** A request as a signed-in user, with the CSRF header on writes. */
export function injectAs(app: App, s: Session, opts: InjectOptions): Promise<LightMyRequestResponse> {
  const method = (opts.method ?? 'GET').toUpperCase();
  return app.inject({
    ...opts,
    headers: { ...opts.headers, cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
  });
}
