import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { DEMO_COVERAGE_PERIOD } from '../../demo/coverage.js';
import { DEFAULT_SEED } from '../../demo/generate.js';
import { loadDemo } from '../../demo/load.js';

/** The demo data shows the seed percentages (DOMAIN.md "Coverage") at the calibration month. */
const t = useTestApp();

describe('demo coverage', () => {
  it('shows the seed figures: national 39 %, Bengkulu 37 % with Kaur highest (75 %) and Lebong lowest (17 %), Sukabumi 41 %', async () => {
    await loadDemo(t.db, 'province', DEFAULT_SEED, { workers: true });
    const s = await login(t.app, 'nasional');
    const get = async (code: string) => (await injectAs(t.app, s, { url: `/api/coverage/${code}?period=${DEMO_COVERAGE_PERIOD}` })).json();
    const national = await get('ID');
    expect(national.coveragePct).toBeCloseTo(39, 0);
    expect(national.targetPct).toBe(32.15);
    const bengkulu = await get('17');
    expect(bengkulu.coveragePct).toBeCloseTo(37, 0);
    const ranked = (bengkulu.children as { code: string; coveragePct: number | null }[]).filter((c) => c.coveragePct !== null).sort((a, b) => b.coveragePct! - a.coveragePct!);
    expect(ranked.length).toBe(10);
    expect(ranked[0]).toMatchObject({ code: '17.04' });
    expect(ranked[0]!.coveragePct).toBeCloseTo(75, 0);
    expect(ranked.at(-1)).toMatchObject({ code: '17.07' });
    expect(ranked.at(-1)!.coveragePct).toBeCloseTo(17, 0);
    const sukabumi = await get('32.02');
    expect(sukabumi.coveragePct).toBeCloseTo(41, 0);
    expect(sukabumi.parent.coveragePct).toBeCloseTo(40, 0);
    expect(sukabumi.national.coveragePct).toBeCloseTo(39, 0);
    // outreach (issue #6) feeds the figures: 378 of 381 desa reached in Kab. Sukabumi
    expect(sukabumi.villagesReached).toEqual({ villagesTotal: 381, villagesReached: 378, pct: 99.2 });
    // a history to show: fewer participants a year earlier
    const trend = (await injectAs(t.app, s, { url: '/api/coverage/32.02/trend?from=2024-01&to=2025-06' })).json() as { activeParticipants: number }[];
    expect(trend[0]!.activeParticipants).toBeLessThan(trend.at(-1)!.activeParticipants);
  });
});
