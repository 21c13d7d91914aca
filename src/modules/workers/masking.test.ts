import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { NIK_SEARCH_PER_MINUTE } from './nik-search.js';

/**
 * Issue 12 item 4: the mask must not be undone. Roles without `worker:nik` (national monitor, auditor,
 * labour inspector) see neither 8 NIK digits nor the birth date (nor the day-derived sex) in any view,
 * and each exact-NIK search they make is audited (masked NIK, match count) and rate-limited.
 */
const t = useTestApp();

const NIK = '3202014607880007'; // a woman born 06/07/1988: day 46 = 6 + 40
const person = {
  nik: NIK,
  name: 'Euis Komariah',
  birthDate: '1988-07-06',
  sex: 'P',
  villageCode: '32.02.01.2002',
  address: 'Kp. Babakan RT 02/03',
  enrolment: { segment: 'BPU', group: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], declaredIncome: 1500000, fundingSource: 'APBD Kab. Sukabumi 2025' },
};
const MASKED = ['nasional', 'auditor', 'disnaker.sukabumi'];

/** Every run of ≥ 8 digits in a text, and whether the birth date appears in any usual spelling. */
const longDigitRuns = (text: string) => text.match(/\d{8,}/g) ?? [];
const showsBirthDate = (text: string) => /1988-07-06|06\/07\/1988|060788|0607\d{2}|1988-07/.test(text) || text.includes('"birthDate":"') || text.includes('"birth_date":"');

let operator: Session;
let personId: number;
beforeAll(async () => {
  operator = await login(t.app, 'kab.sukabumi');
  const res = await injectAs(t.app, operator, { method: 'POST', url: '/api/workers', payload: person });
  expect(res.statusCode, res.body).toBe(201);
  personId = res.json().id;
});

