import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { importRoutes, workbook } from '../../../test/imports.js';
import { monthWib, todayWib } from '../../domain/wib.js';
import { exportCandidates } from './service.js';

const t = useTestApp();
const BASE = '/api/dtsen-imports';
const routes = importRoutes(t, BASE);
const YEAR = Number(todayWib().slice(0, 4));
/** messy headers as offices write them: aliases, another order, no "Status Pekerjaan" column */
const MESSY = ['Nama ART', 'NIK', 'Tgl Lahir', 'JK', 'Kode Desa', 'Alamat', 'Desil', 'Pekerjaan', 'Tahun Data'];

/** A NIK registered in 32.02.01 (Sukabumi), born 15/05/1990 (male) or 55 = 15+40 (female), with a serial. */
const nik = (serial: number, female = false, yy = '90') => `320201${female ? '55' : '15'}05${yy}${String(serial).padStart(4, '0')}`;
const row = (serial: number, decile: unknown, over: Partial<Record<'name' | 'village' | 'year' | 'birth' | 'nik' | 'sex', unknown>> = {}) => [
  over.name ?? `Calon ${serial}`,
  over.nik ?? nik(serial),
  over.birth ?? '15/05/1990',
  over.sex ?? 'L',
  over.village ?? '32.02.01.2002',
  'Kp. Uji RT 01/02',
  decile,
  'Buruh tani',
  over.year ?? YEAR,
];

let op: Session;
let subang: Session;
let branch: Session;
let importId: number;

async function commit(s: Session, id: number) {
  const res = await injectAs(t.app, s, { method: 'POST', url: `${BASE}/${id}/commit` });
  expect(res.statusCode, res.body).toBe(202);
  return routes.waitFor(s, id, ['committed', 'failed']);
}

