import parseSax from 'exceljs/lib/utils/parse-sax.js';
import { LIMITS, spreadsheetErrors } from './errors.js';

/**
 * Our own readers of the two big parts of an .xlsx, the shared strings and the worksheet, on ExcelJS's
 * XML event stream. ExcelJS's own readers hold every shared string as a JS string (25 million of them
 * grew the process by 3 GB) and append any text they meet to the last cell value (one 600-million-
 * character cell held 768 MB); these keep only what a row needs and stop at the limits while reading.
 */

/**
 * Shared strings packed as UTF-8 in blocks (64 KB for the first, doubling to 16 MB) with a start and a
 * length per string: about one byte a character plus 8 per string, where an array of JS strings takes
 * 40 bytes or more each. A start is block × 16 MB + offset, which the byte limit keeps below 2³².
 */
export class SharedStrings {
  private static readonly BLOCK = 16 * 1024 * 1024;
  private readonly blocks: Buffer[] = [];
  private used = 0;
  private total = 0;
  private starts = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  count = 0;

  add(text: string): void {
    const bytes = Buffer.byteLength(text);
    this.total += bytes;
    if (this.count >= LIMITS.sharedStrings || this.total > LIMITS.sharedStringBytes) throw spreadsheetErrors.tooManySharedStrings();
    const current = this.blocks.at(-1);
    if (!current || this.used + bytes > current.length) {
      this.blocks.push(Buffer.allocUnsafe(Math.min(SharedStrings.BLOCK, Math.max(bytes, (64 * 1024) << this.blocks.length))));
      this.used = 0;
    }
    if (this.count === this.starts.length) this.grow();
    const block = this.blocks.length - 1;
    this.blocks[block]!.write(text, this.used);
    this.starts[this.count] = block * SharedStrings.BLOCK + this.used;
    this.lengths[this.count] = bytes;
    this.used += bytes;
    this.count += 1;
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const start = this.starts[index]!;
    const block = this.blocks[Math.floor(start / SharedStrings.BLOCK)]!;
    const offset = start % SharedStrings.BLOCK;
    return block.toString('utf8', offset, offset + this.lengths[index]!);
  }

  private grow(): void {
    const starts = new Uint32Array(this.starts.length * 2);
    starts.set(this.starts);
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.starts = starts;
    this.lengths = lengths;
  }
}

/**
 * xl/sharedStrings.xml: the text of each <si>, rich-text runs joined, phonetic guides (<rPh>) left out,
 * as Excel shows the cell. A text over the cell limit is kept one character too long, so that the sheet
 * reader refuses the cell that uses it, by its address.
 */
export async function readSharedStrings(xml: AsyncIterable<string>): Promise<SharedStrings> {
  const strings = new SharedStrings();
  let text: string | undefined;
  let inText = false;
  let phonetic = 0;
  for await (const events of parseSax(xml)) {
    for (const { eventType, value } of events) {
      if (eventType === 'opentag') {
        if (value.name === 'si') text = '';
        else if (value.name === 't') inText = phonetic === 0 && text !== undefined;
        else if (value.name === 'rPh') phonetic += 1;
      } else if (eventType === 'text') {
        if (inText && text!.length <= LIMITS.cellChars) text = (text + value).slice(0, LIMITS.cellChars + 1);
      } else if (value.name === 't') inText = false;
      else if (value.name === 'rPh') phonetic -= 1;
      else if (value.name === 'si' && text !== undefined) {
        strings.add(text);
        text = undefined;
      }
    }
  }
  return strings;
}

export type CellValue = string | number | boolean | Date | null;

export interface WorkbookContext {
  sharedStrings?: SharedStrings;
  /** the number format of a cell style, from ExcelJS's parsed styles */
  numberFormat(styleId: number): string | undefined;
  date1904: boolean;
}

interface Cell {
  column: number;
  type: string | undefined;
  style: number;
  formula: boolean;
  /** <v> text, or the joined <t> runs of an inline string */
  text: string | undefined;
}

/**
 * The rows of one worksheet as [row number, values by column]. Text is collected only inside a cell's
 * <v> or its inline string's <t>, and the limits (characters per cell and row, columns) apply as it is read.
 */
