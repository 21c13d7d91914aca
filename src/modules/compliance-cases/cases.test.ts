import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { CASE_STEPS, checkTransition } from '../../domain/compliance-case.js';

const t = useTestApp();
let inspector: Session;
let bpjs: Session;
let regencyOp: Session;
let subang: Session;
let employerId: number;
let caseId: number;

const newEmployer = async (s: Session, name: string, over: Record<string, unknown> = {}) => {
  const res = await injectAs(t.app, s, {
    method: 'POST',
    url: '/api/employers',
    payload: { name, sizeClass: 'medium', villageCode: '32.02.01.2002', address: 'Jl. Raya Palabuhanratu No. 1', employeesDeclared: 80, workersRegistered: 0, programs: [], ...over },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};

beforeAll(async () => {
  inspector = await login(t.app, 'disnaker.sukabumi');
  bpjs = await login(t.app, 'bpjs.sukabumi');
  regencyOp = await login(t.app, 'kab.sukabumi');
  subang = await login(t.app, 'kab.subang');
  employerId = await newEmployer(inspector, 'PT Tekstil Belum Daftar');
});

describe('compliance cases', () => {
  it('opens a case for a non-compliant employer, with a 10-working-day deadline', async () => {
    const res = await injectAs(t.app, inspector, { method: 'POST', url: '/api/compliance-cases', payload: { employerId } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    caseId = c.id;
    expect(c).toMatchObject({ step: 'open', employerName: 'PT Tekstil Belum Daftar', region: '32.02.01.2002', overdue: false, allowedNext: ['warning_1', 'resolved', 'closed'] });
    expect(c.officer).toContain('Disnaker');
    expect(c.findings[0].code).toBe('PWBD');
    expect(c.deadline > c.stepDate).toBe(true);
    expect(c.steps).toHaveLength(1);
  });

  it('refuses a second open case, a compliant employer, and roles without compliance:write', async () => {
    const again = await injectAs(t.app, bpjs, { method: 'POST', url: '/api/compliance-cases', payload: { employerId } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CASE_ALREADY_OPEN', details: { caseId } });
    const okId = await newEmployer(inspector, 'PT Patuh', { npp: 'NPP-PATUH', employeesDeclared: 5, workersRegistered: 5, sizeClass: 'small', programs: ['JKK', 'JKM', 'JHT'] });
    const compliant = await injectAs(t.app, inspector, { method: 'POST', url: '/api/compliance-cases', payload: { employerId: okId } });
    expect(compliant.statusCode).toBe(409);
    expect(compliant.json().error.code).toBe('EMPLOYER_COMPLIANT');
    const op = await injectAs(t.app, regencyOp, { method: 'POST', url: '/api/compliance-cases', payload: { employerId } });
    expect(op.statusCode).toBe(403);
    const foreign = await injectAs(t.app, subang, { url: `/api/compliance-cases/${caseId}` });
    expect(foreign.statusCode).toBe(404);
  });

  it('answers a forbidden move with 409 and the allowed next steps, and changes nothing', async () => {
    const res = await injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${caseId}/transitions`, payload: { to: 'referred_skk', note: 'langsung ke kejaksaan' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { from: 'open', to: 'referred_skk', allowed: ['warning_1', 'resolved', 'closed'] } });
    expect(res.json().error.message).toContain('Surat Peringatan 1');
    const c = (await injectAs(t.app, inspector, { url: `/api/compliance-cases/${caseId}` })).json();
    expect(c.step).toBe('open');
    expect(c.steps).toHaveLength(1);
  });

  it('takes a case through every step to resolution, each audited, with a letter for each enforcement step', async () => {
    const path = ['warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved'] as const;
    for (const to of path) {
      const res = await injectAs(t.app, to === 'referred_skk' ? bpjs : inspector, { method: 'POST', url: `/api/compliance-cases/${caseId}/transitions`, payload: { to, note: `ke ${to}` } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().step).toBe(to);
    }
    const c = (await injectAs(t.app, inspector, { url: `/api/compliance-cases/${caseId}` })).json();
    expect(c.steps.map((s: { step: string }) => s.step)).toEqual(['open', ...path]);
    expect(c.allowedNext).toEqual([]);
    expect(c.deadline).toBeNull();
    expect(c.steps.filter((s: { letter: boolean }) => s.letter).map((s: { step: string }) => s.step)).toEqual(['warning_1', 'warning_2', 'referred_skk', 'sanction_recommended']);
    const w1 = c.steps[1];
    expect(w1.deadline > w1.stepDate).toBe(true);
    expect(c.steps[3].by).toBe('bpjs.sukabumi');

    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'compliance_case').where('entity_id', '=', String(caseId)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['open_case', ...path.map(() => 'case_transition')]);
    expect(audit[2]).toMatchObject({ before: { step: 'warning_1' }, after: { step: 'warning_2', note: 'ke warning_2' } });

    for (const s of c.steps.filter((x: { letter: boolean }) => x.letter)) {
      const pdf = await injectAs(t.app, inspector, { url: `/api/compliance-cases/${caseId}/letters/${s.id}` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.length).toBeGreaterThan(1500);
    }
    expect((await injectAs(t.app, inspector, { url: `/api/compliance-cases/${caseId}/letters/${c.steps[0].id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, subang, { url: `/api/compliance-cases/${caseId}/letters/${c.steps[1].id}` })).statusCode).toBe(404);
  });

  it('refuses any move out of a final step, and lets a new case start afterwards', async () => {
    for (const to of CASE_STEPS) {
      const res = await injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${caseId}/transitions`, payload: { to } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.allowed).toEqual([]);
    }
    const next = await injectAs(t.app, inspector, { method: 'POST', url: '/api/compliance-cases', payload: { employerId } });
    expect(next.statusCode).toBe(201);
  });

  it('checks every allowed and forbidden move through the API as the state machine says', async () => {
    // one fresh case per starting step, walked there along the allowed path, then every target tried
    const walk: Record<string, string[]> = {
      open: [],
      warning_1: ['warning_1'],
      warning_2: ['warning_1', 'warning_2'],
      referred_skk: ['warning_1', 'warning_2', 'referred_skk'],
      sanction_recommended: ['warning_1', 'warning_2', 'referred_skk', 'sanction_recommended'],
    };
    let n = 0;
    for (const [from, steps] of Object.entries(walk)) {
      for (const to of CASE_STEPS) {
        const eid = await newEmployer(inspector, `PT Matriks ${from} ${to} ${n++}`);
        const c = (await injectAs(t.app, inspector, { method: 'POST', url: '/api/compliance-cases', payload: { employerId: eid } })).json();
        for (const s of steps) expect((await injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${c.id}/transitions`, payload: { to: s } })).statusCode).toBe(200);
        const res = await injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${c.id}/transitions`, payload: { to } });
        expect(res.statusCode, `${from} → ${to}`).toBe(checkTransition(from as never, to).ok ? 200 : 409);
      }
    }
  });

  it('flags overdue cases and lists them', async () => {
    const eid = await newEmployer(inspector, 'PT Terlambat');
    const c = (await injectAs(t.app, inspector, { method: 'POST', url: '/api/compliance-cases', payload: { employerId: eid } })).json();
    const res = await injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${c.id}/transitions`, payload: { to: 'warning_1', date: '2025-01-06' } });
    expect(res.statusCode, res.body).toBe(422); // before the case was opened today
    await t.db.updateTable('compliance_case').set({ step_date: '2025-01-01' }).where('id', '=', c.id).execute();
    const w = await injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${c.id}/transitions`, payload: { to: 'warning_1', date: '2025-01-06' } });
    expect(w.json()).toMatchObject({ step: 'warning_1', stepDate: '2025-01-06', deadline: '2025-01-20', overdue: true });
    const list = (await injectAs(t.app, inspector, { url: '/api/compliance-cases?overdue=true' })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(c.id);
    expect(list.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    expect((await injectAs(t.app, subang, { url: '/api/compliance-cases?overdue=true' })).json().total).toBe(0);
  });

  it('keeps attachments safely: type by content, size limit, random stored name, audited', async () => {
    const upload = (name: string, data: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), name);
      return injectAs(t.app, inspector, { method: 'POST', url: `/api/compliance-cases/${caseId}/documents`, payload: form as never });
    };
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 32)]);
    const ok = await upload('../../etc/berita acara.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'application/pdf', sizeBytes: pdf.length });
    expect(ok.json().filename).not.toContain('/');
    const stored = await t.db.selectFrom('compliance_document').selectAll().where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(stored.storage_key).toMatch(/^[0-9a-f-]{36}\.pdf$/);

    const exe = await upload('surat.pdf', Buffer.from('MZ\x90\x00 this is not a pdf'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('DOCUMENT_TYPE');
    const big = await upload('besar.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10)]));
    expect(big.statusCode).toBe(413);

    const got = await injectAs(t.app, inspector, { url: `/api/compliance-cases/${caseId}/documents/${ok.json().id}` });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect((await injectAs(t.app, subang, { url: `/api/compliance-cases/${caseId}/documents/${ok.json().id}` })).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'compliance_case').where('entity_id', '=', String(caseId)).where('action', '=', 'attach_document').execute();
    expect(audit).toHaveLength(1);
  });
  it('answers 404 for another region\'s case on every by-id route, and for a document of another case', async () => {
    // an inspector of Subang: may read and act on cases, but not on Sukabumi's
    const made = await injectAs(t.app, await login(t.app, 'nasional'), {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'disnaker.subang', displayName: 'Pengawas Subang (uji)', password: 'rahasia-panjang-1', role: 'labour_inspector', regionCode: '32.13' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const other = await login(t.app, 'disnaker.subang', 'rahasia-panjang-1');
    const c = (await injectAs(t.app, inspector, { url: `/api/compliance-cases/${caseId}` })).json();
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob(['%PDF-1.4\n']), 'bukti.pdf');
      return f;
    };
    for (const req of [
      { url: `/api/compliance-cases/${caseId}` },
      { method: 'POST' as const, url: `/api/compliance-cases/${caseId}/transitions`, payload: { to: 'closed' } },
      { url: `/api/compliance-cases/${caseId}/letters/${c.steps[1].id}` },
      { method: 'POST' as const, url: `/api/compliance-cases/${caseId}/documents`, payload: form() as never },
      { url: `/api/compliance-cases/${caseId}/documents/${c.documents[0].id}` },
    ]) {
      const res = await injectAs(t.app, other, req);
      expect(res.statusCode, `${req.url}: ${res.body}`).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Kasus kepatuhan tidak ditemukan.' });
    }
    const foreignEmployer = await injectAs(t.app, other, { method: 'POST', url: '/api/compliance-cases', payload: { employerId } });
    expect(foreignEmployer.statusCode).toBe(404);
    expect(foreignEmployer.json().error).toMatchObject({ code: 'EMPLOYER_NOT_FOUND', field: 'body.employerId' });
    // a document is reached only through its own case
    const second = await injectAs(t.app, inspector, { method: 'POST', url: '/api/compliance-cases', payload: { employerId: await newEmployer(inspector, 'PT Kedua Belum Daftar') } });
    expect(second.statusCode, second.body).toBe(201);
    const wrongCase = await injectAs(t.app, inspector, { url: `/api/compliance-cases/${second.json().id}/documents/${c.documents[0].id}` });
    expect(wrongCase.statusCode).toBe(404);
    expect(wrongCase.json().error.message).toBe('Dokumen tidak ditemukan.');
  });
});
