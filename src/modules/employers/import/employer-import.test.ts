import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';
import { importRoutes, workbook } from '../../../../test/imports.js';

const t = useTestApp();
const BASE = '/api/employer-imports';

async function sheet(res: { rawPayload: Buffer }, name?: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = name ? wb.getWorksheet(name)! : wb.worksheets[0]!;
  return (ws.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
}

const routes = importRoutes(t, BASE);
const upload = async (s: Session, rows: unknown[][], headers: unknown[]) => routes.upload(s, await workbook(headers, rows, 'WLKP'), 'perusahaan.xlsx');
const waitFor = routes.waitFor;

describe('employer import (same machinery as the worker import)', () => {
  it('serves its own template, previews, reports the bad rows, commits atomically and assesses compliance', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const template = await injectAs(t.app, s, { url: `${BASE}/template.xlsx` });
    expect(template.statusCode).toBe(200);
    const headers = (await sheet(template))[0]!;
    expect(headers.slice(0, 5)).toEqual(['Nama Perusahaan', 'NPP', 'NIB', 'Sektor', 'Skala Usaha']);

    // An employer already on file under a NIB the list repeats.
    const known = await injectAs(t.app, s, {
      method: 'POST',
      url: '/api/employers',
      payload: { name: 'PT Lama', nib: '9120000000009', sizeClass: 'small', villageCode: '32.02.01.2002', employeesDeclared: 4, workersRegistered: 0, programs: [] },
    });
    expect(known.statusCode, known.body).toBe(201);

    // Columns in another order and spelled the WLKP way ("Skala", "Jumlah Pekerja"): found by name.
    const cols = ['Nama Usaha', 'NIB', 'NPP', 'Skala', 'Kode Desa', 'Jumlah Pekerja', 'Pekerja Terdaftar', 'Upah Dilaporkan', 'Program'];
    const id = await upload(
      s,
      [
        ['PT Tekstil Cibadak', '9120000000001', '', 'Besar', '32.02.01.2002', '1.250', 0, '', ''], // never registered: PWBD
        ['CV Roti Enak', '9120000000002', '12345678', 'kecil', '32.02.01.2003', 12, 12, '3.000.000', 'JKK,JKM'],
        ['PT Tanpa Skala', '9120000000003', '', 'raksasa', '32.02.01.2002', 5, 0, '', ''],
        ['PT Subang', '9120000000004', '', 'kecil', '32.13.28.2007', 5, 0, '', ''],
        ['PT Ganda', '9120000000001', '', 'kecil', '32.02.01.2002', 5, 0, '', ''], // same NIB as row 2
        ['PT Lama Lagi', '9120000000009', '', 'kecil', '32.02.01.2002', 4, 0, '', ''],
        ['PT Tanpa NPP', '9120000000005', '', 'kecil', '32.02.01.2002', 9, 3, '', ''],
      ],
      cols,
    );
    const view = await waitFor(s, id, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.counts).toMatchObject({ total: 7, valid: 2, rejected: 3, duplicateInFile: 1, alreadyRegistered: 1 });
    expect(view.counts.rejectedByReason).toEqual({ SIZE_CLASS_INVALID: 1, OUT_OF_SCOPE: 1, REGISTERED_WITHOUT_NPP: 1 });

    const report = await sheet(await injectAs(t.app, s, { url: `${BASE}/${id}/report.xlsx` }), 'Perlu Diperbaiki');
    expect(report.slice(1).map((r) => r[0])).toEqual(['PT Tanpa Skala', 'PT Subang', 'PT Ganda', 'PT Tanpa NPP']);
    expect(String(report[3]!.at(-1))).toMatch(/NIB yang sama sudah ada di baris 2/);

    // A worker job is not reachable through the employer routes, nor the reverse.
    expect((await injectAs(t.app, s, { url: `/api/imports/${id}` })).statusCode).toBe(404);
    // Another regency cannot see the job.
    expect((await injectAs(t.app, await login(t.app, 'kab.subang'), { url: `${BASE}/${id}` })).statusCode).toBe(404);

    expect((await injectAs(t.app, s, { method: 'POST', url: `${BASE}/${id}/commit` })).statusCode).toBe(202);
    const done = await waitFor(s, id, ['committed', 'failed']);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    expect(done.committed).toEqual({ employers: 2 });
    const saved = await t.db.selectFrom('employer').select(['name', 'statuses', 'employees_declared']).where('nib', 'in', ['9120000000001', '9120000000002']).orderBy('nib').execute();
    expect(saved).toEqual([
      { name: 'PT Tekstil Cibadak', statuses: ['PWBD'], employees_declared: 1250 },
      expect.objectContaining({ name: 'CV Roti Enak' }),
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'import').where('entity_id', '=', String(id)).execute();
    expect(audit).toEqual([{ action: 'import_commit', after: expect.objectContaining({ kind: 'employers', employers: 2 }) }]);
  });

  it('needs the employer permission: a village operator may not upload employers', async () => {
    const v = await login(t.app, 'desa.balingbing');
    const form = new FormData();
    form.append('file', new Blob(['Nama Perusahaan\nX\n']), 'p.csv');
    expect((await injectAs(t.app, v, { method: 'POST', url: BASE, payload: form as never })).statusCode).toBe(403);
  });
});
