import { sql } from 'kysely';
import { copyIn, copyText, type Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { inSubtree } from '../../domain/region-code.js';
import { DECILES, parseDataYear, parseDecile } from '../../domain/targeting.js';
import { todayWib } from '../../domain/wib.js';
import { checkWorker, type RegionLookup } from '../../domain/worker.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate, parseSex } from '../../lib/spreadsheet/values.js';
import { defineImportKind, type ImportProblem, type StagedRow } from '../imports/kind.js';
import { PERSON_ELSEWHERE, refuseRowsOutsideRegion } from '../imports/scope.js';
import { pickList, templateBook, withInstructions } from '../imports/template-kit.js';
import { regionIndex } from '../regions/region-index.js';
import { FIELD_COLUMN } from '../workers/import/columns.js';
import { compactCounts } from './queries.js';

/** The DTSEN extract's columns (issue 16), with what regional offices and Kemensos exports actually write. */
export const DTSEN_COLUMNS: ColumnSpec[] = [
  { key: 'nik', header: 'NIK', aliases: ['No NIK', 'Nomor NIK', 'No KTP', 'NIK ART'] },
  { key: 'name', header: 'Nama', aliases: ['Nama Lengkap', 'Nama ART', 'Nama Anggota Keluarga'] },
  { key: 'birthDate', header: 'Tanggal Lahir', aliases: ['Tgl Lahir', 'Tgl. Lahir'] },
  { key: 'sex', header: 'Jenis Kelamin', aliases: ['Jenis Kelamin (L/P)', 'JK', 'L/P'] },
  { key: 'villageCode', header: 'Kode Desa', aliases: ['Kode Kelurahan', 'Kode Desa/Kelurahan', 'Kode Wilayah', 'Kode Wilayah Desa'] },
  { key: 'address', header: 'Alamat', aliases: ['Alamat Lengkap'] },
  { key: 'decile', header: 'Desil (1–10)', aliases: ['Desil', 'Desil (1-10)', 'Peringkat Desil', 'Desil Kesejahteraan'] },
  { key: 'occupation', header: 'Pekerjaan', aliases: ['Pekerjaan Utama', 'Lapangan Usaha'] },
  { key: 'workStatus', header: 'Status Pekerjaan', aliases: ['Status dalam Pekerjaan', 'Status Kedudukan dalam Pekerjaan'], optional: true },
  { key: 'dataYear', header: 'Tahun Data', aliases: ['Tahun', 'Periode Data', 'Tahun DTSEN'] },
];

interface Ctx {
  regions: RegionLookup;
  currentYear: number;
}

export interface StagedCandidate extends StagedRow {
  nik: string | null;
  name: string;
  birthDate: string | null;
  sex: string | null;
  villageCode: string;
  address: string;
  decile: number | null;
  occupation: string | null;
  workStatus: string | null;
  dataYear: number | null;
}

/** Parses and checks one row: the worker import's person rules (NIK, birth date and sex against it, village), then decile and year. */
export function stageCandidate(row: SheetRow, { regions, currentYear }: Ctx, scope: string): StagedCandidate {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const date = parseDate(c.birthDate);
  const sex = parseSex(c.sex);
  if ('error' in date && cellText(c.birthDate)) {
    problems.push({
      column: 'Tanggal Lahir',
      code: 'DATE_INVALID',
      id: `Tanggal lahir "${cellText(c.birthDate)}" tidak terbaca; tulis sebagai dd/mm/yyyy, mis. 15/05/1990.`,
      en: `Birth date "${cellText(c.birthDate)}" is unreadable; write it as dd/mm/yyyy, e.g. 15/05/1990.`,
    });
  }
  const input = {
    nik: typeof c.nik === 'number' ? c.nik : cellText(c.nik),
    name: cellText(c.name),
    birthDate: 'date' in date ? date.date : undefined,
    sex: sex ?? undefined,
    villageCode: cellText(c.villageCode),
    address: cellText(c.address),
  };
  const check = checkWorker(input, regions);
  for (const e of check.errors) {
    if (e.code === 'BIRTH_DATE_INVALID' && problems.some((p) => p.code === 'DATE_INVALID')) continue;
    const column = e.field === 'sex' ? 'Jenis Kelamin' : (FIELD_COLUMN[e.field] ?? e.field);
    problems.push({ column, code: e.code, id: e.message.id, en: e.message.en });
  }
  if (input.villageCode && check.errors.every((e) => e.field !== 'villageCode') && !inSubtree(scope, input.villageCode)) {
    problems.push({
      column: 'Kode Desa',
      code: 'OUT_OF_SCOPE',
      id: `Desa ${input.villageCode} berada di luar wilayah kerja Anda (${scope}); hanya warga berdomisili di wilayah Anda yang bisa diimpor.`,
      en: `Village ${input.villageCode} is outside your region (${scope}); only people living in your region can be imported.`,
    });
  }
  const decile = parseDecile(c.decile);
  if (decile === undefined) {
    problems.push({ column: 'Desil (1–10)', code: 'DECILE_INVALID', id: `Desil "${cellText(c.decile)}" harus bilangan bulat 1 sampai 10.`, en: `Decile "${cellText(c.decile)}" must be a whole number from 1 to 10.` });
  }
  const dataYear = parseDataYear(c.dataYear, currentYear);
  if (dataYear === undefined) {
    problems.push({
      column: 'Tahun Data',
      code: 'DATA_YEAR_INVALID',
      id: `Tahun data "${cellText(c.dataYear)}" harus tahun 2015 sampai ${currentYear}, mis. ${currentYear}.`,
      en: `Data year "${cellText(c.dataYear)}" must be a year from 2015 to ${currentYear}, e.g. ${currentYear}.`,
    });
  }
  const occupation = cellText(c.occupation);
  const workStatus = cellText(c.workStatus);
  if (input.name.length > 200) problems.push({ column: 'Nama', code: 'NAME_TOO_LONG', id: 'Nama paling panjang 200 karakter.', en: 'The name is at most 200 characters long.' });
  if (occupation.length > 200 || workStatus.length > 200) {
    problems.push({ column: 'Pekerjaan', code: 'TEXT_TOO_LONG', id: 'Pekerjaan dan status pekerjaan paling panjang 200 karakter.', en: 'Occupation and work status are at most 200 characters long.' });
  }
  const rejected = problems.length > 0;
  problems.push(...check.warnings.map((w) => ({ column: FIELD_COLUMN[w.field] ?? w.field, code: w.code, id: w.message.id, en: w.message.en, warning: true })));
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: rejected ? 'rejected' : 'valid',
    problems,
    nik: check.nik ?? null,
    name: input.name,
    birthDate: input.birthDate ?? null,
    sex: input.sex ?? null,
    villageCode: input.villageCode,
    address: input.address,
    decile: decile ?? null,
    occupation: occupation || null,
    workStatus: workStatus || null,
    dataYear: dataYear ?? null,
  };
}

