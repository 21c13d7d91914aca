import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { importRoutes } from '../../../test/imports.js';

const t = useTestApp();
const BASE = '/api/umk-imports';
const routes = importRoutes(t, BASE);
const YEAR = new Date().getFullYear();
let inspector: Session;

async function run(s: Session, csv: string, filename = 'umk.csv') {
  const id = await routes.upload(s, Buffer.from(csv), filename);
  return { id, view: await routes.waitFor(s, id, ['validated', 'failed']) };
}
async function commit(s: Session, id: number) {
  const res = await injectAs(t.app, s, { method: 'POST', url: `${BASE}/${id}/commit` });
  expect(res.statusCode, res.body).toBe(202);
  return routes.waitFor(s, id, ['committed', 'failed']);
}
const umkOf = (code: string, year: number) => t.db.selectFrom('umk').select(['amount', 'legal_basis']).where('regency_code', '=', code).where('year', '=', year).executeTakeFirst();

beforeAll(async () => {
  inspector = await login(t.app, 'disnaker.sukabumi');
});

describe('UMK (import kind "umk")', () => {
  it('previews, then commits the valid rows: audited with the amount each replaced, and the regency\'s employers re-assessed', async () => {
    await t.db.insertInto('umk').values({ regency_code: '32.02', year: 2023, amount: 3_000_000, legal_basis: 'lama' }).execute();
    const created = await injectAs(t.app, inspector, {
      method: 'POST',
      url: '/api/employers',
      payload: { name: 'PT Upah Pas', npp: 'NPP-UMK-1', nib: null, sector: 'Garmen', sizeClass: 'small', villageCode: '32.02.01.2002', employeesDeclared: 10, workersRegistered: 10, wageReported: 3_650_000, wageActual: null, programs: ['JKK', 'JKM', 'JHT'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().statuses).toEqual(['compliant']);
    const { id, view } = await run(inspector, `Kode Wilayah;Tahun;UMK;Dasar Hukum\n32.02;${YEAR};3.900.000;Kepgub Jabar\n32.02;2023;3.125.444;\n`);
    expect(view.counts).toMatchObject({ total: 2, valid: 2, rejected: 0 });
    expect((await umkOf('32.02', 2023))?.amount).toBe(3_000_000); // not before the commit
    const done = await commit(inspector, id);
    expect(done.committed).toMatchObject({ saved: 2 });
    expect(done.committed.reassessed).toBeGreaterThanOrEqual(1);
    expect(await umkOf('32.02', YEAR)).toEqual({ amount: 3_900_000, legal_basis: 'Kepgub Jabar' });
    const employer = (await injectAs(t.app, inspector, { url: `/api/employers/${created.json().id}` })).json();
    expect(employer.statuses).toEqual(['PDS_UPAH']); // reports 3.650.000, under the new UMK of 3.900.000
    const audit = await t.db.selectFrom('audit_log').select(['entity_id', 'region_code', 'before', 'after', 'actor_username']).where('action', '=', 'set_umk').orderBy('entity_id').execute();
    expect(audit).toEqual([
      { entity_id: '32.02/2023', region_code: '32.02', before: { amount: 3_000_000, legalBasis: 'lama' }, after: { regencyCode: '32.02', year: 2023, amount: 3_125_444, legalBasis: '', importId: id }, actor_username: 'disnaker.sukabumi' },
      { entity_id: `32.02/${YEAR}`, region_code: '32.02', before: null, after: { regencyCode: '32.02', year: YEAR, amount: 3_900_000, legalBasis: 'Kepgub Jabar', importId: id }, actor_username: 'disnaker.sukabumi' },
    ]);
  });

  it('names each bad row and field; a regency outside the region is refused per row; nothing of them is saved', async () => {
    const { id, view } = await run(inspector, ['Kode Wilayah;Tahun;UMK', '32.02;2022;2.000.000', '32.13;2022;2.100.000', '32.99;2022;2.000.000', '32.02.01;2022;1', '32.02;20x2;abc', '32.02;2022;2.200.000'].join('\n'));
    expect(view.counts).toMatchObject({ total: 6, valid: 1, rejected: 4, duplicateInFile: 1 });
    const rows = await t.db.selectFrom('umk_import_row').select(['row_number', 'problems']).where('import_id', '=', id).where('problems', 'is not', null).orderBy('row_number').execute();
    const codes = rows.flatMap((r) => (r.problems as { column: string; code: string }[]).map((p) => `${r.row_number}:${p.column}:${p.code}`));
    expect(codes).toEqual(['3:Kode Wilayah:OUTSIDE_REGION', '4:Kode Wilayah:OUTSIDE_REGION', '5:Kode Wilayah:NOT_A_REGENCY', '6:Tahun:YEAR_INVALID', '6:UMK:AMOUNT_INVALID', '7:Kode Wilayah:DUPLICATE_ROW']);
    const report = await injectAs(t.app, inspector, { url: `${BASE}/${id}/report.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Perlu Diperbaiki')!;
    expect(String(sheet.getRow(2).getCell(6).value)).toBe('Kode Wilayah: Wilayah 32.13 di luar wilayah kerja Anda (32.02).');
    await commit(inspector, id);
    expect(await umkOf('32.13', 2022)).toBeUndefined();
    expect((await umkOf('32.02', 2022))?.amount).toBe(2_000_000); // the first of the two rows for 32.02/2022
  });

  it('the old route answers 308 to the job flow; a role without umk:write is refused there and here', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Kode Wilayah;Tahun;UMK\n32.02;2021;2.000.000\n']), 'umk.csv');
    const moved = await injectAs(t.app, inspector, { method: 'POST', url: '/api/umk/import', payload: form as never });
    expect([moved.statusCode, moved.headers.location]).toEqual([308, BASE]);
    const auditor = await login(t.app, 'auditor');
    expect((await injectAs(t.app, auditor, { method: 'POST', url: '/api/umk/import', payload: form as never })).statusCode).toBe(403);
    expect((await injectAs(t.app, auditor, { method: 'POST', url: BASE, payload: form as never })).statusCode).toBe(403);
    const wrong = new FormData();
    wrong.append('file', new Blob(['x']), 'umk.txt');
    const res = await injectAs(t.app, inspector, { method: 'POST', url: BASE, payload: wrong as never });
    expect([res.statusCode, res.json().error.code, res.json().error.field]).toEqual([422, 'IMPORT_FILE_TYPE', 'file']);
  });
});
