import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, useTestApp } from '../../../test/app.js';
import { LoginLockout } from './lockout.js';

const t = useTestApp({ loginRateLimit: 5 });

const attempt = (username: string, password: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

describe('login limits on the normalised username (issue 12, failure 6)', () => {
  it('counts padded, upper-case and fullwidth spellings of a name as that name', async () => {
    // Five spellings of "prov.bengkulu", all of which sign in as it: the limit of 5 per address is one budget.
    const spellings = ['prov.bengkulu', '   prov.bengkulu', 'PROV.BENGKULU\t', 'ｐｒｏｖ．ｂｅｎｇｋｕｌｕ', ' Prov.Bengkulu '];
    const statuses = [];
    for (const name of [...spellings, ...spellings]) statuses.push((await attempt(name, 'guess', '10.0.0.2')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    // The same spellings sign in (from another address, under the limit): they are one account.
    const fullwidth = await attempt('ｐｒｏｖ．ｂｅｎｇｋｕｌｕ', DEMO_PASSWORD, '10.0.0.3');
    expect(fullwidth.statusCode).toBe(200);
    expect(fullwidth.json().username).toBe('prov.bengkulu');
  });

  it('locks an account after 10 failures from any addresses, even for the right password and any spelling', async () => {
    for (let i = 0; i < 10; i++) {
      const spelling = ['disnaker.sukabumi', '  DISNAKER.SUKABUMI', 'ｄｉｓｎａｋｅｒ.sukabumi'][i % 3]!;
      expect((await attempt(spelling, `guess-${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const locked = await attempt(' disnaker.sukabumi ', DEMO_PASSWORD, '10.1.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/^Terlalu banyak percobaan\. Coba lagi dalam \d+ detik\.$/) });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected.
    expect((await attempt('bpjs.sukabumi', DEMO_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('answers an unknown account exactly as a known one, locked or not', async () => {
    for (const name of ['nobody.here', 'auditor']) {
      const first = await attempt(name, 'guess', '10.2.0.1');
      expect(first.statusCode).toBe(401);
      expect(first.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.', messageEn: 'Wrong username or password.' } });
    }
    const answers = [];
    for (const name of ['nobody.here', 'auditor']) {
      for (let i = 1; i < 10; i++) await attempt(name, 'guess', `10.2.${i}.1`);
      const res = await attempt(name, 'guess', '10.2.99.1');
      answers.push([res.statusCode, res.json().error.code]);
    }
    expect(answers).toEqual([
      [429, 'TOO_MANY_ATTEMPTS'],
      [429, 'TOO_MANY_ATTEMPTS'],
    ]);
  });
});

describe('LoginLockout back-off', () => {
  it('locks for 1 minute after 10 failures, doubling with each failure after that, capped at 15 minutes; success resets', () => {
    let now = 0;
    const lockout = new LoginLockout(() => now);
    const lockedFor = () => lockout.retryAfterSeconds('x');
    for (let i = 0; i < 9; i++) lockout.failed('x');
    expect(lockedFor()).toBe(0);
    lockout.failed('x');
    expect(lockedFor()).toBe(60);
    const waits = [];
    for (let i = 0; i < 6; i++) {
      now += lockedFor() * 1000;
      expect(lockedFor()).toBe(0);
      lockout.failed('x');
      waits.push(lockedFor());
    }
    expect(waits).toEqual([120, 240, 480, 900, 900, 900]);
    now += 900_000;
    lockout.succeeded('x');
    lockout.failed('x');
    expect(lockedFor()).toBe(0);
  });

  it('forgets the oldest names first when it holds too many, so random names cannot grow it without bound', () => {
    const lockout = new LoginLockout(() => 0, 3);
    for (const name of ['a', 'b', 'c', 'd']) for (let i = 0; i < 10; i++) lockout.failed(name);
    expect(['a', 'b', 'c', 'd'].map((name) => lockout.retryAfterSeconds(name) > 0)).toEqual([false, true, true, true]);
  });
});