export async function* readSheetRows(xml: AsyncIterable<string>, workbook: WorkbookContext): AsyncGenerator<{ rowNumber: number; values: CellValue[] }> {
  let inSheetData = false;
  let row: { rowNumber: number; values: CellValue[]; chars: number; lastColumn: number } | undefined;
  let lastRow = 0;
  let cell: Cell | undefined;
  let collecting = false;
  let inlineString = false;
  let phonetic = 0;
  for await (const events of parseSax(xml)) {
    const done: Array<{ rowNumber: number; values: CellValue[] }> = [];
    for (const { eventType, value } of events) {
      if (eventType === 'text') {
        if (collecting && cell && row) {
          cell.text = (cell.text ?? '') + value;
          if (cell.text.length > LIMITS.cellChars) throw spreadsheetErrors.cellTooLong({ rowNumber: row.rowNumber, column: cell.column });
        }
      } else if (eventType === 'opentag') {
        const { name, attributes } = value;
        if (name === 'sheetData') inSheetData = true;
        else if (name === 'row' && inSheetData) {
          const rowNumber = Number.parseInt(attributes.r ?? '', 10);
          lastRow = Number.isInteger(rowNumber) && rowNumber > 0 ? rowNumber : lastRow + 1;
          row = { rowNumber: lastRow, values: [], chars: 0, lastColumn: 0 };
        } else if (name === 'c' && row) {
          const column = columnOf(attributes.r) ?? row.lastColumn + 1;
          if (column > LIMITS.columns) throw spreadsheetErrors.tooManyColumns(row.rowNumber);
          row.lastColumn = column;
          cell = { column, type: attributes.t, style: Number.parseInt(attributes.s ?? '0', 10) || 0, formula: false, text: undefined };
        } else if (cell) {
          if (name === 'v') {
            collecting = true;
            cell.text = '';
          } else if (name === 'f') cell.formula = true;
          else if (name === 'is') {
            inlineString = true;
            cell.text = '';
          } else if (name === 'rPh') phonetic += 1;
          else if (name === 't' && inlineString) collecting = phonetic === 0;
        }
      } else {
        const { name } = value;
        if (name === 'v' || name === 't') collecting = false;
        else if (name === 'is') inlineString = false;
        else if (name === 'rPh') phonetic -= 1;
        else if (name === 'c' && cell && row) {
          const cellValue = valueOf(cell, workbook);
          row.values[cell.column - 1] = cellValue;
          if (typeof cellValue === 'string') {
            if (cellValue.length > LIMITS.cellChars) throw spreadsheetErrors.cellTooLong({ rowNumber: row.rowNumber, column: cell.column });
            row.chars += cellValue.length;
            if (row.chars > LIMITS.rowChars) throw spreadsheetErrors.rowTooLong(row.rowNumber);
          }
          cell = undefined;
        } else if (name === 'row' && row) {
          done.push({ rowNumber: row.rowNumber, values: Array.from(row.values, (v) => v ?? null) });
          row = undefined;
        } else if (name === 'sheetData') inSheetData = false;
      }
    }
    yield* done;
  }
}

/** "AB12" → 28; undefined when the reference is absent or not a cell reference. */
function columnOf(reference: string | undefined): number | undefined {
  const letters = reference && /^([A-Z]{1,7})\d*$/.exec(reference)?.[1];
  if (!letters) return undefined;
  let column = 0;
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64;
  return column;
}

/** As ExcelJS reads a cell; a formula gives its cached result, an error result none. */
function valueOf(cell: Cell, workbook: WorkbookContext): CellValue {
  const { text, type } = cell;
  if (text === undefined) return null;
  if (cell.formula) {
    if (type === 'str') return text.trim();
    const result = Number.parseFloat(text);
    return Number.isNaN(result) ? null : result;
  }
  switch (type) {
    case 's':
      return workbook.sharedStrings?.get(Number.parseInt(text, 10))?.trim() ?? null;
    case 'inlineStr':
    case 'str':
      return text.trim();
    case 'e':
      return text;
    case 'b':
      return Number.parseInt(text, 10) !== 0;
    default: {
      const number = Number.parseFloat(text);
      if (Number.isNaN(number)) return null;
      return isDateFormat(workbook.numberFormat(cell.style)) ? excelToDate(number, workbook.date1904) : number;
    }
  }
}

/** ExcelJS's rule: a format is a date if, outside quotes and [brackets], it has y, m, d, h, M, s or b. */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}
