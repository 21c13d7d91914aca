import { describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../../test/app.js';
import { importRoutes, workbook } from '../../../../test/imports.js';

const t = useTestApp();
const BASE = '/api/registration-imports';

const routes = importRoutes(t, BASE);
const upload = async (s: Session, rows: unknown[][]) =>
  routes.upload(s, await workbook(['NIK', 'Nomor Peserta', 'Tanggal Kepesertaan'], rows, 'Peserta'), 'peserta-bpjs.xlsx');
const waitFor = routes.waitFor;

const worker = (nik: string) => ({
  nik,
  name: `Peserta ${nik.slice(-4)}`,
  birthDate: '1990-05-15',
  sex: 'L',
  villageCode: '32.02.01.2002',
  address: 'Kp. Uji',
  enrolment: { segment: 'BPU', group: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'] },
});

describe('BPJS TK registration list (NIK → KPJ) through the import machinery', () => {
  it('activates the enrolments waiting for registration, with KPJ, start date and history; refuses the rest by reason', async () => {
    const s = await login(t.app, 'bpjs.sukabumi');
    const ids: Record<string, number> = {};
    for (const nik of ['3202011505900041', '3202011505900042', '3202011505900043']) {
      const r = await injectAs(t.app, s, { method: 'POST', url: '/api/workers', payload: worker(nik) });
      expect(r.statusCode, r.body).toBe(201);
      ids[nik] = r.json().enrolmentId;
    }
    // one already active with its KPJ
    await injectAs(t.app, s, { method: 'POST', url: `/api/enrolments/${ids['3202011505900043']}/status`, payload: { to: 'active', kpj: '24000000043' } });

    const id = await upload(s, [
      ['3202011505900041', '240 0000 0041', '01/07/2025'],
      ['3202011505900042', 24000000042, ''],
      ['3202011505900043', '24000000043', ''], // already active: nothing to do
      ['3202011505900044', '24000000044', ''], // not in the registry
      ['3202011505900041', '24000000099', ''], // same NIK again
      ['3202011505900042', '123', ''], // bad KPJ
      ['3202011505900045', '24000000043', ''], // someone else's KPJ (and unknown NIK)
    ]);
    const view = await waitFor(s, id, ['validated', 'failed']);
    expect(view.status, JSON.stringify(view)).toBe('validated');
    expect(view.counts).toMatchObject({ total: 7, valid: 2, rejected: 3, duplicateInFile: 1, alreadyRegistered: 1 });
    expect(view.counts.rejectedByReason).toMatchObject({ KPJ_INVALID: 1, NOT_IN_REGISTRY: 2 });

    expect((await injectAs(t.app, s, { method: 'POST', url: `${BASE}/${id}/commit` })).statusCode).toBe(202);
    const done = await waitFor(s, id, ['committed', 'failed']);
    expect(done.committed).toEqual({ enrolments: 2 });
    const rows = await t.db.selectFrom('enrolment').select(['id', 'status', 'kpj', 'start_date']).where('id', 'in', [ids['3202011505900041']!, ids['3202011505900042']!]).orderBy('id').execute();
    expect(rows.map((r) => [r.status, r.kpj])).toEqual([
      ['active', '24000000041'],
      ['active', '24000000042'],
    ]);
    expect(rows[0]!.start_date).toBe('2025-07-01');
    const history = await t.db.selectFrom('enrolment_status_history').select(['status', 'reason', 'changed_by']).where('enrolment_id', '=', ids['3202011505900041']!).execute();
    expect(history).toEqual([{ status: 'active', reason: 'bpjs_registration_list', changed_by: 'bpjs.sukabumi' }]);

    // Another regency's officer sees neither the job nor these people.
    const subang = await login(t.app, 'kab.subang');
    expect((await injectAs(t.app, subang, { url: `${BASE}/${id}` })).statusCode).toBe(404);
    const theirs = await upload(subang, [['3202011505900041', '24000000041', '']]);
    expect((await waitFor(subang, theirs, ['validated'])).counts.rejectedByReason).toEqual({ NOT_IN_REGISTRY: 1 });
  });
});
