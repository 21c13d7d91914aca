import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from './app.js';
import { importRoutes, workbook } from './imports.js';

/**
 * Issue 12, items 1 and 2: a row of any import kind that names an existing person or employer
 * outside the uploader's region is refused, whatever village the row names, and the validation
 * report says only "registered in another region" (no payer, programme, name or status).
 */
const t = useTestApp();

const WORKER_HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];
const SUBANG_VILLAGE = '32.13.28.2007';
const workerRow = (nik: string, name: string, village = SUBANG_VILLAGE, programs = 'JKK,JKM', payer = 'APBD Kab. Subang') =>
  [nik, name, '15/05/1990', 'L', village, 'Kp. Uji', '', 'Petani', programs ? 'BPU' : '', programs ? 'Pekerja Rentan' : '', programs, programs ? '1.000.000' : '', programs ? payer : ''];

/** The Sukabumi resident whose NIK Subang's file carries. */
const SUKABUMI_NIK = '3202011505900301';
/** a Sukabumi resident registered without an enrolment */
const SUKABUMI_BARE_NIK = '3202011505900302';
const SUBANG_NIK = '3213281505900303';
let sukabumi: Session;
let subang: Session;

async function sheetRows(buf: Buffer, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return (wb.getWorksheet(name)!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
}

beforeAll(async () => {
  sukabumi = await login(t.app, 'kab.sukabumi');
  subang = await login(t.app, 'kab.subang');
  const base = { name: 'Warga Sukabumi', birthDate: '1990-05-15', sex: 'L', villageCode: '32.02.01.2002', address: 'Kp. Cimanggu' };
  const a = await injectAs(t.app, sukabumi, {
    method: 'POST',
    url: '/api/workers',
    payload: { ...base, nik: SUKABUMI_NIK, enrolment: { segment: 'BPU', group: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], declaredIncome: 1_000_000, fundingSource: 'CSR PT Rahasia' } },
  });
  expect(a.statusCode, a.body).toBe(201);
  const b = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/workers', payload: { ...base, nik: SUKABUMI_BARE_NIK } });
  expect(b.statusCode, b.body).toBe(201);
});

