import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { importRoutes, workbook } from '../../../test/imports.js';
import { addDays, todayWib } from '../../domain/wib.js';

/**
 * Claims end to end over HTTP, on PGlite and PostgreSQL alike: eligibility from the month-by-month cover,
 * the estimate, the registry consequences of a death in the same transaction, the workflow, the
 * checklist files, the hand-over, heirs' data masked and audited, scope, and the impact figures.
 */
const t = useTestApp();
let desa: Session;
let subang: Session;
let sukabumi: Session;
let programId: number;

const VILLAGE = '32.13.28.2007';
const today = todayWib();
const year = Number(today.slice(0, 4));
const PDF = Buffer.from('%PDF-1.4\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

let serial = 100;
/** A person in a village with, optionally, one enrolment (written straight to the tables: claims only read them). */
async function person(village: string, e?: { status?: 'active' | 'submitted' | 'lapsed'; start?: string; programId?: number; income?: number; group?: 'PERANGKAT_DESA' | 'PEKERJA_RENTAN' }) {
  const prefix = village.replace(/\./g, '').slice(0, 6);
  const p = await t.db
    .insertInto('person')
    .values({ nik: `${prefix}150590${String(++serial).padStart(4, '0')}`, name: `Warga Uji ${serial}`, birth_date: '1990-05-15', sex: 'L', village_code: village, address: '' })
    .returning(['id', 'nik'])
    .executeTakeFirstOrThrow();
  if (!e) return { personId: p.id, nik: p.nik, enrolmentId: null as number | null };
  const row = await t.db
    .insertInto('enrolment')
    .values({
      person_id: p.id,
      segment: 'BPU',
      group_code: e.group ?? 'PERANGKAT_DESA',
      programs: ['JKK', 'JKM'],
      declared_income: e.income ?? null,
      funding_source: 'Dana Desa Balingbing',
      funding_program_id: e.programId ?? null,
      status: e.status ?? 'active',
      start_date: e.start ?? `${year - 4}-01-01`,
      village_code: village,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personId: p.id, nik: p.nik, enrolmentId: row.id as number | null };
}

const month = (offset: number) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};

function upload(s: Session, claimId: number, item: string, data = PDF, filename = 'berkas.pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return injectAs(t.app, s, { method: 'POST', url: `/api/claims/${claimId}/documents/${item}`, payload: form as never });
}

beforeAll(async () => {
  desa = await login(t.app, 'desa.balingbing');
  subang = await login(t.app, 'kab.subang');
  sukabumi = await login(t.app, 'kab.sukabumi');
  const res = await injectAs(t.app, desa, {
    method: 'POST',
    url: '/api/funding-programs',
    payload: { name: 'Dana Desa Balingbing — perangkat desa', payerType: 'DANA_DESA', regionCode: VILLAGE, fiscalYear: year, budget: 100_000_000, quota: 50, segment: 'BPU', programs: ['JKK', 'JKM'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  programId = res.json().id;
});

describe('recording a death of a covered village official', () => {
  let claimId: number;
  let official: Awaited<ReturnType<typeof person>>;

  it('is eligible on the incident date, estimated by the benefit engine, and ends the enrolment in the same transaction', async () => {
    official = await person(VILLAGE, { programId, start: `${month(-2)}-01` });
    // the two months before the incident are billed and paid
    for (const m of [month(-2), month(-1)]) {
      const bill = await injectAs(t.app, desa, { method: 'POST', url: `/api/funding-programs/${programId}/billing-runs`, payload: { month: m } });
      expect(bill.statusCode, bill.body).toBe(201);
      const pay = await injectAs(t.app, desa, { method: 'POST', url: `/api/funding-programs/${programId}/payments`, payload: { amount: bill.json().amount, paidOn: `${m}-20`, month: m } });
      expect(pay.statusCode, pay.body).toBe(201);
    }
    const incident = addDays(`${month(0)}-01`, -3);
    const preview = await injectAs(t.app, desa, { url: `/api/claims/eligibility?personId=${official.personId}&type=JKK_DEATH&incidentDate=${incident}` });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ eligible: true, coveringEnrolmentId: official.enrolmentId, contributionMonths: 2, estimate: { total: 70_000_000 } });

    const res = await injectAs(t.app, desa, {
      method: 'POST',
      url: '/api/claims',
      payload: {
        personId: official.personId,
        type: 'JKK_DEATH',
        incidentDate: incident,
        description: 'Tertimpa pohon saat memperbaiki saluran irigasi desa',
        incidentPlace: 'Saluran irigasi Dusun II',
        reportedOn: addDays(incident, 1),
        heirs: [{ name: 'Siti Aminah', relation: 'istri', nik: '3213285505920003', phone: '081234567890', bankAccount: '1234567890' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    claimId = c.id;
    expect(c).toMatchObject({ step: 'reported', eligible: true, reason: null, coveringEnrolmentId: official.enrolmentId, lateReport: false, allowedNext: ['documents_complete', 'closed'] });
    expect(c.estimate.total).toBe(70_000_000);
    expect(c.estimate.parts.map((p: { name: string; amount: number }) => [p.name, p.amount])).toEqual([
      ['DEATH_COMPENSATION', 48_000_000],
      ['FUNERAL', 10_000_000],
      ['PERIODIC', 12_000_000],
      ['SCHOLARSHIP', 174_000_000],
    ]);
    expect(c.estimate.parts.every((p: { basis: string }) => p.basis.includes('PP 82/2019'))).toBe(true);
    // heirs' personal data masked in the case
    expect(c.heirs).toEqual([{ id: expect.any(Number), name: 'Siti Aminah', relation: 'istri', nik: '••••••••••••0003', phone: '••••••••7890', bankAccount: '••••••7890', masked: true }]);
    expect(c.missingDocuments).toContain('DEATH_CERTIFICATE');

    // registry consequences, in the same transaction as the case, audited
    const e = await t.db.selectFrom('enrolment').select(['status', 'end_date']).where('id', '=', official.enrolmentId!).executeTakeFirstOrThrow();
    expect(e).toEqual({ status: 'ended', end_date: incident });
    const h = await t.db.selectFrom('enrolment_status_history').select(['status', 'reason']).where('enrolment_id', '=', official.enrolmentId!).execute();
    expect(h).toEqual([{ status: 'ended', reason: 'death' }]);
    expect((await t.db.selectFrom('person').select('died_on').where('id', '=', official.personId).executeTakeFirstOrThrow()).died_on).toBe(incident);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_type', 'after']).where('actor_username', '=', 'desa.balingbing').where('action', 'in', ['create_claim', 'status', 'record_death']).orderBy('id').execute();
    expect(audit.map((a) => `${a.action}:${a.entity_type}`)).toEqual(['create_claim:claim', 'status:enrolment', 'record_death:worker']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('3213285505920003');
    expect(JSON.stringify(audit[0]!.after)).not.toContain('081234567890');
  });

  it('billing stops: the next bill no longer has the person; no re-enrolment; no second death case', async () => {
    const bill = await injectAs(t.app, desa, { method: 'POST', url: `/api/funding-programs/${programId}/billing-runs`, payload: { month: month(0) } });
    expect(bill.statusCode, bill.body).toBe(201);
    const lines = await t.db.selectFrom('bill_line').select('enrolment_id').where('bill_id', '=', bill.json().id).execute();
    expect(lines.map((l) => l.enrolment_id)).not.toContain(official.enrolmentId);
    await expect(
      t.db
        .insertInto('enrolment')
        .values({ person_id: official.personId, segment: 'BPU', group_code: 'PERANGKAT_DESA', programs: ['JKK', 'JKM'], funding_source: 'x', village_code: VILLAGE })
        .execute(),
    ).rejects.toThrow(/deceased/);
    // the worker import refuses the row with the reason (before the database trigger would)
    const imports = importRoutes(t, '/api/imports');
    const headers = ['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin (L/P)', 'Kode Desa', 'Alamat', 'No HP', 'Pekerjaan', 'Segmen', 'Kelompok', 'Program', 'Penghasilan (Rp)', 'Sumber Dana'];
    const job = await imports.upload(desa, await workbook(headers, [[official.nik, 'Warga Uji', '15/05/1990', 'L', VILLAGE, 'Jl. Uji', '', 'Kaur', 'BPU', 'Perangkat Desa', 'JKK,JKM', '1.000.000', '']]), 'ulang.xlsx');
    const view = await imports.waitFor(desa, job, ['validated', 'failed']);
    expect(view.counts, JSON.stringify(view)).toMatchObject({ total: 1, valid: 0, rejected: 1, rejectedByReason: { PERSON_DECEASED: 1 } });
    const again = await injectAs(t.app, desa, { method: 'POST', url: '/api/claims', payload: { personId: official.personId, type: 'JKM', incidentDate: addDays(today, -1), description: '' } });
    expect(again.statusCode).toBe(422);
    const same = await injectAs(t.app, desa, { method: 'POST', url: '/api/claims', payload: { personId: official.personId, type: 'JKM', incidentDate: (await t.db.selectFrom('person').select('died_on').where('id', '=', official.personId).executeTakeFirstOrThrow()).died_on, description: '' } });
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toMatchObject({ code: 'DEATH_ALREADY_RECORDED', details: { claimId } });
  });

  it('the workflow: 409 with the allowed steps, the checklist by content, paid with the amount, hand-over', async () => {
    const skip = await injectAs(t.app, desa, { method: 'POST', url: `/api/claims/${claimId}/transitions`, payload: { to: 'paid', paidAmount: 1 } });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { allowed: ['documents_complete', 'closed'] } });
    const early = await injectAs(t.app, desa, { method: 'POST', url: `/api/claims/${claimId}/transitions`, payload: { to: 'documents_complete' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DOCUMENTS_MISSING');
    expect(early.json().error.details.missing).toContain('ACCIDENT_REPORT');

    const fake = await upload(desa, claimId, 'DEATH_CERTIFICATE', Buffer.from('MZ this is not a pdf'), 'akta.pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('DOCUMENT_TYPE');
    const unknown = await upload(desa, claimId, 'NOT_AN_ITEM');
    expect(unknown.statusCode).toBe(422);
    const view = (await injectAs(t.app, desa, { url: `/api/claims/${claimId}` })).json();
    for (const item of view.checklist.filter((i: { required: boolean }) => i.required)) {
      const up = await upload(desa, claimId, item.code, item.code === 'BANK_BOOK' ? PNG : PDF, item.code === 'BANK_BOOK' ? 'buku.png' : 'berkas.pdf');
      expect(up.statusCode, up.body).toBe(201);
    }
    const done = (await injectAs(t.app, desa, { url: `/api/claims/${claimId}` })).json();
    expect(done.missingDocuments).toEqual([]);
    const bank = done.checklist.find((i: { code: string }) => i.code === 'BANK_BOOK');
    expect(bank.document).toMatchObject({ contentType: 'image/png', filename: 'buku.png' });
    const file = await injectAs(t.app, desa, { url: `/api/claims/${claimId}/files/${bank.document.id}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 8).equals(PNG.subarray(0, 8))).toBe(true);

    for (const to of ['documents_complete', 'submitted', 'verified']) {
      const r = await injectAs(t.app, subang, { method: 'POST', url: `/api/claims/${claimId}/transitions`, payload: { to, note: `ke ${to}` } });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().step).toBe(to);
    }
    const noAmount = await injectAs(t.app, subang, { method: 'POST', url: `/api/claims/${claimId}/transitions`, payload: { to: 'paid' } });
    expect(noAmount.statusCode).toBe(422);
    expect(noAmount.json().error.field).toBe('body.paidAmount');
    const early2 = await injectAs(t.app, desa, { method: 'POST', url: `/api/claims/${claimId}/handover`, payload: { by: 'Bupati Subang', place: 'Pendopo', date: today } });
    expect(early2.statusCode).toBe(409);
    const paid = await injectAs(t.app, subang, { method: 'POST', url: `/api/claims/${claimId}/transitions`, payload: { to: 'paid', paidAmount: 70_000_000, note: 'Transfer ke rekening ahli waris' } });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ step: 'paid', paidAmount: 70_000_000, paidOn: today, allowedNext: ['closed'] });
    const handover = await injectAs(t.app, desa, { method: 'POST', url: `/api/claims/${claimId}/handover`, payload: { by: 'Bupati Subang', place: 'Pendopo Kabupaten Subang', date: today, note: 'Disaksikan camat' } });
    expect(handover.statusCode, handover.body).toBe(200);
    expect(handover.json().handover).toEqual({ by: 'Bupati Subang', on: today, place: 'Pendopo Kabupaten Subang', note: 'Disaksikan camat' });
    expect(handover.json().steps.map((s: { step: string }) => s.step)).toEqual(['reported', 'documents_complete', 'submitted', 'verified', 'paid']);
  });

  it("reveals an heir's data one at a time, audited; roles without worker:nik may not", async () => {
    const view = (await injectAs(t.app, desa, { url: `/api/claims/${claimId}` })).json();
    const heirId = view.heirs[0].id;
    const r = await injectAs(t.app, desa, { url: `/api/claims/${claimId}/heirs/${heirId}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ id: heirId, nik: '3213285505920003', phone: '081234567890', bankAccount: '1234567890' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'view_heir').execute();
    expect(audit).toEqual([{ action: 'view_heir', entity_id: String(claimId) }]);
    const auditor = await login(t.app, 'auditor');
    expect((await injectAs(t.app, auditor, { url: `/api/claims/${claimId}/heirs/${heirId}` })).statusCode).toBe(403);
    const masked = (await injectAs(t.app, auditor, { url: `/api/claims/${claimId}` })).json();
    expect(masked.personNik).toMatch(/^•+\d{4}$/);
  });

  it('the cover letter to the BPJS TK branch is a PDF', async () => {
    const r = await injectAs(t.app, desa, { url: `/api/claims/${claimId}/letter.pdf` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('uncovered incidents, eligibility rules through the stored cover, and validation', () => {
  it('an uncovered death is still recorded, with the reason and the benefit the family forwent', async () => {
    const nobody = await person(VILLAGE);
    const res = await injectAs(t.app, desa, { method: 'POST', url: '/api/claims', payload: { personId: nobody.personId, type: 'JKM', incidentDate: addDays(today, -10), description: 'Sakit' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ eligible: false, reasonCode: 'NOT_ENROLLED', coveringEnrolmentId: null, estimate: { total: 42_000_000 } });
    expect(res.json().reason).toContain('JKM');
  });

  it('lapsed after 3 unpaid billed months (the lapse rule on the stored bills)', async () => {
    const rentan = await person(VILLAGE, { programId, start: `${month(-6)}-01`, group: 'PEKERJA_RENTAN' });
    for (const m of [month(-6), month(-5), month(-4)]) {
      const bill = await injectAs(t.app, desa, { method: 'POST', url: `/api/funding-programs/${programId}/billing-runs`, payload: { month: m } });
      expect([200, 201]).toContain(bill.statusCode);
    }
    const before = await injectAs(t.app, desa, { url: `/api/claims/eligibility?personId=${rentan.personId}&type=JKK_INJURY&incidentDate=${month(-4)}-20` });
    expect(before.json()).toMatchObject({ eligible: true });
    const after = await injectAs(t.app, desa, { url: `/api/claims/eligibility?personId=${rentan.personId}&type=JKK_INJURY&incidentDate=${month(-2)}-20` });
    expect(after.json()).toMatchObject({ eligible: false, reasonCode: 'LAPSED' });
    const notYet = await injectAs(t.app, desa, { url: `/api/claims/eligibility?personId=${rentan.personId}&type=JKM&incidentDate=${month(-7)}-20` });
    expect(notYet.json()).toMatchObject({ eligible: false, reasonCode: 'NOT_STARTED' });
    const submitted = await person(VILLAGE, { status: 'submitted' });
    const never = await injectAs(t.app, desa, { url: `/api/claims/eligibility?personId=${submitted.personId}&type=JKM&incidentDate=${addDays(today, -1)}` });
    expect(never.json()).toMatchObject({ eligible: false, reasonCode: 'NOT_ACTIVE' });
  });

  it('a JKK injury reported after 2 × 24 hours is flagged; care and STMB are shown per part', async () => {
    const worker = await person(VILLAGE, { income: 1_500_000 });
    const incident = addDays(today, -20);
    const res = await injectAs(t.app, desa, {
      method: 'POST',
      url: '/api/claims',
      payload: { personId: worker.personId, type: 'JKK_INJURY', incidentDate: incident, reportedOn: addDays(incident, 4), description: 'Jatuh dari motor saat tugas', trafficAccident: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ lateReport: true, eligible: true, estimate: { total: 0, wage: 1_500_000 } });
    expect(res.json().checklist.find((i: { code: string }) => i.code === 'POLICE_REPORT').required).toBe(true);
    // an injury does not touch the registry
    expect((await t.db.selectFrom('enrolment').select('status').where('id', '=', worker.enrolmentId!).executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('refuses a future incident date (422) and a person outside the region (403)', async () => {
    const someone = await person(VILLAGE);
    const future = await injectAs(t.app, desa, { method: 'POST', url: '/api/claims', payload: { personId: someone.personId, type: 'JKM', incidentDate: addDays(today, 1), description: '' } });
    expect(future.statusCode).toBe(422);
    expect(future.json().error).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'body.incidentDate' });
    const elsewhere = await person('32.02.01.2002');
    const foreign = await injectAs(t.app, desa, { method: 'POST', url: '/api/claims', payload: { personId: elsewhere.personId, type: 'JKM', incidentDate: today, description: '' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('FORBIDDEN_REGION');
    expect(await t.db.selectFrom('claim_case').select('id').where('person_id', '=', elsewhere.personId).execute()).toEqual([]);
  });
});

describe('scope and impact', () => {
  it('lists only the caller’s region; a foreign case is 404', async () => {
    const own = (await injectAs(t.app, desa, { url: '/api/claims' })).json();
    expect(own.total).toBeGreaterThanOrEqual(3);
    expect(own.items.every((c: { region: string }) => c.region.startsWith('32.13.28.2007'))).toBe(true);
    const other = (await injectAs(t.app, sukabumi, { url: '/api/claims' })).json();
    expect(other.total).toBe(0);
    expect((await injectAs(t.app, sukabumi, { url: `/api/claims?region=${VILLAGE}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, sukabumi, { url: `/api/claims/${own.items[0].id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, sukabumi, { method: 'POST', url: `/api/claims/${own.items[0].id}/transitions`, payload: { to: 'closed' } })).statusCode).toBe(404);
  });

  it('the regency’s impact: paid to families by type, group and payer, contributions paid, and the uncovered', async () => {
    const r = await injectAs(t.app, subang, { url: `/api/claims/impact/32.13?year=${year}` });
    expect(r.statusCode, r.body).toBe(200);
    const i = r.json();
    const contributions = await t.db.selectFrom('payment').select((eb) => eb.fn.sum<string>('amount').as('s')).where('funding_program_id', '=', programId).where('paid_on', '>=', `${year}-01-01`).executeTakeFirstOrThrow();
    expect(i).toMatchObject({ regionCode: '32.13', year, paidTotal: 70_000_000, families: 1, uncovered: { incidents: 1, forgoneBenefit: 42_000_000 } });
    expect(i.byType.find((x: { type: string }) => x.type === 'JKK_DEATH')).toMatchObject({ claims: 1, paid: 1, paidTotal: 70_000_000 });
    expect(i.byGroup.find((x: { group: string }) => x.group === 'PERANGKAT_DESA')).toMatchObject({ paidTotal: 70_000_000, label: 'Perangkat Desa' });
    expect(i.byPayer.find((x: { payerType: string }) => x.payerType === 'DANA_DESA')).toMatchObject({ paidTotal: 70_000_000, contributionsPaid: Number(contributions.s) });
    expect((await injectAs(t.app, sukabumi, { url: `/api/claims/impact/32.13?year=${year}` })).statusCode).toBe(403);
    const none = (await injectAs(t.app, sukabumi, { url: `/api/claims/impact/32.02?year=${year}` })).json();
    expect(none).toMatchObject({ claims: 0, paidTotal: 0, families: 0 });
  });
});
