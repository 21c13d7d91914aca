import type { PayerType } from '../../../domain/funding.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';

const t = useTestApp();
let kab: Session;
let desa: Session;
let prov: Session;
let bpjs: Session;

const apbd = {
  name: 'Perlindungan Pekerja Rentan Kab. Sukabumi 2025',
  payerType: 'APBD_KABKOTA',
  regionCode: '32.02',
  fiscalYear: 2025,
  budget: 16_800 * 12 * 3,
  quota: 3,
  segment: 'BPU',
  programs: ['JKK', 'JKM'],
  legalKind: 'Perbup',
  legalNumber: '12 Tahun 2025',
  legalDate: '2025-01-10',
};
let nikSeq = 0;
const worker = (villageCode: string, enrolment: Record<string, unknown>) => ({
  nik: `3202015505900${String(++nikSeq).padStart(3, '0')}`,
  name: 'Siti Rentan',
  birthDate: '1990-05-15',
  sex: 'P',
  villageCode,
  address: 'Kp. Uji',
  enrolment: { segment: 'BPU', group: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], ...enrolment },
});

beforeAll(async () => {
  kab = await login(t.app, 'kab.sukabumi');
  desa = await login(t.app, 'desa.balingbing');
  prov = await login(t.app, 'prov.bengkulu');
  bpjs = await login(t.app, 'bpjs.sukabumi');
});

