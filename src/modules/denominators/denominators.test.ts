import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';

const t = useTestApp();

function upload(s: Session, content: string | Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  return injectAs(t.app, s, { method: 'POST', url: '/api/denominators/import', payload: form as never });
}

describe('POST /api/denominators/import', () => {
  it('saves employed population and targets from a CSV (Indonesian number format, optional columns)', async () => {
    const s = await login(t.app, 'nasional');
    const csv = [
      'Kode Wilayah;Tahun;Penduduk Bekerja;Formal;Informal;Target Persen;Sumber',
      '32.02;2025;1.234.567;500.000;734.567;41,5;BPS Sakernas Agustus 2024',
      '17;2024;1.050.000;;;37;BPS Sakernas Agustus 2024',
      'ID;2025;;;;32,15;RPJMN 2025-2029',
    ].join('\n');
    const res = await upload(s, csv, 'penduduk-bekerja.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ rows: 3, denominators: 2, targets: 3 });
    const rows = await t.db.selectFrom('employed_population').selectAll().orderBy('region_code').execute();
    expect(rows.map((r) => [r.region_code, r.year, r.total, r.formal, r.informal])).toEqual([
      ['17', 2024, 1_050_000, null, null],
      ['32.02', 2025, 1_234_567, 500_000, 734_567],
    ]);
    const cov = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    expect(cov).toMatchObject({ employedPopulation: 1_234_567, targetPct: 41.5, denominator: { source: 'BPS Sakernas Agustus 2024', formal: 500_000 } });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'import_denominators').execute();
    expect(audit).toHaveLength(1);
  });

  it('reads .xlsx without the optional columns and replaces a figure for the same region and year', async () => {
    const s = await login(t.app, 'prov.bengkulu');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Kode Wilayah', 'Tahun', 'Penduduk Bekerja', 'Sumber']);
    ws.addRow(['17', 2024, 1_060_000, 'BPS Sakernas Agustus 2024 (revisi)']);
    ws.addRow(['17.01', 2024, 98_765, 'BPS Kab. Bengkulu Selatan']);
    const res = await upload(s, Buffer.from(await wb.xlsx.writeBuffer()), 'bengkulu.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.db.selectFrom('employed_population').selectAll().where('region_code', '=', '17').executeTakeFirstOrThrow();
    expect([row.total, row.source, row.updated_by]).toEqual([1_060_000, 'BPS Sakernas Agustus 2024 (revisi)', 'prov.bengkulu']);
  });

  it('rejects the whole file with every bad row named, in Indonesian and English', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const before = await t.db.selectFrom('employed_population').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const csv = [
      'kode,tahun,penduduk bekerja,target,sumber',
      '32.02.01,2025,12000,,BPS',
      '32.13,2025,5000,,BPS',
      '32.02.99,2025,5000,,BPS',
      '32.02.02,20x5,abc,140,',
      '32.02.01,2025,13000,,BPS',
      '32.02.03,2025,0,,BPS',
    ].join('\n');
    const res = await upload(s, csv, 'salah.csv');
    expect(res.statusCode).toBe(422);
    const body = res.json().error;
    expect(body.code).toBe('DENOMINATOR_IMPORT_INVALID');
    const codes = (body.details.rows as { row: number; code: string }[]).map((p) => `${p.row}:${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining(['3:OUTSIDE_REGION', '4:REGION_NOT_FOUND', '5:YEAR_INVALID', '5:NUMBER_INVALID', '5:PERCENT_INVALID', '5:SOURCE_MISSING', '6:DUPLICATE_ROW', '7:NUMBER_INVALID']),
    );
    expect(body.message).toContain('tidak ada yang disimpan');
    expect(body.issues[0].messageEn).toMatch(/^Row 3:/);
    const after = await t.db.selectFrom('employed_population').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('refuses a file without the required columns, a wrong file type, and roles that may not import', async () => {
    const s = await login(t.app, 'nasional');
    const missing = await upload(s, 'Kode Wilayah;Penduduk Bekerja\n32.02;100\n', 'x.csv');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('MISSING_COLUMNS');
    expect((await upload(s, 'x', 'x.txt')).json().error.code).toBe('DENOMINATOR_FILE_TYPE');
    const village = await login(t.app, 'desa.balingbing');
    expect((await upload(village, 'x', 'x.csv')).statusCode).toBe(403);
  });

  it('refuses a file over 20 MB with 413 DENOMINATOR_FILE_TOO_LARGE', async () => {
    const s = await login(t.app, 'nasional');
    const res = await upload(s, Buffer.alloc(20 * 1024 * 1024 + 1, 'a'), 'besar.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'DENOMINATOR_FILE_TOO_LARGE', field: 'file' });
  });
});
