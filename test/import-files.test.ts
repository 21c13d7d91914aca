import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../src/import-kinds.js';
import { cleanUpImports } from '../src/modules/imports/cleanup.js';
import { injectAs, login, type Session, useTestApp } from './app.js';
import { importRoutes, workbook } from './imports.js';

/**
 * Issue 12, items 3 and 10: import reports carry full NIKs only to roles with `worker:nik`, each such
 * download audited with its NIK count; other roles get nothing that rebuilds a NIK. Finished and
 * abandoned imports lose their files and staged rows; their job rows and counts stay.
 */
const t = useTestApp();

const HEADERS = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];
const row = (nik: unknown, name: string, extra: Partial<Record<number, unknown>> = {}) => {
  const r: unknown[] = [nik, name, '15/05/1990', 'L', '32.02.01.2002', 'Kp. Cimanggu', '081234567890', 'Petani', 'BPU', 'Pekerja Rentan', 'JKK,JKM', '1.000.000', 'APBD Kab. Sukabumi'];
  for (const [i, v] of Object.entries(extra)) r[Number(i)] = v;
  return r;
};
const workers = importRoutes(t, '/api/imports');
const registrations = importRoutes(t, '/api/registration-imports');

/** Every cell of every sheet of a workbook, as text. */
async function allCells(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => out.push(String(c.value)))));
  return out;
}

/** the NIKs the file carries, one per row: rejected ones, a duplicate, a valid row with a warning (NIK prefix not a district) */
const NIKS = ['3202011505900501', '3202011505900502', '3202011505900503', '3299011505900504'];
let sukabumi: Session;
let workerJob: number;
let registrationJob: number;

beforeAll(async () => {
  sukabumi = await login(t.app, 'kab.sukabumi');
  const file = await workbook(HEADERS, [
    row(NIKS[0], 'Tanggal Salah', { 2: '16/05/1990' }), // birth date does not match the NIK: the message names the NIK's date
    row(NIKS[1], 'Luar Wilayah', { 4: '32.13.28.2007', 5: `Titip NIK ${NIKS[1]}` }),
    row(NIKS[2], 'Sah'),
    row(NIKS[2], 'Kembar'),
    row(NIKS[3], 'Prefiks Aneh'),
  ]);
  workerJob = await workers.upload(sukabumi, file, 'laporan.xlsx');
  const view = await workers.waitFor(sukabumi, workerJob, ['validated', 'failed']);
  expect(view.status, JSON.stringify(view)).toBe('validated');
  registrationJob = await registrations.upload(sukabumi, await workbook(['NIK', 'KPJ'], [[NIKS[0], '24000000501']]), 'kpj.xlsx');
  await registrations.waitFor(sukabumi, registrationJob, ['validated']);
});

const fullNikAudits = async () =>
  t.db.selectFrom('audit_log').select(['actor_username', 'entity_id', 'region_code', 'after']).where('action', '=', 'download_full_nik').orderBy('id').execute();

describe('import reports and full NIKs', () => {
  it('gives a role with worker:nik the full NIKs, and audits the download with file and count', async () => {
    const before = (await fullNikAudits()).length;
    const res = await injectAs(t.app, sukabumi, { url: `/api/imports/${workerJob}/report.xlsx` });
    expect(res.statusCode).toBe(200);
    const cells = await allCells(res.rawPayload);
    for (const nik of [NIKS[0], NIKS[1], NIKS[2]]) expect(cells).toContain(nik);
    const audits = await fullNikAudits();
    expect(audits.length).toBe(before + 1);
    const last = audits.at(-1)!;
    expect(last).toMatchObject({ actor_username: 'kab.sukabumi', entity_id: String(workerJob), region_code: '32.02' });
    const after = typeof last.after === 'string' ? JSON.parse(last.after) : last.after;
    // rejected rows 2 and 3, the duplicate, and the two valid rows with warnings (the payer text is no funding programme): five NIKs
    expect(after).toEqual({ file: `laporan-impor-pekerja-${workerJob}.xlsx`, kind: 'workers', niks: 5 });
  });

  for (const username of ['auditor', 'nasional', 'disnaker.sukabumi']) {
    it(`gives ${username} (no worker:nik) nothing that rebuilds a NIK, and writes no full-NIK audit row`, async () => {
      const s = await login(t.app, username);
      const before = (await fullNikAudits()).length;
      for (const url of [`/api/imports/${workerJob}/report.xlsx`, `/api/registration-imports/${registrationJob}/report.xlsx`]) {
        const res = await injectAs(t.app, s, { url });
        expect(res.statusCode, `${url} ${res.body}`).toBe(200);
        const cells = await allCells(res.rawPayload);
        const text = cells.join('\n');
        expect(text).not.toMatch(/\d{12}/); // no NIK, whole or in part beyond the last four digits
        expect(text).not.toMatch(/\d{4}[\s.]\d{4}[\s.]\d{4}/);
        expect(text).not.toMatch(/1[56][/.-]0?5[/.-](19)?90|1990-05-1[56]/); // neither the row's birth date nor the NIK's
        expect(cells).toContain('••••••••••••0501'); // the serial only, so the row can still be found
      }
      expect((await fullNikAudits()).length).toBe(before);
    });
  }

  it('refuses the report of another region’s import (404), and of another kind’s', async () => {
    const subang = await login(t.app, 'kab.subang');
    expect((await injectAs(t.app, subang, { url: `/api/imports/${workerJob}/report.xlsx` })).statusCode).toBe(404);
    expect((await injectAs(t.app, subang, { url: `/api/registration-imports/${registrationJob}/report.xlsx` })).statusCode).toBe(404);
    expect((await injectAs(t.app, sukabumi, { url: `/api/registration-imports/${workerJob}/report.xlsx` })).statusCode).toBe(404);
  });
});

