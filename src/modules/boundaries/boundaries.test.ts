import { describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';

const t = useTestApp();

const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, -7], [x + 0.1, -7], [x + 0.1, -6.9], [x, -6.9], [x, -7]]] });
const upload = (s: Session, fc: unknown, name = 'batas.geojson', source?: string) => {
  const form = new FormData();
  if (source) form.append('source', source);
  form.append('file', new Blob([JSON.stringify(fc)]), name);
  return injectAs(t.app, s, { method: 'POST', url: '/api/boundaries/import', payload: form as never });
};

describe('region boundaries', () => {
  it('an admin uploads district boundaries; the regency map returns them keyed by code', async () => {
    const admin = await login(t.app, 'nasional');
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '32.02.01', name: 'Palabuhanratu' }, geometry: square(106.5) },
        { type: 'Feature', properties: { kode: '32.02.02' }, geometry: { type: 'MultiPolygon', coordinates: [square(106.6).coordinates] } },
      ],
    };
    const res = await upload(admin, fc, 'sukabumi.geojson', 'BIG (uji)');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regions: 2 });
    const kab = await login(t.app, 'kab.sukabumi');
    const map = (await injectAs(t.app, kab, { url: '/api/coverage/32.02/map' })).json();
    expect(map.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['32.02.01', '32.02.02']);
    expect(map.sources).toEqual(['BIG (uji)']);
    // the province level has no uploaded regency boundaries: empty, the page falls back to no map
    const prov = (await injectAs(t.app, admin, { url: '/api/coverage/32/map' })).json();
    expect(prov.features).toEqual([]);
  });

  it('rejects the whole file with each bad feature named; only admins may upload', async () => {
    const admin = await login(t.app, 'nasional');
    const res = await upload(admin, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '32.02.03' }, geometry: square(1) },
        { type: 'Feature', properties: { code: 'x' }, geometry: square(1) },
        { type: 'Feature', properties: { code: '32.02.04' }, geometry: { type: 'Point', coordinates: [1, 2] } },
        { type: 'Feature', properties: { code: '32.99.01' }, geometry: square(1) },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { code: string }) => i.code)).toEqual(['REGION_CODE_INVALID', 'GEOMETRY_INVALID', 'REGION_NOT_FOUND']);
    expect(await t.db.selectFrom('region_boundary').select('region_code').where('region_code', '=', '32.02.03').execute()).toEqual([]);
    expect((await upload(admin, 'not geojson')).json().error.code).toBe('GEOJSON_INVALID');
    const wrongType = await upload(admin, { type: 'FeatureCollection', features: [] }, 'batas.txt');
    expect([wrongType.statusCode, wrongType.json().error.code]).toEqual([422, 'GEOJSON_FILE_TYPE']);
    const kab = await login(t.app, 'kab.sukabumi');
    expect((await upload(kab, { type: 'FeatureCollection', features: [] })).statusCode).toBe(403);
  });

  it('stores and serves a simplified map: 5 decimals, Douglas–Peucker, many times smaller', async () => {
    const admin = await login(t.app, 'nasional');
    // a surveyed-looking district: 50,000 points on a wobbly circle, 15 decimals each
    const ring: number[][] = [];
    for (let i = 0; i < 50_000; i++) {
      const a = (2 * Math.PI * i) / 50_000;
      const r = 0.05 * (1 + 0.1 * Math.sin(9 * a));
      ring.push([106.7 + r * Math.cos(a) + Math.random() * 1e-7, -7.1 + r * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '32.02.05' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
    const res = await upload(admin, fc);
    expect(res.statusCode, res.body).toBe(200);
    const { bytes } = res.json();
    expect(bytes.uploaded).toBe(JSON.stringify(fc).length);
    const map = await injectAs(t.app, await login(t.app, 'kab.sukabumi'), { url: '/api/coverage/32.02/map' });
    const served = map.json().features.find((f: { properties: { name: string } }) => f.properties.name === '32.02.05');
    const coords = served.geometry.coordinates[0] as number[][];
    console.log(`boundaries: uploaded ${bytes.uploaded} bytes, stored ${bytes.stored} bytes, ${coords.length} of ${ring.length} points served`);
    expect(bytes.stored * 50).toBeLessThan(bytes.uploaded);
    expect(coords.length).toBeLessThan(ring.length / 50);
    expect(coords.every(([x, y]) => Math.abs(x! * 1e5 - Math.round(x! * 1e5)) < 1e-6 && Math.abs(y! * 1e5 - Math.round(y! * 1e5)) < 1e-6)).toBe(true);
    expect(coords[0]).toEqual(coords.at(-1));
  });

  it('refuses a boundary file over 20 MB with a clear message, and positions that are not [lon, lat] numbers', async () => {
    const admin = await login(t.app, 'nasional');
    const form = new FormData();
    form.append('file', new Blob(['{"type":"FeatureCollection","features":[', ' '.repeat(21 * 1024 * 1024), ']}']), 'besar.geojson');
    const big = await injectAs(t.app, admin, { method: 'POST', url: '/api/boundaries/import', payload: form as never });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'BOUNDARY_FILE_TOO_LARGE' });
    expect(big.json().error.message).toContain('20 MB');
    const bad = await upload(admin, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '32.02.06' }, geometry: { type: 'Polygon', coordinates: [[['a', 'b'], [1, 2], [1, 3], ['a', 'b']]] } },
        { type: 'Feature', properties: { code: '32.02.07' }, geometry: { type: 'Polygon', coordinates: [[[1e9, 2], [1, 2], [1, 3], [1e9, 2]]] } },
        { type: 'Feature', properties: { code: '32.02.08' }, geometry: { type: 'MultiPolygon', coordinates: [[[[1, 2], [1, 3]]]] } },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`)).toEqual(['features[0]:GEOMETRY_INVALID', 'features[1]:GEOMETRY_INVALID', 'features[2]:GEOMETRY_INVALID']);
    expect(bad.json().error.issues[0].message).toMatch(/Fitur 1: titik harus \[bujur, lintang\]/);
  });
});
