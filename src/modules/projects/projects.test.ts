import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../domain/compliance-case.js';
import { todayWib } from '../../domain/wib.js';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { importRoutes, workbook } from '../../../test/imports.js';
import { endExpiredEngagements } from './service.js';

const t = useTestApp();
let desa: Session;
let kab: Session;
let otherKab: Session;
const today = todayWib();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthOf = (d: string) => d.slice(0, 7);
const nextMonth = (d: string) => {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
// a period that started last month and ends at the end of next month
const start = `${monthOf(addDays(`${monthOf(today)}-01`, -1))}-01`;
const end = addDays(`${nextMonth(`${nextMonth(today)}-01`)}-01`, -1);

const program = (over: Record<string, unknown>) => ({
  name: 'Dana Desa Balingbing (uji Jakon)',
  payerType: 'DANA_DESA',
  regionCode: '32.13.28.2007',
  fiscalYear: Number(today.slice(0, 4)),
  budget: 500_000_000,
  quota: 100,
  segment: 'BPU',
  programs: ['JKK', 'JKM'],
  ...over,
});

const worker = (nik: string, over: Record<string, unknown> = {}) => ({
  nik,
  name: 'Pekerja Jalan Uji',
  birthDate: `19${nik.slice(10, 12)}-${nik.slice(8, 10)}-${nik.slice(6, 8)}`,
  sex: 'L',
  villageCode: '32.13.28.2007',
  address: 'Kp. Balingbing RT 01',
  ...over,
});

let danaDesa: number;
let projectId: number;

beforeAll(async () => {
  desa = await login(t.app, 'desa.balingbing');
  kab = await login(t.app, 'kab.sukabumi');
  otherKab = await login(t.app, 'kab.sukabumi'); // 32.02: outside Subang (32.13)
  const p = await injectAs(t.app, desa, { method: 'POST', url: '/api/funding-programs', payload: program({}) });
  expect(p.statusCode, p.body).toBe(201);
  danaDesa = p.json().id;
});

async function holidays() {
  const rows = await t.db.selectFrom('national_holiday').select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('d')).execute();
  return new Set(rows.map((r) => r.d));
}

/** Net coverage events of a village and segment, month by month (the rollup triggers' input). */
async function coverageEvents(village: string, segment: string) {
  const { rows } = await sql<{ month: string; started: string; ended: string }>`
    SELECT to_char(month, 'YYYY-MM') AS month, sum(started) AS started, sum(ended) AS ended
    FROM (SELECT month, started, ended FROM coverage_delta WHERE village_code = ${village} AND segment = ${segment}
          UNION ALL SELECT month, started, ended FROM coverage_rollup WHERE dim = 'S' AND level = 4 AND region_code = ${village} AND segment = ${segment}) x
    GROUP BY 1 HAVING sum(started) <> 0 OR sum(ended) <> 0 ORDER BY 1`.execute(t.db);
  return rows.map((r) => ({ month: r.month, started: Number(r.started), ended: Number(r.ended) }));
}

