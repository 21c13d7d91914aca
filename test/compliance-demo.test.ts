import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from './app.js';

/** The compliance demo (issue 6) as a labour-office user sees it in Kab. Sukabumi. */
const t = useTestApp({ demoWorkers: true });
let s: Session;

beforeAll(async () => {
  s = await login(t.app, 'disnaker.sukabumi');
});

describe('compliance demo data', () => {
  it('has outreach reaching 378 of the 381 desa of Kab. Sukabumi', async () => {
    const r = (await injectAs(t.app, s, { url: '/api/outreach/reach/32.02' })).json();
    expect(r).toMatchObject({ villagesTotal: 381, villagesReached: 378, pct: 99.2 });
    expect(r.notReached).toHaveLength(3);
  });

  it('has a realistic mix of compliant, PWBD and every PDS finding', async () => {
    const sum = (await injectAs(t.app, s, { url: '/api/employers/summary' })).json();
    expect(sum.total).toBe(45);
    for (const status of ['compliant', 'PWBD', 'PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']) expect(sum.byStatus[status], status).toBeGreaterThan(0);
    expect(sum.byStatus.compliant).toBeGreaterThan(sum.total / 4);
  });

  it('has cases at every step, one of them overdue', async () => {
    const cases = (await injectAs(t.app, s, { url: '/api/compliance-cases?pageSize=200' })).json().items as { step: string; overdue: boolean }[];
    expect(new Set(cases.map((c) => c.step))).toEqual(new Set(['open', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved', 'closed']));
    expect(cases.filter((c) => c.overdue)).toHaveLength(1);
  });

  it('has a few active agents with commission, and one inactive', async () => {
    const bpjs = await login(t.app, 'bpjs.sukabumi');
    const a = (await injectAs(t.app, bpjs, { url: '/api/agents' })).json().items as { status: string; window: { pay: number } }[];
    expect(a.length).toBe(4);
    expect(a.filter((x) => x.status === 'inactive')).toHaveLength(1);
    expect(a[0]!.window.pay).toBeGreaterThan(0);
  });
});
