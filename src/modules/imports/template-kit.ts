import ExcelJS from 'exceljs';
import type { ColumnSpec } from '../../lib/spreadsheet/read-rows.js';

/**
 * The parts every import template shares: a frozen, shaded header row in the agreed column order,
 * text-formatted identity columns (typed as numbers, Excel keeps 15 digits: 3.20202E+15), pick lists
 * and a sheet of instructions.
 */
export function templateBook(sheetName: string, columns: ColumnSpec[], textColumns: string[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  for (const key of textColumns) ws.getColumn(key).numFmt = '@';
  return { wb, ws };
}

/** A drop-down list on a column's first `rows` data cells, refusing other values with `prompt`. */
export function pickList(ws: ExcelJS.Worksheet, key: string, values: string[], prompt: string, rows: number) {
  const col = ws.getColumn(key).letter;
  for (let r = 2; r <= rows; r++) {
    ws.getCell(`${col}${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Nilai tidak dikenal',
      error: prompt,
    };
  }
}

/** A "Petunjuk" sheet: the first line as a title, then one instruction per row. */
export async function withInstructions(wb: ExcelJS.Workbook, lines: string[]): Promise<Buffer> {
  const help = wb.addWorksheet('Petunjuk');
  help.getColumn(1).width = 110;
  lines.forEach((line, i) => {
    help.addRow([line]).font = i === 0 ? { bold: true, size: 13 } : {};
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