async function waitJob(s: Session, id: number) {
  for (let i = 0; i < 300; i++) {
    const v = (await injectAs(t.app, s, { url: `/api/targeting/jobs/${id}` })).json();
    if (v.status !== 'running') return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job never finished');
}

const list = (s: Session, region: string, query = '') => injectAs(t.app, s, { url: `/api/targeting/${region}${query}` });

beforeAll(async () => {
  op = await login(t.app, 'kab.sukabumi');
  subang = await login(t.app, 'kab.subang');
  branch = await login(t.app, 'bpjs.sukabumi');
  // already in the registry: one person in Sukabumi (linked), one in Subang (another region's)
  await t.db.insertInto('person').values({ nik: nik(11), name: 'Sudah Terdaftar', birth_date: '1990-05-15', sex: 'L', village_code: '32.02.01.2002', address: '' }).execute();
  await t.db.insertInto('person').values({ nik: nik(12), name: 'Pindah Ke Subang', birth_date: '1990-05-15', sex: 'L', village_code: '32.13.28.2007', address: '' }).execute();
});

describe('DTSEN extract import (kind "dtsen")', () => {
  it('offers a template with the agreed columns', async () => {
    const res = await injectAs(t.app, op, { url: `${BASE}/template.xlsx` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, 'NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Kode Desa', 'Alamat', 'Desil (1–10)', 'Pekerjaan', 'Status Pekerjaan', 'Tahun Data']);
  });

  it('validates a messy extract: previews counts, links registered people, refuses bad rows with reasons', async () => {
    const rows = [
      row(1, 1), // 2
      row(2, 'Desil 2'), // 3: "Desil 2" reads as 2
      row(3, 3, { village: '32.02.02.2001' }), // 4: another district of Sukabumi
      row(4, 4, { birth: '15/05/1955', nik: nik(4, false, '55') }), // 5: 70 this year or so: outside working age
      row(5, 7), // 6: decile 7
      row(11, 2), // 7: already registered in Sukabumi: linked
      row(12, 1), // 8: registered in Subang: refused
      row(6, 11), // 9: decile 11
      row(7, 2, { year: 2009 }), // 10: year too early
      row(1, 3), // 11: the same NIK as row 2
      row(8, 1, { village: '32.13.28.2007' }), // 12: outside Sukabumi
      row(9, 2, { nik: '3.20201E+15' }), // 13: a NIK Excel turned into scientific notation
      row(10, 2, { sex: 'P' }), // 14: sex does not match the NIK
      row(13, 1, { nik: nik(13, true), sex: 'P', birth: '15/05/1990', name: 'Ibu Calon' }), // 15: fine, female
    ];
    importId = await routes.upload(op, await workbook(MESSY, rows), 'ekstrak-dtsen.xlsx');
    const view = await routes.waitFor(op, importId, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.counts).toMatchObject({ total: 14, duplicateInFile: 1, alreadyRegistered: 1 });
    const codes = view.counts.rejectedByReason as Record<string, number>;
    expect(codes.DECILE_INVALID).toBe(1);
    expect(codes.DATA_YEAR_INVALID).toBe(1);
    expect(codes.OUT_OF_SCOPE).toBe(1);
    expect(codes.REGISTERED_ELSEWHERE).toBe(1);
    expect(codes.NIK_SEX_MISMATCH).toBe(1);
    expect(codes.NIK_SCIENTIFIC_NOTATION).toBe(1);
    expect(view.counts).toMatchObject({ valid: 7, rejected: 6 });
    expect(view.counts.valid).toBe(view.counts.total - view.counts.rejected - view.counts.duplicateInFile);
  });

  it('commits all valid rows at once as candidates (not participants), linked by NIK, with their decile history', async () => {
    const before = await t.db.selectFrom('enrolment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const done = await commit(op, importId);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    const candidates = await t.db.selectFrom('dtsen_candidate').selectAll().orderBy('nik').execute();
    expect(candidates.map((c) => c.nik)).toContain(nik(11));
    expect(candidates.find((c) => c.nik === nik(11))!.person_id).not.toBeNull();
    expect(candidates.find((c) => c.nik === nik(12))).toBeUndefined();
    expect(candidates.find((c) => c.nik === nik(2))!.decile).toBe(2);
    expect(candidates.every((c) => c.state === 'open')).toBe(true);
    const after = await t.db.selectFrom('enrolment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n)); // no enrolment from an extract
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'import').where('entity_id', '=', String(importId)).execute();
    expect(audit.map((a) => a.action)).toContain('import_commit');
  });

  it('a later extract of the same year replaces the decile; an older year does not; the history keeps every decile', async () => {
    const later = await routes.upload(op, await workbook(MESSY, [row(1, 3), row(2, 1, { year: YEAR - 1 })]), 'ekstrak-2.xlsx');
    expect((await routes.waitFor(op, later, ['validated'])).counts.valid).toBe(2);
    expect((await commit(op, later)).status).toBe('committed');
    const c1 = await t.db.selectFrom('dtsen_candidate').selectAll().where('nik', '=', nik(1)).executeTakeFirstOrThrow();
    const c2 = await t.db.selectFrom('dtsen_candidate').selectAll().where('nik', '=', nik(2)).executeTakeFirstOrThrow();
    expect(c1.decile).toBe(3);
    expect([c2.decile, c2.data_year]).toEqual([2, YEAR]);
    const h = await t.db.selectFrom('dtsen_decile_history').select(['data_year', 'decile']).where('candidate_id', '=', c1.id).orderBy('import_id').execute();
    expect(h).toEqual([
      { data_year: YEAR, decile: 1 },
      { data_year: YEAR, decile: 3 },
    ]);
    // back to decile 1 for the list below
    const again = await routes.upload(op, await workbook(MESSY, [row(1, 1)]), 'ekstrak-3.xlsx');
    await routes.waitFor(op, again, ['validated']);
    expect((await commit(op, again)).status).toBe('committed');
  });
});

describe('priority list', () => {
  it('lists open candidates of deciles 1–4 of working age, by decile then village, with counts and the engine’s cost', async () => {
    const res = await list(op, '32.02');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const niks = await t.db.selectFrom('dtsen_candidate').select(['id', 'nik']).execute();
    const idOf = (n: string) => niks.find((x) => x.nik === n)!.id;
    // decile 7 and the 70-year-old are not listed
    expect(body.items.map((i: { candidateId: number }) => i.candidateId).sort()).toEqual([1, 2, 3, 11, 13].map((s) => idOf(s === 13 ? nik(13, true) : nik(s))).sort());
    const keys = body.items.map((i: { decile: number; villageCode: string; name: string }) => [i.decile, i.villageCode, i.name]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : 1)));
    expect(body.total).toBe(5);
    expect(body.byDecile).toEqual([
      { decile: 1, count: 2 },
      { decile: 2, count: 2 },
      { decile: 3, count: 1 },
    ]);
    expect(body.byArea.map((a: { code: string; count: number }) => [a.code, a.count])).toEqual([
      ['32.02.01', 4],
      ['32.02.02', 1],
    ]);
    // the unit cost is what the public calculator gives for BPU JKK + JKM on Rp1.000.000
    const calc = (await injectAs(t.app, op, { url: '/api/calc/contribution?segment=BPU&declaredIncome=1000000&programs=JKK,JKM' })).json();
    expect(body.unitCostPerMonth).toBe(calc.total);
    expect(body.costPerMonth).toBe(5 * calc.total);
    expect(body.costPerYear).toBe(12 * 5 * calc.total);
    // masked NIKs, no birth date or sex
    for (const i of body.items) {
      expect(i.nikMasked).toMatch(/^•{12}\d{4}$/);
      expect(i).not.toHaveProperty('birthDate');
      expect(i).not.toHaveProperty('sex');
      expect(i.covered).toBe(false);
    }
    expect(body.items.find((i: { candidateId: number }) => i.candidateId === idOf(nik(11))).registered).toBe(true);
  });

  it('filters by district, deciles and age; pages stay in order', async () => {
    const district = (await list(op, '32.02.02')).json();
    expect(district.total).toBe(1);
    expect(district.items[0].villageCode).toBe('32.02.02.2001');
    const d7 = (await list(op, '32.02', '?minDecile=5&maxDecile=10')).json();
    expect(d7.byDecile).toEqual([{ decile: 7, count: 1 }]);
    const old = (await list(op, '32.02', '?minAge=65&maxAge=90')).json();
    expect(old.total).toBe(1);
    const p1 = (await list(op, '32.02', '?pageSize=2')).json();
    const p2 = (await list(op, '32.02', '?pageSize=2&page=2')).json();
    const all = (await list(op, '32.02')).json();
    expect([...p1.items, ...p2.items].map((i: { candidateId: number }) => i.candidateId)).toEqual(all.items.slice(0, 4).map((i: { candidateId: number }) => i.candidateId));
    const bad = await list(op, '32.02', '?minDecile=4&maxDecile=2');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toBe('querystring.minDecile');
  });

  it('is never shown to another region or to roles without dtsen:read', async () => {
    const res = await list(subang, '32.02');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN_REGION');
    expect((await list(branch, '32.02')).json().error.code).toBe('FORBIDDEN_ROLE');
    // Subang's own list holds none of Sukabumi's candidates
    expect((await list(subang, '32.13')).json().total).toBe(0);
    const id = (await t.db.selectFrom('dtsen_candidate').select('id').where('nik', '=', nik(1)).executeTakeFirstOrThrow()).id;
    expect((await injectAs(t.app, subang, { url: `/api/targeting/candidates/${id}/nik` })).statusCode).toBe(404);
  });

  it('reveals a full NIK only through the audited reveal', async () => {
    const id = (await t.db.selectFrom('dtsen_candidate').select('id').where('nik', '=', nik(1)).executeTakeFirstOrThrow()).id;
    const res = await injectAs(t.app, op, { url: `/api/targeting/candidates/${id}/nik` });
    expect(res.json()).toEqual({ candidateId: id, nik: nik(1) });
    const a = await t.db.selectFrom('audit_log').select(['action', 'actor_username']).where('entity_type', '=', 'dtsen_candidate').where('entity_id', '=', String(id)).execute();
    expect(a).toEqual([{ action: 'view_nik', actor_username: 'kab.sukabumi' }]);
  });

  it('exports the list as .xlsx, audited; NIKs masked unless the role may see them', async () => {
    const res = await injectAs(t.app, op, { url: '/api/targeting/32.02/export.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Prioritas DTSEN')!;
    expect(ws.rowCount).toBe(6);
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^\d{16}$/);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'dtsen_list').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.action).toBe('export_full_nik');
    expect(audit.after).toMatchObject({ niks: 5 });
    // the masked form, as a role without worker:nik would get it
    const user = { id: 0, username: 'uji', displayName: 'Uji', role: 'regency_operator' as const, regionCode: '32.02', sessionId: '', csrfToken: '' };
    const stream = await exportCandidates(t.db, user, '32.02', { minDecile: 1, maxDecile: 4, minAge: 15, maxAge: 64, fundedElsewhere: 'exclude' }, false);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const masked = new ExcelJS.Workbook();
    await masked.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const cells = masked.getWorksheet('Prioritas DTSEN')!.getColumn(1).values.slice(2).map(String);
    expect(cells).toHaveLength(5);
    for (const c of cells) expect(c).toMatch(/^•{12}\d{4}$/);
  });
});

