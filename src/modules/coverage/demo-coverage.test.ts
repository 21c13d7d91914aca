import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { currentPeriod, monthStart, type Period, yearOf } from '../../domain/coverage.js';
import { DEFAULT_SEED } from '../../demo/generate.js';
import { DEMO_ACTOR, loadDemo } from '../../demo/load.js';
import { loadDemoOfficial } from '../../demo/official.js';
import { SEED_FIGURES } from '../../demo/official-plan.js';

/** The demo data shows the seed percentages (DOMAIN.md "Coverage") in the seed months, on official figures. */
const t = useTestApp();

/** Official active (current figures, all segments) ÷ employed population of the period's year, from the rows. */
async function officialPct(code: string, period: Period): Promise<number> {
  const active = await sql<{ n: string }>`
    SELECT coalesce(sum(active), 0) AS n FROM participation_report
    WHERE superseded_at IS NULL AND month = ${monthStart(period)}::date
      AND (${code} = 'ID' OR region_code = ${code} OR region_code LIKE ${`${code}.%`})`.execute(t.db);
  const employed = await t.db.selectFrom('employed_population').select('total').where('region_code', '=', code).where('year', '=', yearOf(period)).executeTakeFirstOrThrow();
  return (Number(active.rows[0]!.n) / Number(employed.total)) * 100;
}

describe('demo coverage', () => {
  beforeAll(async () => {
    await loadDemo(t.db, 'province', DEFAULT_SEED, { workers: true });
  });

  it('official figures hold the seed figures: national 39 %, Bengkulu 37 % with Kaur highest (75 %) and Lebong lowest (17 %) in 2024-11, Sukabumi 41 % in 2025-07', async () => {
    for (const [code, period, pct] of SEED_FIGURES) expect(await officialPct(code, period), `${code} ${period}`).toBeCloseTo(pct, 1);
    const bengkulu = (await t.db.selectFrom('region').select('code').where('parent_code', '=', '17').execute()).map((r) => r.code);
    const ranked = (await Promise.all(bengkulu.map(async (code) => ({ code, pct: await officialPct(code, '2024-11') })))).sort((a, b) => b.pct - a.pct);
    expect(ranked).toHaveLength(10);
    expect(ranked[0]!.code).toBe('17.04');
    expect(ranked.at(-1)!.code).toBe('17.07');
    // real magnitudes: about 140 million employed, a regency in the hundreds of thousands to a million
    const employed = async (code: string) => Number((await t.db.selectFrom('employed_population').select('total').where('region_code', '=', code).where('year', '=', 2024).executeTakeFirstOrThrow()).total);
    expect(await employed('ID')).toBeGreaterThan(135_000_000);
    expect(await employed('ID')).toBeLessThan(150_000_000);
    expect(await employed('32.02')).toBeGreaterThan(500_000);
    // and trending upwards to today
    expect(await officialPct('ID', currentPeriod())).toBeGreaterThan(39);
  });

  it('has an official figure for every regency and province in every month up to this one, and a target and denominator for this year', async () => {
    const months = await sql<{ months: number; regencies: number; rows: number }>`
      SELECT count(DISTINCT month)::int AS months, count(DISTINCT region_code)::int AS regencies, count(*)::int AS rows
      FROM participation_report WHERE superseded_at IS NULL AND received_by = ${DEMO_ACTOR.username}`.execute(t.db);
    const [y, m] = currentPeriod().split('-').map(Number) as [number, number];
    const expected = (y - 2024) * 12 + m;
    expect(months.rows[0]).toEqual({ months: expected, regencies: 514, rows: expected * 514 * 4 });
    const now = currentPeriod();
    const provinces = (await t.db.selectFrom('region').select('code').where('level', '=', 'province').execute()).map((r) => r.code);
    expect(provinces).toHaveLength(38);
    for (const p of provinces) {
      const pct = await officialPct(p, now);
      expect(pct, p).toBeGreaterThan(5);
      expect(pct, p).toBeLessThan(95);
    }
    const thisYear = yearOf(now);
    const targets = await sql<{ n: number }>`SELECT count(*)::int AS n FROM coverage_target WHERE year = ${thisYear}`.execute(t.db);
    expect(targets.rows[0]!.n).toBe(1 + 38 + 514);
    const dens = await sql<{ n: number }>`SELECT count(*)::int AS n FROM employed_population WHERE year = ${thisYear} AND formal + informal = total`.execute(t.db);
    expect(dens.rows[0]!.n).toBe(1 + 38 + 514);
    // loading again adds nothing
    expect(await loadDemoOfficial(t.db, DEMO_ACTOR)).toEqual({ months: 0, rows: 0 });
  });

  it('the API shows the seed figures on official data', async () => {
    const s = await login(t.app, 'nasional');
    const get = async (code: string, period: string) => (await injectAs(t.app, s, { url: `/api/coverage/${code}?period=${period}` })).json();
    const national = await get('ID', '2024-11');
    expect(national).toMatchObject({ numeratorSource: 'official' });
    expect(national.coveragePct).toBeCloseTo(39, 1);
    const bengkulu = await get('17', '2024-11');
    expect(bengkulu.coveragePct).toBeCloseTo(37, 1);
    const ranked = (bengkulu.children as { code: string; coveragePct: number | null }[]).filter((c) => c.coveragePct !== null).sort((a, b) => b.coveragePct! - a.coveragePct!);
    expect(ranked.length).toBe(10);
    expect(ranked[0]).toMatchObject({ code: '17.04' });
    expect(ranked[0]!.coveragePct).toBeCloseTo(75, 1);
    expect(ranked.at(-1)).toMatchObject({ code: '17.07' });
    expect(ranked.at(-1)!.coveragePct).toBeCloseTo(17, 1);
    const sukabumi = await get('32.02', '2025-07');
    expect(sukabumi.coveragePct).toBeCloseTo(41, 1);
    expect(sukabumi.parent.coveragePct).toBeCloseTo(await officialPct('32', '2025-07'), 1);
    expect(sukabumi.national.coveragePct).toBeCloseTo(await officialPct('ID', '2025-07'), 1);
    const today = await get('ID', currentPeriod());
    expect(today.numeratorSource).toBe('official');
    expect((today.children as { numeratorSource: string }[]).every((c) => c.numeratorSource === 'official')).toBe(true);
  });

  it('keeps the registry-based figures: RPJMN target, outreach, registry history', async () => {
    const s = await login(t.app, 'nasional');
    const national = (await injectAs(t.app, s, { url: '/api/coverage/ID?period=2025-06' })).json();
    expect(national.targetPct).toBe(32.15);
    const sukabumi = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    // outreach (issue #6) feeds the figures: 378 of 381 desa reached in Kab. Sukabumi
    expect(sukabumi.villagesReached).toEqual({ villagesTotal: 381, villagesReached: 378, pct: 99.2 });
    // a history to show: fewer participants a year earlier
    const trend = (await injectAs(t.app, s, { url: '/api/coverage/32.02/trend?from=2024-01&to=2025-06' })).json() as { activeParticipants: number }[];
    expect(trend[0]!.activeParticipants).toBeLessThan(trend.at(-1)!.activeParticipants);
  });
});
