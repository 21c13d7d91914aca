import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { enrol } from '../../../test/funding.js';
import { addMonths, currentPeriod } from '../../domain/coverage.js';
import { todayWib } from '../funding/rates/service.js';
import type { Home } from './schemas.js';

const t = useTestApp();
const month = currentPeriod();
const lastMonth = addMonths(month, -1);
const year = Number(month.slice(0, 4));
const today = todayWib();
const BALINGBING = '32.13.28.2007';
const NEIGHBOUR = '32.13.28.2004';

const s: Record<string, Session> = {};
beforeAll(async () => {
  for (const u of ['desa.balingbing', 'kab.subang', 'kab.sukabumi', 'bpjs.sukabumi', 'disnaker.sukabumi', 'auditor', 'nasional', 'prov.bengkulu']) s[u] = await login(t.app, u);
});

const home = async (who: string): Promise<Home> => {
  const res = await injectAs(t.app, s[who]!, { url: '/api/home' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function program(who: string, body: Record<string, unknown>) {
  const res = await injectAs(t.app, s[who]!, {
    method: 'POST',
    url: '/api/funding-programs',
    payload: { fiscalYear: year, budget: 100_000_000, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'], ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
async function bill(who: string, programId: number, m: string) {
  const res = await injectAs(t.app, s[who]!, { method: 'POST', url: `/api/funding-programs/${programId}/billing-runs`, payload: { month: m } });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { id: number; amount: number };
}
async function pay(who: string, programId: number, amount: number, reference: string, m: string) {
  const res = await injectAs(t.app, s[who]!, { method: 'POST', url: `/api/funding-programs/${programId}/payments`, payload: { amount, paidOn: today, reference, month: m } });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

describe('village operator', () => {
  it('this month’s bill and the proof of last month’s payment, for the village’s own programme and its lines of the regency’s', async () => {
    const danaDesa = await program('desa.balingbing', { name: 'Dana Desa Balingbing (uji beranda)', payerType: 'DANA_DESA', regionCode: BALINGBING });
    const apbd = await program('kab.subang', { name: 'APBD Subang (uji beranda)', payerType: 'APBD_KABKOTA', regionCode: '32.13' });
    for (let i = 0; i < 3; i++) await enrol(t.db, danaDesa, { segment: 'BPU', programs: ['JKK', 'JKM'], village: BALINGBING });
    for (let i = 0; i < 2; i++) await enrol(t.db, apbd, { segment: 'BPU', programs: ['JKK', 'JKM'], village: BALINGBING });
    await enrol(t.db, apbd, { segment: 'BPU', programs: ['JKK', 'JKM'], village: NEIGHBOUR });
    const ddLast = await bill('desa.balingbing', danaDesa, lastMonth);
    const ddNow = await bill('desa.balingbing', danaDesa, month);
    const kabLast = await bill('kab.subang', apbd, lastMonth);
    await bill('kab.subang', apbd, month);
    await pay('desa.balingbing', danaDesa, ddLast.amount, 'SP2D-DESA-001', lastMonth);
    await pay('kab.subang', apbd, kabLast.amount, 'SP2D-KAB-777', lastMonth);

    const h = await home('desa.balingbing');
    expect(h.region.code).toBe(BALINGBING);
    expect(h.month).toBe(month);
    const dd = h.bills!.find((b) => b.programId === danaDesa)!;
    expect(dd).toMatchObject({ ownedHere: true, owner: { code: BALINGBING } });
    expect(dd.thisMonth).toMatchObject({ month, workerCount: 3, amount: ddNow.amount, paidAmount: 0, status: 'unpaid', payments: [] });
    expect(dd.lastMonth).toMatchObject({ month: lastMonth, workerCount: 3, amount: ddLast.amount, paidAmount: ddLast.amount, status: 'paid' });
    expect(dd.lastMonth!.payments).toEqual([{ reference: 'SP2D-DESA-001', paidOn: today, amount: ddLast.amount, appliedAmount: ddLast.amount }]);

    // the regency's bill covers three workers; the village sees its two lines, and the whole payment as proof
    const kab = h.bills!.find((b) => b.programId === apbd)!;
    expect(kab).toMatchObject({ ownedHere: false, owner: { code: '32.13' } });
    expect(kabLast.amount).toBe(3 * 16_800);
    expect(kab.lastMonth).toMatchObject({ workerCount: 2, amount: 2 * 16_800, paidAmount: 2 * 16_800, status: 'paid' });
    expect(kab.lastMonth!.payments).toEqual([{ reference: 'SP2D-KAB-777', paidOn: today, amount: 3 * 16_800, appliedAmount: 2 * 16_800 }]);
    expect(kab.thisMonth).toMatchObject({ workerCount: 2, status: 'unpaid' });

    // workers by status agree with the worker list
    for (const row of h.workersByStatus!) {
      const list = (await injectAs(t.app, s['desa.balingbing']!, { url: `/api/workers?status=${row.status}&pageSize=1` })).json();
      expect(row.count, row.status).toBe(list.total);
    }
    expect(h.workersByStatus!.find((w) => w.status === 'active')!.count).toBeGreaterThanOrEqual(5);
    expect(h.todo).toBeDefined();
    // nothing of another role's home, nothing of the regency
    expect(h.coverage).toBeUndefined();
    expect(h.nikViews).toBeUndefined();
    expect(h.awaitingKpj).toBeUndefined();
  });
});

describe('BPJS branch', () => {
  it('enrolments waiting for a KPJ oldest first, inside the branch’s regency; a KPJ typed on the row takes it off the list', async () => {
    const person = async (village: string, name: string, nik: string) =>
      (await t.db.insertInto('person').values({ nik, name, birth_date: '1990-05-15', sex: 'L', village_code: village, address: '' }).returning('id').executeTakeFirstOrThrow()).id;
    const submitted = async (village: string, name: string, nik: string, createdAt: string) =>
      (
        await t.db
          .insertInto('enrolment')
          .values({ person_id: await person(village, name, nik), segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'uji', village_code: village, created_at: createdAt })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const newer = await submitted('32.02.01.2002', 'Baru Menunggu', '3202015505901101', '2026-03-01T03:00:00Z');
    const oldest = await submitted('32.02.01.2003', 'Lama Menunggu', '3202015505901102', '2020-01-01T03:00:00Z');
    await submitted('32.13.28.2004', 'Subang Menunggu', '3213285505901103', '2019-01-01T03:00:00Z');

    const h = await home('bpjs.sukabumi');
    const ids = h.awaitingKpj!.items.map((i) => i.enrolmentId);
    expect(ids[0]).toBe(oldest);
    expect(ids.indexOf(newer)).toBeGreaterThan(0);
    const times = h.awaitingKpj!.items.map((i) => i.submittedAt);
    expect([...times].sort()).toEqual(times);
    expect(h.awaitingKpj!.items.every((i) => i.village.code.startsWith('32.02.'))).toBe(true);
    expect(h.awaitingKpj!.items[0]).toMatchObject({ name: 'Lama Menunggu', nikMasked: '••••••••••••1102', village: { code: '32.02.01.2003' } });
    const count = await t.db.selectFrom('enrolment').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'submitted').where('village_code', '>=', '32.02.').where('village_code', '<', '32.02/').executeTakeFirstOrThrow();
    expect(h.awaitingKpj!.total).toBe(Number(count.n));

    const kpj = await injectAs(t.app, s['bpjs.sukabumi']!, { method: 'POST', url: `/api/enrolments/${oldest}/status`, payload: { to: 'registered', kpj: '12345678901' } });
    expect(kpj.statusCode, kpj.body).toBe(200);
    const after = await home('bpjs.sukabumi');
    expect(after.awaitingKpj!.total).toBe(h.awaitingKpj!.total - 1);
    expect(after.awaitingKpj!.items.map((i) => i.enrolmentId)).not.toContain(oldest);
  });

  it('unpaid bills of the programmes paying for the regency’s workers, and lapses still to come within 30 days', async () => {
    const p = await program('kab.sukabumi', { name: 'APBD Sukabumi (uji beranda)', payerType: 'APBD_KABKOTA', regionCode: '32.02' });
    await enrol(t.db, p, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const b = await bill('kab.sukabumi', p, month);
    const h = await home('bpjs.sukabumi');
    expect(h.unpaidBills!.items.find((i) => i.billId === b.id)).toMatchObject({ programId: p, month, outstanding: b.amount, owner: { code: '32.02' } });
    expect(h.unpaidBills!.outstanding).toBeGreaterThanOrEqual(b.amount);
    const months = h.unpaidBills!.items.map((i) => i.month);
    expect([...months].sort()).toEqual(months);
    const limit = new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10);
    for (const l of h.lapsesDue!.items) {
      expect(l.lapseDate > today && l.lapseDate <= limit, l.lapseDate).toBe(true);
      expect(l.village.code.startsWith('32.02.')).toBe(true);
    }
    // Subang's bills are not the Sukabumi branch's
    expect(h.unpaidBills!.items.every((i) => i.owner.code === 'ID' || '32.02'.startsWith(i.owner.code) || i.owner.code.startsWith('32.02'))).toBe(true);
  });
});

describe('labour inspector', () => {
  it('employers with the most workers not registered first', async () => {
    let npp = 900_000;
    const employer = async (name: string, declared: number, registered: number) => {
      const res = await injectAs(t.app, s['disnaker.sukabumi']!, {
        method: 'POST',
        url: '/api/employers',
        payload: { name, npp: `NPP${++npp}`, sizeClass: 'large', sector: 'Garmen', villageCode: '32.02.01.2002', address: 'Jl. Uji', employeesDeclared: declared, workersRegistered: registered, programs: ['JKK', 'JKM', 'JHT', 'JP'] },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const big = await employer('PT Beranda Besar', 5000, 10);
    const small = await employer('PT Beranda Kecil', 20, 15);
    const h = await home('disnaker.sukabumi');
    const list = h.employersUnregistered!;
    expect(list[0]).toMatchObject({ id: big, notRegistered: 4990 });
    const gaps = list.map((e) => e.notRegistered);
    expect([...gaps].sort((a, b) => b - a)).toEqual(gaps);
    if (list.length < 10) expect(list.map((e) => e.id)).toContain(small);
    expect(h.overdueCases).toMatchObject({ total: expect.any(Number) });
    expect(h.overdueCases!.items.every((c) => c.overdue)).toBe(true);
  });
});

describe('auditor', () => {
  it('recent full-NIK views and exports, with who and whose', async () => {
    const worker = (await injectAs(t.app, s['kab.sukabumi']!, { url: '/api/workers?pageSize=1' })).json().items[0] as { id: number } | undefined;
    const id =
      worker?.id ??
      (await t.db.insertInto('person').values({ nik: '3202015505901201', name: 'Dilihat', birth_date: '1990-05-15', sex: 'L', village_code: '32.02.01.2002', address: '' }).returning('id').executeTakeFirstOrThrow()).id;
    expect((await injectAs(t.app, s['kab.sukabumi']!, { url: `/api/workers/${id}/nik` })).statusCode).toBe(200);
    expect((await injectAs(t.app, s['kab.sukabumi']!, { url: '/api/workers/export.xlsx' })).statusCode).toBe(200);
    const h = await home('auditor');
    expect(h.nikViews![0]).toMatchObject({ actor: 'kab.sukabumi', action: 'view_nik', entityType: 'worker', entityId: String(id) });
    expect(h.exports![0]).toMatchObject({ actor: 'kab.sukabumi', action: 'export_full_nik' });
    expect(h.recentChanges!.every((c) => !['login', 'view_nik', 'export', 'export_full_nik'].includes(c.action))).toBe(true);
    expect(h.recentChanges!.length).toBeGreaterThan(0);
    expect(h.bills).toBeUndefined();
  });
});

describe('regency operator and monitors', () => {
  it('coverage vs target with the gap, as the coverage page says; imports not yet saved; programmes near their quota', async () => {
    const job = async (region: string, counts: object) =>
      (await t.db.insertInto('import_job').values({ kind: 'workers', filename: `beranda-${region}.xlsx`, file_path: '/nonexistent', status: 'validated', region_code: region, created_by_username: 'uji', counts: JSON.stringify(counts) }).returning('id').executeTakeFirstOrThrow()).id;
    const own = await job('32.02', { total: 5, valid: 3, rejected: 2 });
    const foreign = await job('32.13', { total: 1, valid: 1, rejected: 0 });
    const full = await program('kab.sukabumi', { name: 'Kuota Penuh (uji beranda)', payerType: 'CSR', regionCode: '32.02', quota: 2 });
    const roomy = await program('kab.sukabumi', { name: 'Kuota Longgar (uji beranda)', payerType: 'CSR', regionCode: '32.02', quota: 100 });
    await enrol(t.db, full, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await enrol(t.db, full, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await enrol(t.db, roomy, { segment: 'BPU', programs: ['JKK', 'JKM'] });

    const h = await home('kab.sukabumi');
    const c = (await injectAs(t.app, s['kab.sukabumi']!, { url: `/api/coverage/32.02?period=${month}` })).json();
    expect(h.coverage).toMatchObject({ period: month, activeParticipants: c.activeParticipants, coveragePct: c.coveragePct, targetPct: c.targetPct, gapWorkers: c.gapWorkers, gapRupiahPerMonth: c.gapRupiahPerMonth, newEnrolments: c.newEnrolments, lapses: c.lapses });
    expect(h.imports!.find((j) => j.id === own)).toMatchObject({ valid: 3, rejected: 2, kind: 'workers' });
    expect(h.imports!.map((j) => j.id)).not.toContain(foreign);
    expect(h.todo!.rejectedRows).toBeGreaterThanOrEqual(2);
    expect(h.programmesNear!.find((p) => p.programId === full)).toMatchObject({ enrolled: 2, quota: 2, quotaUsed: 1 });
    expect(h.programmesNear!.map((p) => p.programId)).not.toContain(roomy);
    expect(h.overdueCases).toBeDefined();
  });

  it('the national monitor ranks the provinces highest and lowest, as the coverage page does', async () => {
    const h = await home('nasional');
    const c = (await injectAs(t.app, s.nasional!, { url: `/api/coverage/ID?period=${month}` })).json() as { children: { code: string; coveragePct: number | null }[] };
    const ranked = c.children.filter((k) => k.coveragePct !== null).sort((a, b) => b.coveragePct! - a.coveragePct! || a.code.localeCompare(b.code));
    expect(h.ranking!.highest.map((k) => k.code)).toEqual(ranked.slice(0, h.ranking!.highest.length).map((k) => k.code));
    if (h.ranking!.lowest.length) expect(h.ranking!.lowest[0]!.code).toBe(ranked.at(-1)!.code);
    expect(h.ranking!.withoutData).toBe(c.children.length - ranked.length);
    expect(h.staleRegions).toBeDefined();
    expect(h.coverage!.period).toBe(month);
  });

  it('a province operator sees its own province only', async () => {
    const h = await home('prov.bengkulu');
    expect(h.region.code).toBe('17');
    for (const k of [...h.ranking!.highest, ...h.ranking!.lowest]) expect(k.code.startsWith('17.')).toBe(true);
    for (const r of h.staleRegions!.items) expect(r.code.startsWith('17.')).toBe(true);
    expect(h.imports!.every(() => true)).toBe(true);
  });

  it('asks for a session', async () => {
    expect((await t.app.inject({ url: '/api/home' })).statusCode).toBe(401);
  });
});
