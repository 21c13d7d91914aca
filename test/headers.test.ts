import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { useTestApp } from './app.js';

const t = useTestApp();

/** The policy as a map of directive → sources. */
function policy(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('security headers (issue 12, failure 14)', () => {
  it('sends a CSP the SPA passes (own scripts only, inline styles for antd), nosniff, no framing and a same-origin referrer', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'semesta-headers-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Semesta</title>');
    const app = await buildApp({ db: t.db, config: loadConfig({}), logger: false, webDir });
    try {
      for (const url of ['/api/health', '/', '/wilayah/32.02', '/api/does-not-exist']) {
        const res = await app.inject({ url });
        const csp = policy(res.headers['content-security-policy']);
        expect(csp, url).toMatchObject({
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': expect.arrayContaining(["'self'", 'data:']),
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
        });
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['x-frame-options'], url).toBe('DENY');
        expect(res.headers['referrer-policy'], url).toBe('same-origin');
        expect(res.headers['strict-transport-security'], url).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });

  it('keeps the API documentation working under the policy: its page loads only its own scripts and styles', async () => {
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(policy(page.headers['content-security-policy'])['script-src']).toEqual(["'self'"]);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      expect(source).toMatch(/^\.\/static\//);
      expect((await t.app.inject({ url: `/api/docs/${source.slice(2)}` })).statusCode, source).toBe(200);
    }
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<\s]/);
  });

  it('sends HSTS only when cookies are secure (behind HTTPS)', async () => {
    const app = await buildApp({ db: t.db, config: { ...loadConfig({}), cookieSecure: true }, logger: false });
    try {
      const res = await app.inject({ url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(policy(res.headers['content-security-policy'])).toHaveProperty('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });
});
