import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import type { ImportKind, ImportProblem } from './kind.js';
import { problemRows } from './queries.js';
import type { ImportProblems } from './schemas.js';

const NOT_IMPORTED = ['rejected', 'duplicate_in_file', 'double_funded'];

const asCell = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10).split('-').reverse().join('/') : v ?? '');

/** Columns whose cells are a NIK, and those that are digits 7–12 of it (birth date and sex: decisions 39, 51). */
const NIK_KEYS = new Set(['nik']);
const NIK_FACT_KEYS = new Set(['birthDate', 'sex']);

/** Whether a kind's reports carry NIKs at all (workers, registrations), so their full-NIK downloads are audited. */
export const carriesNik = (kind: Pick<ImportKind, 'columns'>) => kind.columns.some((c) => NIK_KEYS.has(c.key));

/** A run of 12 or more digits, however it was written (spaces, dots, dashes between): an identity number. */
const LONG_NUMBER = /\d(?:[\s.-]?\d){11,}/g;
const DATE = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g;
const lastFour = (digits: string) => `${'•'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;

/** A NIK cell as uploaded (text, a number, "3202 0115…", "3.20202E+15"), masked to its last four digits. */
function maskNikCell(v: unknown): unknown {
  if (v === null || v === undefined || v === '') return v ?? '';
  const digits = String(typeof v === 'number' ? BigInt(Math.round(v)).toString() : v).replace(/\D/g, '');
  return digits ? lastFour(digits) : '•'.repeat(String(v).length);
}

/** Any other text as a masked role may read it: long numbers and dates (a NIK's digits 7–12 spelt out) hidden. */
export function scrubText(v: unknown): unknown {
  if (typeof v === 'number') return Math.abs(v) >= 1e11 ? maskNikCell(v) : v;
  if (typeof v !== 'string') return v;
  return v.replace(LONG_NUMBER, (m) => lastFour(m.replace(/\D/g, ''))).replace(DATE, '••/••/••••');
}

/**
 * The rows that were not imported, with the values as uploaded in the template's column order and a
 * "Keterangan" column of messages: fix them in place and upload this very file again.
 *
 * `fullNik: false` (roles without `worker:nik`, decision 51): NIK cells show their last four digits,
 * birth date and sex are left out, and every other cell and message has its long numbers and dates
 * masked, so nothing in the file rebuilds a NIK. `niks` counts the NIK cells written, for the audit row.
 */
export async function importReport(db: Db, kind: ImportKind, importId: number, opts: { fullNik: boolean }): Promise<{ file: Buffer; niks: number }> {
  const hide = !opts.fullNik && carriesNik(kind);
  const cell = (key: string, v: unknown) => {
    const value = asCell(v);
    if (!hide) return value;
    if (NIK_KEYS.has(key)) return maskNikCell(value);
    if (NIK_FACT_KEYS.has(key)) return value === '' ? '' : '••';
    return scrubText(value);
  };
  let niks = 0;
  const countNik = (v: unknown) => {
    if (v !== null && v !== undefined && v !== '') niks++;
  };
  const nikKey = kind.columns.find((c) => NIK_KEYS.has(c.key))?.key;

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Perlu Diperbaiki', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...kind.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) })),
    { header: 'Baris Asal', key: 'row', width: 10 },
    { header: 'Keterangan', key: 'messages', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const key of kind.textColumns) ws.getColumn(key).numFmt = '@';
  // Rows saved with a warning, named by the kind's identifying columns (e.g. NIK and name).
  const identity = kind.columns.filter((c) => kind.identityColumns.includes(c.key));
  const warnings = wb.addWorksheet('Peringatan');
  warnings.columns = [
    { header: 'Baris Asal', key: 'row', width: 10 },
    ...identity.map((c) => ({ header: c.header, key: c.key, width: 24 })),
    { header: 'Keterangan', key: 'messages', width: 90 },
  ];
  warnings.getRow(1).font = { bold: true };

  let last = 0;
  for (;;) {
    const rows = await problemRows(db, kind, importId, last, 5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const problems = (r.problems ?? []) as ImportProblem[];
      const text = problems.map((p) => `${p.column}: ${p.id}`).join(' | ');
      const messages = hide ? scrubText(text) : text;
      if (NOT_IMPORTED.includes(r.outcome)) {
        const raw = (r.raw as Record<string, unknown> | null) ?? kind.parsedCells(r);
        if (nikKey) countNik(raw[nikKey]);
        const row = ws.addRow({ ...Object.fromEntries(kind.columns.map((c) => [c.key, cell(c.key, raw[c.key])])), row: r.row_number, messages });
        row.getCell('messages').font = { color: { argb: 'FFC00000' } };
      } else {
        const cells = kind.parsedCells(r);
        if (nikKey && identity.some((c) => c.key === nikKey)) countNik(cells[nikKey]);
        warnings.addRow({ row: r.row_number, ...Object.fromEntries(identity.map((c) => [c.key, cell(c.key, cells[c.key])])), messages });
      }
    }
    last = rows[rows.length - 1]!.row_number;
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), niks: hide ? 0 : niks };
}

/**
 * The rows the report holds, a page at a time, for the preview's table: each row's messages (no cells),
 * masked like the report for roles without `worker:nik`, so reading them on screen tells nothing more.
 */
export async function importProblems(db: Db, kind: ImportKind, importId: number, opts: { afterRow: number; limit: number; fullNik: boolean }): Promise<ImportProblems> {
  const hide = !opts.fullNik && carriesNik(kind);
  const shown = (t: string) => (hide ? String(scrubText(t)) : t);
  const rows = await problemRows(db, kind, importId, opts.afterRow, opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((r) => ({
      rowNumber: r.row_number,
      outcome: r.outcome as ImportProblems['items'][number]['outcome'],
      problems: ((r.problems ?? []) as ImportProblem[]).map((p) => ({ column: p.column, code: p.code, message: shown(p.id), messageEn: shown(p.en), warning: Boolean(p.warning) })),
    })),
    nextAfterRow: rows.length > opts.limit ? page[page.length - 1]!.row_number : null,
  };
}
