import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { inSubtree, isRegionCode } from '../../domain/region-code.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseRupiah } from '../../lib/spreadsheet/values.js';
import { defineImportKind, type ImportProblem, type StagedRow } from '../imports/kind.js';
import { templateBook, withInstructions } from '../imports/template-kit.js';
import { auditStagedFigures, commitStagedFigures, markDuplicateFigures, markUnknownRegions } from './queries.js';

/**
 * Employed population (penduduk bekerja, BPS Sakernas style) and yearly coverage targets, one row per
 * region and year, as an import kind (issue 12; decision 99): validated in the background, previewed,
 * and the valid rows committed at once; each row must lie in the uploader's region.
 */
const COLUMNS: ColumnSpec[] = [
  { key: 'code', header: 'Kode Wilayah', aliases: ['kode', 'kode_wilayah', 'region code', 'code', 'kode kemendagri'] },
  { key: 'year', header: 'Tahun', aliases: ['year'] },
  { key: 'total', header: 'Penduduk Bekerja', aliases: ['employed', 'employed population', 'jumlah penduduk bekerja'], optional: true },
  { key: 'formal', header: 'Formal', aliases: ['pekerja formal'], optional: true },
  { key: 'informal', header: 'Informal', aliases: ['pekerja informal'], optional: true },
  { key: 'target', header: 'Target Persen', aliases: ['target', 'target (%)', 'target_pct', 'target cakupan'], optional: true },
  { key: 'source', header: 'Sumber', aliases: ['source', 'sumber data'] },
];

/** The template's header of each column key, which the messages name. */
const HEADER = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<string, string>;

export interface StagedFigureRow extends StagedRow {
  code: string | null;
  year: number | null;
  total: number | null;
  formal: number | null;
  informal: number | null;
  target: number | null;
  source: string | null;
}

/** Whole non-negative number; Indonesian (1.234.567) or English (1,234,567) grouping (the rupiah reader, without "Rp"). */
const parseCount = parseRupiah;

/** A percentage: 41,5 · 41.5 · "41,5%" · a fraction 0.415 from a %-formatted Excel cell is read as 41.5. */
function parsePercent(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined || cellText(value) === '') return null;
  if (typeof value === 'number') return value > 0 && value <= 1 ? Math.round(value * 10000) / 100 : value;
  const text = cellText(value).replace(/%$/, '').trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d+)?$/.test(text)) return 'invalid';
  return Number(text);
}

/** A code typed into a General cell arrives as a number: 32 is a province, 32.1 the regency 32.10. */
const codeText = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : cellText(v).replace(/\s+/g, ''));

/** One row's checks, with the rules the old synchronous import had; `scope` is the uploader's region. */
export function stageFigure(row: SheetRow, _ctx: unknown, scope: string): StagedFigureRow {
  const cells = row.cells;
  const problems: ImportProblem[] = [];
  const bad = (key: string, code: string, id: string, en: string) => problems.push({ column: HEADER[key]!, code, id, en });
  const code = codeText(cells.code);
  if (!isRegionCode(code)) bad('code', 'REGION_CODE_INVALID', `Kode wilayah "${code}" bukan kode Kemendagri (mis. 32.02) atau ID.`, `"${code}" is not a Kemendagri code (e.g. 32.02) or ID.`);
  else if (!inSubtree(scope, code)) bad('code', 'OUTSIDE_REGION', `Wilayah ${code} di luar wilayah kerja Anda (${scope}).`, `Region ${code} is outside your assigned region (${scope}).`);
  const yearText = cellText(cells.year);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) bad('year', 'YEAR_INVALID', `Tahun "${yearText}" harus empat angka antara 2000 dan 2100.`, `Year "${yearText}" must be four digits between 2000 and 2100.`);
  const count = (key: 'total' | 'formal' | 'informal', label: { id: string; en: string }) => {
    const v = parseCount(cells[key] ?? null);
    if (v === 'invalid' || (v !== null && (v < 0 || v > 1e12))) {
      bad(key, 'NUMBER_INVALID', `${label.id} "${cellText(cells[key])}" bukan bilangan bulat (contoh 1.234.567).`, `${label.en} "${cellText(cells[key])}" is not a whole number (e.g. 1,234,567).`);
      return null;
    }
    return v;
  };
  const total = count('total', { id: 'Penduduk bekerja', en: 'Employed population' });
  const formal = count('formal', { id: 'Formal', en: 'Formal' });
  const informal = count('informal', { id: 'Informal', en: 'Informal' });
  if (total === 0) bad('total', 'NUMBER_INVALID', 'Penduduk bekerja harus lebih dari 0.', 'Employed population must be more than 0.');
  if (total === null && (formal !== null || informal !== null)) bad('total', 'TOTAL_MISSING', 'Isi penduduk bekerja (total) bila formal/informal diisi.', 'Fill in the employed population (total) when formal/informal is given.');
  if (total !== null && formal !== null && informal !== null && formal + informal !== total)
    bad('total', 'SPLIT_MISMATCH', `Formal + informal (${formal + informal}) tidak sama dengan total (${total}).`, `Formal + informal (${formal + informal}) does not equal the total (${total}).`);
  const target = parsePercent(cells.target ?? null);
  const targetBad = target === 'invalid' || (target !== null && (target <= 0 || target > 100));
  if (targetBad) bad('target', 'PERCENT_INVALID', `Target "${cellText(cells.target)}" harus persen antara 0 dan 100 (contoh 41,5).`, `Target "${cellText(cells.target)}" must be a percentage between 0 and 100 (e.g. 41.5).`);
  if (total === null && target === null) bad('total', 'NOTHING_TO_SAVE', 'Isi penduduk bekerja, target, atau keduanya.', 'Fill in the employed population, the target, or both.');
  const source = cellText(cells.source);
  if (source.length === 0) bad('source', 'SOURCE_MISSING', 'Isi sumber data (mis. "BPS Sakernas Agustus 2024").', 'Fill in the data source (e.g. "BPS Sakernas August 2024").');
  else if (source.length > 300) bad('source', 'SOURCE_TOO_LONG', 'Sumber paling panjang 300 karakter.', 'The source is at most 300 characters long.');
  const ok = problems.length === 0;
  return {
    rowNumber: row.rowNumber,
    raw: cells,
    outcome: ok ? 'valid' : 'rejected',
    problems,
    code: ok ? code : null,
    year: ok ? year : null,
    total: ok ? total : null,
    formal: ok ? formal : null,
    informal: ok ? informal : null,
    target: ok && typeof target === 'number' ? target : null,
    source: ok ? source : null,
  };
}

