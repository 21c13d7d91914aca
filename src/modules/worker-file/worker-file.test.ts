import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { enrol } from '../../../test/funding.js';
import type { PersonAudit, WorkerFile } from './schemas.js';

const t = useTestApp();
let kab: Session;
let bpjs: Session;
let desa: Session;
let auditor: Session;
let inspector: Session;

beforeAll(async () => {
  kab = await login(t.app, 'kab.sukabumi');
  bpjs = await login(t.app, 'bpjs.sukabumi');
  desa = await login(t.app, 'desa.balingbing');
  auditor = await login(t.app, 'auditor');
  inspector = await login(t.app, 'disnaker.sukabumi');
});

describe('the worker page: one person, every enrolment, the cover and the payments, the trail', () => {
  let personId: number;
  let enrolmentId: number;
  let programId: number;

  it('shows every enrolment with its dated history, programme and each billed month with the payment that paid it', async () => {
    const p = await injectAs(t.app, kab, {
      method: 'POST',
      url: '/api/funding-programs',
      payload: { name: 'APBD Uji Halaman Pekerja', payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2025, budget: 100_000_000, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'] },
    });
    expect(p.statusCode, p.body).toBe(201);
    programId = p.json().id;
    enrolmentId = await enrol(t.db, programId, { segment: 'BPU', programs: ['JKK', 'JKM'], status: 'submitted' });
    personId = (await t.db.selectFrom('enrolment').select('person_id').where('id', '=', enrolmentId).executeTakeFirstOrThrow()).person_id;
    // an older, ended enrolment of the same person
    await t.db.insertInto('enrolment').values({ person_id: personId, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK'], funding_source: 'mandiri', status: 'ended', start_date: '2024-01-01', end_date: '2024-06-30', village_code: '32.02.01.2002' }).execute();
    for (const month of ['2025-01', '2025-02']) expect((await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${programId}/billing-runs`, payload: { month } })).statusCode).toBe(201);
    const paid = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/funding-programs/${programId}/payments`, payload: { paidOn: '2025-02-10', amount: 16_800, month: '2025-01', reference: 'TRX-HAL-01' } });
    expect(paid.statusCode, paid.body).toBe(201);
    // the KPJ through the existing status move
    const kpj = await injectAs(t.app, bpjs, { method: 'POST', url: `/api/enrolments/${enrolmentId}/status`, payload: { to: 'registered', kpj: '12345678901' } });
    expect(kpj.statusCode, kpj.body).toBe(200);

    const res = await injectAs(t.app, kab, { url: `/api/workers/${personId}` });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as WorkerFile;
    expect(f.nik).toMatch(/^•{12}\d{4}$/);
    expect(f.birthDate).toBe('1990-05-15');
    expect(f.enrolments.map((e) => e.status)).toEqual(['registered', 'ended']);
    const e = f.enrolments[0]!;
    expect(e).toMatchObject({ id: enrolmentId, kpj: '12345678901', fundingProgram: { id: programId, name: 'APBD Uji Halaman Pekerja', regionCode: '32.02' } });
    expect(e.history.map((h) => [h.status, h.changedBy])).toEqual([['registered', 'bpjs.sukabumi']]);
    expect(e.months.map((m) => [m.month, m.amount, m.paidOn, m.paymentReference])).toEqual([
      ['2025-01', 16_800, '2025-02-10', 'TRX-HAL-01'],
      ['2025-02', 16_800, null, null],
    ]);
    expect(e.arrears).toBe(16_800); // February was due on 16 March 2025 (15th a Saturday), long past
    expect(f.enrolments[1]!.months).toEqual([]);
  });

  it('hides the birth date and sex from roles without worker:nik, and 404s outside the region', async () => {
    const f = (await injectAs(t.app, inspector, { url: `/api/workers/${personId}` })).json() as WorkerFile;
    expect([f.birthDate, f.sex]).toEqual([null, null]);
    expect(f.enrolments).toHaveLength(2);
    expect((await injectAs(t.app, desa, { url: `/api/workers/${personId}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, desa, { url: `/api/workers/${personId}/audit` })).statusCode).toBe(404);
  });

  it("lists the person's trail newest first (the person and their enrolments), masked per role, keyset-paged", async () => {
    expect((await injectAs(t.app, kab, { url: `/api/workers/${personId}/nik` })).statusCode).toBe(200);
    const all = (await injectAs(t.app, kab, { url: `/api/workers/${personId}/audit` })).json() as PersonAudit;
    expect(all.items.map((i) => [i.action, i.entityType])).toEqual([
      ['view_nik', 'worker'],
      ['status', 'enrolment'],
    ]);
    // the status row's before/after hold the enrolment; a NIK written in an older payload is masked for the inspector
    await t.db.insertInto('audit_log').values({ actor_id: null, actor_username: 'lama', action: 'update', entity_type: 'worker', entity_id: String(personId), region_code: '32.02.01.2002', before: JSON.stringify({ nik: '3202011505900001', birth_date: '1990-05-15' }), after: null }).execute();
    const seen = (await injectAs(t.app, inspector, { url: `/api/workers/${personId}/audit?limit=1` })).json() as PersonAudit;
    expect(seen.items[0]!.before).toEqual({ nik: '••••••••••••0001' });
    const op = (await injectAs(t.app, kab, { url: `/api/workers/${personId}/audit?limit=1` })).json() as PersonAudit;
    expect(op.items[0]!.before).toEqual({ nik: '3202011505900001', birth_date: '1990-05-15' });
    const next = (await injectAs(t.app, inspector, { url: `/api/workers/${personId}/audit?limit=2&beforeId=${seen.nextBeforeId}` })).json() as PersonAudit;
    expect(next.items.map((i) => i.action)).toEqual(['view_nik', 'status']);
    // the auditor reads the same trail (national scope)
    expect(((await injectAs(t.app, auditor, { url: `/api/workers/${personId}/audit` })).json() as PersonAudit).items).toHaveLength(3);
  });
});
