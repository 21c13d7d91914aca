import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import type { Segment } from '../../domain/worker.js';

/**
 * The numerator of issue 11: BPJS TK's official figure where it exists (the region's own, or its
 * children's when all reported), the partial official sum when only some reported, else the registry.
 * Official rows are written here directly into participation_report, as the participation module stores them.
 */
const t = useTestApp();
let admin: Session;

const SEGMENTS: Segment[] = ['PU', 'BPU', 'JAKON', 'PMI'];
const PERIOD = '2025-06';

interface Report {
  code: string;
  period: string;
  segment: Segment;
  active: number;
  source?: string;
}

/** Stores official figures the way a push does: the current row of each key is superseded, the new one is current. */
async function report(rows: Report[]) {
  await t.db.transaction().execute(async (tx) => {
    for (const r of rows) {
      await tx
        .updateTable('participation_report')
        .set({ superseded_at: sql`now()` })
        .where('region_code', '=', r.code)
        .where('month', '=', `${r.period}-01`)
        .where('segment', '=', r.segment)
        .where('superseded_at', 'is', null)
        .execute();
    }
    await tx
      .insertInto('participation_report')
      .values(rows.map((r) => ({ region_code: r.code, month: `${r.period}-01`, segment: r.segment, active: r.active, source: r.source ?? 'BPJS TK (uji)', received_by: 'test' })))
      .execute();
  });
}

/** Every segment of a region for a month: PU = base, BPU = base / 2, JAKON = base / 4, PMI = 1. */
const allSegments = (code: string, period: string, base: number, source?: string): Report[] =>
  SEGMENTS.map((segment, i) => ({ code, period, segment, active: [base, base / 2, base / 4, 1][i]!, source }));
const segmentsTotal = (base: number) => base + base / 2 + base / 4 + 1;