describe('worker import: existing people outside the uploader’s region', () => {
  const { upload, waitFor } = importRoutes(t, '/api/imports');

  it('refuses a Sukabumi resident’s NIK in Subang’s file with a Subang village, and commits nothing for that person', async () => {
    const file = await workbook(WORKER_HEADERS, [
      workerRow(SUKABUMI_NIK, 'Menyamar di Subang'),
      workerRow(SUKABUMI_BARE_NIK, 'Tanpa Program', SUBANG_VILLAGE, ''),
      workerRow(SUKABUMI_BARE_NIK, 'Baris Kembar', SUBANG_VILLAGE), // the same NIK again: a duplicate in the file
      workerRow(SUBANG_NIK, 'Warga Subang'),
    ]);
    const id = await upload(subang, file, 'subang.xlsx');
    const view = await waitFor(subang, id, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.counts).toMatchObject({ total: 4, valid: 1, rejected: 2, duplicateInFile: 1, alreadyRegistered: 0, doubleFunded: 0 });
    expect(view.counts.rejectedByReason).toEqual({ REGISTERED_ELSEWHERE: 2 });

    const report = await injectAs(t.app, subang, { url: `/api/imports/${id}/report.xlsx` });
    expect(report.statusCode).toBe(200);
    const rows = await sheetRows(report.rawPayload, 'Perlu Diperbaiki');
    const messages = rows.slice(1).map((r) => String(r.at(-1)));
    expect(messages[0]).toMatch(/sudah terdaftar di wilayah lain/);
    // nothing of what is stored in Sukabumi: its payer, that it is covered, its status or its region
    for (const m of messages) expect(m).not.toMatch(/Rahasia|dilindungi|diajukan|terdaftar dengan program|32\.02/i);
    expect(JSON.stringify(view)).not.toMatch(/Rahasia/);

    const commit = await injectAs(t.app, subang, { method: 'POST', url: `/api/imports/${id}/commit` });
    expect(commit.statusCode, commit.body).toBe(202);
    const done = await waitFor(subang, id, ['committed', 'failed']);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    expect(done.committed).toEqual({ people: 1, enrolments: 1 });
    const enrolments = await t.db
      .selectFrom('enrolment')
      .innerJoin('person', 'person.id', 'enrolment.person_id')
      .select(['person.nik', 'enrolment.village_code', 'enrolment.funding_source'])
      .where('person.nik', 'in', [SUKABUMI_NIK, SUKABUMI_BARE_NIK])
      .execute();
    expect(enrolments).toEqual([{ nik: SUKABUMI_NIK, village_code: '32.02.01.2002', funding_source: 'CSR PT Rahasia' }]);
  });

  it('re-checks at commit: a person who moved out of the region after validation is not enrolled', async () => {
    const nik = '3213281505900304';
    const created = await injectAs(t.app, subang, {
      method: 'POST',
      url: '/api/workers',
      payload: { nik, name: 'Akan Pindah', birthDate: '1990-05-15', sex: 'L', villageCode: SUBANG_VILLAGE, address: 'Kp. Uji' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = await upload(subang, await workbook(WORKER_HEADERS, [workerRow(nik, 'Akan Pindah')]), 'pindah.xlsx');
    expect((await waitFor(subang, id, ['validated'])).counts).toMatchObject({ valid: 1 });
    await t.db.updateTable('person').set({ village_code: '32.02.01.2002' }).where('nik', '=', nik).execute();
    await injectAs(t.app, subang, { method: 'POST', url: `/api/imports/${id}/commit` });
    const done = await waitFor(subang, id, ['committed', 'failed']);
    expect(done.committed).toEqual({ people: 0, enrolments: 0 });
    expect(done.counts).toMatchObject({ valid: 0, rejected: 1, rejectedByReason: { REGISTERED_ELSEWHERE: 1 } });
  });

  it('still tells the region’s own operator who pays for its own residents', async () => {
    const id = await upload(sukabumi, await workbook(WORKER_HEADERS, [workerRow(SUKABUMI_NIK, 'Warga Sukabumi', '32.02.01.2002', 'JKK,JKM', 'APBD Kab. Sukabumi')]), 'sendiri.xlsx');
    const view = await waitFor(sukabumi, id, ['validated']);
    expect(view.counts).toMatchObject({ doubleFunded: 1 });
    const rows = await sheetRows((await injectAs(t.app, sukabumi, { url: `/api/imports/${id}/report.xlsx` })).rawPayload, 'Perlu Diperbaiki');
    expect(String(rows[1]!.at(-1))).toMatch(/CSR PT Rahasia/);
  });
});

describe('employer import: existing employers outside the uploader’s region', () => {
  const { upload, waitFor } = importRoutes(t, '/api/employer-imports');
  const HEADERS = ['Nama Perusahaan', 'NPP', 'NIB', 'Skala Usaha', 'Kode Desa', 'Jumlah Pekerja', 'Pekerja Terdaftar'];

  it('refuses an NPP or NIB registered in another region without naming the employer', async () => {
    const known = await injectAs(t.app, sukabumi, {
      method: 'POST',
      url: '/api/employers',
      payload: { name: 'PT Rahasia Sukabumi', nib: '9120000000301', npp: '88000301', sizeClass: 'small', villageCode: '32.02.01.2002', employeesDeclared: 4, workersRegistered: 0, programs: [] },
    });
    expect(known.statusCode, known.body).toBe(201);
    const id = await upload(
      subang,
      await workbook(HEADERS, [
        ['PT Samaran', '', '9120000000301', 'kecil', SUBANG_VILLAGE, 5, 0],
        ['PT Samaran Dua', '88000301', '9120000000399', 'kecil', SUBANG_VILLAGE, 5, 0],
        ['PT Subang Baru', '', '9120000000302', 'kecil', SUBANG_VILLAGE, 5, 0],
      ]),
      'perusahaan.xlsx',
    );
    const view = await waitFor(subang, id, ['validated', 'failed']);
    expect(view.counts, JSON.stringify(view)).toMatchObject({ total: 3, valid: 1, rejected: 2, alreadyRegistered: 0 });
    expect(view.counts.rejectedByReason).toEqual({ REGISTERED_ELSEWHERE: 2 });
    const rows = await sheetRows((await injectAs(t.app, subang, { url: `/api/employer-imports/${id}/report.xlsx` })).rawPayload, 'Perlu Diperbaiki');
    for (const r of rows.slice(1)) {
      expect(String(r.at(-1))).toMatch(/sudah terdaftar di wilayah lain/);
      expect(String(r.at(-1))).not.toMatch(/Rahasia/);
    }
    await injectAs(t.app, subang, { method: 'POST', url: `/api/employer-imports/${id}/commit` });
    expect((await waitFor(subang, id, ['committed', 'failed'])).committed).toEqual({ employers: 1 });
    const stored = await t.db.selectFrom('employer').select(['name', 'village_code']).where('nib', 'in', ['9120000000301', '9120000000399']).execute();
    expect(stored).toEqual([{ name: 'PT Rahasia Sukabumi', village_code: '32.02.01.2002' }]);
  });
});

describe('registration list (NIK → KPJ): only people in the uploader’s region', () => {
  const { upload, waitFor } = importRoutes(t, '/api/registration-imports');

  it('does not activate a Sukabumi enrolment from a Subang upload, and does not say where the person is', async () => {
    const id = await upload(subang, await workbook(['NIK', 'KPJ', 'Tanggal Aktif'], [[SUKABUMI_NIK, '24000000301', '']]), 'kpj.xlsx');
    const view = await waitFor(subang, id, ['validated', 'failed']);
    expect(view.counts).toMatchObject({ total: 1, valid: 0, rejected: 1 });
    const rows = await sheetRows((await injectAs(t.app, subang, { url: `/api/registration-imports/${id}/report.xlsx` })).rawPayload, 'Perlu Diperbaiki');
    expect(String(rows[1]!.at(-1))).not.toMatch(/CSR|Rahasia|32\.02|Sukabumi/);
    const e = await t.db.selectFrom('enrolment').innerJoin('person', 'person.id', 'enrolment.person_id').select(['enrolment.status', 'enrolment.kpj']).where('person.nik', '=', SUKABUMI_NIK).executeTakeFirstOrThrow();
    expect(e).toEqual({ status: 'submitted', kpj: null });
  });
});

describe('participation figures, payment statements, UMK and employed population: rows outside the region', () => {
  it('refuses a Sukabumi UMK and a Sukabumi employed-population figure in Subang files', async () => {
    const umk = importRoutes(t, '/api/umk-imports');
    const u = await umk.upload(subang, await workbook(['Kode Wilayah', 'Tahun', 'UMK'], [['32.13', 2025, 3_000_000], ['32.02', 2025, 3_000_000]]), 'umk.xlsx');
    expect((await umk.waitFor(subang, u, ['validated', 'failed'])).counts).toMatchObject({ total: 2, valid: 1, rejected: 1, rejectedByReason: { OUTSIDE_REGION: 1 } });
    const den = importRoutes(t, '/api/denominator-imports');
    const d = await den.upload(subang, await workbook(['Kode Wilayah', 'Tahun', 'Penduduk Bekerja', 'Sumber'], [['32.13.01', 2025, 1000, 'BPS'], ['32.02.01', 2025, 1000, 'BPS'], ['32', 2025, 1000, 'BPS']]), 'pb.xlsx');
    expect((await den.waitFor(subang, d, ['validated', 'failed'])).counts).toMatchObject({ total: 3, valid: 1, rejected: 2, rejectedByReason: { OUTSIDE_REGION: 2 } });
  });

  it('refuses a Sukabumi figure in a Subang file', async () => {
    const { upload, waitFor } = importRoutes(t, '/api/participation-imports');
    const id = await upload(
      subang,
      await workbook(['Kode Wilayah', 'Periode (YYYY-MM)', 'Segmen', 'Peserta Aktif'], [['32.02', '2025-01', 'BPU', 100], ['32.13', '2025-01', 'BPU', 100]]),
      'kepesertaan.xlsx',
    );
    const view = await waitFor(subang, id, ['validated', 'failed']);
    expect(view.counts).toMatchObject({ total: 2, valid: 1, rejected: 1 });
  });

  it('refuses a payment row for a Sukabumi programme in a Subang statement', async () => {
    const program = await injectAs(t.app, sukabumi, {
      method: 'POST',
      url: '/api/funding-programs',
      payload: { name: 'APBD Sukabumi Uji Lingkup', payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2025, budget: 10_000_000, quota: 10, segment: 'BPU', programs: ['JKK', 'JKM'] },
    });
    expect(program.statusCode, program.body).toBe(201);
    const { upload, waitFor } = importRoutes(t, '/api/payment-imports');
    const file = await workbook(['ID Program', 'Bulan', 'Tanggal Bayar', 'Jumlah', 'Referensi'], [[program.json().id, '2025-01', '15/01/2025', '16.800', 'REF-LINGKUP-1']]);
    const id = await upload(subang, file, 'rekening.xlsx');
    const view = await waitFor(subang, id, ['validated', 'failed']);
    expect(view.counts).toMatchObject({ total: 1, valid: 0, rejected: 1, rejectedByReason: { REGISTERED_ELSEWHERE: 1 } });
    expect((await injectAs(t.app, subang, { method: 'POST', url: `/api/payment-imports/${id}/commit` })).statusCode).toBe(202);
    expect((await waitFor(subang, id, ['committed', 'failed'])).committed).toMatchObject({ recorded: 0 });
    expect(await t.db.selectFrom('payment').select('id').where('reference', '=', 'REF-LINGKUP-1').execute()).toEqual([]);
  });
});
