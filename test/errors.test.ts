import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { injectAs, login, useTestApp } from './app.js';

const t = useTestApp();

describe('one error shape, no internals', () => {
  it('404s an unknown API route with the error shape', async () => {
    const res = await t.app.inject({ url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'Alamat GET /api/does-not-exist tidak ada.', messageEn: 'There is no GET /api/does-not-exist.' },
    });
  });

  it('answers malformed JSON with 400, and a missing field with 422 naming it', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body.password',
      issues: [{ field: 'body.password', code: 'REQUIRED', message: 'Kolom "password" wajib diisi.', messageEn: 'Field "password" is required.' }],
    });
  });

  it('validates query strings with field paths', async () => {
    const s = await login(t.app, 'nasional');
    const res = await injectAs(t.app, s, { url: '/api/regions?limit=5000&q=ab' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'querystring.limit' });
    expect(res.json().error.issues[0].code).toBe('TOO_BIG');
  });

  it('turns an unexpected failure into a 500 without a stack trace', async () => {
    // A route that fails the way a bug would, registered before the app is first used.
    const fresh = await import('../src/app.js').then(({ buildApp }) =>
      buildApp({ db: t.db, config: loadConfig({}), logger: false }),
    );
    fresh.get('/api/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/app.ts:42');
    });
    const res = await fresh.inject({ url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.body).not.toMatch(/secret|app\.ts|at .*:\d+/);
    await fresh.close();
  });

  it('serves the SPA for client routes (even /wilayah/32.02) and a 404 for a missing asset', async () => {
    const { buildApp } = await import('../src/app.js');
    const dir = mkdtempSync(join(tmpdir(), 'semesta-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Semesta</title>');
    const app = await buildApp({ db: t.db, config: loadConfig({}), logger: false, webDir: dir });
    for (const url of ['/', '/wilayah/32.02', '/wilayah/32.02.01.2002', '/login']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Semesta</title>');
    }
    const missing = await app.inject({ url: '/assets/index-old.js' });
    expect(missing.statusCode).toBe(404);
    await app.close();
  });

  it('refuses a route declared without an access rule at start-up', async () => {
    const { buildApp } = await import('../src/app.js');
    const app = await buildApp({ db: t.db, config: loadConfig({}), logger: false });
    expect(() => app.get('/api/unguarded', async () => 'x')).toThrow(/declares no access rule/);
    await app.close();
  });
});
