import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { addMonths } from '../../domain/coverage.js';
import { inSubtree } from '../../domain/region-code.js';
import type { EnrolmentStatus, Group, Segment } from '../../domain/worker.js';
import { compact } from './queries.js';

/**
 * The rollups must equal a direct count of the enrolment table after any mix of bulk inserts,
 * status changes, lapses, ends, moves and deletes — before and after compaction. The direct count
 * here is written independently in TypeScript from the documented definition (docs/coverage.md).
 */
const t = useTestApp();

const VILLAGES = ['32.02.01.1001', '32.02.01.2002', '32.02.02.2001', '32.13.28.2007', '17.01.01.2001', '17.02.06.1004'];
const SEGMENTS: Segment[] = ['PU', 'BPU', 'JAKON', 'PMI'];
const GROUPS: Record<Segment, Group> = { PU: 'NON_ASN', BPU: 'PEKERJA_RENTAN', JAKON: 'KONSTRUKSI_DESA', PMI: 'OTHER' };
const PAYERS = ['APBD Kab. Sukabumi 2025', 'Dana Desa Cidadap', 'CSR (uji)', 'Mandiri', ''];

interface Row {
  village_code: string;
  segment: string;
  group_code: string;
  funding_source: string;
  status: string;
  start_date: string;
  end_date: string | null;
  updated_at: Date;
}

/** WIB calendar date of a timestamp. */
const wibDate = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

function stopOf(r: Row): string | null {
  const stop = r.status === 'lapsed' || r.status === 'ended' ? (r.end_date ?? wibDate(r.updated_at)) : r.end_date;
  return stop === null ? null : stop < r.start_date ? r.start_date : stop;
}

function direct(rows: Row[], region: string, period: string) {
  const first = `${period}-01`;
  const next = `${addMonths(period, 1)}-01`;
  let active = 0;
  let started = 0;
  let lapsed = 0;
  for (const r of rows) {
    if (!inSubtree(region, r.village_code) || !['active', 'lapsed', 'ended'].includes(r.status)) continue;
    const stop = stopOf(r);
    if (r.start_date < next && (stop === null || stop >= next)) active++;
    if (r.start_date >= first && r.start_date < next) started++;
    if (r.status === 'lapsed' && stop !== null && stop >= first && stop < next) lapsed++;
  }
  return { active, started, lapsed };
}

let nik = 0;
async function insertEnrolments(n: number, seed: number) {
  // Many rows per statement, as the import's commit writes them.
  const people = await t.db
    .insertInto('person')
    .values(
      Array.from({ length: n }, (_, i) => ({
        nik: `3202011505${String(900000 + ++nik).slice(-6)}`,
        name: `Uji Cakupan ${seed}-${i}`,
        birth_date: '1990-05-15',
        sex: 'L' as const,
        village_code: VILLAGES[(i * 7 + seed) % VILLAGES.length]!,
        address: '',
      })),
    )
    .returning(['id', 'village_code'])
    .execute();
  await t.db
    .insertInto('enrolment')
    .values(
      people.map((p, i) => {
        const segment = SEGMENTS[(i + seed) % 4]!;
        const startMonth = addMonths('2024-01', (i * 5 + seed) % 18);
        return {
          person_id: p.id,
          segment,
          group_code: GROUPS[segment],
          programs: ['JKK', 'JKM'],
          funding_source: PAYERS[(i + seed * 3) % PAYERS.length]!,
          status: (['active', 'active', 'active', 'registered', 'lapsed', 'submitted', 'ended'] satisfies EnrolmentStatus[])[(i * 3 + seed) % 7]!,
          start_date: `${startMonth}-${String(1 + ((i * 11) % 28)).padStart(2, '0')}`,
          end_date: i % 9 === 0 ? `${addMonths(startMonth, 4)}-15` : null,
          village_code: p.village_code,
        };
      }),
    )
    .execute();
}

const allRows = () =>
  t.db.selectFrom('enrolment').select(['village_code', 'segment', 'group_code', 'funding_source', 'status', 'start_date', 'end_date', 'updated_at']).execute() as Promise<Row[]>;

const PERIODS = ['2024-01', '2024-06', '2024-12', '2025-03', '2025-06', '2025-09'];
const REGIONS = ['ID', '32', '32.02', '32.02.01', '32.02.01.1001', '17', '17.01.01.2001'];

let admin: Session;

/** Compacts now; the server's own 5-second compaction may hold the lock (-1), so wait for it. */
async function compactNow() {
  while ((await compact(t.db)) < 0) await new Promise((r) => setTimeout(r, 50));
}

