import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { importRoutes } from '../../../test/imports.js';

const t = useTestApp();
const BASE = '/api/denominator-imports';
const routes = importRoutes(t, BASE);

async function run(s: Session, content: string | Buffer, filename: string) {
  const id = await routes.upload(s, typeof content === 'string' ? Buffer.from(content) : content, filename);
  return { id, view: await routes.waitFor(s, id, ['validated', 'failed']) };
}

async function commit(s: Session, id: number) {
  const res = await injectAs(t.app, s, { method: 'POST', url: `${BASE}/${id}/commit` });
  expect(res.statusCode, res.body).toBe(202);
  return routes.waitFor(s, id, ['committed', 'failed']);
}

/** Each staged row's problems as "row:code", as the report gives them. */
async function problemsOf(id: number) {
  const rows = await t.db.selectFrom('denominator_import_row').select(['row_number', 'problems']).where('import_id', '=', id).where('problems', 'is not', null).orderBy('row_number').execute();
  return rows.flatMap((r) => (r.problems as { code: string; column: string; id: string; en: string }[]).map((p) => ({ row: r.row_number, ...p })));
}

describe('employed population and targets (import kind "denominators")', () => {
  it('validates, previews and commits a CSV (Indonesian number format, optional columns), audited with what each row replaced', async () => {
    const s = await login(t.app, 'nasional');
    await t.db.insertInto('employed_population').values({ region_code: '17', year: 2024, total: 999, source: 'lama', updated_by: 'x' }).execute();
    const csv = [
      'Kode Wilayah;Tahun;Penduduk Bekerja;Formal;Informal;Target Persen;Sumber',
      '32.02;2025;1.234.567;500.000;734.567;41,5;BPS Sakernas Agustus 2024',
      '17;2024;1.050.000;;;37;BPS Sakernas Agustus 2024',
      'ID;2025;;;;32,15;RPJMN 2025-2029',
    ].join('\n');
    const { id, view } = await run(s, csv, 'penduduk-bekerja.csv');
    expect(view.status).toBe('validated');
    expect(view.counts).toMatchObject({ total: 3, valid: 3, rejected: 0 });
    expect(await t.db.selectFrom('employed_population').select('total').where('region_code', '=', '32.02').execute()).toEqual([]); // nothing saved before the commit
    const done = await commit(s, id);
    expect(done.committed).toEqual({ rows: 3, denominators: 2, targets: 3 });
    const rows = await t.db.selectFrom('employed_population').selectAll().orderBy('region_code').execute();
    expect(rows.map((r) => [r.region_code, r.year, r.total, r.formal, r.informal])).toEqual([
      ['17', 2024, 1_050_000, null, null],
      ['32.02', 2025, 1_234_567, 500_000, 734_567],
    ]);
    const cov = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    expect(cov).toMatchObject({ employedPopulation: 1_234_567, targetPct: 41.5, denominator: { source: 'BPS Sakernas Agustus 2024', formal: 500_000 } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'region_code', 'before', 'after']).where('action', 'in', ['set_denominator', 'import_commit']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['set_denominator', 'set_denominator', 'set_denominator', 'import_commit']);
    const bengkulu = audit.find((a) => a.entity_id === '17/2024')!;
    expect(bengkulu).toMatchObject({ region_code: '17', before: { total: 999, source: 'lama' }, after: { total: 1_050_000, targetPct: 37 } });
    expect(audit.find((a) => a.entity_id === 'ID/2025')!.before).toBeNull();
  });

  it('names every bad row and field, in Indonesian and English, and saves only the valid rows', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const csv = [
      'kode,tahun,penduduk bekerja,target,sumber',
      '32.02.01,2025,12000,,BPS',
      '32.13,2025,5000,,BPS',
      '32.02.99,2025,5000,,BPS',
      '32.02.02,20x5,abc,140,',
      '32.02.01,2025,13000,,BPS',
      '32.02.03,2025,0,,BPS',
    ].join('\n');
    const { id, view } = await run(s, csv, 'salah.csv');
    expect(view.counts).toMatchObject({ total: 6, valid: 1, rejected: 4, duplicateInFile: 1 });
    const codes = (await problemsOf(id)).map((p) => `${p.row}:${p.column}:${p.code}`);
    expect(codes).toEqual([
      '3:Kode Wilayah:OUTSIDE_REGION',
      '4:Kode Wilayah:REGION_NOT_FOUND',
      '5:Tahun:YEAR_INVALID',
      '5:Penduduk Bekerja:NUMBER_INVALID',
      '5:Target Persen:PERCENT_INVALID',
      '5:Sumber:SOURCE_MISSING',
      '6:Kode Wilayah:DUPLICATE_ROW',
      '7:Penduduk Bekerja:NUMBER_INVALID',
    ]);
    const outside = (await problemsOf(id)).find((p) => p.code === 'OUTSIDE_REGION')!;
    expect([outside.id, outside.en]).toEqual(['Wilayah 32.13 di luar wilayah kerja Anda (32.02).', 'Region 32.13 is outside your assigned region (32.02).']);
    const report = await injectAs(t.app, s, { url: `${BASE}/${id}/report.xlsx` });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Perlu Diperbaiki')!;
    expect(sheet.rowCount).toBe(6); // the header and the five rows not imported, each with its messages
    expect(String(sheet.getRow(2).getCell(9).value)).toContain('Kode Wilayah: Wilayah 32.13 di luar wilayah kerja Anda');
    const done = await commit(s, id);
    expect(done.committed).toEqual({ rows: 1, denominators: 1, targets: 0 });
    const saved = await t.db.selectFrom('employed_population').select(['region_code', 'total']).where('region_code', 'like', '32.02.%').execute();
    expect(saved).toEqual([{ region_code: '32.02.01', total: 12_000 }]);
  });

  it('reads .xlsx without the optional columns, and fails a file without the required ones', async () => {
    const s = await login(t.app, 'prov.bengkulu');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Kode Wilayah', 'Tahun', 'Penduduk Bekerja', 'Sumber']);
    ws.addRow(['17', 2024, 1_060_000, 'BPS Sakernas Agustus 2024 (revisi)']);
    ws.addRow([17.01, 2024, 98_765, 'BPS Kab. Bengkulu Selatan']); // a code typed into a General cell
    const { id, view } = await run(s, Buffer.from(await wb.xlsx.writeBuffer()), 'bengkulu.xlsx');
    expect(view.counts).toMatchObject({ valid: 2 });
    await commit(s, id);
    const row = await t.db.selectFrom('employed_population').selectAll().where('region_code', '=', '17.01').executeTakeFirstOrThrow();
    expect([row.total, row.source, row.updated_by]).toEqual([98_765, 'BPS Kab. Bengkulu Selatan', 'prov.bengkulu']);
    const missing = await run(s, 'Kode Wilayah;Penduduk Bekerja\n17;100\n', 'x.csv');
    expect(missing.view).toMatchObject({ status: 'failed', error: { code: 'MISSING_COLUMNS' } });
  });

  it('the old route answers 308 to the job flow, for roles that may import; others are refused as before', async () => {
    const s = await login(t.app, 'nasional');
    const form = new FormData();
    form.append('file', new Blob(['Kode Wilayah;Tahun;Target Persen;Sumber\nID;2026;33;RPJMN\n']), 'pindah.csv');
    const moved = await injectAs(t.app, s, { method: 'POST', url: '/api/denominators/import', payload: form as never });
    expect(moved.statusCode).toBe(308);
    expect(moved.headers.location).toBe(BASE);
    expect(await t.db.selectFrom('import_job').select('id').where('kind', '=', 'denominators').where('filename', '=', 'pindah.csv').execute()).toEqual([]);
    const village = await login(t.app, 'desa.balingbing');
    expect((await injectAs(t.app, village, { method: 'POST', url: '/api/denominators/import', payload: form as never })).statusCode).toBe(403);
    const template = await injectAs(t.app, s, { url: `${BASE}/template.xlsx` });
    const tb = new ExcelJS.Workbook();
    await tb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(tb.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Kode Wilayah', 'Tahun', 'Penduduk Bekerja', 'Formal', 'Informal', 'Target Persen', 'Sumber']);
  });
});