const get = async (url: string) => {
  const res = await injectAs(t.app, admin, { url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const coverage = (code: string, period = PERIOD) => get(`/api/coverage/${code}?period=${period}`);
const childOf = (body: { children: { code: string }[] }, code: string) => body.children.find((c) => c.code === code) as Record<string, unknown>;

const codesOf = async (parent: string) => (await t.db.selectFrom('region').select('code').where('parent_code', '=', parent).orderBy('code').execute()).map((r) => r.code);

let bengkulu: string[];
let lebongDistricts: string[];
let lebongVillage: string;

/** Registry enrolments in a Lebong village, some BPU funded by Lebong's programme. */
async function registry() {
  const program = await t.db
    .insertInto('funding_program')
    .values({ name: 'Perlindungan Pekerja Rentan Lebong 2025', payer_type: 'APBD_KABKOTA', region_code: '17.07', fiscal_year: 2025, budget: 10 ** 9, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'uji' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = await t.db
    .insertInto('person')
    .values(Array.from({ length: 12 }, (_, i) => ({ nik: `17070115059${String(10000 + i).slice(-5)}`, name: `Uji Resmi ${i}`, birth_date: '1990-05-15', sex: 'P' as const, village_code: lebongVillage, address: '' })))
    .returning('id')
    .execute();
  await t.db
    .insertInto('enrolment')
    .values(
      people.map((p, i) => ({
        person_id: p.id,
        segment: i < 8 ? ('BPU' as const) : ('PU' as const),
        group_code: i < 8 ? ('PEKERJA_RENTAN' as const) : ('NON_ASN' as const),
        programs: ['JKK', 'JKM'],
        funding_source: i < 6 ? 'Perlindungan Pekerja Rentan Lebong 2025' : 'Mandiri',
        funding_program_id: i < 6 ? program.id : null,
        status: 'active' as const,
        start_date: i === 5 ? '2025-06-10' : '2025-01-15',
        village_code: lebongVillage,
      })),
    )
    .execute();
}

describe('official numerator', () => {
  beforeAll(async () => {
    admin = await login(t.app, 'nasional');
    bengkulu = await codesOf('17');
    lebongDistricts = await codesOf('17.07');
    lebongVillage = (await codesOf(lebongDistricts[0]!))[0]!;
    expect(bengkulu).toHaveLength(10);
    await registry();
  });

  it('without official data the registry is the numerator, labelled as such', async () => {
    const body = await coverage('17.07');
    expect(body).toMatchObject({
      activeParticipants: 12,
      numeratorSource: 'registry',
      officialParticipants: null,
      registryParticipants: 12,
      officialReported: null,
      registryShare: null,
      dataAsOf: null,
    });
    expect(body.definition.numerator.id).toContain('terdaftar di Semesta');
    expect(body.indicators.bySegment).toEqual([
      { segment: 'PU', official: null, registry: 4 },
      { segment: 'BPU', official: null, registry: 8 },
      { segment: 'JAKON', official: null, registry: 0 },
      { segment: 'PMI', official: null, registry: 0 },
    ]);
    expect(body.registryByPayer).toEqual(expect.arrayContaining([{ payer: 'APBD', active: 6 }, { payer: 'SELF', active: 6 }]));
    expect(body.children.every((c: { numeratorSource: string }) => c.numeratorSource === 'registry')).toBe(true);
  });

  it('a region’s own figure is official; the registry stays beside it with its share', async () => {
    await report(allSegments('17.07', PERIOD, 400, 'BPJS TK Kanwil Bengkulu, data per 30/06/2025'));
    const body = await coverage('17.07');
    expect(body).toMatchObject({
      activeParticipants: segmentsTotal(400),
      numeratorSource: 'official',
      officialParticipants: segmentsTotal(400),
      registryParticipants: 12,
      officialReported: null,
      registryShare: Math.round((12 / segmentsTotal(400)) * 10000) / 10000,
    });
    expect(body.dataAsOf.source).toBe('BPJS TK Kanwil Bengkulu, data per 30/06/2025');
    expect(Date.parse(body.dataAsOf.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.indicators.bySegment).toEqual([
      { segment: 'PU', official: 400, registry: 4 },
      { segment: 'BPU', official: 200, registry: 8 },
      { segment: 'JAKON', official: 100, registry: 0 },
      { segment: 'PMI', official: 1, registry: 0 },
    ]);
    // its districts have no figure of their own: registry
    expect(body.children.every((c: { numeratorSource: string }) => c.numeratorSource === 'registry')).toBe(true);
  });

  it('a province is the sum of its regencies when all reported, partial (k of n, nothing guessed) when some did', async () => {
    const last = bengkulu.at(-1)!; // Kota Bengkulu reports later
    const others = bengkulu.filter((c) => c !== '17.07' && c !== last);
    await report(others.flatMap((c, i) => allSegments(c, PERIOD, 100 * (i + 1))));
    const partial = await coverage('17');
    const reportedSum = segmentsTotal(400) + others.reduce((s, _, i) => s + segmentsTotal(100 * (i + 1)), 0);
    expect(partial).toMatchObject({ numeratorSource: 'partial', officialReported: { reported: 9, of: 10 }, activeParticipants: reportedSum, officialParticipants: reportedSum, registryParticipants: 12 });
    expect(partial.definition.numerator.id).toContain('9 dari 10');
    expect(childOf(partial, last)).toMatchObject({ numeratorSource: 'registry', officialParticipants: null, activeParticipants: 0 });
    expect(childOf(partial, '17.07')).toMatchObject({ numeratorSource: 'official', activeParticipants: segmentsTotal(400), registryParticipants: 12 });

    await report(allSegments(last, PERIOD, 40));
    const full = await coverage('17');
    expect(full).toMatchObject({ numeratorSource: 'official', officialReported: null, activeParticipants: reportedSum + segmentsTotal(40) });
    expect(full.children.every((c: { numeratorSource: string }) => c.numeratorSource === 'official')).toBe(true);
    expect(full.children.reduce((s: number, c: { activeParticipants: number }) => s + c.activeParticipants, 0)).toBe(full.activeParticipants);

    // nationally: 1 of 38 provinces complete; its figure is what is summed
    const national = await coverage('ID');
    expect(national).toMatchObject({ numeratorSource: 'partial', officialReported: { reported: 1, of: 38 }, activeParticipants: full.activeParticipants });
    expect(childOf(national, '17')).toMatchObject({ numeratorSource: 'official', activeParticipants: full.activeParticipants });
    expect(childOf(national, '32')).toMatchObject({ numeratorSource: 'registry' });
  });

  it('a partially reported province adds its reported part nationally; a province’s own figure wins over its regencies', async () => {
    const jabar = await codesOf('32');
    await report(allSegments(jabar[0]!, PERIOD, 1000));
    const national = await coverage('ID');
    const bengkuluTotal = (await coverage('17')).activeParticipants;
    expect(childOf(national, '32')).toMatchObject({ numeratorSource: 'partial', officialReported: { reported: 1, of: jabar.length }, activeParticipants: segmentsTotal(1000) });
    expect(national).toMatchObject({ numeratorSource: 'partial', officialReported: { reported: 1, of: 38 }, activeParticipants: bengkuluTotal + segmentsTotal(1000) });

    await report(allSegments('32', PERIOD, 20_000, 'BPJS TK Kanwil Jawa Barat'));
    const jb = await coverage('32');
    expect(jb).toMatchObject({ numeratorSource: 'official', activeParticipants: segmentsTotal(20_000), dataAsOf: { source: 'BPJS TK Kanwil Jawa Barat' } });
    // its children still show their own figures
    expect(childOf(jb, jabar[0]!)).toMatchObject({ numeratorSource: 'official', activeParticipants: segmentsTotal(1000) });
    expect(childOf(jb, jabar[1]!)).toMatchObject({ numeratorSource: 'registry' });
    expect((await coverage('ID')).officialReported).toEqual({ reported: 2, of: 38 });
  });

  it('a regency without its own figure is the sum of its districts (district data is optional)', async () => {
    // Lebong's own figure goes away for May; its districts report instead
    const may = '2025-05';
    await report(lebongDistricts.flatMap((d) => allSegments(d, may, 8)));
    const body = await coverage('17.07', may);
    expect(body).toMatchObject({ numeratorSource: 'official', activeParticipants: lebongDistricts.length * segmentsTotal(8) });
    expect(body.children.every((c: { numeratorSource: string }) => c.numeratorSource === 'official')).toBe(true);
    // one district missing → partial
    await t.db.updateTable('participation_report').set({ superseded_at: sql`now()` }).where('region_code', '=', lebongDistricts.at(-1)!).where('month', '=', `${may}-01`).execute();
    const partial = await coverage('17.07', may);
    expect(partial).toMatchObject({ numeratorSource: 'partial', officialReported: { reported: lebongDistricts.length - 1, of: lebongDistricts.length } });
    // in June the regency reports itself: its own figure is used, districts' May rows are another month
    expect((await coverage('17.07')).activeParticipants).toBe(segmentsTotal(400));
  });

  it('the latest figure received replaces the earlier one, which stays as history', async () => {
    await report([{ code: '17.07', period: PERIOD, segment: 'PU', active: 450, source: 'BPJS TK koreksi' }]);
    const body = await coverage('17.07');
    expect(body.activeParticipants).toBe(segmentsTotal(400) + 50);
    expect(body.dataAsOf.source).toBe('BPJS TK koreksi');
    const history = await t.db.selectFrom('participation_report').select(['active', 'superseded_at']).where('region_code', '=', '17.07').where('month', '=', `${PERIOD}-01`).where('segment', '=', 'PU').orderBy('id').execute();
    expect(history.map((h) => [h.active, h.superseded_at === null])).toEqual([
      [400, false],
      [450, true],
    ]);
  });

  it('indicators: formal and informal coverage from the split, month on month, gap per month and per year, the latest earlier target', async () => {
    await t.db
      .insertInto('employed_population')
      .values({ region_code: '17.07', year: 2025, total: 4000, formal: 1000, informal: 3000, source: 'BPS Sakernas (uji)', updated_by: 'test' })
      .execute();
    await t.db.insertInto('coverage_target').values({ region_code: '17.07', year: 2024, target_pct: 30, source: 'RPJMD Lebong (uji)', updated_by: 'test' }).execute();
    await report(allSegments('17.07', '2025-05', 300));
    const body = await coverage('17.07');
    const active = segmentsTotal(400) + 50;
    expect(body.coveragePct).toBe(Math.round((active / 4000) * 10000) / 100);
    expect(body.indicators).toMatchObject({ ucj: body.coveragePct, formalPct: 45, informalPct: Math.round((200 / 3000) * 10000) / 100 });
    // no 2025 target: the 2024 one, labelled with its year
    expect(body).toMatchObject({ targetPct: 30, targetYear: 2024, target: { year: 2024, source: 'RPJMD Lebong (uji)' } });
    const gapWorkers = Math.ceil(4000 * 0.3 - active);
    expect(body).toMatchObject({ gapWorkers, gapRupiahPerMonth: gapWorkers * 16800, gapRupiahPerYear: gapWorkers * 16800 * 12 });
    expect(body.gap).toMatchObject({ workers: gapWorkers, rupiahPerMonth: gapWorkers * 16800, ratePerWorker: 16800 });
    // May was Lebong's own figure as well (the district rows are summed only without one)
    expect(body.monthOnMonth).toEqual({ activeChange: active - segmentsTotal(300), pctPointChange: Math.round((body.coveragePct - Math.round((segmentsTotal(300) / 4000) * 10000) / 100) * 100) / 100 });
    // registry in March and April: comparable
    expect((await coverage('17.07', '2025-04')).monthOnMonth).toEqual({ activeChange: 0, pctPointChange: 0 });
    // official in June, registry in July: not comparable
    expect((await coverage('17.07', '2025-07')).monthOnMonth).toBeNull();
    // before any target at all: none
    expect((await coverage('17.07', '2023-06')).targetYear).toBeNull();
  });

  it('the trend uses each month’s numerator', async () => {
    const trend = await get('/api/coverage/17.07/trend?from=2025-04&to=2025-07');
    expect(trend.map((p: { period: string; numeratorSource: string; activeParticipants: number }) => [p.period, p.numeratorSource, p.activeParticipants])).toEqual([
      ['2025-04', 'registry', 11],
      ['2025-05', 'official', segmentsTotal(300)],
      ['2025-06', 'official', segmentsTotal(400) + 50],
      ['2025-07', 'registry', 12],
    ]);
    expect(trend[2].registryParticipants).toBe(12);
  });

  it('reconciliation flags a region whose registry holds more funded BPU than BPJS TK reports, and lists late regencies', async () => {
    // Lebong reports 200 BPU in June: 6 funded in the registry is fine
    let rec = await get(`/api/coverage/17/reconciliation?period=${PERIOD}`);
    expect(rec.children).toHaveLength(10);
    expect(rec.children.find((c: { code: string }) => c.code === '17.07')).toMatchObject({ registryFundedBpu: 6, officialBpu: 200, officialSource: 'official', difference: -194, flagged: false });
    expect(rec.region).toMatchObject({ code: '17', registryFundedBpu: 6, officialSource: 'official' });
    // a correction down to 4 BPU: now the registry holds more than BPJS TK reports
    await report([{ code: '17.07', period: PERIOD, segment: 'BPU', active: 4 }]);
    rec = await get(`/api/coverage/17/reconciliation?period=${PERIOD}`);
    expect(rec.children.find((c: { code: string }) => c.code === '17.07')).toMatchObject({ registryFundedBpu: 6, officialBpu: 4, difference: 2, flagged: true });
    // the worker who started on 10/06 is not active at the end of May
    const may = await get('/api/coverage/17.07/reconciliation?period=2025-05');
    expect(may.region).toMatchObject({ registryFundedBpu: 5, officialBpu: 150 });
    // every Bengkulu regency reported in June: nothing stale; three months later all are
    expect(rec.stale).toEqual({ afterMonths: 2, regions: [] });
    const late = await get('/api/coverage/17/reconciliation?period=2025-09');
    expect(late.stale.regions).toHaveLength(10);
    expect(late.stale.regions[0]).toMatchObject({ code: '17.01', lastPeriod: '2025-06' });
    expect((await get('/api/coverage/17/reconciliation?period=2025-08')).stale.regions).toEqual([]);
    // nationally, regencies that never reported are listed as missing
    const national = await get(`/api/coverage/ID/reconciliation?period=${PERIOD}`);
    expect(national.stale.regions.length).toBe(514 - 10 - 1);
    expect(national.stale.regions.find((r: { code: string }) => r.code === '32.02')).toMatchObject({ lastPeriod: null });
  });

  it('new and inactive participants come from the official figures when all of them carry them, labelled; else the registry’s', async () => {
    const month = '2025-03';
    const flows = (code: string, segment: Segment, active: number, n: number | null, inactive: number | null) =>
      t.db
        .insertInto('participation_report')
        .values({ region_code: code, month: `${month}-01`, segment, active, new_count: n, inactive_count: inactive, source: 'BPJS TK (uji arus)', received_by: 'test' })
        .execute();
    // without an official figure: the registry's
    let body = await coverage('17.02', month);
    expect(body).toMatchObject({ numeratorSource: 'registry', newEnrolmentsSource: 'registry', lapsesSource: 'registry' });
    expect(body.newEnrolments).toBe(body.registryNewEnrolments);
    await flows('17.02', 'PU', 300, 25, 7);
    await flows('17.02', 'BPU', 100, 5, 3);
    body = await coverage('17.02', month);
    expect(body).toMatchObject({ activeParticipants: 400, numeratorSource: 'official', newEnrolments: 30, newEnrolmentsSource: 'official', lapses: 10, lapsesSource: 'official' });
    // the trend carries the same flows, month by month, with the registry's beside them
    const [feb, mar] = await get(`/api/coverage/17.02/trend?from=2025-02&to=${month}`);
    expect(feb).toMatchObject({ newEnrolmentsSource: 'registry', lapsesSource: 'registry' });
    expect(feb.newEnrolments).toBe(feb.registryNewEnrolments);
    expect(mar).toMatchObject({ period: month, newEnrolments: 30, newEnrolmentsSource: 'official', lapses: 10, lapsesSource: 'official', registryNewEnrolments: body.registryNewEnrolments, registryLapses: body.registryLapses });
    // Bengkulu: only 17.02 reported → partial, its flows summed
    const bengkuluBody = await coverage('17', month);
    expect(bengkuluBody.children.find((c: { code: string }) => c.code === '17.02')).toMatchObject({ newEnrolments: 30, newEnrolmentsSource: 'official', lapses: 10 });
    // a segment row without the optional columns: that flow is no longer known officially
    await flows('17.02', 'JAKON', 50, null, 2);
    body = await coverage('17.02', month);
    expect(body).toMatchObject({ activeParticipants: 450, newEnrolmentsSource: 'registry', newEnrolments: body.registryNewEnrolments, lapses: 12, lapsesSource: 'official' });
    expect((await get(`/api/coverage/17.02/trend?from=${month}&to=${month}`))[0]).toMatchObject({ newEnrolmentsSource: 'registry', lapses: 12, lapsesSource: 'official' });
  });

  it('a figure written in a transaction that rolls back never shows; the next committed one shows at once', async () => {
    const month = '2025-04';
    const before = (await coverage('17.03', month)).activeParticipants;
    await t.db
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('participation_report').values({ region_code: '17.03', month: `${month}-01`, segment: 'PU', active: 999, source: 'uji', received_by: 'test' }).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await coverage('17.03', month)).activeParticipants).toBe(before);
    await report([{ code: '17.03', period: month, segment: 'PU', active: 321 }]);
    expect((await coverage('17.03', month)).activeParticipants).toBe(321);
    await report([{ code: '17.03', period: month, segment: 'PU', active: 322 }]);
    expect((await coverage('17.03', month)).activeParticipants).toBe(322);
  });

  it('reconciliation refuses regions outside the user’s scope', async () => {
    const kab = await login(t.app, 'kab.sukabumi');
    expect((await injectAs(t.app, kab, { url: `/api/coverage/17/reconciliation?period=${PERIOD}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, kab, { url: `/api/coverage/32.02/reconciliation?period=${PERIOD}` })).statusCode).toBe(200);
  });
});
