import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { importRoutes, workbook } from '../../../test/imports.js';
import { addMonths, currentPeriod } from '../../domain/coverage.js';

const t = useTestApp();
const BASE = '/api/participation-imports';
const routes = importRoutes(t, BASE);
const HEADERS = ['Kode Wilayah', 'Periode (YYYY-MM)', 'Segmen', 'Peserta Aktif', 'Peserta Baru', 'Peserta Nonaktif', 'Sumber'];
const FUTURE = addMonths(currentPeriod(), 1);

const upload = async (s: Session, rows: unknown[][], headers = HEADERS) => routes.upload(s, await workbook(headers, rows, 'Data'), 'kepesertaan-juni.xlsx');

const current = (regionCode: string, month = '2025-06-01', segment = 'PU') =>
  t.db.selectFrom('participation_report').selectAll().where('region_code', '=', regionCode).where('month', '=', month).where('segment', '=', segment as 'PU').where('superseded_at', 'is', null).execute();

async function reportRows(s: Session, id: number) {
  const res = await injectAs(t.app, s, { url: `${BASE}/${id}/report.xlsx` });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Perlu Diperbaiki')!;
  const out: { row: number; code: unknown; messages: string }[] = [];
  ws.eachRow((r, n) => {
    if (n > 1) out.push({ row: Number(r.getCell(8).value), code: r.getCell(1).value, messages: String(r.getCell(9).value) });
  });
  return out;
}

let operator: Session;
beforeAll(async () => {
  operator = await login(t.app, 'kab.sukabumi');
  await t.db.deleteFrom('participation_report').execute();
});