const COLS = 'import_id, row_number, raw, outcome, problems, nik, name, birth_date, sex, village_code, address, decile, occupation, work_status, data_year';
const COPY_STAGED = `COPY dtsen_import_row (${COLS}) FROM STDIN`;

function* copyLines(importId: number, rows: StagedCandidate[]): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as StagedCandidate;
    chunk += `${importId}\t${r.rowNumber}\t${r.outcome === 'valid' ? '\\N' : copyText(JSON.stringify(r.raw))}\t${r.outcome}\t${
      r.problems.length ? copyText(JSON.stringify(r.problems)) : '\\N'
    }\t${copyText(r.nik)}\t${copyText(r.name)}\t${copyText(r.birthDate)}\t${copyText(r.sex)}\t${copyText(r.villageCode)}\t${copyText(r.address)}\t${copyText(
      r.decile,
    )}\t${copyText(r.occupation)}\t${copyText(r.workStatus)}\t${copyText(r.dataYear)}\n`;
    if (i % 1000 === 999) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** One batch in one statement: COPY on PostgreSQL, unnested arrays on the embedded engine. */
async function insertStaged(db: Db, importId: number, rows: StagedCandidate[]): Promise<void> {
  if (rows.length === 0) return;
  if (await copyIn(db, COPY_STAGED, copyLines(importId, rows))) return;
  const col = <T>(f: (r: StagedCandidate) => T) => rows.map(f);
  await sql`
    INSERT INTO dtsen_import_row (${sql.raw(COLS)})
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.nik, t.name, t.birth_date::date, t.sex, t.village_code, t.address,
           t.decile, t.occupation, t.work_status, t.data_year
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[], ${col((r) => r.outcome)}::text[],
                ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[], ${col((r) => r.nik)}::text[], ${col((r) => r.name)}::text[],
                ${col((r) => r.birthDate)}::text[], ${col((r) => r.sex)}::text[], ${col((r) => r.villageCode)}::text[], ${col((r) => r.address)}::text[],
                ${col((r) => r.decile)}::smallint[], ${col((r) => r.occupation)}::text[], ${col((r) => r.workStatus)}::text[], ${col((r) => r.dataYear)}::smallint[])
      AS t(row_number, raw, outcome, problems, nik, name, birth_date, sex, village_code, address, decile, occupation, work_status, data_year)`.execute(db);
}

