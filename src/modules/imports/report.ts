import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import type { ImportKind, ImportProblem } from './kind.js';
import { problemRows } from './queries.js';

const NOT_IMPORTED = ['rejected', 'duplicate_in_file', 'double_funded'];

const asCell = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10).split('-').reverse().join('/') : v ?? '');

/**
 * The rows that were not imported, with the values as uploaded in the template's column order and a
 * "Keterangan" column of messages: fix them in place and upload this very file again.
 */
export async function importReport(db: Db, kind: ImportKind, importId: number): Promise<Buffer> {
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
      if (NOT_IMPORTED.includes(r.outcome)) {
        const raw = (r.raw as Record<string, unknown> | null) ?? kind.parsedCells(r);
        const row = ws.addRow({ ...Object.fromEntries(kind.columns.map((c) => [c.key, asCell(raw[c.key])])), row: r.row_number, messages: text });
        row.getCell('messages').font = { color: { argb: 'FFC00000' } };
      } else {
        const cells = kind.parsedCells(r);
        warnings.addRow({ row: r.row_number, ...Object.fromEntries(identity.map((c) => [c.key, asCell(cells[c.key])])), messages: text });
      }
    }
    last = rows[rows.length - 1]!.row_number;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