describe('official participation file (import kind "participation")', () => {
  it('offers a template with the agreed columns and instructions', async () => {
    const res = await injectAs(t.app, operator, { url: `${BASE}/template.xlsx` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(wb.getWorksheet('Petunjuk')).toBeDefined();
  });

  it('rejects every bad row with its reason, commits the rest, and replaces on a corrected upload with history kept', async () => {
    const districts = (await t.db.selectFrom('region').select('code').where('parent_code', '=', '32.02').orderBy('code').execute()).map((r) => r.code);
    const id = await upload(operator, [
      ['32.02', '2025-06', 'PU', '412.345', '5.210', 3980, 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025'], // 2: fine, dotted thousands
      ['32.02', '2025-06', 'BPU', 98765, null, null, null], // 3: fine, no source (the file name is recorded)
      ['32.99', '2025-06', 'PU', 1, null, null, null], // 4: unknown region
      ['32.13', '2025-06', 'PU', 1, null, null, null], // 5: outside Sukabumi
      ['32.02.01.2002', '2025-06', 'PU', 1, null, null, null], // 6: a village
      ['32.02', '2025-13', 'JAKON', 1, null, null, null], // 7: bad month
      ['32.02', FUTURE, 'JAKON', 1, null, null, null], // 8: future month
      ['32.02', '2025-05', 'PU', -3, null, null, null], // 9: negative
      ['32.02', '2025-05', 'BPU', '12,5', null, null, null], // 10: not whole
      ['32.02', '2025-05', 'JAKON', 'banyak', null, null, null], // 11: not a number
      ['32.02', '2025-05', 'ASN', 1, null, null, null], // 12: unknown segment
      ['32.02', '2025-06', 'PU', 400_000, null, null, null], // 13: same key as row 2
      ['32.02', '2025-04', 'PU', 1_000, null, null, null], // 14: total ≠ its districts (rows 15-16 sent, sum 1.200)
      [districts[0], '2025-04', 'PU', 600, null, null, null], // 15
      [districts[1], '2025-04', 'PU', 600, null, null, null], // 16
      ['ID', '2025-06', 'PU', 1, null, null, null], // 17: the country
    ]);
    const view = await routes.waitFor(operator, id, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.counts).toMatchObject({ total: 16, valid: 2, rejected: 13, duplicateInFile: 1, replacing: 0 });
    expect(view.counts.rejectedByReason).toEqual({
      REGION_NOT_FOUND: 1,
      FORBIDDEN_REGION: 1,
      REGION_LEVEL_NOT_ACCEPTED: 2,
      PERIOD_INVALID: 1,
      PERIOD_IN_FUTURE: 1,
      COUNT_NEGATIVE: 1,
      COUNT_NOT_WHOLE: 1,
      COUNT_NOT_NUMBER: 1,
      SEGMENT_UNKNOWN: 1,
      REGENCY_TOTAL_MISMATCH: 3,
    });

    const report = await reportRows(operator, id);
    expect(report.map((r) => r.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    const message = (row: number) => report.find((r) => r.row === row)!.messages;
    expect(message(4)).toMatch(/Kode Wilayah: Kode wilayah 32\.99 tidak dikenal/);
    expect(message(5)).toMatch(/di luar wilayah kerja Anda/);
    expect(message(6)).toMatch(/desa\/kelurahan/);
    expect(message(8)).toMatch(/Periode: Periode .* belum tiba/);
    expect(message(10)).toMatch(/bilangan bulat/);
    expect(message(11)).toMatch(/"banyak" bukan angka/);
    expect(message(13)).toMatch(/sudah ada di baris 2/);
    expect(message(14)).toMatch(/lebih kecil dari jumlah 2 kecamatan/);
    expect(report.find((r) => r.row === 13)!.code).toBe('32.02');

    const commit = await injectAs(t.app, operator, { method: 'POST', url: `${BASE}/${id}/commit` });
    expect(commit.statusCode, commit.body).toBe(202);
    const done = await routes.waitFor(operator, id, ['committed', 'failed']);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    expect(done.committed).toEqual({ accepted: 2, replaced: 0 });
    expect((await current('32.02'))[0]).toMatchObject({ active: 412_345, new_count: 5_210, inactive_count: 3_980, source: 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025', import_job_id: id, token_id: null, received_by: 'kab.sukabumi' });
    expect((await current('32.02', '2025-06-01', 'BPU'))[0]).toMatchObject({ active: 98_765, new_count: null, source: 'Berkas kepesertaan-juni.xlsx' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'import_commit').where('entity_id', '=', String(id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ kind: 'participation', accepted: 2, replaced: 0 });

    // the corrected file: the PU figure replaces the first one, which stays as history
    const again = await upload(operator, [['32.02', '2025-06', 'PU', 412_400, null, null, 'koreksi']], HEADERS);
    const preview = await routes.waitFor(operator, again, ['validated', 'failed']);
    expect(preview.counts).toMatchObject({ valid: 1, replacing: 1 });
    await injectAs(t.app, operator, { method: 'POST', url: `${BASE}/${again}/commit` });
    expect((await routes.waitFor(operator, again, ['committed', 'failed'])).committed).toEqual({ accepted: 1, replaced: 1 });
    const history = await t.db.selectFrom('participation_report').select(['active', 'source', 'superseded_at']).where('region_code', '=', '32.02').where('segment', '=', 'PU').where('month', '=', '2025-06-01').orderBy('id').execute();
    expect(history.map((h) => [h.active, h.source, h.superseded_at !== null])).toEqual([
      [412_345, 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025', true],
      [412_400, 'koreksi', false],
    ]);
  });

  it('takes a file without the optional columns, and a regency with all its districts adding up', async () => {
    const districts = (await t.db.selectFrom('region').select('code').where('parent_code', '=', '32.02').orderBy('code').execute()).map((r) => r.code);
    const id = await upload(operator, [['32.02', '2025-03', 'PMI', districts.length * 10], ...districts.map((d) => [d, '2025-03', 'PMI', 10])], ['Kode Wilayah', 'Periode', 'Segmen', 'Peserta Aktif']);
    const view = await routes.waitFor(operator, id, ['validated', 'failed']);
    expect(view.counts).toMatchObject({ total: districts.length + 1, valid: districts.length + 1, rejected: 0 });
  });

  it('lets the province operator and the national monitor send for their subtree only; others may not upload', async () => {
    const province = await login(t.app, 'prov.bengkulu');
    const id = await upload(province, [['17.01', '2025-06', 'PU', 1_000], ['32.02', '2025-06', 'PU', 1_000]], ['Kode Wilayah', 'Periode', 'Segmen', 'Peserta Aktif']);
    expect((await routes.waitFor(province, id, ['validated'])).counts).toMatchObject({ valid: 1, rejected: 1, rejectedByReason: { FORBIDDEN_REGION: 1 } });
    const national = await login(t.app, 'nasional');
    const nid = await upload(national, [['17.01', '2025-06', 'PU', 1_000], ['32.02', '2025-06', 'PU', 1_000]], ['Kode Wilayah', 'Periode', 'Segmen', 'Peserta Aktif']);
    expect((await routes.waitFor(national, nid, ['validated'])).counts).toMatchObject({ valid: 2, rejected: 0, replacing: 1 });
    for (const username of ['desa.balingbing', 'bpjs.sukabumi', 'auditor']) {
      const s = await login(t.app, username);
      const res = await injectAs(t.app, s, { url: `${BASE}/template.xlsx` });
      expect(res.statusCode, username).toBe(403);
    }
    // another region's job is not found
    expect((await injectAs(t.app, province, { url: `${BASE}/${nid}` })).statusCode).toBe(404);
  });
});
