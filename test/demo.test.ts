import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from './app.js';

const t = useTestApp({ demoWorkers: true });

describe('demo data set', () => {
  it('holds synthetic workers with open enrolments in the seed regencies only', async () => {
    const byRegency = await sql<{ regency: string; n: number }>`
      SELECT left(village_code, 5) AS regency, count(*)::int AS n FROM person GROUP BY 1 ORDER BY 1`.execute(t.db);
    expect(byRegency.rows.map((r) => r.regency)).toEqual(['32.02', '32.13']);
    expect(byRegency.rows.every((r) => r.n > 100)).toBe(true);
    const open = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enrolment WHERE status IN ('submitted', 'registered', 'active')`.execute(t.db);
    expect(open.rows[0]!.n).toBeGreaterThan(100);
  });

  it('shows up in the registry for the regency operator, and only theirs', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const list = (await injectAs(t.app, s, { url: '/api/workers?pageSize=200' })).json();
    expect(list.total).toBeGreaterThan(100);
    expect(list.items.every((w: { villageCode: string }) => w.villageCode.startsWith('32.02.'))).toBe(true);
    const demo = await t.db.selectFrom('app_setting').select('value').where('key', '=', 'demo').executeTakeFirstOrThrow();
    expect(demo.value).toMatchObject({ scale: 'regency', label: expect.stringMatching(/SINTETIS/) });
  });
});
