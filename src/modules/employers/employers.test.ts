import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';

const t = useTestApp();
let inspector: Session;
let subang: Session;
let auditor: Session;

const body = (over: Record<string, unknown> = {}) => ({
  name: 'PT Uji Patuh',
  npp: null,
  nib: null,
  sector: 'Garmen',
  sizeClass: 'medium',
  villageCode: '32.02.01.2002',
  employeesDeclared: 120,
  workersRegistered: 0,
  wageReported: null,
  wageActual: 3_700_000,
  programs: [],
  ...over,
});

beforeAll(async () => {
  inspector = await login(t.app, 'disnaker.sukabumi');
  subang = await login(t.app, 'kab.subang');
  auditor = await login(t.app, 'auditor');
  const umk = await injectAs(t.app, inspector, { method: 'PUT', url: `/api/umk/32.02/${new Date().getFullYear()}`, payload: { amount: 3_600_000, legalBasis: 'Kepgub Jabar (uji)' } });
  expect(umk.statusCode, umk.body).toBe(200);
});

describe('employers', () => {
  it('registers an unregistered employer and finds it PWBD with the numbers', async () => {
    const res = await injectAs(t.app, inspector, { method: 'POST', url: '/api/employers', payload: body({ name: 'PT Belum Daftar' }) });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e.statuses).toEqual(['PWBD']);
    expect(e.findings[0]).toMatchObject({ code: 'PWBD', facts: { employeesDeclared: 120 } });
    expect(e.findings[0].message).toContain('120 pekerja');
    expect(e.findings[0].messageEn).toContain('120 employees');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'employer').where('entity_id', '=', String(e.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('finds several PDS findings at once against the stored UMK', async () => {
    const res = await injectAs(t.app, inspector, {
      method: 'POST',
      url: '/api/employers',
      payload: body({ name: 'PT Sebagian', npp: 'NPP-UJI-1', employeesDeclared: 200, workersRegistered: 50, wageReported: 2_900_000, programs: ['JKK', 'JKM', 'JHT'] }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().statuses).toEqual(['PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']);
    expect(res.json().findings[1].message).toContain('UMK');
    expect(res.json().findings[1].message).toContain('Rp3.600.000');
  });

  it('lists by status exactly as the contract says, region-scoped', async () => {
    const res = await injectAs(t.app, inspector, { url: '/api/employers?region=32.02&status=PDS_UPAH' });
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.total).toBe(1);
    expect(b.items[0]).toMatchObject({ name: 'PT Sebagian', region: '32.02.01.2002' });
    expect(b.items[0].findings.map((f: { code: string }) => f.code)).toEqual(['PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']);
    expect((await injectAs(t.app, inspector, { url: '/api/employers?status=PWBD' })).json().total).toBe(1);
    expect((await injectAs(t.app, inspector, { url: '/api/employers?region=32.13' })).statusCode).toBe(403);
    expect((await injectAs(t.app, subang, { url: '/api/employers' })).json().total).toBe(0);
    expect((await injectAs(t.app, auditor, { url: '/api/employers?status=PDS_TK' })).json().total).toBe(1);
  });

  it('re-assesses on update, with before and after in the audit', async () => {
    const list = (await injectAs(t.app, inspector, { url: '/api/employers?q=sebagian' })).json();
    const id = list.items[0].id;
    const res = await injectAs(t.app, inspector, { method: 'PATCH', url: `/api/employers/${id}`, payload: { workersRegistered: 200, wageReported: 3_800_000, programs: ['JKK', 'JKM', 'JHT', 'JP'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().statuses).toEqual(['compliant']);
    expect(res.json().findings).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'employer').where('entity_id', '=', String(id)).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect((audit.before as { statuses: string[] }).statuses).toEqual(['PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']);
    expect((audit.after as { statuses: string[] }).statuses).toEqual(['compliant']);
  });

  it('refuses registered workers without an NPP, a duplicate NPP and a village outside the region', async () => {
    const a = await injectAs(t.app, inspector, { method: 'POST', url: '/api/employers', payload: body({ workersRegistered: 5 }) });
    expect(a.statusCode).toBe(422);
    expect(a.json().error.code).toBe('VALIDATION_FAILED');
    expect(a.json().error.issues[0]).toMatchObject({ field: 'body.workersRegistered', code: 'REGISTERED_WITHOUT_NPP' });
    const b = await injectAs(t.app, inspector, { method: 'POST', url: '/api/employers', payload: body({ npp: 'NPP-UJI-1' }) });
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('NPP_EXISTS');
    const c = await injectAs(t.app, inspector, { method: 'POST', url: '/api/employers', payload: body({ villageCode: '32.13.28.2007' }) });
    expect(c.statusCode).toBe(403);
  });

  it('re-assesses the regency when its UMK changes, and counts per status', async () => {
    const ok = await injectAs(t.app, inspector, {
      method: 'POST',
      url: '/api/employers',
      payload: body({ name: 'PT Pas UMK', npp: 'NPP-UJI-2', employeesDeclared: 10, workersRegistered: 10, wageReported: 3_650_000, wageActual: null, sizeClass: 'small', programs: ['JKK', 'JKM', 'JHT'] }),
    });
    expect(ok.json().statuses).toEqual(['compliant']);
    const raised = await injectAs(t.app, inspector, { method: 'PUT', url: `/api/umk/32.02/${new Date().getFullYear()}`, payload: { amount: 3_700_000 } });
    expect(raised.json()).toMatchObject({ saved: 1 });
    expect(raised.json().reassessed).toBeGreaterThanOrEqual(3);
    const again = (await injectAs(t.app, inspector, { url: `/api/employers/${ok.json().id}` })).json();
    expect(again.statuses).toEqual(['PDS_UPAH']);
    const summary = (await injectAs(t.app, inspector, { url: '/api/employers/summary' })).json();
    expect(summary).toMatchObject({ region: '32.02', total: 3, byStatus: { PWBD: 1, PDS_UPAH: 1, compliant: 1 } });
    expect((await injectAs(t.app, inspector, { method: 'PUT', url: '/api/umk/32.13/2025', payload: { amount: 1 } })).statusCode).toBe(403);
  });

  it('exports the list with its findings as a workbook, region-scoped', async () => {
    const res = await injectAs(t.app, inspector, { url: '/api/employers/export.xlsx?status=PWBD' });
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(1).value)).toBe('PT Belum Daftar');
    expect(String(ws.getRow(2).getCell(15).value)).toContain('120 pekerja');
    expect((await injectAs(t.app, inspector, { url: '/api/employers/export.xlsx?region=32.13' })).statusCode).toBe(403);
  });

  it('answers 404 for another region\'s employer by id, to reads and writes alike', async () => {
    const own = (await injectAs(t.app, inspector, { url: '/api/employers?q=belum' })).json().items[0].id;
    for (const req of [{ url: `/api/employers/${own}` }, { method: 'PATCH' as const, url: `/api/employers/${own}`, payload: { sector: 'Seharusnya tidak' } }]) {
      const res = await injectAs(t.app, subang, req);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Perusahaan tidak ditemukan.' });
    }
    expect((await injectAs(t.app, inspector, { url: '/api/employers/999999' })).statusCode).toBe(404);
  });
});