async function expectEqualToDirect(label: string) {
  const rows = await allRows();
  for (const period of PERIODS) {
    for (const region of REGIONS) {
      const res = await injectAs(t.app, admin, { url: `/api/coverage/${region}?period=${period}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const d = direct(rows, region, period);
      expect({ active: body.activeParticipants, started: body.newEnrolments, lapsed: body.lapses }, `${label} ${region} ${period}`).toEqual(d);
      for (const child of body.children as { code: string; activeParticipants: number; newEnrolments: number; lapses: number }[]) {
        const dc = direct(rows, child.code, period);
        expect({ active: child.activeParticipants, started: child.newEnrolments, lapsed: child.lapses }, `${label} child ${child.code} ${period}`).toEqual(dc);
      }
      const bySegment = (body.breakdown.segment as { active: number }[]).reduce((s, b) => s + b.active, 0);
      const byGroup = (body.breakdown.group as { active: number }[]).reduce((s, b) => s + b.active, 0);
      const byPayer = (body.breakdown.payer as { active: number }[]).reduce((s, b) => s + b.active, 0);
      expect([bySegment, byGroup, byPayer], `${label} breakdowns ${region} ${period}`).toEqual([d.active, d.active, d.active]);
    }
  }
}

describe('coverage rollups', () => {
  beforeAll(async () => {
    admin = await login(t.app, 'nasional');
  });

  it('start empty: zero participants and no denominator, so no percentage', async () => {
    const res = await injectAs(t.app, admin, { url: '/api/coverage/ID?period=2025-06' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ region: { code: 'ID', level: 'country' }, period: '2025-06', activeParticipants: 0, employedPopulation: null, coveragePct: null });
    expect(body.children).toHaveLength(38);
    expect(body.definition.text.id).toContain('penduduk bekerja');
    expect(body.villagesReached).toMatchObject({ villagesReached: 0, pct: 0 });
    expect(body.villagesReached.villagesTotal).toBeGreaterThan(70_000); // every desa (kelurahan are not counted)
  });

  it('equal a direct count after bulk inserts, before and after compaction', async () => {
    await insertEnrolments(150, 1);
    await insertEnrolments(90, 2);
    await expectEqualToDirect('inserted');
    await compactNow();
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM coverage_delta`.execute(t.db)).rows[0]!.n)).toBe(0);
    await expectEqualToDirect('compacted');
  });

  it('equal a direct count after status changes, lapses, ends, moves and deletes', async () => {
    await sql`UPDATE enrolment SET status = 'active' WHERE status = 'registered' AND id % 2 = 0`.execute(t.db);
    await sql`UPDATE enrolment SET status = 'lapsed', end_date = start_date + 120 WHERE status = 'active' AND id % 5 = 0`.execute(t.db);
    await sql`UPDATE enrolment SET status = 'ended', end_date = NULL, updated_at = timestamptz '2025-02-10 20:00+00' WHERE status = 'active' AND id % 7 = 0`.execute(t.db);
    await compactNow();
    await sql`UPDATE enrolment SET village_code = '32.02.02.2001' WHERE village_code = '32.02.01.1001' AND id % 3 = 0`.execute(t.db);
    await sql`UPDATE enrolment SET segment = 'BPU', group_code = 'PEKERJA_RENTAN', funding_source = 'APBD Prov. Bengkulu' WHERE segment = 'PU' AND id % 4 = 1`.execute(t.db);
    await sql`UPDATE enrolment SET kpj = '12345678901' WHERE id % 2 = 1`.execute(t.db); // moves no event
    await sql`UPDATE enrolment SET start_date = start_date - 200 WHERE id % 11 = 0`.execute(t.db);
    await sql`DELETE FROM enrolment WHERE id % 13 = 0`.execute(t.db);
    await expectEqualToDirect('changed');
    await compactNow();
    await expectEqualToDirect('changed+compacted');
  });

  it('rebuild from scratch gives the same rollups', async () => {
    const before = await sql`SELECT dim, level, region_code, month, segment, value, started, lapsed, ended FROM coverage_rollup
      WHERE started <> 0 OR lapsed <> 0 OR ended <> 0 ORDER BY 1, 2, 3, 4, 5, 6`.execute(t.db);
    await sql`SELECT coverage_rebuild()`.execute(t.db);
    const after = await sql`SELECT dim, level, region_code, month, segment, value, started, lapsed, ended FROM coverage_rollup
      WHERE started <> 0 OR lapsed <> 0 OR ended <> 0 ORDER BY 1, 2, 3, 4, 5, 6`.execute(t.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('trend equals the month-by-month direct count', async () => {
    const rows = await allRows();
    const res = await injectAs(t.app, admin, { url: '/api/coverage/32.02/trend?from=2024-01&to=2025-06' });
    expect(res.statusCode, res.body).toBe(200);
    const trend = res.json() as { period: string; activeParticipants: number; newEnrolments: number; coveragePct: number | null }[];
    expect(trend).toHaveLength(18);
    for (const p of trend) expect(p.activeParticipants, p.period).toBe(direct(rows, '32.02', p.period).active);
    expect(trend.every((p) => p.coveragePct === null)).toBe(true);
  });

  it('divides by the denominator of the period’s year (or the latest before), and shows the target gap', async () => {
    await t.db
      .insertInto('employed_population')
      .values([
        { region_code: '32.02', year: 2024, total: 1000, source: 'BPS Sakernas Agustus 2024 (uji)', updated_by: 'test' },
        { region_code: '32.02.01', year: 2025, total: 400, source: 'uji', updated_by: 'test' },
      ])
      .execute();
    await t.db.insertInto('coverage_target').values({ region_code: '32.02', year: 2025, target_pct: 50, source: 'RPJMD (uji)', updated_by: 'test' }).execute();
    const body = (await injectAs(t.app, admin, { url: '/api/coverage/32.02?period=2025-06' })).json();
    const active = direct(await allRows(), '32.02', '2025-06').active;
    expect(body.employedPopulation).toBe(1000);
    expect(body.denominator).toMatchObject({ year: 2024, source: 'BPS Sakernas Agustus 2024 (uji)' });
    expect(body.coveragePct).toBeCloseTo((active / 1000) * 100, 2);
    expect(body.targetPct).toBe(50);
    expect(body.gap).toMatchObject({ workers: Math.max(0, 500 - active), ratePerWorker: 16800 });
    expect(body.gap.rupiahPerMonth).toBe(body.gap.workers * 16800);
    const kid = body.children.find((c: { code: string }) => c.code === '32.02.01');
    expect(kid.employedPopulation).toBe(400);
    expect(body.children.find((c: { code: string }) => c.code === '32.02.02').coveragePct).toBeNull();
    // 2023 has no figure at all: null, never a guess
    const old = (await injectAs(t.app, admin, { url: '/api/coverage/32.02?period=2023-12' })).json();
    expect([old.employedPopulation, old.coveragePct, old.gap]).toEqual([null, null, null]);
  });

  it('takes the payer from the enrolment’s funding programme, and from the payer text without one', async () => {
    const program = await t.db
      .insertInto('funding_program')
      .values({ name: 'Perlindungan Pekerja Rentan 2025', payer_type: 'APBD_KABKOTA', region_code: '32.02', fiscal_year: 2025, budget: 10 ** 9, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'uji' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await t.db.insertInto('person').values({ nik: '3202011505990001', name: 'Uji Pembayar', birth_date: '1990-05-15', sex: 'L', village_code: '32.02.01.2002', address: '' }).returning('id').executeTakeFirstOrThrow();
    // a village counts its enrolments directly; the district above reads the trigger-fed rollups
    const payerActive = async (code = '32.02.01.2002') => {
      const body = (await injectAs(t.app, admin, { url: `/api/coverage/${code}?period=2025-06` })).json();
      return Object.fromEntries((body.breakdown.payer as { key: string; active: number }[]).map((b) => [b.key, b.active]));
    };
    const districtBefore = await payerActive('32.02.01');
    const before = await payerActive();
    await t.db
      .insertInto('enrolment')
      .values({ person_id: person.id, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'Perlindungan Pekerja Rentan 2025', funding_program_id: program.id, status: 'active', start_date: '2025-01-01', village_code: '32.02.01.2002' })
      .execute();
    const after = await payerActive();
    // the name says nothing of APBD; the programme's payer type does
    expect((after.APBD ?? 0) - (before.APBD ?? 0)).toBe(1);
    expect(after.OTHER ?? 0).toBe(before.OTHER ?? 0);
    const districtAfter = await payerActive('32.02.01');
    expect((districtAfter.APBD ?? 0) - (districtBefore.APBD ?? 0)).toBe(1);
  });

  it('refuses regions outside the user’s scope with 403 and bad periods with 422', async () => {
    const kab = await login(t.app, 'kab.sukabumi');
    expect((await injectAs(t.app, kab, { url: '/api/coverage/32.02?period=2025-06' })).statusCode).toBe(200);
    const out = await injectAs(t.app, kab, { url: '/api/coverage/32.13?period=2025-06' });
    expect(out.statusCode).toBe(403);
    expect(out.json().error.code).toBe('FORBIDDEN_REGION');
    expect((await injectAs(t.app, kab, { url: '/api/coverage/ID?period=2025-06' })).statusCode).toBe(403);
    expect((await injectAs(t.app, kab, { url: '/api/coverage/32.02?period=2025-13' })).statusCode).toBe(422);
    expect((await injectAs(t.app, kab, { url: '/api/coverage/32.02/trend?from=2025-06&to=2025-01' })).statusCode).toBe(422);
  });
});
