import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from './app.js';
import { workbook } from './imports.js';

const t = useTestApp();

/** The one validation error shape (as zod failures give it), naming the field. */
const refused = (field: string) => ({
  error: {
    code: 'VALIDATION_FAILED',
    field,
    message: expect.stringContaining('karakter yang tidak diizinkan'),
    messageEn: expect.stringContaining('characters that are not allowed'),
    issues: [{ field, code: 'INVALID_CHARACTERS', message: expect.any(String), messageEn: expect.any(String) }],
  },
});

describe('NUL and unpaired surrogates are refused at the edge (issue 12, failure 7)', () => {
  it('on the unauthenticated login, in either field', async () => {
    for (const [payload, field] of [
      [{ username: 'kab.sukabumi\u0000', password: 'x' }, 'body.username'],
      [{ username: 'kab.sukabumi', password: 'semesta\uD800demo' }, 'body.password'],
      [{ username: '\uDC00kab.sukabumi', password: 'x' }, 'body.username'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json()).toEqual(refused(field));
    }
    // A surrogate pair (an emoji) is whole text, not refused.
    const emoji = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kab😀', password: 'x' } });
    expect(emoji.statusCode).toBe(401);
  });

  it('in query strings and path parameters', async () => {
    const s = await login(t.app, 'nasional');
    const query = await injectAs(t.app, s, { url: '/api/regions?q=ab%00cd' });
    expect(query.statusCode).toBe(422);
    expect(query.json()).toEqual(refused('querystring.q'));
    const param = await injectAs(t.app, s, { url: '/api/regions/32%00.02' });
    expect(param.statusCode).toBe(422);
    expect(param.json()).toEqual(refused('params.code'));
  });

  it('in a JSON write, nested or not, and nothing is written', async () => {
    const s = await login(t.app, 'nasional');
    const res = await injectAs(t.app, s, { method: 'PATCH', url: '/api/users/kab.subang', payload: { displayName: 'Subang\u0000' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual(refused('body.displayName'));
    const user = await t.db.selectFrom('app_user').select('display_name').where('username', '=', 'kab.subang').executeTakeFirstOrThrow();
    expect(user.display_name).not.toContain('\u0000');
  });

  it('in an upload’s file name, before the file is kept', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await workbook(['NIK'], [['3202011505900001']]))]), 'pekerja\u0000.xlsx');
    const res = await injectAs(t.app, s, { method: 'POST', url: '/api/imports', payload: form as never });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual(refused('file'));
    expect(await t.db.selectFrom('import_job').select('id').execute()).toEqual([]);
  });
});

describe('dates that are not on the calendar are refused at the edge (found by the fuzz suite, seed 1641963638)', () => {
  it('GET /api/early-warning?asOf=2025-02-30 is a 422 naming asOf, not a database error', async () => {
    const s = await login(t.app, 'nasional');
    const bad = await injectAs(t.app, s, { url: '/api/early-warning?asOf=2025-02-30' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'querystring.asOf' } });
    const leap = await injectAs(t.app, s, { url: '/api/early-warning?asOf=2024-02-29' });
    expect(leap.statusCode).toBe(200);
  });
});
