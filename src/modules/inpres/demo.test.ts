import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { loadDemoInpres } from '../../demo/inpres.js';
import { DEMO_ACTOR } from '../../demo/load.js';

/** The Inpres demo (synthetic) is idempotent and shows what the issue asks for in the seed regions. */
const t = useTestApp();

describe('Inpres demo data', () => {
  it('adds the Sukabumi Perbup and rakor, Subang’s village allocations and Bengkulu’s 39.487 pekerja rentan, once', async () => {
    const first = await loadDemoInpres(t.db, DEMO_ACTOR);
    expect(first.added).toBeGreaterThan(10);
    expect((await loadDemoInpres(t.db, DEMO_ACTOR)).added).toBe(0);
    const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

    const sukabumi = (await injectAs(t.app, await login(t.app, 'kab.sukabumi'), { url: `/api/inpres/32.02?year=${year}` })).json();
    expect(sukabumi.duties[0]).toMatchObject({ code: 'REGULATION', status: 'met' });
    expect(sukabumi.duties[0].evidence[2].value).toContain('Perbup Sukabumi Nomor 45 Tahun 2024 (DEMO)');
    expect(sukabumi.overdueActions.map((a: { ownerAgency: string }) => a.ownerAgency)).toEqual(['Bagian Hukum', 'BKD']);
    expect(sukabumi.targetGroups.find((g: { group: string }) => g.group === 'NON_ASN')).toMatchObject({ size: 4210, source: expect.stringContaining('DATA DEMO SINTETIS') });

    const subang = (await injectAs(t.app, await login(t.app, 'kab.subang'), { url: `/api/inpres/32.13?year=${year}` })).json();
    expect(subang.budget.villagesBudgeted).toBeGreaterThan(0);
    expect(subang.budget.villagesBudgeted).toBeLessThan(subang.budget.villagesTotal);
    expect(subang.budget.villageAllocation).toBe(subang.budget.villagesBudgeted * 20 * 16_800 * 12);

    const bengkulu = (await injectAs(t.app, await login(t.app, 'prov.bengkulu'), { url: `/api/inpres/17?year=${year}` })).json();
    expect(bengkulu.targetGroups).toEqual([expect.objectContaining({ group: 'PEKERJA_RENTAN', size: 39487 })]);
    const doc = await injectAs(t.app, await login(t.app, 'prov.bengkulu'), { url: `/api/regulations?region=17` });
    const id = doc.json().items[0].id;
    const pdf = await injectAs(t.app, await login(t.app, 'prov.bengkulu'), { url: `/api/regulations/${id}/document` });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
