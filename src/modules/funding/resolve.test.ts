import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { linkImportedEnrolments, resolveFundingPrograms } from './resolve.js';

const t = useTestApp();

const program = (name: string, region_code: string, payer_type: string, extra: Record<string, unknown> = {}) =>
  t.db
    .insertInto('funding_program')
    .values({ name, payer_type, region_code, fiscal_year: 2025, budget: 1, quota: 1, segment: 'BPU', programs: ['JKK', 'JKM'], created_by: 'test', ...extra })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

describe('Sumber Dana → funding programme', () => {
  it('by name (any case) or id, owned by the village or above, same segment; the closest owner wins', async () => {
    const kab = await program('APBD Kab. Sukabumi 2025', '32.02', 'APBD_KABKOTA');
    const kabPu = await program('APBD Kab. Sukabumi 2025', '32.02', 'APBD_KABKOTA', { segment: 'PU', programs: ['JKK', 'JKM', 'JHT', 'JP'] });
    const csrKab = await program('CSR Bersama', '32.02', 'CSR');
    const csrVillage = await program('CSR Bersama', '32.02.01.2002', 'CSR');
    const subang = await program('APBD Kab. Subang 2025', '32.13', 'APBD_KABKOTA');
    await program('Program Ditutup', '32.02', 'CSR', { status: 'closed' });
    const got = await resolveFundingPrograms(t.db, [
      { text: '  apbd kab. sukabumi 2025 ', villageCode: '32.02.01.2002', segment: 'BPU' },
      { text: 'APBD Kab. Sukabumi 2025', villageCode: '32.02.01.2002', segment: 'PU' },
      { text: 'CSR Bersama', villageCode: '32.02.01.2002', segment: 'BPU' },
      { text: 'CSR Bersama', villageCode: '32.02.01.2003', segment: 'BPU' },
      { text: 'APBD Kab. Subang 2025', villageCode: '32.02.01.2002', segment: 'BPU' }, // not above this village
      { text: String(subang), villageCode: '32.13.28.2007', segment: 'BPU' },
      { text: `#${kab}`, villageCode: '32.02.01.2002', segment: 'BPU' },
      { text: 'Program Ditutup', villageCode: '32.02.01.2002', segment: 'BPU' },
      { text: 'Mandiri', villageCode: '32.02.01.2002', segment: 'BPU' },
    ]);
    expect(got).toEqual([kab, kabPu, csrVillage, csrKab, null, subang, kab, null, null]);
  });

  it('links an import’s enrolments in one statement', async () => {
    const id = await program('Dana Desa Cimanggu 2025', '32.02.01.2002', 'DANA_DESA');
    const person = await t.db.insertInto('person').values({ nik: '3202011505900777', name: 'X', birth_date: '1990-05-15', sex: 'L', village_code: '32.02.01.2002', address: '' }).returning('id').executeTakeFirstOrThrow();
    const mk = (funding_source: string) =>
      t.db
        .insertInto('enrolment')
        .values({ person_id: person.id, segment: 'BPU', group_code: 'PEKERJA_RENTAN', programs: ['JKK', 'JKM'], funding_source, village_code: '32.02.01.2002', import_id: 4242 })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((r) => r.id);
    const a = await mk('Dana Desa Cimanggu 2025');
    const b = await mk('Tidak Dikenal');
    const n = await t.db.transaction().execute((tx) => linkImportedEnrolments(tx, 4242));
    expect(n).toBe(1);
    const rows = await t.db.selectFrom('enrolment').select(['id', 'funding_program_id']).where('id', 'in', [a, b]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: a, funding_program_id: id },
      { id: b, funding_program_id: null },
    ]);
  });
});