describe('funding programmes', () => {
  let id: number;
  it('a regency sets up an APBD programme (audited); the monthly cost comes from the engine', async () => {
    const res = await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: apbd });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ payerType: 'APBD_KABKOTA', regionCode: '32.02', monthlyCost: 16_800, basisIncome: 1_000_000, document: null });
    id = res.json().id;
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'funding_program').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });
  it('the payer type must fit the owner region level; Dana Desa only for a desa', async () => {
    const bad = await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: { ...apbd, payerType: 'APBD_PROVINSI' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('PAYER_REGION_MISMATCH');
    const dd = await injectAs(t.app, desa, { method: 'POST', url: '/api/funding-programs', payload: { ...apbd, name: 'Dana Desa Balingbing', payerType: 'DANA_DESA', regionCode: '32.13.28.2007' } });
    expect(dd.statusCode, dd.body).toBe(201);
    const jp = await injectAs(t.app, kab, { method: 'POST', url: '/api/funding-programs', payload: { ...apbd, programs: ['JKK', 'JKM', 'JP'] } });
    expect(jp.statusCode).toBe(422);
  });
  it('lists programmes for a region: own subtree plus the payers above it, nothing beside it', async () => {
    await injectAs(t.app, prov, { method: 'POST', url: '/api/funding-programs', payload: { ...apbd, name: 'APBD Provinsi Bengkulu 2025', payerType: 'APBD_PROVINSI', regionCode: '17', quota: 39_487, budget: 39_487 * 16_800 * 12 } });
    const kabList = (await injectAs(t.app, kab, { url: '/api/funding-programs' })).json().items as { regionCode: string }[];
    expect(kabList.map((p) => p.regionCode)).toEqual(['32.02']);
    const desaList = (await injectAs(t.app, desa, { url: '/api/funding-programs' })).json().items as { regionCode: string }[];
    expect(desaList.map((p) => p.regionCode)).toEqual(['32.13.28.2007']);
    const forVillage = (await injectAs(t.app, kab, { url: '/api/funding-programs?region=32.02.01.2002' })).json().items as { regionCode: string }[];
    expect(forVillage.map((p) => p.regionCode)).toEqual(['32.02']);
    expect((await injectAs(t.app, kab, { url: '/api/funding-programs?region=17' })).statusCode).toBe(403);
  });
  it('PATCH changes budget and quota (audited); another region reads it as absent', async () => {
    const res = await injectAs(t.app, kab, { method: 'PATCH', url: `/api/funding-programs/${id}`, payload: { quota: 4, budget: 16_800 * 12 * 4 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ quota: 4 });
    expect((await injectAs(t.app, prov, { method: 'PATCH', url: `/api/funding-programs/${id}`, payload: { quota: 1 } })).statusCode).toBe(404);
    expect((await injectAs(t.app, prov, { url: `/api/funding-programs/${id}` })).statusCode).toBe(404);
  });
  it('legal-basis document: PDF accepted by content, anything else refused', async () => {
    const form = (name: string, bytes: Buffer) => {
      const f = new FormData();
      f.append('file', new Blob([new Uint8Array(bytes)]), name);
      return f;
    };
    const pdf = Buffer.from('%PDF-1.4\n% perbup\n');
    const ok = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${id}/document`, payload: form('perbup-12-2025.pdf', pdf) as never });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().document).toMatchObject({ name: 'perbup-12-2025.pdf', type: 'application/pdf', size: pdf.length });
    const fake = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${id}/document`, payload: form('virus.pdf', Buffer.from('MZ not a pdf')) as never });
    expect(fake.statusCode).toBe(422);
    expect(fake.json().error.code).toBe('DOCUMENT_TYPE');
    const exe = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${id}/document`, payload: form('x.exe', pdf) as never });
    expect(exe.statusCode).toBe(422);
    const big = await injectAs(t.app, kab, { method: 'POST', url: `/api/funding-programs/${id}/document`, payload: form('big.pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)])) as never });
    expect(big.statusCode).toBe(413);
    const dl = await injectAs(t.app, desa, { url: `/api/funding-programs/${id}/document` });
    expect(dl.statusCode).toBe(404); // Balingbing is in Subang, not under Kab. Sukabumi
    const own = await injectAs(t.app, bpjs, { url: `/api/funding-programs/${id}/document` });
    expect(own.statusCode).toBe(200);
    expect(own.body.startsWith('%PDF-')).toBe(true);
  });

  it('single entry references the programme; quota is refused unless a permitted role confirms', async () => {
    const enrol = (s: Session, extra: Record<string, unknown> = {}) =>
      injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: worker('32.02.01.2002', { fundingProgramId: id, ...extra }) });
    for (let i = 0; i < 4; i++) {
      const res = await enrol(i % 2 ? bpjs : kab);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ fundingProgramId: id, fundingSource: apbd.name });
    }
    const over = await enrol(bpjs);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'FUNDING_CAPACITY_EXCEEDED', details: { overQuota: true, canConfirm: false } });
    expect(over.json().error.message).toMatch(/kuota 4 pekerja terlampaui/);
    expect((await enrol(bpjs, { confirmOverCapacity: true })).statusCode).toBe(409);
    const confirmed = await enrol(kab, { confirmOverCapacity: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });
  it('refuses a programme that does not pay for the village or the segment', async () => {
    const dd = (await injectAs(t.app, desa, { url: '/api/funding-programs' })).json().items[0].id;
    const res = await injectAs(t.app, kab, { method: 'POST', url: '/api/workers', payload: worker('32.02.01.2002', { fundingProgramId: dd }) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FUNDING_PROGRAM_NOT_FOR_REGION');
    const pu = await injectAs(t.app, kab, { method: 'POST', url: '/api/workers', payload: worker('32.02.01.2002', { fundingProgramId: id, segment: 'PU', group: 'NON_ASN' }) });
    expect(pu.json().error.code).toBe('FUNDING_PROGRAM_SEGMENT');
  });
});

describe('by-id routes of funding programmes', () => {
  const byId = (id: number) => [
    { method: 'GET' as const, url: `/api/funding-programs/${id}` },
    { method: 'PATCH' as const, url: `/api/funding-programs/${id}`, payload: { quota: 1 } },
    { method: 'POST' as const, url: `/api/funding-programs/${id}/document` },
    { method: 'GET' as const, url: `/api/funding-programs/${id}/document` },
    { method: 'POST' as const, url: `/api/funding-programs/${id}/billing-runs`, payload: { month: '2025-06' } },
    { method: 'GET' as const, url: `/api/funding-programs/${id}/bills` },
    { method: 'POST' as const, url: `/api/funding-programs/${id}/payments`, payload: { amount: 16_800, paidOn: '2025-06-20' } },
    { method: 'GET' as const, url: `/api/funding-programs/${id}/payments` },
    { method: 'GET' as const, url: `/api/funding-programs/${id}/budget` },
  ];
  const program = async (regionCode: string, payer_type: PayerType) =>
    (await t.db
      .insertInto('funding_program')
      .values({ name: `Program ${regionCode}`, payer_type, region_code: regionCode, fiscal_year: 2025, budget: 1_000_000, quota: 10, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'uji' })
      .returning('id')
      .executeTakeFirstOrThrow()).id;

  it('another region’s programme, or none, answers 404 naming the programme on every by-id route', async () => {
    const sukabumi = await program('32.02', 'APBD_KABKOTA');
    for (const id of [sukabumi, 999_999]) {
      for (const req of byId(id)) {
        const res = await injectAs(t.app, desa, req);
        expect(res.statusCode, `${req.method} ${req.url}: ${res.body}`).toBe(404);
        expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Program pendanaan tidak ditemukan.' });
      }
    }
  });
  it('a programme of a region above one’s own is readable, and writing to it answers 403 FORBIDDEN_REGION', async () => {
    const subang = await program('32.13', 'APBD_KABKOTA');
    for (const req of byId(subang)) {
      const res = await injectAs(t.app, desa, req);
      if (req.method === 'GET' && !req.url.endsWith('/document')) expect(res.statusCode, `${req.method} ${req.url}: ${res.body}`).toBe(200);
      else if (req.method === 'GET') expect(res.json().error.message).toBe('Dokumen tidak ditemukan.'); // readable, but it has none
      else {
        expect(res.statusCode, `${req.method} ${req.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN_REGION');
      }
    }
  });
});
