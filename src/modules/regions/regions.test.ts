import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { countByLevel } from './queries.js';
import { loadRegions } from './load.js';

const t = useTestApp();

describe('region reference data', () => {
  it('holds every Kemendagri region from idn-area-data, desa and kelurahan told apart', async () => {
    expect(await countByLevel(t.db)).toEqual({ province: 38, regency: 514, district: 7277, village: 83763 });
    const sukabumi = await sql<{ kind: string; n: number }>`
      SELECT kind, count(*)::int AS n FROM region WHERE code >= '32.02.' AND code < '32.02/' AND level = 'village'
      GROUP BY kind ORDER BY kind`.execute(t.db);
    expect(sukabumi.rows).toEqual([
      { kind: 'desa', n: 381 },
      { kind: 'kelurahan', n: 5 },
    ]);
  });

  it('reloads idempotently', async () => {
    const { counts } = await loadRegions(t.db);
    expect(counts.village).toBe(83763);
    expect((await countByLevel(t.db)).village).toBe(83763);
  });

  it('answers a subtree with an index range scan, not a sequential scan', async () => {
    await sql`ANALYZE region`.execute(t.db);
    const plan = await sql<{ 'QUERY PLAN': string }>`
      EXPLAIN SELECT count(*) FROM region WHERE code >= '32.02.' AND code < '32.02/'`.execute(t.db);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index( Only)? Scan/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});

describe('GET /api/regions…', () => {
  it('lists the 38 provinces for a national user, and finds both Sukabumis case-insensitively', async () => {
    const s = await login(t.app, 'nasional');
    const provinces = (await injectAs(t.app, s, { url: '/api/regions' })).json();
    expect(provinces).toHaveLength(38);
    expect(provinces[0]).toEqual({ code: '11', name: 'ACEH', level: 'province' });
    const found = (await injectAs(t.app, s, { url: '/api/regions?q=SuKaBuMi' })).json() as { code: string; name: string }[];
    expect(found.map((r) => r.code)).toEqual(expect.arrayContaining(['32.02', '32.72']));
    expect(found.find((r) => r.code === '32.72')?.name).toBe('KOTA SUKABUMI');
  });

  it('gives a region with its ancestors, and a village its kind', async () => {
    const s = await login(t.app, 'kab.subang');
    const res = await injectAs(t.app, s, { url: '/api/regions/32.13.28.2007' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '32.13.28.2007',
      name: 'Balingbing',
      level: 'village',
      kind: 'desa',
      parentCode: '32.13.28',
      ancestors: [
        { code: '32', level: 'province' },
        { code: '32.13', name: 'KABUPATEN SUBANG', level: 'regency' },
        { code: '32.13.28', level: 'district' },
      ],
    });
  });

  it('lists the 47 districts of Kabupaten Sukabumi', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const children = (await injectAs(t.app, s, { url: '/api/regions/32.02/children' })).json() as { level: string }[];
    expect(children).toHaveLength(47);
    expect(new Set(children.map((c) => c.level))).toEqual(new Set(['district']));
  });

  it('shows only the branch leading to the user when browsing above their region', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    expect((await injectAs(t.app, s, { url: '/api/regions' })).json()).toEqual([{ code: '32', name: 'JAWA BARAT', level: 'province' }]);
    const regencies = (await injectAs(t.app, s, { url: '/api/regions/32/children' })).json() as { code: string }[];
    expect(regencies.map((r) => r.code)).toEqual(['32.02']);
    const found = (await injectAs(t.app, s, { url: '/api/regions?q=subang' })).json();
    expect(found).toEqual([]);
  });

  it('404s an unknown code, 422s a malformed one', async () => {
    const s = await login(t.app, 'nasional');
    const unknown = await injectAs(t.app, s, { url: '/api/regions/99.99' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'REGION_NOT_FOUND', field: 'code' });
    const bad = await injectAs(t.app, s, { url: '/api/regions/abc' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.code' });
  });
});
