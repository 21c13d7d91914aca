import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';

/** Inpres 2/2021 accountability on a real database (PGlite and PostgreSQL): records, roll-ups, scope, scoring, reports. */
const t = useTestApp();
let sukabumi: Session;
let subang: Session;
let village: Session;
let bengkulu: Session;
let nasional: Session;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function regulationForm(fields: Record<string, string>, file: Buffer = PDF, name = 'perbup.pdf') {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return form;
}
const perbup = { regionCode: '32.02', type: 'PERKADA', number: 'Perbup Sukabumi No. 12 Tahun 2025', title: 'Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan', signedOn: '2025-03-10', groups: 'PEKERJA_RENTAN,NON_ASN', requires: 'BUDGET_LINE' };
const duty = (card: { duties: { code: string; status: string; score: number }[] }, code: string) => card.duties.find((d) => d.code === code)!;

beforeAll(async () => {
  const s = await Promise.all(['kab.sukabumi', 'kab.subang', 'desa.balingbing', 'prov.bengkulu', 'nasional'].map((u) => login(t.app, u)));
  [sukabumi, subang, village, bengkulu, nasional] = s as [Session, Session, Session, Session, Session];
});

describe('regulations register', () => {
  it('records a Perbup with its PDF (checked by content), lists it, serves the document, audits it', async () => {
    const card0 = (await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02?year=2025' })).json();
    expect(duty(card0, 'REGULATION').status).toBe('not_met');

    const res = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/regulations', payload: regulationForm(perbup) as never });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const list = (await injectAs(t.app, sukabumi, { url: '/api/regulations?region=32.02' })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id, regionCode: '32.02', type: 'PERKADA', number: perbup.number, signedOn: '2025-03-10', groups: ['PEKERJA_RENTAN', 'NON_ASN'] });
    const doc = await injectAs(t.app, sukabumi, { url: `/api/regulations/${id}/document` });
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_username']).where('entity_type', '=', 'regulation').execute();
    expect(audit).toEqual([{ action: 'create', actor_username: 'kab.sukabumi' }]);

    const card = (await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02?year=2025' })).json();
    expect(duty(card, 'REGULATION')).toMatchObject({ status: 'met', score: 25 });
    expect(card.score).toBeGreaterThan(card0.score);
  });

  it('refuses a file that is not a PDF by content, even named .pdf, and keeps nothing', async () => {
    const res = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/regulations', payload: regulationForm(perbup, Buffer.from('PK\u0003\u0004 not a pdf'), 'palsu.pdf') as never });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'REGULATION_NOT_PDF', field: 'file' });
    const docx = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/regulations', payload: regulationForm(perbup, PDF, 'perbup.docx') as never });
    expect(docx.statusCode).toBe(422);
    expect((await injectAs(t.app, sukabumi, { url: '/api/regulations?region=32.02' })).json().total).toBe(1);
  });

  it('names the wrong field, and refuses a region outside the caller’s subtree (403)', async () => {
    const bad = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/regulations', payload: regulationForm({ ...perbup, type: 'PERBUP', groups: 'NON_ASN' }) as never });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toBe('body.type');
    const groups = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/regulations', payload: regulationForm({ ...perbup, groups: 'NON_ASN,PETANI' }) as never });
    expect(groups.statusCode).toBe(422);
    expect(groups.json().error.field).toMatch(/^body\.groups/);
    const foreign = await injectAs(t.app, sukabumi, { method: 'POST', url: '/api/regulations', payload: regulationForm({ ...perbup, regionCode: '32.13' }) as never });
    expect(foreign.statusCode).toBe(403);
    // a village operator records only its own village's Perdes
    const own = await injectAs(t.app, village, { method: 'POST', url: '/api/regulations', payload: regulationForm({ ...perbup, regionCode: '32.13.28.2007', type: 'PERDES', number: 'Perdes Balingbing 3/2025', requires: 'VILLAGE_BUDGET' }) as never });
    expect(own.statusCode, own.body).toBe(201);
    const district = await injectAs(t.app, village, { method: 'POST', url: '/api/regulations', payload: regulationForm({ ...perbup, regionCode: '32.13.28', type: 'SK' }) as never });
    expect(district.statusCode).toBe(403);
    expect((await injectAs(t.app, subang, { url: '/api/regulations?region=32.02' })).statusCode).toBe(403);
    expect((await injectAs(t.app, subang, { url: `/api/regulations/${(await injectAs(t.app, sukabumi, { url: '/api/regulations?region=32.02' })).json().items[0].id}/document` })).statusCode).toBe(404);
  });
});

describe('target groups and Desa Sadar Jamsostek', () => {
  it('declares groups with sources, shows covered ÷ size from the registry, audited', async () => {
    const res = await injectAs(t.app, sukabumi, {
      method: 'PUT',
      url: '/api/inpres/32.02/target-groups',
      payload: { year: 2025, groups: [{ group: 'NON_ASN', size: 4210, source: 'Daftar BKD 2025' }, { group: 'PERANGKAT_DESA', size: 2286, source: 'DPMD 2025' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const card = (await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02?year=2025' })).json();
    expect(card.targetGroups).toEqual([
      { group: 'NON_ASN', size: 4210, covered: 0, pct: 0, source: 'Daftar BKD 2025' },
      { group: 'PERANGKAT_DESA', size: 2286, covered: 0, pct: 0, source: 'DPMD 2025' },
    ]);
    expect(duty(card, 'PARTICIPATION').status).toBe('not_met');
    expect(await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'target_group').execute()).toHaveLength(1);
  });

  it('a village whose declared officials are all active is Desa Sadar, counted up to the regency and ranked', async () => {
    const balingbing = '32.13.28.2007';
    await injectAs(t.app, village, { method: 'PUT', url: `/api/inpres/${balingbing}/target-groups`, payload: { year: 2025, groups: [{ group: 'PERANGKAT_DESA', size: 2, source: 'SK Kades' }, { group: 'BPD', size: 1, source: 'SK BPD' }] } });
    const before = (await injectAs(t.app, subang, { url: '/api/inpres/32.13?year=2025' })).json();
    expect(before.desaSadar).toEqual({ villagesDeclared: 1, villagesSadar: 0 });
    // three active officials in the registry
    const people = await t.db
      .insertInto('person')
      .values([1, 2, 3].map((i) => ({ nik: `321328010190000${i}`, name: `Perangkat ${i}`, birth_date: '1990-01-01', sex: 'L', village_code: balingbing })))
      .returning('id')
      .execute();
    await t.db
      .insertInto('enrolment')
      .values(people.map((p, i) => ({ person_id: p.id, segment: 'BPU', group_code: i === 2 ? 'BPD' : 'PERANGKAT_DESA', programs: ['JKK', 'JKM'], status: 'active', village_code: balingbing })))
      .execute();
    const after = (await injectAs(t.app, subang, { url: '/api/inpres/32.13?year=2025' })).json();
    expect(after.desaSadar).toEqual({ villagesDeclared: 1, villagesSadar: 1 });
    const villageCard = (await injectAs(t.app, village, { url: `/api/inpres/${balingbing}?year=2025` })).json();
    expect(villageCard.targetGroups.map((g: { covered: number }) => g.covered)).toEqual([1, 2]);
    expect(villageCard.rank.of).toBeGreaterThan(1);
    const district = (await injectAs(t.app, subang, { url: '/api/inpres/32.13.28/children?year=2025' })).json();
    expect(district[0]).toMatchObject({ code: balingbing, position: 1, desaSadar: 1, hasPerda: true });
  });
});

describe('budget roll-up', () => {
  it('sums programmes and declared allocations; villages’ Dana Desa rolls up to the regency', async () => {
    const base = { payerType: 'DANA_DESA', fiscalYear: 2025, quota: 20, segment: 'BPU', programs: ['JKK', 'JKM'] };
    const p = await injectAs(t.app, village, { method: 'POST', url: '/api/funding-programs', payload: { ...base, name: 'Dana Desa Balingbing 2025', regionCode: '32.13.28.2007', budget: 4_032_000 } });
    expect(p.statusCode, p.body).toBe(201);
    const a = await injectAs(t.app, subang, { method: 'POST', url: '/api/inpres/32.13.28.2001/allocations', payload: { fiscalYear: 2025, source: 'DANA_DESA', amount: 3_000_000, note: 'APBDes 2025' } });
    expect(a.statusCode, a.body).toBe(201);
    const r = await injectAs(t.app, subang, { method: 'POST', url: '/api/inpres/32.13/allocations', payload: { fiscalYear: 2025, source: 'APBD_KABKOTA', amount: 500_000_000 } });
    expect(r.statusCode).toBe(201);
    // the source must fit the region's level
    const wrong = await injectAs(t.app, subang, { method: 'POST', url: '/api/inpres/32.13/allocations', payload: { fiscalYear: 2025, source: 'DANA_DESA', amount: 1 } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.field).toBe('body.source');

    const card = (await injectAs(t.app, subang, { url: '/api/inpres/32.13?year=2025' })).json();
    expect(card.budget).toMatchObject({ fromPrograms: 4_032_000, declared: 503_000_000, allocated: 507_032_000, villagesBudgeted: 2, villageAllocation: 7_032_000 });
    const villagesTotal = Number((await t.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', 'village').where('kind', '=', 'desa').where('code', 'like', '32.13.%').executeTakeFirstOrThrow()).n);
    expect(card.budget.villagesTotal).toBe(villagesTotal);
    expect(duty(card, 'BUDGET')).toMatchObject({ status: 'partial', score: 12.5 });
    // a sibling regency sees none of it, and the province sums its regencies
    expect((await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02?year=2025' })).json().budget.allocated).toBe(0);
    expect((await injectAs(t.app, nasional, { url: '/api/inpres/32?year=2025' })).json().budget.allocated).toBe(507_032_000);
    // another year holds nothing
    expect((await injectAs(t.app, subang, { url: '/api/inpres/32.13?year=2024' })).json().budget.allocated).toBe(0);
  });
});

describe('meetings and follow-up actions', () => {
  it('records the rakor with actions; overdue ones are flagged on the scorecard; a status change is audited', async () => {
    const res = await injectAs(t.app, sukabumi, {
      method: 'POST',
      url: '/api/inpres/32.02/meetings',
      payload: {
        heldOn: '2024-12-16',
        title: 'Rakor Optimalisasi Jamsostek Kab. Sukabumi',
        place: 'Pendopo Sukabumi',
        agencies: ['Bappeda', 'BPKAD', 'Kejaksaan', 'BPJS Ketenagakerjaan'],
        actions: [
          { decision: 'Menganggarkan iuran 10.000 pekerja rentan di APBD 2025', ownerAgency: 'BPKAD', dueOn: '2025-01-31' },
          { decision: 'Menyusun Perbup perlindungan pekerja rentan', ownerAgency: 'Bagian Hukum', dueOn: '2099-03-31' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.actions.map((a: { overdue: boolean }) => a.overdue)).toEqual([true, false]);
    const card = (await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02?year=2025' })).json();
    expect(card.overdueActions.map((a: { ownerAgency: string }) => a.ownerAgency)).toEqual(['BPKAD']);
    const kids = (await injectAs(t.app, bengkulu, { url: '/api/inpres/17/children?year=2025' })).json();
    expect(kids).toHaveLength(10);

    const done = await injectAs(t.app, sukabumi, { method: 'PATCH', url: `/api/inpres-actions/${m.actions[0].id}`, payload: { status: 'done', doneOn: '2025-02-10' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneOn: '2025-02-10', overdue: false });
    expect((await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02?year=2025' })).json().overdueActions).toEqual([]);
    expect((await injectAs(t.app, subang, { method: 'PATCH', url: `/api/inpres-actions/${m.actions[1].id}`, payload: { status: 'done' } })).statusCode).toBe(404);
    expect((await injectAs(t.app, sukabumi, { url: '/api/inpres/32.02/meetings' })).json().items[0].actions).toHaveLength(2);
    expect(await t.db.selectFrom('audit_log').select('action').where('entity_type', 'in', ['inpres_meeting', 'inpres_action']).execute()).toHaveLength(2);
  });
});

describe('scorecard, weights and ranking', () => {
  it('ranks the Bengkulu regencies and places each among its siblings; a monitor changes the weights and the score follows', async () => {
    const form = regulationForm({ ...perbup, regionCode: '17.04', number: 'Perbup Kaur 5/2025', groups: 'PEKERJA_RENTAN' });
    expect((await injectAs(t.app, bengkulu, { method: 'POST', url: '/api/regulations', payload: form as never })).statusCode).toBe(201);
    const kids = (await injectAs(t.app, bengkulu, { url: '/api/inpres/17/children?year=2025' })).json();
    expect(kids).toHaveLength(10);
    expect(kids[0]).toMatchObject({ code: '17.04', position: 1, hasPerda: true });
    expect(kids.slice(1).every((k: { score: number }) => k.score < kids[0].score)).toBe(true);
    for (let i = 1; i < kids.length; i++) expect(kids[i].score).toBeLessThanOrEqual(kids[i - 1].score);
    const kaur = (await injectAs(t.app, bengkulu, { url: '/api/inpres/17.04?year=2025' })).json();
    expect(kaur.rank).toEqual({ position: 1, of: 10 });
    expect(kaur.score).toBe(kids[0].score);
    expect(kaur.duties.map((d: { code: string }) => d.code)).toEqual(['REGULATION', 'BUDGET', 'PARTICIPATION', 'COMPLIANCE', 'LICENSING']);
    expect(kaur.duties[0].evidence[2]).toMatchObject({ value: 'Perbup Kaur 5/2025', href: '/inpres/17.04?tab=regulasi' });
    expect((await injectAs(t.app, nasional, { url: '/api/inpres/ID?year=2025' })).json().rank).toBeNull();

    expect((await injectAs(t.app, bengkulu, { method: 'PUT', url: '/api/inpres-weights', payload: { REGULATION: 100, BUDGET: 0, PARTICIPATION: 0, COMPLIANCE: 0, LICENSING: 0 } })).statusCode).toBe(403);
    const bad = await injectAs(t.app, nasional, { method: 'PUT', url: '/api/inpres-weights', payload: { REGULATION: 50, BUDGET: 0, PARTICIPATION: 0, COMPLIANCE: 0, LICENSING: 0 } });
    expect(bad.statusCode).toBe(422);
    const ok = await injectAs(t.app, nasional, { method: 'PUT', url: '/api/inpres-weights', payload: { REGULATION: 100, BUDGET: 0, PARTICIPATION: 0, COMPLIANCE: 0, LICENSING: 0 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await injectAs(t.app, bengkulu, { url: '/api/inpres/17.04?year=2025' })).json().score).toBe(100);
    expect((await injectAs(t.app, bengkulu, { url: '/api/inpres-weights' })).json()).toMatchObject({ isDefault: false, weights: { REGULATION: 100 } });
    await injectAs(t.app, nasional, { method: 'PUT', url: '/api/inpres-weights', payload: { REGULATION: 25, BUDGET: 25, PARTICIPATION: 30, COMPLIANCE: 10, LICENSING: 10 } });
  });

  it('refuses a region outside the scope', async () => {
    expect((await injectAs(t.app, sukabumi, { url: '/api/inpres/32.13?year=2025' })).statusCode).toBe(403);
    expect((await injectAs(t.app, sukabumi, { url: '/api/inpres/32/children?year=2025' })).statusCode).toBe(403);
    expect((await injectAs(t.app, village, { url: '/api/inpres/32.13.28?year=2025' })).statusCode).toBe(403);
    expect((await injectAs(t.app, sukabumi, { method: 'PUT', url: '/api/inpres/32.13/target-groups', payload: { year: 2025, groups: [{ group: 'NON_ASN', size: 1, source: 'x' }] } })).statusCode).toBe(403);
  });
});

describe('semester report', () => {
  const cellsOf = (ws: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  it('workbook figures equal GET /api/inpres as of the semester’s last month', async () => {
    const api = (await injectAs(t.app, bengkulu, { url: '/api/inpres/17?year=2025&asOf=2025-06' })).json();
    const kids = (await injectAs(t.app, bengkulu, { url: '/api/inpres/17/children?year=2025&asOf=2025-06' })).json();
    const res = await injectAs(t.app, bengkulu, { url: '/api/reports/inpres/17.xlsx?semester=2025-S1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('inpres-2-2021-17-2025-S1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Rapor', 'Wilayah', 'Belum Terpenuhi', 'Tindak Lanjut Terlambat', 'Kelompok Sasaran', 'Sumber']);
    const rapor = cellsOf(wb.getWorksheet('Rapor')!);
    expect(rapor.find((r) => r[0] === 'Nilai')![1]).toBe(api.score);
    expect(rapor.find((r) => r[0] === 'Data per bulan')![1]).toBe('2025-06');
    const dutyRows = rapor.slice(rapor.findIndex((r) => r[0] === 'Kewajiban') + 1);
    expect(dutyRows.map((r) => r[2])).toEqual(api.duties.map((d: { score: number }) => d.score));
    const wilayah = cellsOf(wb.getWorksheet('Wilayah')!).slice(1);
    expect(wilayah.map((r) => [r[0], r[1], r[3]])).toEqual(kids.map((k: { position: number; code: string; score: number }) => [k.position, k.code, k.score]));
    expect(String(wilayah[0]![2])).not.toBe(String(wilayah[0]![2]).toUpperCase());
    const sources = cellsOf(wb.getWorksheet('Sumber')!).map((r) => String(r[1])).join(' ');
    expect(sources).toContain('Instruksi Presiden Nomor 2 Tahun 2021');
    expect(sources).toContain('bukan bobot resmi Paritrana');
  });

  it('PDF carries the same score and the children, in Indonesian; a bad semester is a 422', async () => {
    const api = (await injectAs(t.app, bengkulu, { url: '/api/inpres/17?year=2025&asOf=2025-06' })).json();
    const res = await injectAs(t.app, bengkulu, { url: '/api/reports/inpres/17.pdf?semester=2025-S1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'inpres-'));
    writeFileSync(join(dir, 'r.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Semester Pelaksanaan Inpres 2/2021');
    expect(text).toContain('Semester I (Januari–Juni) 2025');
    expect(text).toContain(`Nilai ${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(api.score)} dari 100`);
    expect(text).toContain('Kaur');
    expect((await injectAs(t.app, bengkulu, { url: '/api/reports/inpres/17.pdf?semester=2025-S3' })).statusCode).toBe(422);
    expect((await injectAs(t.app, bengkulu, { url: '/api/reports/inpres/32.pdf?semester=2025-S1' })).statusCode).toBe(403);
  });
});