describe('construction project (Jakon)', () => {
  it('prices the DOMAIN.md example exactly and sets the deadline 14 working days after the SPK', async () => {
    const spk = addDays(start, -3);
    const res = await injectAs(t.app, desa, {
      method: 'POST',
      url: '/api/projects',
      payload: { name: 'Jalan Desa Balingbing (uji)', villageCode: '32.13.28.2007', contractValue: 2_000_000_000, spkDate: spk, startDate: start, endDate: end, fundingProgramId: danaDesa },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contribution).toEqual({ jkk: 2_640_000, jkm: 310_000, total: 2_950_000 });
    expect(res.json().registrationDeadline).toBe(addWorkingDays(spk, 14, await holidays()));
    projectId = res.json().id;
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'project').where('entity_id', '=', String(projectId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const bills = await t.db.selectFrom('project_bill').selectAll().where('project_id', '=', projectId).execute();
    expect(bills.map((b) => [b.kind, b.amount])).toEqual([['initial', 2_950_000]]);
  });

  it('uses 1,74% + 0,30% of known wages; refuses an end before the start (422) and a village outside the region (403)', async () => {
    const base = { name: 'Drainase (uji)', villageCode: '32.13.28.2007', contractValue: 150_000_000, spkDate: start, startDate: start, endDate: end, fundingProgramId: danaDesa };
    const wages = await injectAs(t.app, desa, { method: 'POST', url: '/api/projects', payload: { ...base, wagesTotal: 40_000_000 } });
    expect(wages.statusCode, wages.body).toBe(201);
    expect(wages.json().contribution).toEqual({ jkk: 696_000, jkm: 120_000, total: 816_000 });
    const backwards = await injectAs(t.app, desa, { method: 'POST', url: '/api/projects', payload: { ...base, endDate: addDays(start, -1) } });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error).toMatchObject({ code: 'END_BEFORE_START', field: 'body.endDate' });
    expect(backwards.json().error.message).toMatch(/tidak boleh sebelum/);
    const outside = await injectAs(t.app, desa, { method: 'POST', url: '/api/projects', payload: { ...base, villageCode: '32.02.01.2002' } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('FORBIDDEN_REGION');
  });

  it('enrols a worker added after the start from today (never backdated) to the end, with the registry rules', async () => {
    const res = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/workers`, payload: worker('3213281505900001') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ startDate: today, endDate: end, status: 'active', nik: expect.stringMatching(/^•+0001$/) });
    const e = await t.db.selectFrom('enrolment').selectAll().where('id', '=', res.json().enrolmentId).executeTakeFirstOrThrow();
    expect(e).toMatchObject({ segment: 'JAKON', group_code: 'KONSTRUKSI_DESA', programs: ['JKK', 'JKM'], project_id: projectId, funding_program_id: null });
    // the same person cannot be funded twice for JKK/JKM
    const again = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/workers`, payload: worker('3213281505900001') });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DOUBLE_FUNDED');
    // a NIK whose birth date disagrees is refused, naming the field
    const wrong = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/workers`, payload: { ...worker('3213281505900002'), birthDate: '1991-01-01' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.field).toMatch(/birthDate|nik/);

    const list = await injectAs(t.app, desa, { url: '/api/projects?region=32.13.28.2007' });
    expect(list.statusCode).toBe(200);
    const row = list.json().items.find((p: { id: number }) => p.id === projectId);
    expect(row).toMatchObject({ workers: 1, coveredToday: 1, status: 'running', registeredOn: today, outstanding: 2_950_000 });
    expect(list.json().total).toBe(2);
  });

  it('is out of reach outside its region: 404 by id, absent from lists', async () => {
    expect((await injectAs(t.app, otherKab, { url: `/api/projects/${projectId}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, otherKab, { method: 'POST', url: `/api/projects/${projectId}/payments`, payload: { amount: 1, paidOn: today } })).statusCode).toBe(404);
    const list = (await injectAs(t.app, otherKab, { url: '/api/projects' })).json();
    expect(list.items.map((p: { id: number }) => p.id)).not.toContain(projectId);
  });

  it('takes payments against the bill (partial, then the rest), then an extension bills the difference', async () => {
    const first = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/payments`, payload: { amount: 1_000_000, paidOn: today, reference: 'SP2D-001' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ applied: 1_000_000, outstanding: 1_950_000 });
    const dup = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/payments`, payload: { amount: 5, paidOn: today, reference: 'SP2D-001' } });
    expect(dup.statusCode).toBe(409);
    const rest = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/payments`, payload: { amount: 1_950_000, paidOn: today } });
    expect(rest.json()).toMatchObject({ applied: 1_950_000, outstanding: 0, credit: 0 });

    const newEnd = addDays(end, 31);
    const ext = await injectAs(t.app, desa, { method: 'POST', url: `/api/projects/${projectId}/extension`, payload: { endDate: newEnd, contractValue: 2_200_000_000 } });
    expect(ext.statusCode, ext.body).toBe(200);
    // 2.2 billion: JKK 2,640,000 + 200m × 0,11% = 2,860,000; JKM 310,000 + 200m × 0,01% = 330,000
    expect(ext.json()).toEqual({ endDate: newEnd, enrolmentsMoved: 1, billed: { jkk: 220_000, jkm: 20_000, total: 240_000 } });
    const detail = (await injectAs(t.app, desa, { url: `/api/projects/${projectId}` })).json();
    expect(detail.bills.map((b: { kind: string; amount: number; status: string }) => [b.kind, b.amount, b.status])).toEqual([
      ['initial', 2_950_000, 'paid'],
      ['extension', 240_000, 'unpaid'],
    ]);
    expect(detail).toMatchObject({ endDate: newEnd, contractValue: 2_200_000_000, contribution: { jkk: 2_860_000, jkm: 330_000, total: 3_190_000 }, outstanding: 240_000 });
    const e = await t.db.selectFrom('enrolment').select('end_date').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(e.end_date).toBe(newEnd);
  });
});

describe('election ad hoc cohort', () => {
  let cohortId: number;
  let bpu: number;

  it('is created for a fixed period with a BPU programme; a region outside → 403, a PU programme → 422', async () => {
    const p = await injectAs(t.app, kab, {
      method: 'POST',
      url: '/api/funding-programs',
      payload: program({ name: 'APBD Kab. Sukabumi badan adhoc (uji)', payerType: 'APBD_KABKOTA', regionCode: '32.02', budget: 100_000_000, quota: 1000 }),
    });
    expect(p.statusCode, p.body).toBe(201);
    bpu = p.json().id;
    const body = { name: 'KPPS Pilkada (uji)', organiser: 'KPU', regionCode: '32.02', election: 'Pilkada', stage: 'Pemungutan suara', startDate: start, endDate: end, fundingProgramId: bpu };
    const res = await injectAs(t.app, kab, { method: 'POST', url: '/api/cohorts', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    cohortId = res.json().id;
    expect((await injectAs(t.app, kab, { method: 'POST', url: '/api/cohorts', payload: { ...body, regionCode: '32.13' } })).statusCode).toBe(403);
    expect((await injectAs(t.app, kab, { method: 'POST', url: '/api/cohorts', payload: { ...body, endDate: addDays(start, -1) } })).statusCode).toBe(422);
  });

  it('imports its workers through the shared machinery with role and polling station, enrols them for the period', async () => {
    const imports = importRoutes(t, '/api/cohort-imports');
    const file = await workbook(
      ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'Jabatan', 'TPS'],
      [
        ['3202011505900011', 'Ketua KPPS Uji', '15/05/1990', 'L', '32.02.01.2002', 'Kp. A', 'KPPS', 'TPS 001'],
        ['3202015505900012', 'Anggota KPPS Uji', '15/05/1990', 'P', '32.02.01.2002', 'Kp. B', 'kpps', 'TPS 001'],
        ['3202011505900013', 'Tanpa Jabatan', '15/05/1990', 'L', '32.02.01.2002', 'Kp. C', 'Ketua RT', ''],
        ['3202011505900011', 'Ganda', '15/05/1990', 'L', '32.02.01.2002', 'Kp. A', 'PPS', ''],
        ['3213281505900014', 'Luar Wilayah', '15/05/1990', 'L', '32.13.28.2007', 'Kp. D', 'PTPS', 'TPS 2'],
      ],
    );
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'kpps.xlsx');
    const up = await injectAs(t.app, kab, { method: 'POST', url: `/api/cohorts/${cohortId}/imports`, payload: form as never });
    expect(up.statusCode, up.body).toBe(202);
    const view = await imports.waitFor(kab, up.json().id, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.counts).toMatchObject({ total: 5, valid: 2, rejected: 2, duplicateInFile: 1 });
    const commit = await injectAs(t.app, kab, { method: 'POST', url: `/api/cohort-imports/${up.json().id}/commit`, payload: {} });
    expect(commit.statusCode, commit.body).toBe(202);
    const done = await imports.waitFor(kab, up.json().id, ['committed', 'failed']);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    const rows = await t.db.selectFrom('enrolment').selectAll().where('cohort_id', '=', cohortId).orderBy('id').execute();
    expect(rows.map((r) => [r.segment, r.group_code, r.status, r.start_date, r.end_date, r.adhoc_role, r.polling_station, r.funding_program_id])).toEqual([
      ['BPU', 'BADAN_ADHOC_PEMILU', 'active', today, end, 'KPPS', 'TPS 001', bpu],
      ['BPU', 'BADAN_ADHOC_PEMILU', 'active', today, end, 'KPPS', 'TPS 001', bpu],
    ]);
    // another regency's operator cannot upload into this cohort, nor read it
    const desaForm = new FormData();
    desaForm.append('file', new Blob([new Uint8Array(file)]), 'kpps.xlsx');
    expect((await injectAs(t.app, desa, { method: 'POST', url: `/api/cohorts/${cohortId}/imports`, payload: desaForm as never })).statusCode).toBe(404);
    expect((await injectAs(t.app, desa, { url: `/api/cohorts/${cohortId}` })).statusCode).toBe(404);
  });

  it("is billed by the programme's monthly run for its months, paid like any bill, and shows cost and cover", async () => {
    const run = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${bpu}/billing-runs`, payload: { month: monthOf(today) } });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ workerCount: 2, amount: 2 * 16_800 });
    const pay = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${bpu}/payments`, payload: { amount: 2 * 16_800, paidOn: today, month: monthOf(today) } });
    expect(pay.statusCode, pay.body).toBe(201);
    const c = (await injectAs(t.app, kab, { url: `/api/cohorts/${cohortId}` })).json();
    expect(c).toMatchObject({ workers: 2, coveredToday: 2, monthlyCost: 16_800, months: 3, cost: 2 * 3 * 16_800, billed: 33_600, paid: 33_600, status: 'running' });
    expect(c.bills).toEqual([{ month: monthOf(today), workers: 2, amount: 33_600, paid: 33_600 }]);
    const list = (await injectAs(t.app, kab, { url: '/api/cohorts' })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(cohortId);
  });

  it('ends on time: one audited statement ends every expired project and cohort; coverage drops in the end month only', async () => {
    const before = await coverageEvents('32.02.01.2002', 'BPU');
    const afterEnd = addDays(end, 1);
    const ended = await endExpiredEngagements(t.db, { id: null, username: 'system:test' }, afterEnd);
    expect(ended.filter((e) => e.kind === 'cohort' && e.id === cohortId)).toEqual([{ kind: 'cohort', id: cohortId, region: '32.02', end_date: end, enrolments: 2 }]);
    // the project was extended past `end`: still running
    expect(ended.some((e) => e.kind === 'project' && e.id === projectId)).toBe(false);
    const rows = await t.db.selectFrom('enrolment').select(['status', 'end_date']).where('cohort_id', '=', cohortId).execute();
    expect(rows).toEqual([
      { status: 'ended', end_date: end },
      { status: 'ended', end_date: end },
    ]);
    const history = await t.db.selectFrom('enrolment_status_history as h').innerJoin('enrolment as e', 'e.id', 'h.enrolment_id').select('h.status').where('e.cohort_id', '=', cohortId).where('h.status', '=', 'ended').execute();
    expect(history).toHaveLength(2);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'election_cohort').where('entity_id', '=', String(cohortId)).where('action', '=', 'end').execute();
    expect(audit).toHaveLength(1);
    // started in this month, ended in the end month: counted in the months in between, not after
    const events = await coverageEvents('32.02.01.2002', 'BPU');
    expect(events).toEqual(before);
    const mine = events.filter((e) => e.month === monthOf(today) || e.month === monthOf(end));
    expect(mine.find((e) => e.month === monthOf(today))!.started).toBeGreaterThanOrEqual(2);
    expect(mine.find((e) => e.month === monthOf(end))!.ended).toBeGreaterThanOrEqual(2);
    // a second run ends nothing more
    expect(await endExpiredEngagements(t.db, { id: null, username: 'system:test' }, afterEnd)).toEqual(ended.filter(() => false));
    // an ended cohort refuses an extension
    expect((await injectAs(t.app, kab, { method: 'POST', url: `/api/cohorts/${cohortId}/extension`, payload: { endDate: addDays(end, 60) } })).statusCode).toBe(409);
  });
});