/** A NIK twice in the file: the first row stays, later ones are duplicates (set-based). */
async function classifyDuplicates(db: Db | Tx, importId: number) {
  await sql`
    UPDATE dtsen_import_row r SET outcome = 'duplicate_in_file',
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
        'column', 'NIK', 'code', 'DUPLICATE_IN_FILE',
        'id', 'NIK yang sama sudah ada di baris ' || d.first_row || ' berkas ini.',
        'en', 'The same NIK is already on row ' || d.first_row || ' of this file.'))
    FROM (SELECT nik, min(row_number) AS first_row FROM dtsen_import_row WHERE import_id = ${importId} AND outcome = 'valid'
          GROUP BY nik HAVING count(*) > 1) d
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.nik = d.nik AND r.row_number > d.first_row`.execute(db);
}

/**
 * A NIK already stored outside the uploader's region — a registered person, or another region's
 * candidate — is refused (decision 50): the extract cannot move or reveal another region's people.
 */
const refuseOutsideRegion = (db: Db | Tx, importId: number) =>
  refuseRowsOutsideRegion(db, { stagingTable: 'dtsen_import_row' }, importId, {
    storedRegions: sql`SELECT p.village_code FROM person p WHERE p.nik = r.nik UNION ALL SELECT c.village_code FROM dtsen_candidate c WHERE c.nik = r.nik`,
    column: 'NIK',
    reason: PERSON_ELSEWHERE,
  });