async function insertStaged(db: Db, importId: number, rows: StagedFigureRow[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedFigureRow) => T) => rows.map(f);
  await sql`
    INSERT INTO denominator_import_row (import_id, row_number, raw, outcome, problems, region_code, year, total, formal, informal, target_pct, source)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.region_code, t.year, t.total, t.formal, t.informal, t.target_pct, t.source
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[],
                ${col((r) => r.outcome)}::text[], ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[],
                ${col((r) => r.code)}::text[], ${col((r) => r.year)}::smallint[], ${col((r) => r.total)}::bigint[],
                ${col((r) => r.formal)}::bigint[], ${col((r) => r.informal)}::bigint[], ${col((r) => r.target)}::numeric[], ${col((r) => r.source)}::text[])
      AS t(row_number, raw, outcome, problems, region_code, year, total, formal, informal, target_pct, source)`.execute(db);
}

export const denominatorImport = defineImportKind<StagedFigureRow, null>({
  key: 'denominators',
  basePath: '/api/denominator-imports',
  movedFrom: '/api/denominators/import',
  label: { id: 'penduduk-bekerja', en: 'employed population and targets' },
  permissions: { read: 'denominator:write', write: 'denominator:write' },
  columns: COLUMNS,
  textColumns: ['code', 'year'],
  identityColumns: ['code', 'year'],
  stagingTable: 'denominator_import_row',
  context: async () => null,
  stage: stageFigure,
  insertStaged,
  async classify(db, importId) {
    await markUnknownRegions(db, importId);
    await markDuplicateFigures(db, importId);
  },
  // regions are reference data and each row replaces the stored figure of its key: nothing to re-check
  reclassify: async () => undefined,
  async commit(tx: Tx, importId, user) {
    // the audit rows first: their "before" is the figure each row replaces
    await auditStagedFigures(tx, importId, user);
    return commitStagedFigures(tx, importId, user.username);
  },
  parsedCells: (r) => ({ code: r.region_code, year: r.year, total: r.total, formal: r.formal, informal: r.informal, target: r.target_pct, source: r.source }),
  async template() {
    const { wb, ws } = templateBook('Penduduk Bekerja', COLUMNS, ['code']);
    ws.addRow({ code: '32.02', year: 2025, total: 1_234_567, formal: 500_000, informal: 734_567, target: '41,5', source: 'BPS Sakernas Agustus 2024' });
    ws.addRow({ code: '32.02.01', year: 2025, total: 12_000, source: 'BPS Kab. Sukabumi' });
    ws.getColumn('source').width = 40;
    return withInstructions(wb, [
      'PETUNJUK — penduduk bekerja dan target cakupan',
      '1. Satu baris per wilayah dan tahun: Kode Wilayah Kemendagri (mis. 32.02, sebagai teks; ID untuk nasional) dan Tahun (empat angka).',
      '2. Penduduk Bekerja (mis. 1.234.567), Target Persen (mis. 41,5), atau keduanya. Formal dan Informal boleh kosong; bila diisi keduanya, jumlahnya harus sama dengan Penduduk Bekerja.',
      '3. Sumber wajib diisi, mis. "BPS Sakernas Agustus 2024" (paling panjang 300 karakter).',
      '4. Wilayah harus di dalam wilayah kerja Anda. Angka untuk wilayah dan tahun yang sudah ada menggantikan angka lama (tercatat di jejak audit).',
      '5. Baris yang salah tidak disimpan; laporan impor menyebut baris dan kolomnya. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /(?!)/, // upserts: no unique key can be violated by rows stored meanwhile
});
