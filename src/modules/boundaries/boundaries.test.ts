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
    expect(res.json()).toEqual({ regions: 2 });
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
});
