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
