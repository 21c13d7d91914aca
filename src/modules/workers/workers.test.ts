import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';

const t = useTestApp();

const asep = {
  nik: '3202011505900001',
  name: 'Asep Supriatna',
  birthDate: '1990-05-15',
  sex: 'L',
  villageCode: '32.02.01.2002',
  address: 'Kp. Cimanggu RT 01/02',
  phone: '081234567890',
  occupation: 'Petani',
  enrolment: { segment: 'BPU', group: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], declaredIncome: 1000000, fundingSource: 'APBD Kab. Sukabumi 2025' },
};

describe('single entry', () => {
  it('registers a worker with a first enrolment; the answer masks the NIK', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const res = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: asep });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ nik: '••••••••••••0001', nikMasked: true, name: 'Asep Supriatna', segment: 'BPU', status: 'submitted', programs: ['JKK', 'JKM'], warnings: [] });
    // The first status is the enrolment row itself; the history holds later changes.
    const enrolment = await t.db.selectFrom('enrolment').selectAll().executeTakeFirstOrThrow();
    expect(enrolment).toMatchObject({ status: 'submitted', programs: ['JKK', 'JKM'] });
    expect(await t.db.selectFrom('enrolment_status_history').selectAll().execute()).toHaveLength(0);
    // The database itself refuses a second open enrolment holding one of the same programmes …
    const second = { ...enrolment, id: undefined, programs: ['JKM', 'JHT'], created_at: undefined, updated_at: undefined };
    await expect(t.db.insertInto('enrolment').values({ ...second, id: undefined } as never).execute()).rejects.toThrow(/enrolment_open_jkm/);
    // … and accepts it once the first is closed.
    await t.db.updateTable('enrolment').set({ status: 'ended' }).where('id', '=', enrolment.id).execute();
    await t.db.insertInto('enrolment').values(second as never).execute();
  });

  it('answers every broken field at once, each with its own code', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const res = await injectAs(t.app, s, {
      method: 'POST',
      url: '/api/workers',
      payload: { ...asep, nik: '3202013505900000', birthDate: '1990-05-15', enrolment: { ...asep.enrolment, segment: 'PU', programs: ['JKM'] } },
    });
    expect(res.statusCode).toBe(422);
    const issues = res.json().error.issues as { field: string; code: string }[];
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'body.nik:NIK_BIRTH_DATE_INVALID',
      'body.nik:NIK_SERIAL_ZERO',
      'body.enrolment.segment:SEGMENT_GROUP_MISMATCH',
      'body.enrolment.programs:PROGRAMS_JKK_JKM_REQUIRED',
    ]);
  });

  it('checks birth date and sex against the NIK, and warns on an unknown NIK district', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const mismatch = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3202015505900002', sex: 'L' } });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.issues).toEqual([expect.objectContaining({ field: 'body.sex', code: 'NIK_SEX_MISMATCH' })]);
    const moved = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3299991505900003', enrolment: undefined } });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json().warnings).toEqual([expect.objectContaining({ field: 'body.nik', code: 'NIK_DISTRICT_UNKNOWN' })]);
  });

  it('refuses a domicile outside the caller’s region with 403 and a duplicate NIK with 409', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const outside = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3213281505900004', villageCode: '32.13.28.2007' } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('FORBIDDEN_REGION');
    const dup = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: asep });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('PERSON_EXISTS');
  });
});