/** Valid rows whose NIK is already in the registry: they become candidates linked to that person. */
async function alreadyRegistered(db: Db | Tx, importId: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM dtsen_import_row r JOIN person p ON p.nik = r.nik
    WHERE r.import_id = ${importId} AND r.outcome = 'valid'`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * The valid rows become candidates, set-based: a new NIK is inserted; a known one takes the row's data
 * when its data year is the same or later (a later extract of the same year replaces the decile); every
 * row's decile goes into the history. A candidate's state starts from its person's latest enrolment.
 */
export async function commitCandidates(tx: Tx, importId: number): Promise<Record<string, number>> {
  const upserted = await sql`
    INSERT INTO dtsen_candidate AS c (nik, name, birth_date, sex, village_code, address, occupation, work_status, decile, data_year, person_id, state, import_id)
    SELECT r.nik, r.name, r.birth_date, r.sex, r.village_code, r.address, r.occupation, r.work_status, r.decile, r.data_year, p.id,
           dtsen_state_of(p.cur_status), ${importId}
    FROM dtsen_import_row r LEFT JOIN person p ON p.nik = r.nik
    WHERE r.import_id = ${importId} AND r.outcome = 'valid'
    ON CONFLICT (nik) DO UPDATE SET
      name = excluded.name, birth_date = excluded.birth_date, sex = excluded.sex, village_code = excluded.village_code, address = excluded.address,
      occupation = excluded.occupation, work_status = excluded.work_status, decile = excluded.decile, data_year = excluded.data_year,
      person_id = excluded.person_id, state = excluded.state, import_id = excluded.import_id, updated_at = now()
    WHERE excluded.data_year >= c.data_year`.execute(tx);
  const history = await sql`
    INSERT INTO dtsen_decile_history (candidate_id, data_year, decile, import_id)
    SELECT c.id, r.data_year, r.decile, ${importId}
    FROM dtsen_import_row r JOIN dtsen_candidate c ON c.nik = r.nik
    WHERE r.import_id = ${importId} AND r.outcome = 'valid'`.execute(tx);
  return { candidates: Number(upserted.numAffectedRows ?? 0), deciles: Number(history.numAffectedRows ?? 0) };
}

/** The extract import kind (issue 16, item 1). */
export const dtsenImport = defineImportKind<StagedCandidate, Ctx>({
  key: 'dtsen',
  basePath: '/api/dtsen-imports',
  label: { id: 'dtsen', en: 'DTSEN extract' },
  permissions: { read: 'dtsen:read', write: 'dtsen:write' },
  columns: DTSEN_COLUMNS,
  textColumns: ['nik', 'villageCode'],
  identityColumns: ['nik', 'name'],
  stagingTable: 'dtsen_import_row',
  bulkTables: ['dtsen_candidate', 'dtsen_decile_history', 'dtsen_count'],
  context: async (db) => ({ regions: await regionIndex(db), currentYear: Number(todayWib().slice(0, 4)) }),
  stage: stageCandidate,
  insertStaged,
  async classify(db, importId) {
    await classifyDuplicates(db, importId);
    await refuseOutsideRegion(db, importId);
  },
  reclassify: async (tx, importId) => {
    await refuseOutsideRegion(tx, importId);
  },
  preview: async (db, importId) => ({ alreadyRegistered: await alreadyRegistered(db, importId) }),
  async commit(tx, importId) {
    const done = await commitCandidates(tx, importId);
    await compactCounts(tx);
    return done;
  },
  parsedCells: (r) => ({
    nik: r.nik,
    name: r.name,
    birthDate: typeof r.birth_date === 'string' ? r.birth_date.split('-').reverse().join('/') : null,
    sex: r.sex,
    villageCode: r.village_code,
    address: r.address,
    decile: r.decile,
    occupation: r.occupation,
    workStatus: r.work_status,
    dataYear: r.data_year,
  }),
  async template() {
    const { wb, ws } = templateBook('Data DTSEN', DTSEN_COLUMNS, ['nik', 'villageCode', 'birthDate']);
    const year = Number(todayWib().slice(0, 4));
    ws.addRow({
      nik: '3202011505900001',
      name: 'CONTOH — Asep Supriatna (hapus baris ini)',
      birthDate: '15/05/1990',
      sex: 'L',
      villageCode: '32.02.01.2002',
      address: 'Kp. Cimanggu RT 01/02',
      decile: 2,
      occupation: 'Buruh tani',
      workStatus: 'Pekerja bebas pertanian',
      dataYear: year,
    });
    pickList(ws, 'sex', ['L', 'P'], 'Isi L (laki-laki) atau P (perempuan).', 5000);
    pickList(ws, 'decile', DECILES.map(String), 'Isi desil 1 (termiskin) sampai 10.', 5000);
    return withInstructions(wb, [
      'PETUNJUK — ekstrak DTSEN (Data Tunggal Sosial dan Ekonomi Nasional)',
      '1. Satu baris per orang. Judul kolom boleh berbeda urutan; nama lain yang umum (mis. "Desil", "Nama ART") dikenali.',
      '2. NIK 16 digit, diketik sebagai teks. Tanggal Lahir dd/mm/yyyy dan Jenis Kelamin L/P harus sesuai NIK.',
      '3. Kode Desa: kode Kemendagri desa/kelurahan domisili di wilayah Anda, mis. 32.02.01.2002.',
      '4. Desil: 1 (termiskin) sampai 10. Tahun Data: tahun ekstrak, mis. 2025. Status Pekerjaan boleh kosong.',
      '5. Ekstrak baru dengan tahun yang sama menggantikan desil sebelumnya; riwayat desil tetap disimpan.',
      '6. Data DTSEN adalah data pribadi (UU 27/2022): hanya petugas yang berwenang yang melihatnya; NIK tersamar kecuali bagi peran yang berhak.',
      '7. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /dtsen_candidate_nik_key/,
});
