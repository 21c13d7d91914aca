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

  // claims (issue 17)
  it('holds synthetic claims: a paid JKK death in Balingbing (enrolment ended), an uncovered death; added once', async () => {
    const claims = await t.db.selectFrom('claim_case as c').innerJoin('person as p', 'p.id', 'c.person_id').select(['c.type', 'c.step', 'c.eligible', 'c.paid_amount', 'c.handed_over_by', 'c.region_code', 'p.name', 'p.died_on', 'c.person_id']).orderBy('c.id').execute();
    expect(claims.map((c) => [c.type, c.step, c.eligible])).toEqual([
      ['JKK_DEATH', 'paid', true],
      ['JKM', 'reported', false],
      ['JKK_INJURY', 'submitted', true],
    ]);
    expect(claims.every((c) => c.name.endsWith('(Demo)'))).toBe(true);
    expect(claims[0]).toMatchObject({ region_code: '32.13.28.2007', paid_amount: 70_000_000, handed_over_by: 'Bupati Subang (Demo)' });
    const ended = await t.db.selectFrom('enrolment').select(['status']).where('person_id', '=', claims[0]!.person_id).execute();
    expect(ended).toEqual([{ status: 'ended' }]);
    const { keepDemoCurrent } = await import('../src/demo/load.js');
    await keepDemoCurrent(t.db);
    expect(await t.db.selectFrom('claim_case').select('id').execute()).toHaveLength(3);
    const s = await login(t.app, 'kab.subang');
    const impact = (await injectAs(t.app, s, { url: `/api/claims/impact/32.13?year=${new Date(claims[0]!.died_on!).getUTCFullYear()}` })).json();
    expect(impact.paidTotal).toBeGreaterThanOrEqual(70_000_000);
  });

  it('gives the village operator of Desa Balingbing her own workers, bill and proof of payment (issue 14), once', async () => {
    const s = await login(t.app, 'desa.balingbing');
    const home = (await injectAs(t.app, s, { url: '/api/home' })).json();
    const byStatus = Object.fromEntries(home.workersByStatus.map((w: { status: string; count: number }) => [w.status, w.count]));
    // her 12 workers (8 active, 2 registered, 2 awaiting a KPJ), beside the village's Jakon road crew (issue 18)
    expect(byStatus).toMatchObject({ registered: 2, submitted: 2 });
    expect(byStatus.active).toBeGreaterThanOrEqual(8);
    const own = home.bills.find((b: { programName: string; ownedHere: boolean }) => b.ownedHere && b.programName.startsWith('Dana Desa Balingbing'));
    expect(own, JSON.stringify(home.bills)).toBeDefined();
    expect(own.thisMonth).not.toBeNull();
    // the bill before last is paid on the 10th after its month: last month's proof is there from the 10th on
    expect(own.lastMonth === null || ['paid', 'unpaid', 'partial'].includes(own.lastMonth.status)).toBe(true);
    // every bill due before today is paid, with a reference the sekdes can show
    const paid = await sql<{ n: number }>`SELECT count(*)::int AS n FROM payment WHERE funding_program_id = ${own.programId} AND reference LIKE 'TRF-%'`.execute(t.db);
    expect(paid.rows[0]!.n).toBeGreaterThan(0);
    const list = (await injectAs(t.app, s, { url: '/api/workers?pageSize=50' })).json();
    const inVillage = await t.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('village_code', '=', '32.13.28.2007').executeTakeFirstOrThrow();
    expect(list.total).toBe(Number(inVillage.n));
    expect(list.total).toBeGreaterThanOrEqual(12);
    // a second start adds nothing
    const { keepDemoCurrent } = await import('../src/demo/load.js');
    await keepDemoCurrent(t.db);
    expect((await injectAs(t.app, s, { url: '/api/workers?pageSize=50' })).json().total).toBe(list.total);
  });
});
