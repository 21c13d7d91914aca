import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { inSubtree, isRegionCode } from '../../domain/region-code.js';
import { AppError } from '../../lib/errors.js';
import { asAppError } from '../../lib/spreadsheet/app-error.js';
import { type ColumnSpec, readRows, SpreadsheetError } from '../../lib/spreadsheet/read-rows.js';
import { cellText, parseRupiah } from '../../lib/spreadsheet/values.js';
import { findRegions } from '../regions/queries.js';
import { saveDenominators, saveTargets } from './queries.js';
import type { DenominatorImportResult } from './schemas.js';

/**
 * Import of employed-population figures (penduduk bekerja, BPS Sakernas style) and yearly coverage
 * targets: one row per region and year. All or nothing: any bad row rejects the file, and every
 * problem is reported against its row, in Indonesian and English.
 */

const COLUMNS: (ColumnSpec & { optional?: boolean })[] = [
  { key: 'code', header: 'Kode Wilayah', aliases: ['kode', 'kode_wilayah', 'region code', 'code', 'kode kemendagri'] },
  { key: 'year', header: 'Tahun', aliases: ['year'] },
  { key: 'total', header: 'Penduduk Bekerja', aliases: ['employed', 'employed population', 'jumlah penduduk bekerja'], optional: true },
  { key: 'formal', header: 'Formal', aliases: ['pekerja formal'], optional: true },
  { key: 'informal', header: 'Informal', aliases: ['pekerja informal'], optional: true },
  { key: 'target', header: 'Target Persen', aliases: ['target', 'target (%)', 'target_pct', 'target cakupan'], optional: true },
  { key: 'source', header: 'Sumber', aliases: ['source', 'sumber data'] },
];

export interface RowProblem {
  row: number;
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

interface GoodRow {
  row: number;
  code: string;
  year: number;
  total: number | null;
  formal: number | null;
  informal: number | null;
  target: number | null;
  source: string;
}

const MAX_ROWS = 100_000;

/** Whole non-negative number; Indonesian (1.234.567) or English (1,234,567) grouping (the rupiah reader, without "Rp"). */
const parseCount = parseRupiah;

/** A percentage: 41,5 · 41.5 · "41,5%" · a fraction 0.415 from a %-formatted Excel cell is read as 41.5. */
function parsePercent(value: unknown): number | null | 'invalid' {
  if (value === null || cellText(value) === '') return null;
  if (typeof value === 'number') return value > 0 && value <= 1 ? Math.round(value * 10000) / 100 : value;
  const text = cellText(value).replace(/%$/, '').trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d+)?$/.test(text)) return 'invalid';
  return Number(text);
}

async function readFile(path: string, kind: 'xlsx' | 'csv') {
  let columns = COLUMNS;
  for (;;) {
    try {
      const rows = [];
      for await (const r of readRows(path, kind, columns)) {
        rows.push(r);
        if (rows.length > MAX_ROWS) throw new AppError(413, 'DENOMINATOR_FILE_TOO_LARGE', { id: `Lebih dari ${MAX_ROWS} baris.`, en: `More than ${MAX_ROWS} rows.` }, 'file');
      }
      return rows;
    } catch (error) {
      // Optional columns may be absent: drop the missing ones and read again (files are small).
      if (error instanceof SpreadsheetError && error.code === 'MISSING_COLUMNS') {
        const missing = new Set((error.details?.missing as string[]) ?? []);
        const required = columns.filter((c) => !c.optional && missing.has(c.header));
        if (required.length === 0 && missing.size > 0) {
          columns = columns.filter((c) => !missing.has(c.header));
          continue;
        }
      }
      throw asAppError(error);
    }
  }
}

