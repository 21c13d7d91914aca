import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';

const t = useTestApp({ demoWorkers: true });

describe('DHIS2 export', () => {
  it('dataValueSets carries the API figures for the region, its segments and each child', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const api = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    const res = await injectAs(t.app, s, { url: '/api/coverage/32.02/dhis2/dataValueSets.json?period=2025-06' });
    expect(res.statusCode, res.body).toBe(200);
    const set = res.json() as { dataSet: string; period: string; dataValues: { dataElement: string; orgUnit: string; categoryOptionCombo?: string; value: string; period: string }[] };
    expect([set.dataSet, set.period]).toEqual(['SEMESTA_UCJ', '202506']);
    const get = (orgUnit: string, de: string, coc?: string) => set.dataValues.find((v) => v.orgUnit === orgUnit && v.dataElement === de && v.categoryOptionCombo === coc)?.value;
    expect(get('32.02', 'UCJ_ACTIVE_PARTICIPANTS')).toBe(String(api.activeParticipants));
    expect(get('32.02', 'UCJ_COVERAGE_PCT')).toBe(String(api.coveragePct));
    expect(get('32.02', 'UCJ_EMPLOYED_POPULATION')).toBe(String(api.employedPopulation));
    // per segment, the count the numerator uses: official where the region's figure is official, else the registry's
    const segmentActive = (b: { official: number | null; registry: number }) => (api.numeratorSource === 'registry' ? b.registry : b.official);
    expect(api.indicators.bySegment.length).toBeGreaterThan(0);
    for (const seg of api.indicators.bySegment) {
      const active = segmentActive(seg);
      expect(get('32.02', 'UCJ_ACTIVE_PARTICIPANTS', `UCJ_SEGMENT_${seg.segment}`), seg.segment).toBe(active === null ? undefined : String(active));
    }
    for (const child of api.children) {
      expect(get(child.code, 'UCJ_ACTIVE_PARTICIPANTS')).toBe(String(child.activeParticipants));
      // no denominator: no coverage value at all, never a zero
      if (child.coveragePct === null) expect(get(child.code, 'UCJ_COVERAGE_PCT')).toBeUndefined();
    }
    expect(set.dataValues.every((v) => v.period === '202506')).toBe(true);
  });

  it('ADX holds the same values, one group per org unit', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const api = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    const res = await injectAs(t.app, s, { url: '/api/coverage/32.02/dhis2/adx.xml?period=2025-06' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/adx+xml');
    const xml = res.body;
    expect(xml).toContain('<adx xmlns="urn:ihe:qrph:adx:2015"');
    expect((xml.match(/<group /g) ?? []).length).toBe(1 + api.children.length);
    expect(xml).toContain(`<group orgUnit="32.02" period="2025-06-01/P1M" dataSet="SEMESTA_UCJ"`);
    expect(xml).toContain(`<dataValue dataElement="UCJ_ACTIVE_PARTICIPANTS" value="${api.activeParticipants}"/>`);
    const bpu = api.indicators.bySegment.find((b: { segment: string }) => b.segment === 'BPU');
    const bpuActive = api.numeratorSource === 'registry' ? bpu.registry : bpu.official;
    expect(xml).toContain(`<dataValue dataElement="UCJ_ACTIVE_PARTICIPANTS" UCJ_SEGMENT="BPU" value="${bpuActive}"/>`);
  });
});
