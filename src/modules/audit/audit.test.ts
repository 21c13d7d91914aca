import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { recordAudit } from '../../db/tx.js';

const t = useTestApp();

describe('audit viewer filters', () => {
  it('filters by actor, action, region and WIB day, newest first, keyset-paged', async () => {
    const entry = (action: string, region: string, id: string) => ({ action, entityType: 'worker', entityId: id, regionCode: region, before: { a: 1 }, after: { a: 2 } });
    await recordAudit(t.db, { id: null, username: 'uji.audit' }, [entry('view_nik', '32.02.01.2002', 'a1'), entry('export', '32.02.01.2002', 'a2'), entry('view_nik', '32.13.01.2001', 'a3')]);
    // 06:30 WIB on 2 June 2025 is still 1 June in UTC: it belongs to 2 June
    await t.db
      .insertInto('audit_log')
      .values({ at: new Date('2025-06-01T23:30:00Z'), actor_id: null, actor_username: 'uji.audit', action: 'view_nik', entity_type: 'worker', entity_id: 'a4', region_code: '32.02.02.2001', before: null, after: null })
      .execute();
    const auditor = await login(t.app, 'auditor');
    const get = async (q: string) => {
      const res = await injectAs(t.app, auditor, { url: `/api/audit?actor=uji.audit&${q}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { entityId: string; before: unknown; after: unknown }[]; nextBeforeId: string | null };
    };
    expect((await get('')).items.map((e) => e.entityId)).toEqual(['a4', 'a3', 'a2', 'a1']);
    expect((await get('action=view_nik')).items.map((e) => e.entityId)).toEqual(['a4', 'a3', 'a1']);
    expect((await get('region=32.02.01')).items.map((e) => e.entityId)).toEqual(['a2', 'a1']);
    expect((await get('from=2025-06-02&to=2025-06-02')).items.map((e) => e.entityId)).toEqual(['a4']);
    expect((await get('to=2025-06-01')).items).toEqual([]);
    const first = await get('limit=2');
    expect(first.items.map((e) => e.entityId)).toEqual(['a4', 'a3']);
    expect(first.items[1]).toMatchObject({ before: { a: 1 }, after: { a: 2 } });
    const second = await get(`limit=2&beforeId=${first.nextBeforeId}`);
    expect(second.items.map((e) => e.entityId)).toEqual(['a2', 'a1']);
    expect(first.nextBeforeId).not.toBeNull();
    // with a date range the order is by time, and beforeId continues in that order
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const d1 = await get(`from=2025-01-01&to=${today}&limit=3`);
    expect(d1.items.map((e) => e.entityId)).toEqual(['a3', 'a2', 'a1']);
    const d2 = await get(`from=2025-01-01&to=${today}&limit=3&beforeId=${d1.nextBeforeId}`);
    expect(d2.items.map((e) => e.entityId)).toEqual(['a4']);
    // a region outside the caller's is refused
    const kabAuditor = await login(t.app, 'kab.sukabumi');
    expect((await injectAs(t.app, kabAuditor, { url: '/api/audit?region=32.13' })).statusCode).toBe(403);
  });
});

describe('audit viewer export', () => {
  it('exports the filtered rows as .xlsx, labelled, masked for the auditor, bounded, and audits the export', async () => {
    const ExcelJS = (await import('exceljs')).default;
    await recordAudit(t.db, { id: null, username: 'uji.ekspor' }, [
      { action: 'update', entityType: 'worker', entityId: 'x1', regionCode: '32.02.01.2002', before: { nik: '3202011505900001', birth_date: '1990-05-15', name: 'A' }, after: { name: 'B' } },
      { action: 'view_nik', entityType: 'worker', entityId: 'x2', regionCode: '32.13.01.2001', before: null, after: null },
    ]);
    const auditor = await login(t.app, 'auditor');
    const res = await injectAs(t.app, auditor, { url: '/api/audit.xlsx?actor=uji.ekspor' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('jejak-audit-ID.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('Jejak Audit')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(String(rows[0]![0])).toContain('pengguna uji.ekspor');
    expect(rows[2]).toEqual(['No', 'Waktu (WIB)', 'Pengguna', 'Tindakan', 'Jenis Data', 'ID Data', 'Kode Wilayah', 'Sebelum', 'Sesudah']);
    const body = rows.slice(3); // eachRow skips the empty third row
    expect(body.map((r) => [r[3], r[4], r[5]])).toEqual([
      ['Melihat NIK lengkap', 'Pekerja', 'x2'],
      ['Mengubah', 'Pekerja', 'x1'],
    ]);
    expect(String(body[0]![1])).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} WIB$/);
    // the auditor has no worker:nik: the NIK masked, the birth date left out
    expect(JSON.parse(String(body[1]![7]))).toEqual({ nik: '••••••••••••0001', name: 'A' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_type', 'after']).where('actor_username', '=', 'auditor').where('entity_type', '=', 'audit_log').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'export', after: { rows: 2, truncated: false, filter: { actor: 'uji.ekspor' } } });
    // a region filter inside the caller's own
    const kab = await login(t.app, 'nasional');
    const only = await injectAs(t.app, kab, { url: '/api/audit.xlsx?actor=uji.ekspor&region=32.13' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(only.rawPayload as never);
    expect(wb2.getWorksheet('Jejak Audit')!.rowCount).toBe(5);
  });
});
