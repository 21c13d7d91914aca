import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { useTestApp } from './app.js';

const t = useTestApp();
const JS = `export const x = ${JSON.stringify('semesta '.repeat(400))};\n`;
const HTML = `<!doctype html><html><head><title>Semesta</title><script type="module" src="/assets/index-AbCd12_x.js"></script></head><body>${'<div></div>'.repeat(100)}</body></html>`;
let app: App;

/** A build as Vite and the precompress plugin (vite.config.ts) leave it: hashed assets with .br and .gz beside them. */
beforeAll(async () => {
  const webDir = mkdtempSync(join(tmpdir(), 'semesta-static-'));
  mkdirSync(join(webDir, 'assets'));
  for (const [name, body] of [['assets/index-AbCd12_x.js', JS], ['index.html', HTML]] as const) {
    writeFileSync(join(webDir, name), body);
    writeFileSync(join(webDir, `${name}.br`), brotliCompressSync(body));
    writeFileSync(join(webDir, `${name}.gz`), gzipSync(body));
  }
  writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = await buildApp({ db: t.db, config: loadConfig({}), logger: false, webDir });
});
afterAll(async () => app?.close());

describe('static files on weak connections (issue 14)', () => {
  it('serves hashed assets brotli- or gzip-compressed by Accept-Encoding, cached for a year as immutable', async () => {
    const br = await app.inject({ url: '/assets/index-AbCd12_x.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(JS);
    expect(br.rawPayload.length).toBeLessThan(JS.length / 5);

    const gz = await app.inject({ url: '/assets/index-AbCd12_x.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);

    const plain = await app.inject({ url: '/assets/index-AbCd12_x.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never lets index.html be cached without revalidation: at /, at a client route and by name', async () => {
    for (const url of ['/', '/index.html', '/pekerja/12', '/audit']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(body, url).toBe(HTML);
    }
    // a file without a content hash is not immutable either
    expect((await app.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
    // a missing asset is a 404, not the SPA
    expect((await app.inject({ url: '/assets/gone-AbCd12_x.js' })).statusCode).toBe(404);
  });
});