describe('import clean-up', () => {
  const DAY = 24 * 3600_000;
  const stagedRows = async (table: 'import_row' | 'registration_import_row', id: number) =>
    (await t.db.selectFrom(table).select('row_number').where('import_id', '=', id).execute()).length;
  const age = (id: number, ms: number) => t.db.updateTable('import_job').set({ updated_at: new Date(Date.now() - ms) }).where('id', '=', id).execute();
  const job = (id: number) => t.db.selectFrom('import_job').select(['status', 'counts', 'error', 'cleaned_at', 'file_path']).where('id', '=', id).executeTakeFirstOrThrow();

  it('deletes the files and staged rows of committed, failed and abandoned imports, and keeps each job row with its counts', async () => {
    // committed two days ago
    const committed = await workers.upload(sukabumi, await workbook(HEADERS, [row('3202011505900511', 'Disimpan'), row('3202011505900511', 'Kembar')]), 'simpan.xlsx');
    await workers.waitFor(sukabumi, committed, ['validated']);
    await injectAs(t.app, sukabumi, { method: 'POST', url: `/api/imports/${committed}/commit` });
    const committedView = await workers.waitFor(sukabumi, committed, ['committed']);
    await age(committed, 2 * DAY);
    // failed validation (wrong columns) two days ago: its file is still on disk
    const failed = await workers.upload(sukabumi, await workbook(['Foo', 'Bar'], [['x', 'y']]), 'gagal.xlsx');
    await workers.waitFor(sukabumi, failed, ['failed']);
    await age(failed, 2 * DAY);
    // validated eight days ago and never committed: abandoned
    const abandoned = await workers.upload(sukabumi, await workbook(HEADERS, [row('3202011505900512', 'Ditinggal')]), 'tinggal.xlsx');
    const abandonedView = await workers.waitFor(sukabumi, abandoned, ['validated']);
    await age(abandoned, 8 * DAY);
    // validated an hour ago, and a registration job finished an hour ago: both kept
    const recent = await workers.upload(sukabumi, await workbook(HEADERS, [row('3202011505900513', 'Baru')]), 'baru.xlsx');
    await workers.waitFor(sukabumi, recent, ['validated']);
    await age(recent, 3600_000);

    const files = { failed: (await job(failed)).file_path, abandoned: (await job(abandoned)).file_path, recent: (await job(recent)).file_path };
    expect(existsSync(files.failed)).toBe(true);
    expect(existsSync(files.abandoned)).toBe(true);
    expect(await stagedRows('import_row', committed)).toBe(2);

    const result = await cleanUpImports(t.db, IMPORT_KINDS);
    expect(result).toMatchObject({ abandoned: 1, cleaned: 3, rows: 3 });

    for (const id of [committed, failed, abandoned]) {
      expect(await stagedRows('import_row', id), `job ${id}`).toBe(0);
      expect((await job(id)).cleaned_at, `job ${id}`).not.toBeNull();
    }
    expect(existsSync(files.failed)).toBe(false);
    expect(existsSync(files.abandoned)).toBe(false);
    // the job rows stay, with their counts; the abandoned one can no longer be committed
    expect(await job(committed)).toMatchObject({ status: 'committed', counts: expect.objectContaining({ total: 2, valid: 1, duplicateInFile: 1, committed: { people: 1, enrolments: 1 } }) });
    expect(committedView.counts.total).toBe(2);
    expect(await job(abandoned)).toMatchObject({ status: 'failed', counts: expect.objectContaining({ total: abandonedView.counts.total }), error: expect.objectContaining({ code: 'IMPORT_EXPIRED' }) });
    const retry = await injectAs(t.app, sukabumi, { method: 'POST', url: `/api/imports/${abandoned}/commit` });
    expect(retry.statusCode).toBe(409);
    expect((await injectAs(t.app, sukabumi, { url: `/api/imports/${abandoned}` })).json()).toMatchObject({ status: 'failed', error: { code: 'IMPORT_EXPIRED' } });
    // the report of a cleared job says why it is gone
    const gone = await injectAs(t.app, sukabumi, { url: `/api/imports/${committed}/report.xlsx` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error).toMatchObject({ code: 'IMPORT_REPORT_GONE', message: expect.stringMatching(/tidak tersedia/) });

    // recent jobs untouched: rows, file, status
    expect(await stagedRows('import_row', recent)).toBe(1);
    expect(existsSync(files.recent)).toBe(true);
    expect(await job(recent)).toMatchObject({ status: 'validated', cleaned_at: null });
    expect(await stagedRows('registration_import_row', registrationJob)).toBe(1);

    // a second run finds nothing more to do
    expect(await cleanUpImports(t.db, IMPORT_KINDS)).toEqual({ abandoned: 0, cleaned: 0, rows: 0, files: 0 });
  });
});