describe('bulk enrolment', () => {
  let programId: number;
  let otherProgram: number;
  beforeAll(async () => {
    const p = await t.db
      .insertInto('funding_program')
      .values({ name: 'APBD Kab. Sukabumi DTSEN', payer_type: 'APBD_KABKOTA', region_code: '32.02', fiscal_year: YEAR, budget: 1_000_000_000, quota: 3, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'uji' })
      .returning('id')
      .executeTakeFirstOrThrow();
    programId = p.id;
    otherProgram = (await t.db
      .insertInto('funding_program')
      .values({ name: 'CSR Lain', payer_type: 'CSR', region_code: '32.02', fiscal_year: YEAR, budget: 1_000_000_000, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'uji' })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  });

  it('refuses going over the quota with the overrun (409) unless an allowed role confirms', async () => {
    const res = await injectAs(t.app, op, { method: 'POST', url: '/api/targeting/32.02.01/enrol', payload: { fundingProgramId: programId } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'FUNDING_CAPACITY_EXCEEDED', field: 'body.confirmOverCapacity', details: { overQuota: true, canConfirm: true } });
    expect(await t.db.selectFrom('targeting_job').selectAll().execute()).toEqual([]);
  });

  it('enrols a selection skipping who is already funded, then the whole filtered list, atomically and audited; they leave the list', async () => {
    const c13 = (await t.db.selectFrom('dtsen_candidate').select(['id', 'person_id']).where('nik', '=', nik(13, true)).executeTakeFirstOrThrow()).id;
    const c11 = await t.db.selectFrom('dtsen_candidate').select(['id', 'person_id']).where('nik', '=', nik(11)).executeTakeFirstOrThrow();
    // another payer funds the registered candidate (an older enrolment, then a newer ended one: still open for JKK)
    await t.db.insertInto('enrolment').values({ person_id: c11.person_id!, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'CSR Lain', funding_program_id: otherProgram, village_code: '32.02.01.2002', status: 'active' }).execute();
    await t.db.insertInto('enrolment').values({ person_id: c11.person_id!, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JHT'], funding_source: 'Mandiri', village_code: '32.02.01.2002', status: 'ended' }).execute();
    expect((await t.db.selectFrom('dtsen_candidate').select('state').where('id', '=', c11.id).executeTakeFirstOrThrow()).state).toBe('open');

    const sel = await injectAs(t.app, op, { method: 'POST', url: '/api/targeting/32.02/enrol', payload: { fundingProgramId: programId, candidateIds: [c13, c11.id, 999_999] } });
    expect(sel.statusCode, sel.body).toBe(202);
    const j1 = await waitJob(op, sel.json().jobId);
    expect(j1).toMatchObject({ status: 'done', enrolled: 1, skippedTotal: 2 });
    expect(j1.skipped.map((s: { candidateId: number; reason: string }) => [s.candidateId, s.reason]).sort()).toEqual(
      [
        [c11.id, 'ALREADY_COVERED'],
        [999_999, 'NOT_ON_LIST'],
      ].sort(),
    );

    const left = (await list(op, '32.02.01')).json();
    expect(left.items.map((i: { candidateId: number }) => i.candidateId)).not.toContain(c13);
    const rest = left.items.filter((i: { candidateId: number }) => i.candidateId !== c11.id).length;
    const all = await injectAs(t.app, op, { method: 'POST', url: '/api/targeting/32.02.01/enrol', payload: { fundingProgramId: programId, maxDecile: 4, confirmOverCapacity: true } });
    expect(all.statusCode, all.body).toBe(202);
    const j2 = await waitJob(op, all.json().jobId);
    expect(j2).toMatchObject({ status: 'done', enrolled: rest, skippedTotal: 1 });

    const after = (await list(op, '32.02.01')).json();
    expect(after.items.map((i: { candidateId: number }) => i.candidateId)).toEqual([c11.id]);
    expect(after.total).toBe(1);
    // the same enrolment records as an import: submitted, the programme as payer, source DTSEN <year>
    const enrolments = await t.db.selectFrom('enrolment').selectAll().where('funding_program_id', '=', programId).execute();
    expect(enrolments).toHaveLength(rest + 1);
    for (const e of enrolments) expect(e).toMatchObject({ status: 'submitted', segment: 'BPU', group_code: 'PEKERJA_RENTAN', funding_source: 'APBD Kab. Sukabumi DTSEN', source: `DTSEN ${YEAR}` });
    // they are in the registry, and the funded-elsewhere filter now shows them
    const workers = (await injectAs(t.app, op, { url: '/api/workers?region=32.02.01&pageSize=100' })).json();
    expect(workers.items.filter((w: { fundingSource: string | null }) => w.fundingSource === 'APBD Kab. Sukabumi DTSEN')).toHaveLength(rest + 1);
    expect((await list(op, '32.02.01', '?fundedElsewhere=only')).json().total).toBe(rest + 1);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'dtsen_enrol').orderBy('id').execute();
    expect(audit.map((a) => (a.after as { enrolled: number }).enrolled)).toEqual([1, rest]);
    // and in the programme's next bill
    const bill = await injectAs(t.app, op, { method: 'POST', url: `/api/funding-programs/${programId}/billing-runs`, payload: { month: monthWib() } });
    expect(bill.statusCode, bill.body).toBeLessThan(300);
    const lines = await t.db.selectFrom('bill_line').innerJoin('bill', 'bill.id', 'bill_line.bill_id').select('bill_line.enrolment_id').where('bill.funding_program_id', '=', programId).execute();
    expect(lines.map((l) => l.enrolment_id).sort()).toEqual(enrolments.map((e) => e.id).sort());
  });

  it('shows the coverage figure: deciles 1–4 covered vs not, and the cost to close the gap', async () => {
    const res = await injectAs(t.app, branch, { url: '/api/targeting/32.02/coverage' });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    const open = await t.db.selectFrom('dtsen_candidate').select('id').where('decile', '<=', 4).where('state', '=', 'open').where('village_code', 'like', '32.02.%').execute();
    const covered = await t.db.selectFrom('dtsen_candidate').select('id').where('decile', '<=', 4).where('state', '!=', 'open').where('village_code', 'like', '32.02.%').execute();
    expect(c).toMatchObject({ covered: covered.length, notCovered: open.length, costPerMonth: open.length * c.unitCostPerMonth });
    expect(covered.length).toBeGreaterThan(0);
    expect((await injectAs(t.app, subang, { url: '/api/targeting/32.02/coverage' })).statusCode).toBe(403);
  });

  it('keeps another region’s programme and jobs out of reach', async () => {
    const foreign = await injectAs(t.app, subang, { method: 'POST', url: '/api/targeting/32.13/enrol', payload: { fundingProgramId: programId } });
    expect(foreign.statusCode).toBe(404);
    const job = (await t.db.selectFrom('targeting_job').select('id').executeTakeFirstOrThrow()).id;
    expect((await injectAs(t.app, subang, { url: `/api/targeting/jobs/${job}` })).statusCode).toBe(404);
  });
});
