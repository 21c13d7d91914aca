import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/db.js';
import { insertStagedRows } from './staging.js';
import type { StagedWorker } from './stage-row.js';

// On PostgreSQL the rows go in by COPY text format, on PGlite by arrays: both must store every character as given
// (programme codes never hold a comma: parseList splits on it).
let h: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => h?.drop());

const awkward = 'Tab\there, back\\slash, "quoted", {braces}, new\nline, cr\r, é ‘Kp’ \\N';
const staged = (rowNumber: number, over: Partial<StagedWorker> = {}): StagedWorker => ({
  rowNumber,
  raw: { nik: '3202011505900001', name: awkward },
  outcome: 'valid',
  problems: [],
  nik: '3202011505900001',
  name: awkward,
  birthDate: '1990-05-15',
  sex: 'L',
  villageCode: '32.02.01.2002',
  address: awkward,
  phone: null,
  occupation: null,
  segment: 'BPU',
  group: 'PEKERJA_RENTAN',
  programs: ['JKK', 'JKM'],
  declaredIncome: 1_000_000,
  fundingSource: '',
  fundingProgramId: null,
  ...over,
});

describe('staging rows', () => {
  it('keeps every character, null, array element and JSON cell as given', async () => {
    const id = 999001;
    await insertStagedRows(h.db, id, [
      staged(2),
      staged(3, {
        outcome: 'rejected',
        problems: [{ column: 'NIK', code: 'X', id: awkward, en: 'e' }],
        programs: ['JK"K', 'C\\D', '{E}'],
        birthDate: null,
        sex: null,
        declaredIncome: null,
        occupation: awkward,
        fundingProgramId: 7,
      }),
      staged(4, { programs: null, nik: null, segment: null, group: null }),
    ]);
    const rows = await h.db.selectFrom('import_row').selectAll().where('import_id', '=', id).orderBy('row_number').execute();
    expect(rows.map((r) => [r.row_number, r.outcome])).toEqual([
      [2, 'valid'],
      [3, 'rejected'],
      [4, 'valid'],
    ]);
    const [a, b, c] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    expect(a).toMatchObject({ raw: null, problems: null, name: awkward, address: awkward, birth_date: '1990-05-15', programs: ['JKK', 'JKM'], declared_income: 1_000_000, phone: null });
    expect(b).toMatchObject({ raw: { nik: '3202011505900001', name: awkward }, problems: [{ id: awkward }], programs: ['JK"K', 'C\\D', '{E}'], occupation: awkward, birth_date: null, sex: null, declared_income: null, funding_program_id: 7 });
    expect(c).toMatchObject({ programs: null, nik: null, segment: null });
  });
});