describe('masked roles see neither the NIK nor the birth date', () => {
  it.each(MASKED)('%s: the list and an exact-NIK search show the last four digits only, no birth date or sex', async (username) => {
    const s = await login(t.app, username);
    for (const url of ['/api/workers?region=32.02', `/api/workers?region=32.02&nik=${NIK}`]) {
      const res = await injectAs(t.app, s, { url });
      expect(res.statusCode, res.body).toBe(200);
      const w = res.json().items.find((i: { id: number }) => i.id === personId);
      expect(w).toMatchObject({ nik: '••••••••••••0007', nikMasked: true, birthDate: null, sex: null });
      expect(longDigitRuns(JSON.stringify(w)).filter((d) => NIK.includes(d))).toEqual([]);
      expect(showsBirthDate(res.body), url).toBe(false);
    }
  });

  it('operators with worker:nik still get the birth date and sex', async () => {
    const w = (await injectAs(t.app, operator, { url: `/api/workers?nik=${NIK}` })).json().items[0];
    expect(w).toMatchObject({ birthDate: '1988-07-06', sex: 'P', nik: '••••••••••••0007' });
  });

  it('the export for a masked role has no birth date or sex column values', async () => {
    const s = await login(t.app, 'nasional');
    const res = await injectAs(t.app, s, { url: '/api/workers/export.xlsx?region=32.02' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('Pekerja')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const header = rows[0] as string[];
    const row = rows.find((r) => r[1] === person.name)!;
    expect(row[0]).toBe('••••••••••••0007');
    expect(row[header.indexOf('Tanggal Lahir')] ?? '').toBe('');
    expect(row[header.indexOf('Jenis Kelamin')] ?? '').toBe('');
    expect(longDigitRuns(rows.flat().join(' ')).filter((d) => NIK.includes(d))).toEqual([]);
  });

  it('the audit viewer shows no full NIK, no old-style 8-digit mask and no birth date in payloads', async () => {
    // an entry written before the mask changed (decision 41) and one holding a whole NIK in a nested value
    await t.db
      .insertInto('audit_log')
      .values({
        actor_username: 'legacy',
        action: 'create',
        entity_type: 'worker',
        entity_id: String(personId),
        region_code: '32.02.01.2002',
        before: null,
        after: JSON.stringify({ nik: '3202••••••••0007', birth_date: '1988-07-06', rows: [{ note: `NIK ${NIK} dipindah`, birthDate: '1988-07-06' }] }),
      })
      .execute();
    for (const username of ['auditor', 'nasional']) {
      const s = await login(t.app, username);
      const res = await injectAs(t.app, s, { url: `/api/audit?entityType=worker&entityId=${personId}` });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as unknown[];
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(longDigitRuns(res.body).filter((d) => d.length >= 8 && NIK.includes(d))).toEqual([]);
      expect(res.body).not.toMatch(/\d{4}•{8}\d{4}/);
      expect(showsBirthDate(res.body)).toBe(false);
      expect(res.body).toContain('••••••••••••0007');
    }
  });
});

describe('exact-NIK search by masked roles', () => {
  it('is audited with the masked NIK and the match count, never the NIK in clear', async () => {
    const s = await login(t.app, 'disnaker.sukabumi');
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'search_nik').executeTakeFirstOrThrow();
    expect((await injectAs(t.app, s, { url: `/api/workers?nik=${NIK}` })).json().total).toBe(1);
    expect((await injectAs(t.app, s, { url: '/api/workers?nik=3202014607880099' })).json().total).toBe(0);
    expect((await injectAs(t.app, s, { url: `/api/workers/export.xlsx?nik=${NIK}` })).statusCode).toBe(200);
    const rows = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'search_nik').orderBy('id').offset(Number(before.n)).execute();
    expect(rows.map((r) => [r.actor_username, r.entity_type, r.entity_id, (r.after as { matches: number }).matches])).toEqual([
      ['disnaker.sukabumi', 'worker', String(personId), 1],
      ['disnaker.sukabumi', 'worker_search', '32.02', 0],
      ['disnaker.sukabumi', 'worker', String(personId), 1],
    ]);
    expect(rows.map((r) => (r.after as { nik: string }).nik)).toEqual(['••••••••••••0007', '••••••••••••0099', '••••••••••••0007']);
    expect(JSON.stringify(rows)).not.toMatch(/\d{8,}/);
  });

  it('operators with worker:nik are not audited for a search (they may see the NIK anyway)', async () => {
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'search_nik').executeTakeFirstOrThrow();
    await injectAs(t.app, operator, { url: `/api/workers?nik=${NIK}` });
    const after = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'search_nik').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it(`is limited to ${NIK_SEARCH_PER_MINUTE} a minute per user, with a bilingual 429; other lists and users are not held`, async () => {
    // a fresh auditor account: the demo one has searched above, inside the same minute
    const created = await injectAs(t.app, await login(t.app, 'nasional'), { method: 'POST', url: '/api/users', payload: { username: 'auditor.limit', displayName: 'Auditor Batas', password: 'auditor-limit-1', role: 'auditor', regionCode: 'ID' } });
    expect(created.statusCode, created.body).toBe(201);
    const s = await login(t.app, 'auditor.limit', 'auditor-limit-1');
    const codes: number[] = [];
    for (let i = 0; i < NIK_SEARCH_PER_MINUTE + 2; i++) {
      const nik = `32020146078800${String(10 + i).padStart(2, '0')}`;
      codes.push((await injectAs(t.app, s, { url: `/api/workers?nik=${nik}` })).statusCode);
    }
    expect(codes.slice(0, NIK_SEARCH_PER_MINUTE).every((c) => c === 200)).toBe(true);
    expect(codes.slice(NIK_SEARCH_PER_MINUTE)).toEqual([429, 429]);
    const limited = await injectAs(t.app, s, { url: `/api/workers?nik=${NIK}` });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'TOO_MANY_NIK_SEARCHES' });
    expect(limited.json().error.message).toMatch(/pencarian NIK/i);
    expect(limited.json().error.messageEn).toMatch(/NIK searches/i);
    expect(limited.headers['retry-after']).toBeDefined();
    // a refused search is not audited as a search
    const audited = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'search_nik').where('actor_username', '=', 'auditor.limit').executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(NIK_SEARCH_PER_MINUTE);
    // the same user's ordinary list still answers; another masked user has their own budget
    expect((await injectAs(t.app, s, { url: '/api/workers?region=32.02' })).statusCode).toBe(200);
    expect((await injectAs(t.app, await login(t.app, 'nasional'), { url: `/api/workers?nik=${NIK}` })).statusCode).toBe(200);
    // an operator with worker:nik is not held by the masked roles' limit
    for (let i = 0; i < NIK_SEARCH_PER_MINUTE + 1; i++) expect((await injectAs(t.app, operator, { url: `/api/workers?nik=${NIK}` })).statusCode).toBe(200);
  });
});
