import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';
import { enrol } from '../../../../test/funding.js';
import { importRoutes } from '../../../../test/imports.js';
import { audited } from '../../../db/tx.js';
import { sweepLapses } from './lapse-sweep.js';
import { evaluateLapses } from './lapses.js';

const t = useTestApp();
let kab: Session;
let bpjs: Session;
let desa: Session;

const newProgram = async (name: string) =>
  (
    await injectAs(t.app, kab, {
      method: 'POST',
      url: '/api/funding-programs',
      payload: { name, payerType: 'APBD_KABKOTA', regionCode: '32.02', fiscalYear: 2025, budget: 100_000_000, quota: 100, segment: 'BPU', programs: ['JKK', 'JKM'] },
    })
  ).json() as { id: number };
const bill = (s: Session, id: number, month: string) => injectAs(t.app, s, { method: 'POST', url: `/api/funding-programs/${id}/billing-runs`, payload: { month } });
const pay = (s: Session, id: number, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/funding-programs/${id}/payments`, payload: { paidOn: '2025-04-20', ...body } });
const status = async (id: number) => (await t.db.selectFrom('enrolment').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
/** The programmes an enrolment holds now: all of them while open, none once lapsed or ended. */
const cover = async (id: number) => {
  const e = await t.db.selectFrom('enrolment').select(['programs', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  return ['submitted', 'registered', 'active'].includes(e.status) ? e.programs : [];
};

beforeAll(async () => {
  kab = await login(t.app, 'kab.sukabumi');
  bpjs = await login(t.app, 'bpjs.sukabumi');
  desa = await login(t.app, 'desa.balingbing');
});

describe('payments, arrears, lapse and reactivation (BPU, 3 unpaid months)', () => {
  let p: { id: number };
  let w: number[];
  it('a partial payment pays whole lines in order and keeps the rest as credit', async () => {
    p = await newProgram('APBD Uji Pembayaran');
    w = [];
    for (let i = 0; i < 4; i++) w.push(await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] }));
    const jan = (await bill(kab, p.id, '2025-01')).json();
    expect(jan).toMatchObject({ workerCount: 4, amount: 67_200 });
    const res = await pay(bpjs, p.id, { amount: 40_000, month: '2025-01', reference: 'TRX-001' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ billId: jan.id, linesPaid: 2, credit: 40_000 - 33_600 });
    const bills = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/bills` })).json().items;
    expect(bills[0]).toMatchObject({ month: '2025-01', paidAmount: 33_600, paidLines: 2, outstanding: 33_600, status: 'partial' });
    expect((await pay(bpjs, p.id, { amount: 1, reference: 'TRX-001' })).statusCode).toBe(409); // same reference
  });

  it('after the third unpaid month past due, a BPU enrolment lapses: history kept, cover released', async () => {
    await bill(kab, p.id, '2025-02');
    const mar = await bill(kab, p.id, '2025-03'); // March is due 15 April 2025, long past: Jan–Mar unpaid for w3, w4
    expect(mar.json().workerCount).toBe(4);
    expect([await status(w[0]!), await status(w[1]!), await status(w[2]!), await status(w[3]!)]).toEqual(['active', 'active', 'lapsed', 'lapsed']);
    expect(await cover(w[2]!)).toEqual([]);
    expect((await cover(w[0]!)).length).toBe(2);
    const history = await t.db.selectFrom('enrolment_status_history').select(['status', 'reason']).where('enrolment_id', '=', w[2]!).execute();
    expect(history).toEqual([{ status: 'lapsed', reason: 'unpaid_3_months' }]);
    // one lapse number: the coverage page's "lapsed now" is the worker list filtered by status lapsed
    const list = (await injectAs(t.app, kab, { url: '/api/workers?status=lapsed&region=32.02.01.2002' })).json();
    expect(list.total).toBeGreaterThanOrEqual(2);
    const cov = (await injectAs(t.app, kab, { url: '/api/coverage/32.02.01.2002' })).json();
    expect(cov.lapsedNow).toBe(list.total);
    const apr = (await bill(kab, p.id, '2025-04')).json();
    expect(apr.workerCount).toBe(2); // lapsed enrolments are not billed
    // …and April (due 15 May 2025) is the third unpaid month of w1 and w2 (Feb, Mar, Apr): they lapse too
    expect([await status(w[0]!), await status(w[1]!)]).toEqual(['lapsed', 'lapsed']);
    const c = (await injectAs(t.app, kab, { url: `/api/enrolments/${w[2]}/cover` })).json();
    expect(c.months.map((m: { month: string; covered: boolean }) => [m.month, m.covered])).toEqual([
      ['2025-01', false],
      ['2025-02', false],
      ['2025-03', false],
    ]);
    expect(c.arrears).toBe(3 * 16_800);
    expect((await injectAs(t.app, desa, { url: `/api/enrolments/${w[2]}/cover` })).statusCode).toBe(404);
  });

  it('paying the arrears reactivates, restoring cover where still free; taken cover keeps it lapsed', async () => {
    // Meanwhile another payer covered w4's person for JKK: w4 cannot take its cover back.
    const other = await newProgram('CSR Lain');
    const person4 = (await t.db.selectFrom('enrolment').select('person_id').where('id', '=', w[3]!).executeTakeFirstOrThrow()).person_id;
    await t.db
      .insertInto('enrolment')
      .values({ person_id: person4, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source: 'CSR Lain', funding_program_id: other.id, status: 'active', village_code: '32.02.01.2002' })
      .execute();

    const outstanding = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/bills` })).json().items.reduce((a: number, b: { outstanding: number }) => a + b.outstanding, 0);
    expect(outstanding).toBe(2 * 16_800 + 4 * 16_800 * 2 + 2 * 16_800);
    const res = await pay(kab, p.id, { amount: outstanding - 6_400, reference: 'TRX-002', paidOn: '2025-05-10' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ credit: 0, reactivated: 3, blocked: 1 });
    expect([await status(w[0]!), await status(w[1]!), await status(w[2]!)]).toEqual(['active', 'active', 'active']);
    expect((await cover(w[2]!)).length).toBe(2);
    expect(await status(w[3]!)).toBe('lapsed');
    const history = await t.db.selectFrom('enrolment_status_history').select(['status', 'reason']).where('enrolment_id', '=', w[2]!).orderBy('id').execute();
    expect(history).toEqual([
      { status: 'lapsed', reason: 'unpaid_3_months' },
      { status: 'active', reason: 'arrears_paid' },
    ]);
    const c = (await injectAs(t.app, kab, { url: `/api/enrolments/${w[2]}/cover` })).json();
    expect(c.months.every((m: { covered: boolean }) => m.covered)).toBe(true);
    expect(c.arrears).toBe(0);
  });

  it('money paid ahead (12 months at once) is credit applied as each month is billed', async () => {
    const q = await newProgram('APBD Bayar di Muka');
    await enrol(t.db, q.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const res = await pay(kab, q.id, { amount: 12 * 16_800, reference: 'SP2D-2025-12BLN', paidOn: '2025-01-05' });
    expect(res.json()).toMatchObject({ linesPaid: 0, credit: 12 * 16_800 });
    for (const m of ['2025-01', '2025-02', '2025-03']) expect((await bill(kab, q.id, m)).json()).toMatchObject({ status: 'paid', paidLines: 1 });
    const payments = (await injectAs(t.app, kab, { url: `/api/funding-programs/${q.id}/payments` })).json().items;
    expect(payments).toHaveLength(1);
  });
});

describe('early warning', () => {
  it('lists open BPU enrolments whose third unpaid month falls due within N days', async () => {
    const p = await newProgram('APBD Peringatan Dini');
    const paid = await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const unpaid = await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'], village: '32.02.01.2003' });
    await bill(kab, p.id, '2027-01');
    await pay(kab, p.id, { amount: 16_800, paidOn: '2027-01-20' }); // pays the first line (lower enrolment id)
    // unpaid: January billed; February and March still to bill → March due 15 April 2027 → lapses 16 April
    const within = (await injectAs(t.app, kab, { url: `/api/early-warning?programId=${p.id}&days=30&asOf=2027-04-01` })).json();
    expect(within.items.map((i: { enrolmentId: number; lapseDate: string; unpaidMonths: number }) => [i.enrolmentId, i.lapseDate, i.unpaidMonths])).toEqual([[unpaid, '2027-04-16', 1]]);
    expect(within.byProgram).toEqual([{ programId: p.id, programName: 'APBD Peringatan Dini', count: 1 }]);
    expect((await injectAs(t.app, kab, { url: `/api/early-warning?programId=${p.id}&days=10&asOf=2027-04-01` })).json().items).toEqual([]);
    const later = (await injectAs(t.app, kab, { url: `/api/early-warning?programId=${p.id}&days=60&asOf=2027-04-01` })).json();
    expect(later.items.map((i: { enrolmentId: number }) => i.enrolmentId)).toEqual([unpaid, paid]);
    // per region: the village of the unpaid one only
    const village = (await injectAs(t.app, kab, { url: `/api/early-warning?region=32.02.01.2003&days=60&asOf=2027-04-01` })).json();
    expect(village.items.map((i: { enrolmentId: number }) => i.enrolmentId)).toEqual([unpaid]);
    expect((await injectAs(t.app, desa, { url: '/api/early-warning?region=32.02' })).statusCode).toBe(403);
    // NIK masked, KPJ shown, village by name
    expect(within.items[0]).toMatchObject({ nikMasked: expect.stringMatching(/^•{12}\d{4}$/), kpj: null, villageName: expect.any(String) });
  });

  it('does not list an enrolment already past its lapse date: the sweep lapses it', async () => {
    const p = await newProgram('APBD Lewat Tanggal');
    const paid = await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const unpaid = await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await bill(kab, p.id, '2027-01');
    await pay(kab, p.id, { amount: 16_800, paidOn: '2027-01-20' }); // pays the first line (lower enrolment id)
    await bill(kab, p.id, '2027-02');
    await bill(kab, p.id, '2027-03');
    // unpaid: January–March unpaid, March due 15 April 2027 → lapses 16 April; on 20 April that is past, not "about to"
    const before = (await injectAs(t.app, kab, { url: `/api/early-warning?programId=${p.id}&days=60&asOf=2027-04-10` })).json();
    expect(before.items.map((i: { enrolmentId: number; lapseDate: string }) => [i.enrolmentId, i.lapseDate])).toEqual([
      [unpaid, '2027-04-16'],
      [paid, '2027-05-18'], // February, March unpaid; April still to bill, due 15 May 2027 (a Saturday) → Monday 17 May
    ]);
    const after = (await injectAs(t.app, kab, { url: `/api/early-warning?programId=${p.id}&days=60&asOf=2027-04-20` })).json();
    expect(after.items.map((i: { enrolmentId: number }) => i.enrolmentId)).toEqual([paid]);
    // the sweep at that date lapses the unpaid one (the same rule)
    const actor = { id: null, username: 'test:lapse' };
    await audited(t.db, actor, async (tx) => ({
      result: await evaluateLapses(tx, actor, p.id, '2027-04-16'),
      audit: [{ action: 'test_lapse', entityType: 'funding_program', entityId: String(p.id), regionCode: '32.02', before: null, after: null }],
    }));
    expect(await status(unpaid)).toBe('lapsed');
    expect(await status(paid)).toBe('active');
  });

  it('exports the warning as .xlsx with masked NIKs, audited', async () => {
    const p = await newProgram('APBD Ekspor Peringatan');
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await bill(kab, p.id, '2027-01');
    const res = await injectAs(t.app, kab, { url: `/api/early-warning.xlsx?programId=${p.id}&days=120&asOf=2027-02-01` });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Akan Nonaktif')!;
    expect(ws.getRow(3).values).toContain('NIK (disamarkan)');
    const row = ws.getRow(4).values as unknown[];
    expect(String(row[3])).toMatch(/^•{12}\d{4}$/);
    expect(row[9]).toBe('16/04/2027');
    expect(ws.rowCount).toBe(4);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_type', '=', 'early_warning').execute();
    expect(audit).toContainEqual({ action: 'export', entity_type: 'early_warning' });
  });
});

describe('payment import (import kind "payments")', () => {
  const routes = importRoutes(t, '/api/payment-imports');
  const run = async (s: Session, file: Buffer, filename: string) => {
    const id = await routes.upload(s, file, filename);
    return { id, view: await routes.waitFor(s, id, ['validated', 'failed']) };
  };
  const commit = async (s: Session, id: number) => {
    const res = await injectAs(t.app, s, { method: 'POST', url: `/api/payment-imports/${id}/commit` });
    expect(res.statusCode, res.body).toBe(202);
    return routes.waitFor(s, id, ['committed', 'failed']);
  };
  const problems = async (id: number) =>
    (await t.db.selectFrom('payment_import_row').select(['row_number', 'problems']).where('import_id', '=', id).where('problems', 'is not', null).orderBy('row_number').execute()).flatMap((r) =>
      (r.problems as { column: string; code: string }[]).map((p) => `${r.row_number}:${p.column}:${p.code}`),
    );

  it('previews, records the valid rows matched to bills, skips a re-imported statement and names each bad row', async () => {
    const p = await newProgram('APBD Impor Bayar');
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await bill(kab, p.id, '2025-01');
    await bill(kab, p.id, '2025-02');
    const csv = Buffer.from(
      [
        'ID Program;Bulan;Tanggal Bayar;Jumlah;Referensi',
        `${p.id};2025-02;10/03/2025;16.800;BANK-1`,
        `${p.id};01/2025;11/03/2025;Rp16.800;BANK-2`,
        `99999;2025-01;11/03/2025;16800;BANK-3`,
        `${p.id};2025-01;31/02/2025;16800;BANK-4`,
        `${p.id};2025-01;11/03/2025;abc;BANK-5`,
        `${p.id};2025-13;11/03/2025;16800;BANK-6`,
        `${p.id};2025-01;12/03/2025;16800;BANK-1`,
      ].join('\n'),
    );
    const { id, view } = await run(bpjs, csv, 'rekening-koran.csv');
    expect(view.counts).toMatchObject({ total: 7, valid: 2, rejected: 4, duplicateInFile: 1 });
    expect(await problems(id)).toEqual(['4:ID Program:PROGRAM_UNKNOWN', '5:Tanggal Bayar:PAID_ON_INVALID', '6:Jumlah:AMOUNT_INVALID', '7:Bulan:MONTH_INVALID', '8:Referensi:DUPLICATE_IN_FILE']);
    expect(await t.db.selectFrom('payment').select('id').where('funding_program_id', '=', p.id).execute()).toEqual([]); // nothing before the commit
    const done = await commit(bpjs, id);
    expect(done.committed).toMatchObject({ recorded: 2, amount: 33_600, linesPaid: 2 });
    const bills = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/bills` })).json().items;
    expect(bills.map((b: { status: string }) => b.status)).toEqual(['paid', 'paid']);
    const paid = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/payments` })).json().items;
    expect(paid.map((x: { reference: string; source: string; sourceFile: string }) => [x.reference, x.source, x.sourceFile]).sort()).toEqual([
      ['BANK-1', 'import', 'rekening-koran.csv'],
      ['BANK-2', 'import', 'rekening-koran.csv'],
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['entity_id', 'region_code', 'after']).where('action', '=', 'import_payments').where('entity_id', '=', String(p.id)).execute();
    expect(audit).toEqual([{ entity_id: String(p.id), region_code: '32.02', after: { file: 'rekening-koran.csv', importId: id, recorded: 2, amount: 33_600 } }]);

    // the same statement again: the references are already recorded (row 8's too), nothing is paid twice
    const again = await run(bpjs, csv, 'rekening-koran.csv');
    expect(again.view.counts).toMatchObject({ valid: 0, alreadyRegistered: 3 });
    expect((await problems(again.id)).filter((x) => x.endsWith('PAYMENT_DUPLICATE'))).toEqual(['2:Referensi:PAYMENT_DUPLICATE', '3:Referensi:PAYMENT_DUPLICATE', '8:Referensi:PAYMENT_DUPLICATE']);
  });

  it('refuses, row by row, a programme outside the uploader\'s region, with the same words as an unknown one', async () => {
    const p = await newProgram('APBD Impor Luar');
    const csv = Buffer.from(`ID Program;Tanggal Bayar;Jumlah;Referensi\n${p.id};11/03/2025;16800;LUAR-1\n99998;11/03/2025;16800;LUAR-2\n`);
    const { id, view } = await run(desa, csv, 'luar.csv');
    expect(view.counts).toMatchObject({ total: 2, valid: 0, rejected: 2 });
    const rows = await t.db.selectFrom('payment_import_row').select(['row_number', 'problems']).where('import_id', '=', id).orderBy('row_number').execute();
    const [outside, unknown] = rows.map((r) => (r.problems as { code: string; id: string; en: string }[])[0]!);
    expect(outside!.code).toBe('REGISTERED_ELSEWHERE');
    expect(unknown!.code).toBe('PROGRAM_UNKNOWN');
    expect([outside!.id, outside!.en]).toEqual([unknown!.id, unknown!.en]);
    expect(outside!.id).not.toContain(p.id.toString());
    const res = await injectAs(t.app, desa, { method: 'POST', url: `/api/payment-imports/${id}/commit` });
    expect(res.statusCode).toBe(202);
    expect((await routes.waitFor(desa, id, ['committed', 'failed'])).committed).toMatchObject({ recorded: 0 });
    expect(await t.db.selectFrom('payment').select('id').where('funding_program_id', '=', p.id).execute()).toEqual([]);
  });

  it('the old route answers 308 to the job flow', async () => {
    const form = new FormData();
    form.append('file', new Blob(['ID Program;Tanggal Bayar;Jumlah\n1;11/03/2025;1\n']), 'x.csv');
    const moved = await injectAs(t.app, kab, { method: 'POST', url: '/api/payments/import', payload: form as never });
    expect([moved.statusCode, moved.headers.location]).toEqual([308, '/api/payment-imports']);
  });

  it('reads a bank statement workbook (dates and amounts as typed cells, the columns in any order)', async () => {
    const p = await newProgram('APBD Impor Xlsx');
    await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    await bill(kab, p.id, '2025-03');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Rekening Koran');
    ws.addRow(['Tanggal Transaksi', 'Keterangan', 'Kredit', 'ID Program', 'Bulan']);
    ws.addRow([new Date(Date.UTC(2025, 3, 2)), 'SP2D 900/2025', 16_800, p.id, '2025-03']);
    const { id, view } = await run(kab, Buffer.from(await wb.xlsx.writeBuffer()), 'rekening.xlsx');
    expect(view.counts).toMatchObject({ total: 1, valid: 1 });
    expect((await commit(kab, id)).committed).toMatchObject({ recorded: 1, amount: 16_800, linesPaid: 1 });
    const pay = (await injectAs(t.app, kab, { url: `/api/funding-programs/${p.id}/payments` })).json().items[0];
    expect(pay).toMatchObject({ paidOn: '2025-04-02', reference: 'SP2D 900/2025', source: 'import', sourceFile: 'rekening.xlsx' });
  });
});
describe('lapse sweep (time passing alone)', () => {
  it('lapses BPU enrolments whose third unpaid month fell due, audited, without a new bill or payment', async () => {
    const p = await newProgram('APBD Sapuan');
    const e = await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    for (const m of ['2030-01', '2030-02', '2030-03']) await bill(kab, p.id, m); // due in 2030: not lapsed yet
    expect(await status(e)).toBe('active');
    const before = await sweepLapses(t.db, '2030-04-15');
    expect(before.lapsed).toBe(0); // March is due 15 April: lapses the day after
    const r = await sweepLapses(t.db, '2030-04-16');
    expect(r.lapsed).toBe(1);
    expect(await status(e)).toBe('lapsed');
    expect(await cover(e)).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select(['actor_username', 'entity_id']).where('action', '=', 'lapse_sweep').execute();
    expect(audit).toEqual([{ actor_username: 'system:lapse', entity_id: String(p.id) }]);
  });
});

describe('ending an enrolment', () => {
  it('frees its programmes, keeps history, bills no month after its end', async () => {
    const p = await newProgram('APBD Berakhir');
    const e = await enrol(t.db, p.id, { segment: 'BPU', programs: ['JKK', 'JKM'] });
    const early = await injectAs(t.app, kab, { method: 'POST', url: `/api/enrolments/${e}/status`, payload: { to: 'ended', date: '2020-01-01' } });
    expect(early.json().error.code).toBe('END_BEFORE_START');
    const res = await injectAs(t.app, kab, { method: 'POST', url: `/api/enrolments/${e}/status`, payload: { to: 'ended', date: '2025-02-10', note: 'pindah domisili' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: e, status: 'ended', endDate: '2025-02-10' });
    expect(await cover(e)).toEqual([]);
    expect((await bill(kab, p.id, '2025-02')).json().workerCount).toBe(0); // ended enrolments are not billed
    const history = await t.db.selectFrom('enrolment_status_history').select(['status', 'reason']).where('enrolment_id', '=', e).execute();
    expect(history).toEqual([{ status: 'ended', reason: 'pindah domisili' }]);
    expect((await injectAs(t.app, kab, { method: 'POST', url: `/api/enrolments/${e}/status`, payload: { to: 'ended', date: '2025-03-01' } })).statusCode).toBe(409);
    expect((await injectAs(t.app, desa, { method: 'POST', url: `/api/enrolments/${e}/status`, payload: { to: 'ended', date: '2025-03-01' } })).statusCode).toBe(404);
  });
});

