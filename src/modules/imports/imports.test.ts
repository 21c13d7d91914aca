import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { importRoutes, workbook } from '../../../test/imports.js';
import { IMPORT_KINDS } from '../../import-kinds.js';
import { recoverInterruptedImports } from './service.js';

const t = useTestApp();

const HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];

const xlsx = (rows: unknown[][], headers: unknown[] = HEADERS) => workbook(headers, rows);
const { upload, waitFor } = importRoutes(t, '/api/imports');

const row = (nik: unknown, name: string, extra: Partial<Record<number, unknown>> = {}) => {
  const r: unknown[] = [nik, name, '15/05/1990', 'L', '32.02.01.2002', 'Kp. Cimanggu', '081234567890', 'Petani', 'BPU', 'Pekerja Rentan', 'JKK,JKM', '1.000.000', 'APBD Kab. Sukabumi'];
  for (const [i, v] of Object.entries(extra)) r[Number(i)] = v;
  return r;
};

describe('worker import', () => {
  it('serves a template whose headers are in the agreed order', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const res = await injectAs(t.app, s, { url: '/api/imports/template.xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"L,P"'] });
    expect(ws.getCell('A2').value).toBe('3202011505900001');
  });

  it('validates a messy workbook, previews the counts, reports the bad rows, and commits the valid ones', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const file = await xlsx([
      row(3202011505900101, 'Angka Murni'), // NIK stored as a number
      row("'3202011505900102", 'Apostrof'),
      row("3202 0115 0590 0103", "Spasi", { 2: 32999 }), // Excel serial 32999 = 06/05/1990, not the NIK date
      row('3202.0115.0590.0104', 'Titik', { 2: '1990-05-15' }),
      row('3.20202E+15', 'Notasi Ilmiah'),
      row('3202011505900106', 'Luar Wilayah', { 4: '32.13.28.2007' }),
      row('3202011505900102', 'Duplikat Apostrof'),
      row('3202011505900108', 'Tanggal Strip', { 2: '15-05-1990' }),
      ['', '', '', '', '', '', '', '', '', '', '', '', ''],
      [],
    ]);
    const id = await upload(s, file, 'daftar pekerja.xlsx');
    const view = await waitFor(s, id, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.progress).toBe(1);
    expect(view.counts).toMatchObject({ total: 8, valid: 4, rejected: 3, duplicateInFile: 1, alreadyRegistered: 0, doubleFunded: 0 });
    expect(view.counts.rejectedByReason).toEqual({ NIK_BIRTH_DATE_MISMATCH: 1, NIK_SCIENTIFIC_NOTATION: 1, OUT_OF_SCOPE: 1 });

    const report = await injectAs(t.app, s, { url: `/api/imports/${id}/report.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Perlu Diperbaiki')!;
    const rows = (ws.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(rows[0]).toEqual([...HEADERS, 'Baris Asal', 'Keterangan']);
    expect(rows.slice(1).map((r) => r[13])).toEqual([4, 6, 7, 8]);
    expect(String(rows[2]![14])).toMatch(/notasi ilmiah/);
    expect(rows[2]![0]).toBe('3.20202E+15');
    expect(String(rows[3]![14])).toMatch(/luar wilayah kerja/);
    // A duplicate passed validation, so it comes back from its parsed values, ready to re-upload.
    expect(rows[4]!.slice(0, 4)).toEqual(['3202011505900102', 'Duplikat Apostrof', '15/05/1990', 'L']);
    expect(String(rows[4]![14])).toMatch(/baris 3 berkas ini/);

    expect((await t.db.selectFrom('person').select('id').execute()).length).toBe(0); // nothing before commit
    const commit = await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit` });
    expect(commit.statusCode).toBe(202);
    const done = await waitFor(s, id, ['committed', 'failed']);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    expect(done.committed).toEqual({ people: 4, enrolments: 4 });
    const people = await t.db.selectFrom('person').select(['nik', 'name', 'birth_date']).orderBy('nik').execute();
    expect(people.map((p) => p.nik)).toEqual(['3202011505900101', '3202011505900102', '3202011505900104', '3202011505900108']);
    expect(people.every((p) => p.birth_date === '1990-05-15')).toBe(true);

    const again = await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit` });
    expect(again.statusCode).toBe(409);
  });

  it('lists the rows to fix on screen, a page at a time in file order, masked for roles without worker:nik', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const file = await xlsx([
      row('3202011505900121', 'Baik'),
      row('3202011505900122', 'Tanggal Salah', { 2: '31/02/1990' }),
      row('3202011505900123', 'Luar Wilayah', { 4: '32.13.28.2007' }),
      row('3202011505900121', 'Duplikat'),
    ]);
    const id = await upload(s, file, 'perbaiki.xlsx');
    await waitFor(s, id, ['validated']);

    // Row 2 is valid but carries a warning (its "Sumber Dana" names no programme): it is listed, marked so.
    const first = await injectAs(t.app, s, { url: `/api/imports/${id}/problems?limit=3` });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((i: { rowNumber: number; outcome: string }) => [i.rowNumber, i.outcome])).toEqual([[2, 'valid'], [3, 'rejected'], [4, 'rejected']]);
    expect(page1.items[0].problems.every((p: { warning: boolean }) => p.warning)).toBe(true);
    const badDate = page1.items[1].problems.find((p: { column: string }) => p.column === 'Tanggal Lahir');
    expect(badDate).toMatchObject({ warning: false });
    expect(badDate.message).toContain('31/02/1990');
    expect(page1.items[2].problems.map((p: { message: string }) => p.message).join(' ')).toMatch(/luar wilayah kerja/);
    expect(page1.nextAfterRow).toBe(4);

    const page2 = (await injectAs(t.app, s, { url: `/api/imports/${id}/problems?limit=3&afterRow=4` })).json();
    expect(page2.items.map((i: { rowNumber: number; outcome: string }) => [i.rowNumber, i.outcome])).toEqual([[5, 'duplicate_in_file']]);
    expect(page2.items[0].problems.map((p: { messageEn: string }) => p.messageEn).join(' ')).toMatch(/row 2/);
    expect(page2.nextAfterRow).toBeNull();

    // The auditor reads the same rows with dates and long numbers masked, as in the report file.
    const masked = (await injectAs(t.app, await login(t.app, 'auditor'), { url: `/api/imports/${id}/problems` })).json();
    expect(masked.items).toHaveLength(4);
    const maskedDate = masked.items[1].problems.find((p: { column: string }) => p.column === 'Tanggal Lahir');
    expect(maskedDate.message).not.toContain('31/02/1990');
    expect(maskedDate.message).toContain('••/••/••••');

    // Another region's operator does not see the job at all.
    expect((await injectAs(t.app, await login(t.app, 'kab.subang'), { url: `/api/imports/${id}/problems` })).statusCode).toBe(404);
    expect((await injectAs(t.app, s, { url: `/api/imports/${id}/problems?limit=0` })).statusCode).toBe(422);
  });

  it('flags people already covered: same payer as already registered, another payer as double funding', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const file = await xlsx([
      row('3202011505900101', 'Angka Murni'),
      row('3202011505900102', 'Apostrof', { 12: 'Dana Desa Cidahu 2025' }),
      row('3202011505900109', 'Baru'),
    ]);
    const id = await upload(s, file, 'ulang.xlsx');
    const view = await waitFor(s, id, ['validated', 'failed']);
    expect(view.counts).toMatchObject({ total: 3, valid: 1, alreadyRegistered: 1, doubleFunded: 1 });
  });

  it('reads CSV in Windows-1252 with semicolons', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const lines = [HEADERS.join(';'), row('3202015505900110', 'Nurhayatí Désa', { 3: 'P' }).join(';')];
    const { default: iconv } = await import('iconv-lite');
    const id = await upload(s, iconv.encode(lines.join('\r\n'), 'win1252'), 'pekerja.csv');
    const view = await waitFor(s, id, ['validated', 'failed']);
    expect(view.counts).toMatchObject({ total: 1, valid: 1 });
    await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit` });
    await waitFor(s, id, ['committed']);
    const p = await t.db.selectFrom('person').select('name').where('nik', '=', '3202015505900110').executeTakeFirstOrThrow();
    expect(p.name).toBe('Nurhayatí Désa');
  });

  it('commits all or nothing: a conflict found at commit time saves no row', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const id = await upload(s, await xlsx([row('3202011505900111', 'Satu'), row('3202011505900112', 'Dua')]), 'atomik.xlsx');
    await waitFor(s, id, ['validated']);
    // A staged row corrupted after validation makes the commit fail halfway, after "Satu" was inserted.
    await t.db.updateTable('import_row').set({ sex: 'X' }).where('import_id', '=', id).where('nik', '=', '3202011505900112').execute();
    await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit` });
    const view = await waitFor(s, id, ['committed', 'failed']);
    expect(view.status).toBe('failed');
    expect(await t.db.selectFrom('person').select('id').where('nik', 'in', ['3202011505900111', '3202011505900112']).execute()).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'import').where('entity_id', '=', String(id)).execute();
    expect(audit).toEqual([]);
  });

  it('links "Sumber Dana" to a funding programme and holds its quota unless a permitted role confirms', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const program = await injectAs(t.app, s, {
      method: 'POST',
      url: '/api/funding-programs',
      payload: { name: 'APBD Kab. Sukabumi Rentan 2025', payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2025, budget: 100_000_000, quota: 2, segment: 'BPU', programs: ['JKK', 'JKM'] },
    });
    expect(program.statusCode, program.body).toBe(201);
    const payer = { 12: 'apbd kab. sukabumi rentan 2025' }; // any case
    const id = await upload(
      s,
      await xlsx([row('3202011505900121', 'Satu', payer), row('3202011505900122', 'Dua', payer), row('3202011505900123', 'Tiga', payer), row('3202011505900124', 'Empat', { 12: 'Dana Entah' })]),
      'dana.xlsx',
    );
    const view = await waitFor(s, id, ['validated']);
    expect(view.counts).toMatchObject({ valid: 4, withWarnings: 1 });
    expect(view.counts.fundingPrograms).toEqual([expect.objectContaining({ id: program.json().id, rows: 3, overQuota: true, message: expect.objectContaining({ id: expect.stringMatching(/kuota 2 pekerja terlampaui/) }) })]);

    const refused = await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'FUNDING_CAPACITY_EXCEEDED', details: { canConfirm: true } });
    expect((await waitFor(s, id, ['validated'])).status).toBe('validated'); // nothing started

    const confirmed = await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit`, payload: { confirmOverCapacity: true } });
    expect(confirmed.statusCode, confirmed.body).toBe(202);
    await waitFor(s, id, ['committed']);
    const enrolments = await t.db
      .selectFrom('enrolment')
      .select(['funding_program_id', 'funding_source'])
      .where('import_id', '=', id)
      .orderBy('id')
      .execute();
    expect(enrolments).toEqual([
      ...Array(3).fill({ funding_program_id: program.json().id, funding_source: 'APBD Kab. Sukabumi Rentan 2025' }),
      { funding_program_id: null, funding_source: 'Dana Entah' },
    ]);
  });

  it('returns an interrupted commit to "validated" so it can be retried', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const id = await upload(s, await xlsx([row('3202011505900113', 'Terputus')]), 'putus.xlsx');
    await waitFor(s, id, ['validated']);
    await t.db.updateTable('import_job').set({ status: 'committing' }).where('id', '=', id).execute();
    await recoverInterruptedImports(t.db, IMPORT_KINDS);
    const job = await t.db.selectFrom('import_job').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(job.status).toBe('validated');
  });

  it('asks for a re-upload when a database crash emptied the (unlogged) staging rows', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const id = await upload(s, await xlsx([row('3202011505900115', 'Hilang')]), 'hilang.xlsx');
    await waitFor(s, id, ['validated']);
    await t.db.deleteFrom('import_row').where('import_id', '=', id).execute(); // what crash recovery does to an unlogged table
    await recoverInterruptedImports(t.db, IMPORT_KINDS);
    const view = (await injectAs(t.app, s, { url: `/api/imports/${id}` })).json();
    expect(view).toMatchObject({ status: 'failed', error: { code: 'IMPORT_STAGING_LOST' } });
    expect((await injectAs(t.app, s, { method: 'POST', url: `/api/imports/${id}/commit` })).statusCode).toBe(409);
  });

  it('answers 404 for another region’s job on every by-id route, and for a job of another kind', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const id = await upload(s, await xlsx([row('3202011505900116', 'Milik Sukabumi')]), 'milik.xlsx');
    await waitFor(s, id, ['validated']);
    const subang = await login(t.app, 'kab.subang');
    for (const req of [{ url: `/api/imports/${id}` }, { url: `/api/imports/${id}/report.xlsx` }, { method: 'POST' as const, url: `/api/imports/${id}/commit` }]) {
      const res = await injectAs(t.app, subang, req);
      expect(res.statusCode, req.url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    // A worker job is absent from the other kinds' routes, even in its own region.
    for (const base of ['/api/registration-imports', '/api/employer-imports']) {
      const res = await injectAs(t.app, await login(t.app, 'kab.sukabumi'), { url: `${base}/${id}` });
      expect(res.statusCode, base).toBe(404);
    }
    expect((await injectAs(t.app, s, { method: 'POST', url: `/api/registration-imports/${id}/commit` })).statusCode).toBe(404);
    expect((await waitFor(s, id, ['validated'])).status).toBe('validated'); // nothing was committed
  });

  it('keeps jobs inside the uploader’s region and refuses files that are not spreadsheets', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const id = await upload(s, await xlsx([row('3202011505900114', 'Rahasia')]), 'r.xlsx');
    const subang = await login(t.app, 'kab.subang');
    expect((await injectAs(t.app, subang, { url: `/api/imports/${id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, subang, { url: `/api/imports/${id}/report.xlsx` })).statusCode).toBe(404);
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'notes.txt');
    const bad = await injectAs(t.app, s, { method: 'POST', url: '/api/imports', payload: form as never });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('IMPORT_FILE_TYPE');
    const noCols = await upload(s, await xlsx([['x', 'y']], ['Foo', 'Bar']), 'salah.xlsx');
    const failed = await waitFor(s, noCols, ['failed']);
    expect(failed.error.code).toBe('MISSING_COLUMNS');
  });
});
