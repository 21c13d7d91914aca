import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';

const t = useTestApp({ loginRateLimit: 5 });

describe('auth', () => {
  it('signs in with the public contract and an HTTP-only SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kab.sukabumi', password: 'semesta-demo' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'kab.sukabumi', role: 'regency_operator', regionCode: '32.02', regionName: 'KABUPATEN SUKABUMI' });
    expect(res.json().csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === 'semesta_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // The database keeps only a hash of the cookie value.
    const stored = await t.db.selectFrom('user_session').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `semesta_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ username: 'kab.sukabumi', role: 'regency_operator', regionCode: '32.02' });
  });

  it('stores passwords as argon2id hashes', async () => {
    const u = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 'nasional').executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers wrong credentials with 401 and a bilingual message, for unknown users too', async () => {
    for (const payload of [{ username: 'kab.subang', password: 'wrong-password' }, { username: 'nobody.here', password: 'x' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.', messageEn: 'Wrong username or password.' });
    }
  });

  it('rate-limits repeated logins per address and username', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'auditor', password: 'guess' } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // another username from the same address is not locked out
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kab.subang', password: 'semesta-demo' } });
    expect(other.statusCode).toBe(200);
  });

  it('logout ends the session server-side', async () => {
    const s = await login(t.app, 'bpjs.sukabumi');
    expect((await injectAs(t.app, s, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    const after = await injectAs(t.app, s, { url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired session', async () => {
    const s = await login(t.app, 'desa.balingbing');
    await sql`UPDATE user_session SET expires_at = now() - interval '1 minute'`.execute(t.db);
    expect((await injectAs(t.app, s, { url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('a disabled user is signed out and cannot sign in', async () => {
    const admin = await login(t.app, 'nasional');
    const victim = await login(t.app, 'kab.subang');
    const res = await injectAs(t.app, admin, { method: 'PATCH', url: '/api/users/kab.subang', payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await injectAs(t.app, victim, { url: '/api/auth/me' })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kab.subang', password: 'semesta-demo' } });
    expect(again.statusCode).toBe(401);
  });
});
