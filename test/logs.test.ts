import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { loggerOptions } from '../src/lib/logging.js';
import { injectAs, login, useTestApp } from './app.js';

const t = useTestApp();

/** NIKs used only here, so that finding one in the log can only mean the log leaked it. */
const NIKS = ['3202011505900777', '3202014505910778', '3202012212850779'];

describe('no personal data in the logs (issue 12, failure 5)', () => {
  it('keeps NIKs out of logged URLs and database errors, while the log still says what happened', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ db: t.db, config: { ...loadConfig({}), logLevel: 'info' }, logger: loggerOptions({ logLevel: 'info' }, stream) });
    // Writes that fail in the database the way a race or a bug would: a duplicate NIK, and a failing row.
    app.post('/api/test/duplicate-nik', { config: { access: 'public' } }, async () => {
      const person = (nik: string) => sql`INSERT INTO person (nik, name, birth_date, sex, village_code) VALUES (${nik}, 'Uji', '1990-05-15', 'L', '32.02.01.2002')`;
      await person(NIKS[0]!).execute(t.db);
      await person(NIKS[0]!).execute(t.db);
    });
    app.post('/api/test/failing-row', { config: { access: 'public' } }, async () => {
      await sql`INSERT INTO person (nik, name, birth_date, sex, village_code) VALUES (${NIKS[1]}, 'Uji', '1990-05-15', 'X', '32.02.01.2002')`.execute(t.db);
    });
    try {
      const s = await login(app, 'kab.sukabumi');
      expect((await injectAs(app, s, { url: `/api/workers?nik=${NIKS[1]}` })).statusCode).toBe(200);
      expect((await injectAs(app, s, { url: `/api/workers?q=${NIKS[2]}&limit=5` })).statusCode).toBe(200);
      expect((await injectAs(app, s, { url: `/api/workers?NIK=${NIKS[2]}x` })).statusCode).toBeLessThan(500);
      expect((await app.inject({ method: 'POST', url: '/api/test/duplicate-nik' })).statusCode).toBe(500);
      expect((await app.inject({ method: 'POST', url: '/api/test/failing-row' })).statusCode).toBe(500);
    } finally {
      await app.close();
      await sql`DELETE FROM person WHERE nik IN (${sql.join(NIKS)})`.execute(t.db);
    }
    const log = lines.join('');
    for (const nik of NIKS) expect(log).not.toContain(nik);
    const strings: string[] = [];
    for (const line of log.split('\n').filter(Boolean)) JSON.parse(line, (_key, value) => (typeof value === 'string' && strings.push(value), value));
    expect(strings.filter((text) => /\d{16}/.test(text))).toEqual([]);
    expect(log).not.toMatch(/Failing row|Key \(nik\)/);
    // What an operator needs is still there: the route, the error's code and constraint.
    expect(log).toContain('/api/workers?nik=[redacted]');
    const errors = log.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'unhandled error');
    expect(errors.map((entry) => entry.err)).toEqual([
      { type: 'DatabaseError', code: '23505', constraint: 'person_nik_key' },
      { type: 'DatabaseError', code: '23514', constraint: 'person_sex_check' },
    ]);
  });
});