describe('search and lists', () => {
  it('finds by exact NIK, by a misspelt name, and filters by segment and status', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const byNik = (await injectAs(t.app, s, { url: '/api/workers?nik=3202011505900001' })).json();
    expect(byNik.total).toBe(1);
    const typo = (await injectAs(t.app, s, { url: '/api/workers?q=asep%20suprianta' })).json();
    expect(typo.items.map((w: { name: string }) => w.name)).toContain('Asep Supriatna');
    const bpu = (await injectAs(t.app, s, { url: '/api/workers?segment=BPU&status=submitted' })).json();
    expect(bpu.items.every((w: { segment: string }) => w.segment === 'BPU')).toBe(true);
    expect(bpu.total).toBe(1);
    const none = (await injectAs(t.app, s, { url: '/api/workers?segment=PMI' })).json();
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('keeps lists inside the caller’s region', async () => {
    const subang = await login(t.app, 'kab.subang');
    expect((await injectAs(t.app, subang, { url: '/api/workers' })).json().total).toBe(0);
    const res = await injectAs(t.app, subang, { url: '/api/workers?region=32.02' });
    expect(res.statusCode).toBe(403);
    const national = await login(t.app, 'nasional');
    expect((await injectAs(t.app, national, { url: '/api/workers?region=32' })).json().total).toBe(2);
  });

  it('reveals a full NIK only to roles that need it, and audits each look', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const [w] = (await injectAs(t.app, s, { url: '/api/workers?nik=3202011505900001' })).json().items;
    const res = await injectAs(t.app, s, { url: `/api/workers/${w.id}/nik` });
    expect(res.json()).toEqual({ id: w.id, nik: '3202011505900001' });
    const monitor = await login(t.app, 'nasional');
    expect((await injectAs(t.app, monitor, { url: `/api/workers/${w.id}/nik` })).statusCode).toBe(403);
    const subang = await login(t.app, 'kab.subang');
    expect((await injectAs(t.app, subang, { url: `/api/workers/${w.id}/nik` })).statusCode).toBe(404);
    const auditor = await login(t.app, 'auditor');
    const trail = (await injectAs(t.app, auditor, { url: `/api/audit?entityType=worker&entityId=${w.id}` })).json().items;
    expect(trail.filter((e: { action: string }) => e.action === 'view_nik')).toEqual([expect.objectContaining({ actor: 'kab.sukabumi' })]);
  });

  it('exports the list to a real .xlsx, masked for monitors and whole for operators', async () => {
    const read = async (username: string) => {
      const s = await login(t.app, username);
      const res = await injectAs(t.app, s, { url: '/api/workers/export.xlsx?region=32.02' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Pekerja')!;
      return ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    };
    const op = await read('kab.sukabumi');
    expect(op[0]).toEqual(expect.arrayContaining(['NIK', 'Nama', 'Tanggal Lahir']));
    expect(op).toHaveLength(3);
    expect(op.map((r) => r[0])).toContain('3202011505900001');
    const mon = await read('nasional');
    expect(mon.map((r) => r[0])).toContain('••••••••••••0001');
    expect(mon.map((r) => r[0])).not.toContain('3202011505900001');
  });
});

describe('by-id routes outside the caller’s region', () => {
  it('answer 404 for another region’s worker and enrolment, unknown ids alike', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const created = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3202011505900034' } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, enrolmentId } = created.json();
    const subang = await login(t.app, 'kab.subang');
    for (const [req, name] of [
      [{ url: `/api/workers/${id}/nik` }, 'Pekerja tidak ditemukan.'],
      [{ method: 'POST' as const, url: `/api/enrolments/${enrolmentId}/status`, payload: { to: 'ended' } }, 'Kepesertaan tidak ditemukan.'],
      [{ url: '/api/workers/999999/nik' }, 'Pekerja tidak ditemukan.'],
    ] as const) {
      const res = await injectAs(t.app, subang, req);
      expect(res.statusCode, req.url).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: name });
    }
    const e = await t.db.selectFrom('enrolment').select('status').where('id', '=', enrolmentId).executeTakeFirstOrThrow();
    expect(e.status).toBe('submitted');
  });
});

describe('enrolment status: submitted → registered (KPJ) → active → ended', () => {
  it('moves along the allowed steps with KPJ, dated history and audit, and refuses the rest', async () => {
    const s = await login(t.app, 'bpjs.sukabumi');
    const created = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3202011505900031' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().enrolmentId as number;
    const move = (body: Record<string, unknown>, who = s) => injectAs(t.app, who, { method: 'POST', url: `/api/enrolments/${id}/status`, payload: body });

    const noKpj = await move({ to: 'registered' });
    expect(noKpj.statusCode).toBe(422);
    expect(noKpj.json().error).toMatchObject({ code: 'KPJ_REQUIRED', field: 'body.kpj' });
    expect((await move({ to: 'registered', kpj: '123' })).json().error.code).toBe('KPJ_INVALID');

    const registered = await move({ to: 'registered', kpj: '2401 2345 678', note: 'Kartu terbit' });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json()).toMatchObject({ status: 'registered', kpj: '24012345678' });

    const back = await move({ to: 'submitted' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toMatchObject({ code: 'STATUS_MOVE_NOT_ALLOWED', details: { from: 'registered', allowed: ['active', 'ended'] } });

    const active = await move({ to: 'active', date: '2025-07-01' });
    expect(active.json()).toMatchObject({ status: 'active', startDate: '2025-07-01', endDate: null });

    // Another regency does not even see it; a monitor may not change it.
    expect((await move({ to: 'ended' }, await login(t.app, 'kab.subang'))).statusCode).toBe(404);
    expect((await move({ to: 'ended' }, await login(t.app, 'nasional'))).statusCode).toBe(403);

    const ended = await move({ to: 'ended', date: '2025-12-31', note: 'Kontrak selesai' });
    expect(ended.json()).toMatchObject({ status: 'ended', endDate: '2025-12-31' });

    const history = await t.db.selectFrom('enrolment_status_history').select(['status', 'changed_by', 'reason']).where('enrolment_id', '=', id).orderBy('id').execute();
    expect(history).toEqual([
      { status: 'registered', changed_by: 'bpjs.sukabumi', reason: 'Kartu terbit' },
      { status: 'active', changed_by: 'bpjs.sukabumi', reason: null },
      { status: 'ended', changed_by: 'bpjs.sukabumi', reason: 'Kontrak selesai' },
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'enrolment').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => [(a.before as { status: string }).status, (a.after as { status: string }).status])).toEqual([
      ['submitted', 'registered'],
      ['registered', 'active'],
      ['active', 'ended'],
    ]);
  });

  it('refuses a KPJ that belongs to someone else', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const a = (await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3202011505900032' } })).json();
    const b = (await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: { ...asep, nik: '3202011505900033' } })).json();
    expect((await injectAs(t.app, s, { method: 'POST', url: `/api/enrolments/${a.enrolmentId}/status`, payload: { to: 'registered', kpj: '24099999999' } })).statusCode).toBe(200);
    const taken = await injectAs(t.app, s, { method: 'POST', url: `/api/enrolments/${b.enrolmentId}/status`, payload: { to: 'registered', kpj: '24099999999' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('KPJ_TAKEN');
  });
});
