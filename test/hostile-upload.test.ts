import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { injectAs, login, useTestApp } from './app.js';
import { type CorpusFile, makeCorpusApart } from './hostile/make-corpus.js';
import { importRoutes } from './imports.js';

const t = useTestApp();
const { upload, waitFor } = importRoutes(t, '/api/imports');

let dir: string;
let corpus: Record<string, CorpusFile>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'semesta-hostile-upload-'));
  corpus = makeCorpusApart(join(dir, 'corpus'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile uploads through POST /api/imports', () => {
  it('two bombs at once (the issue’s OOM) fail as jobs with their reasons, in bounded memory, and the server keeps answering', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const ids = await Promise.all(
        [corpus.stringsBomb!, corpus.zipBomb!, corpus.hugeCell!].map((file) => upload(s, readFileSync(file.path), file.name)),
      );
      const [strings, bomb, cell] = await Promise.all(ids.map((id) => waitFor(s, id, ['failed', 'validated'])));
      expect(strings).toMatchObject({ status: 'failed', error: { code: 'TOO_MANY_SHARED_STRINGS', message: expect.stringContaining('4.194.304 teks berbeda'), messageEn: expect.stringContaining('4,194,304 distinct texts') } });
      expect(bomb).toMatchObject({ status: 'failed', error: { code: 'INFLATED_TOO_LARGE', message: expect.stringContaining('terlalu besar setelah dibuka') } });
      expect(cell).toMatchObject({ status: 'failed', error: { code: 'CELL_TOO_LONG', message: expect.stringContaining('32.767 karakter') } });
    } finally {
      clearInterval(sample);
    }
    expect(peak - baseline).toBeLessThan(300 * 1024 * 1024);
    console.info(`three hostile uploads at once: +${Math.round((peak - baseline) / 2 ** 20)} MB resident`);
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect((await injectAs(t.app, s, { url: '/api/auth/me' })).statusCode).toBe(200);
  }, 120_000);

  it('refuses a file over the upload limit with a clear 413 and keeps nothing of it', async () => {
    const dataDir = join(dir, 'data');
    const app = await buildApp({ db: t.db, config: { ...loadConfig({}), dataDir, uploadMaxBytes: 1024 * 1024 }, logger: false });
    try {
      const s = await login(app, 'kab.sukabumi');
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(readFileSync(corpus.stringsBomb!.path))]), 'besar.xlsx');
      const res = await injectAs(app, s, { method: 'POST', url: '/api/imports', payload: form as never });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', field: 'file', message: expect.stringContaining('melebihi 1 MB'), messageEn: expect.stringContaining('exceeds 1 MB') });
      expect(readdirSync(join(dataDir, 'uploads'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

// Issue 12's remainder: the uploads that were synchronous (employed population, UMK, bank statements) are import kinds now.
describe.each([
  { base: '/api/denominator-imports', moved: '/api/denominators/import', user: 'kab.sukabumi' },
  { base: '/api/umk-imports', moved: '/api/umk/import', user: 'disnaker.sukabumi' },
  { base: '/api/payment-imports', moved: '/api/payments/import', user: 'kab.sukabumi' },
])('hostile uploads through POST $base', ({ base, moved, user }) => {
  const routes = importRoutes(t, base);

  it('a zip bomb and a shared-strings bomb at once fail as jobs with their reasons, in bounded memory; a renamed file is unreadable', async () => {
    const s = await login(t.app, user);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const ids = await Promise.all([corpus.zipBomb!, corpus.stringsBomb!, corpus.wrongMagic!].map((file) => routes.upload(s, readFileSync(file.path), file.name)));
      const [bomb, strings, renamed] = await Promise.all(ids.map((id) => routes.waitFor(s, id, ['failed', 'validated'], 1000))); // a loaded CI machine: up to 100 s
      expect(bomb).toMatchObject({ status: 'failed', error: { code: 'INFLATED_TOO_LARGE', message: expect.stringContaining('terlalu besar setelah dibuka') } });
      expect(strings).toMatchObject({ status: 'failed', error: { code: 'TOO_MANY_SHARED_STRINGS' } });
      expect(renamed).toMatchObject({ status: 'failed', error: { code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String), messageEn: expect.any(String) } });
    } finally {
      clearInterval(sample);
    }
    expect(peak - baseline).toBeLessThan(300 * 1024 * 1024);
    console.info(`${base}: two bombs at once, +${Math.round((peak - baseline) / 2 ** 20)} MB resident`);
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  }, 120_000);

  it('refuses the wrong type (422) and an oversized file (413), keeping nothing; the old route never reads the file', async () => {
    const dataDir = join(dir, `data-${base.split('/').pop()}`);
    const app = await buildApp({ db: t.db, config: { ...loadConfig({}), dataDir, uploadMaxBytes: 1024 * 1024 }, logger: false });
    try {
      const s = await login(app, user);
      const big = new FormData();
      big.append('file', new Blob([new Uint8Array(readFileSync(corpus.stringsBomb!.path))]), 'besar.xlsx');
      const res = await injectAs(app, s, { method: 'POST', url: base, payload: big as never });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', field: 'file', message: expect.stringContaining('melebihi 1 MB') });
      const txt = new FormData();
      txt.append('file', new Blob(['Kode Wilayah;Tahun\n32.02;2025\n']), 'data.txt');
      const wrong = await injectAs(app, s, { method: 'POST', url: base, payload: txt as never });
      expect([wrong.statusCode, wrong.json().error.code, wrong.json().error.field]).toEqual([422, 'IMPORT_FILE_TYPE', 'file']);
      const old = await injectAs(app, s, { method: 'POST', url: moved, payload: big as never });
      expect([old.statusCode, old.headers.location]).toEqual([308, base]);
      expect(readdirSync(join(dataDir, 'uploads'))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