export function checkRow(
  rowNumber: number,
  cells: Record<string, unknown>,
  user: Pick<SessionUser, 'regionCode'>,
): { ok: GoodRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (field: string, code: string, id: string, en: string) => problems.push({ row: rowNumber, field, code, message: id, messageEn: en });
  const code = cellText(cells.code).replace(/\s+/g, '');
  if (!isRegionCode(code)) bad('code', 'REGION_CODE_INVALID', `Kode wilayah "${code}" bukan kode Kemendagri (mis. 32.02) atau ID.`, `"${code}" is not a Kemendagri code (e.g. 32.02) or ID.`);
  else if (!inSubtree(user.regionCode, code)) bad('code', 'OUTSIDE_REGION', `Wilayah ${code} di luar wilayah kerja Anda (${user.regionCode}).`, `Region ${code} is outside your assigned region (${user.regionCode}).`);
  const yearText = cellText(cells.year);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2100) bad('year', 'YEAR_INVALID', `Tahun "${yearText}" harus empat angka antara 2000 dan 2100.`, `Year "${yearText}" must be four digits between 2000 and 2100.`);
  const count = (field: 'total' | 'formal' | 'informal', label: string) => {
    const v = parseCount(cells[field] ?? null);
    if (v === 'invalid' || (v !== null && v < 0)) {
      bad(field, 'NUMBER_INVALID', `${label} "${cellText(cells[field])}" bukan bilangan bulat (contoh 1.234.567).`, `${label} "${cellText(cells[field])}" is not a whole number (e.g. 1,234,567).`);
      return null;
    }
    return v;
  };
  const total = count('total', 'Penduduk bekerja');
  const formal = count('formal', 'Formal');
  const informal = count('informal', 'Informal');
  if (total === 0) bad('total', 'NUMBER_INVALID', 'Penduduk bekerja harus lebih dari 0.', 'Employed population must be more than 0.');
  if (total === null && (formal !== null || informal !== null)) bad('total', 'TOTAL_MISSING', 'Isi penduduk bekerja (total) bila formal/informal diisi.', 'Fill in the employed population (total) when formal/informal is given.');
  if (total !== null && formal !== null && informal !== null && formal + informal !== total)
    bad('total', 'SPLIT_MISMATCH', `Formal + informal (${formal + informal}) tidak sama dengan total (${total}).`, `Formal + informal (${formal + informal}) does not equal the total (${total}).`);
  const target = parsePercent(cells.target ?? null);
  if (target === 'invalid' || (target !== null && (target <= 0 || target > 100)))
    bad('target', 'PERCENT_INVALID', `Target "${cellText(cells.target)}" harus persen antara 0 dan 100 (contoh 41,5).`, `Target "${cellText(cells.target)}" must be a percentage between 0 and 100 (e.g. 41.5).`);
  if (total === null && (target === null || target === 'invalid') && !problems.some((p) => p.field === 'target'))
    bad('total', 'NOTHING_TO_SAVE', 'Isi penduduk bekerja, target, atau keduanya.', 'Fill in the employed population, the target, or both.');
  const source = cellText(cells.source);
  if (source.length === 0 || source.length > 300) bad('source', 'SOURCE_MISSING', 'Isi sumber data (mis. "BPS Sakernas Agustus 2024").', 'Fill in the data source (e.g. "BPS Sakernas August 2024").');
  if (problems.length > 0) return { problems };
  return { ok: { row: rowNumber, code, year, total, formal, informal, target: target as number | null, source } };
}

export async function importDenominators(db: Db, user: SessionUser, file: { path: string; kind: 'xlsx' | 'csv'; filename: string }): Promise<DenominatorImportResult> {
  const rows = await readFile(file.path, file.kind);
  const problems: RowProblem[] = [];
  const good: GoodRow[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const checked = checkRow(r.rowNumber, r.cells, user);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const key = `${checked.ok.code}|${checked.ok.year}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: r.rowNumber, field: 'code', code: 'DUPLICATE_ROW', message: `Wilayah dan tahun yang sama sudah ada di baris ${first}.`, messageEn: `The same region and year is already in row ${first}.` });
      continue;
    }
    seen.set(key, r.rowNumber);
    good.push(checked.ok);
  }
  if (good.length > 0) {
    const known = new Set((await findRegions(db, [...new Set(good.map((g) => g.code))])).map((r) => r.code));
    for (const g of good.filter((x) => !known.has(x.code))) {
      problems.push({ row: g.row, field: 'code', code: 'REGION_NOT_FOUND', message: `Kode wilayah ${g.code} tidak dikenal.`, messageEn: `Unknown region code ${g.code}.` });
    }
  }
  if (rows.length === 0) {
    throw new AppError(422, 'EMPTY_FILE', { id: 'Berkas tidak berisi baris data.', en: 'The file holds no data rows.' }, 'file');
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    const n = new Set(problems.map((p) => p.row)).size;
    throw new AppError(
      422,
      'DENOMINATOR_IMPORT_INVALID',
      { id: `${n} baris bermasalah; tidak ada yang disimpan. Perbaiki baris tersebut lalu unggah ulang.`, en: `${n} rows have problems; nothing was saved. Fix them and upload again.` },
      'file',
      problems.slice(0, 500).map((p) => ({ field: `row ${p.row}: ${p.field}`, code: p.code, message: `Baris ${p.row}: ${p.message}`, messageEn: `Row ${p.row}: ${p.messageEn}` })),
      { rows: problems.slice(0, 500) },
    );
  }
  const dens = good.flatMap((g) => (g.total === null ? [] : [{ ...g, total: g.total }]));
  const tgts = good.flatMap((g) => (g.target === null ? [] : [{ ...g, pct: g.target }]));
  return audited(db, user, async (tx) => {
    await saveDenominators(tx, dens, user.username);
    await saveTargets(tx, tgts, user.username);
    const result = { rows: good.length, denominators: dens.length, targets: tgts.length };
    return {
      result,
      audit: [
        {
          action: 'import_denominators',
          entityType: 'denominator_import',
          entityId: file.filename,
          regionCode: user.regionCode,
          before: null,
          after: { ...result, years: [...new Set(good.map((g) => g.year))].sort(), regions: good.length <= 50 ? good.map((g) => g.code) : undefined },
        },
      ],
    };
  });
}
