import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { readRows } from '../../lib/spreadsheet/read-rows.js';
import { regionIndex } from '../regions/region-index.js';
import { classifyEmployerRows, commitEmployerRows, countEmployerOutcomes, EMPLOYER_COLUMNS, employerTemplate, insertStagedEmployers, stageEmployerRow } from './import-kind.js';

const t = useTestApp();

const CSV = [
  'Nama Perusahaan;NPP;NIB;Sektor;Skala Usaha;Kode Desa;Alamat;Pekerja Dilaporkan (WLKP);Pekerja Terdaftar BPJS TK;Upah Dilaporkan (Rp);Upah Sebenarnya (Rp);Program',
  'PT Impor Satu;IMP-1;9120000000001;Garmen;Menengah;32.02.01.2002;Jl. A;120;100;3.500.000;;JKK, JKM, JHT, JP',
  'PT Impor Dua;;9120000000002;Perdagangan;kecil;32.02.01.2002;Jl. B;15;0;;;',
  'PT Impor Tiga;IMP-1;;Garmen;besar;32.02.01.2002;Jl. C;300;300;4.000.000;;JKK,JKM,JHT,JP',
  'PT Luar;IMP-4;;Garmen;besar;32.13.28.2007;Jl. D;10;10;4.000.000;;JKK,JKM,JHT,JP',
  'PT Salah;;123;Garmen;raksasa;32.02.01.2002;Jl. E;abc;5;;;JKK',
  'PT Sudah Ada;NPP-LAMA;;Garmen;kecil;32.02.01.2002;Jl. F;5;5;4.000.000;;JKK,JKM,JHT',
].join('\n');

describe('employer import rows (the employer half of the shared import)', () => {
  it('stages with the form’s rules, classifies set-based, and commits valid rows with findings', async () => {
    await t.db.insertInto('employer').values({ name: 'PT Lama', npp: 'NPP-LAMA', size_class: 'small', village_code: '32.02.01.2003' }).execute();
    const file = join(tmpdir(), `employers-${Date.now()}.csv`);
    writeFileSync(file, CSV);
    const regions = await regionIndex(t.db);
    const staged = [];
    for await (const row of readRows(file, 'csv', EMPLOYER_COLUMNS)) staged.push(stageEmployerRow(row, (c) => regions.villageExists(c), '32.02'));
    expect(staged.map((r) => r.outcome)).toEqual(['valid', 'valid', 'valid', 'rejected', 'rejected', 'valid']);
    expect(staged[3]!.problems.map((p) => p.code)).toEqual(['OUT_OF_SCOPE']);
    expect(staged[4]!.problems.map((p) => [p.column, p.code])).toEqual([
      ['NIB', 'NIB_INVALID'],
      ['Skala Usaha', 'SIZE_CLASS_INVALID'],
      ['Pekerja Dilaporkan (WLKP)', 'COUNT_INVALID'],
      ['Pekerja Terdaftar BPJS TK', 'REGISTERED_WITHOUT_NPP'],
      ['Program', 'PROGRAMS_WITHOUT_NPP'],
    ]);

    await insertStagedEmployers(t.db, 7, staged);
    await classifyEmployerRows(t.db, 7);
    expect(await countEmployerOutcomes(t.db, 7)).toEqual({ valid: 2, rejected: 2, duplicate_in_file: 1, already_registered: 1 });

    const result = await t.db.transaction().execute((tx) => commitEmployerRows(tx, 7));
    expect(result).toEqual({ employers: 2 });
    const saved = await t.db.selectFrom('employer').select(['name', 'statuses']).where('name', 'like', 'PT Impor%').orderBy('name').execute();
    expect(saved).toEqual([
      { name: 'PT Impor Dua', statuses: ['PWBD'] },
      { name: 'PT Impor Satu', statuses: ['PDS_TK'] },
    ]);
  });
});

describe('employer template', () => {
  it('reads back as one valid row', async () => {
    const file = join(tmpdir(), `employer-template-${Date.now()}.xlsx`);
    writeFileSync(file, await employerTemplate());
    const regions = await regionIndex(t.db);
    const rows = [];
    for await (const row of readRows(file, 'xlsx', EMPLOYER_COLUMNS)) rows.push(stageEmployerRow(row, (c) => regions.villageExists(c), '32.02'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'valid', nib: '9120001234567', sizeClass: 'medium', employeesDeclared: 120, programs: ['JKK', 'JKM', 'JHT', 'JP'] });
  });
});
