import { once } from 'node:events';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { LIMITS, SpreadsheetError, spreadsheetErrors } from './errors.js';
import { cellText } from './values.js';
import { type CellValue, readSharedStrings, readSheetRows } from './xlsx-xml.js';
import { checkXlsxZip } from './zip-check.js';
import { csvRecords } from './csv-records.js';

export { SpreadsheetError } from './errors.js';

/**
 * Streams the data rows of an uploaded worker list (.xlsx or .csv) without holding the file in
 * memory. The header row is the first non-empty row; columns are found by name wherever they are.
 * A hostile file is refused while it is read, with a SpreadsheetError saying which limit it broke
 * (errors.ts): an .xlsx is walked once before parsing (zip-check.ts), and rows, columns and cell
 * lengths are counted as they stream.
 */

export interface ColumnSpec {
  key: string;
  header: string;
  aliases?: string[];
  /** may be absent from the file (its cells then read as null) */
  optional?: boolean;
}

export interface SheetRow {
  /** 1-based row as the user sees it in a spreadsheet program (the header is usually row 1). */
  rowNumber: number;
  /** Value per column key: string, number, boolean, Date (xlsx only) or null when the cell is absent. */
  cells: Record<string, unknown>;
  /** Every cell of the row in sheet order, including columns that were not asked for. */
  raw: unknown[];
}

interface RawRow {
  rowNumber: number;
  values: unknown[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/**
 * `onProgress` gets the bytes of the file read so far, with each row. For xlsx it runs ahead of the
 * rows: ExcelJS usually copies the sheets out of the zip before parsing them.
 */
export async function* readRows(
  path: string,
  kind: 'xlsx' | 'csv',
  columns: ColumnSpec[],
  onProgress?: (bytesRead: number) => void,
): AsyncGenerator<SheetRow> {
  let header: Array<[key: string, index: number]> | undefined;
  let rows = 0;
  try {
    if ((await stat(path)).size === 0) throw spreadsheetErrors.emptyFile();
    if (kind === 'xlsx') await checkXlsxZip(path);
    for await (const { rowNumber, values, bytesRead } of kind === 'xlsx' ? xlsxRows(path) : csvRows(path)) {
      onProgress?.(bytesRead);
      rows += 1;
      checkShape(rowNumber, rows, values);
      if (values.every((value) => cellText(value) === '')) continue;
      if (!header) {
        header = matchColumns(values, columns, rowNumber);
        continue;
      }
      const cells = Object.fromEntries(header.map(([key, index]) => [key, values[index] ?? null]));
      yield { rowNumber, cells, raw: values };
    }
  } catch (error) {
    throw error instanceof SpreadsheetError ? error : spreadsheetErrors.unreadable(kind, error);
  }
  if (!header) throw spreadsheetErrors.emptyFile();
}

/** Excel's maxima and the length limits, for both file types (the xlsx reader already stops while reading). */
function checkShape(rowNumber: number, rows: number, values: unknown[]): void {
  if (rowNumber > LIMITS.rows || rows > LIMITS.rows) throw spreadsheetErrors.tooManyRows();
  if (values.length > LIMITS.columns) throw spreadsheetErrors.tooManyColumns(rowNumber);
  let chars = 0;
  values.forEach((value, index) => {
    if (typeof value !== 'string') return;
    if (value.length > LIMITS.cellChars) throw spreadsheetErrors.cellTooLong({ rowNumber, column: index + 1 });
    chars += value.length;
  });
  if (chars > LIMITS.rowChars) throw spreadsheetErrors.rowTooLong(rowNumber);
}

function matchColumns(headerRow: unknown[], columns: ColumnSpec[], rowNumber: number) {
  const found = headerRow.map((cell) => headerKeys(cellText(cell)));
  const matched = columns.map((column): [string, number] => {
    const wanted = new Set([column.header, ...(column.aliases ?? [])].flatMap(headerKeys));
    return [column.key, found.findIndex((keys) => keys.some((key) => wanted.has(key)))];
  });
  const missing = columns.filter((c, i) => matched[i]?.[1] === -1 && !c.optional).map((column) => column.header);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new SpreadsheetError(
      'MISSING_COLUMNS',
      `Kolom berikut tidak ditemukan di baris judul (baris ${rowNumber}): ${list}.`,
      `These columns are missing from the header row (row ${rowNumber}): ${list}.`,
      { missing, headerRow: rowNumber, found: headerRow.map(cellText).filter(Boolean) },
    );
  }
  return matched;
}

/**
 * Comparable forms of a header: letters and digits only (so case, spacing, punctuation and accents
 * do not matter), once without bracketed notes and once with them — "JENIS KELAMIN (L/P)" matches
 * both "Jenis kelamin" and "Jenis Kelamin L/P".
 */
function headerKeys(header: string): string[] {
  const lower = header.normalize('NFKD').toLowerCase();
  const compact = (text: string) => text.replace(/[^a-z0-9]/g, '');
  return [compact(lower.replace(/\([^)]*\)|\[[^\]]*\]/g, '')), compact(lower)].filter(Boolean);
}

// ── XLSX ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * ExcelJS walks the zip, parses the workbook, its relationships and styles (cached, so that numbers in
 * date-formatted cells come back as Dates) and copies sheets aside when they come before the shared
 * strings; the shared strings and the sheets themselves are read by xlsx-xml.ts (see takeOverParts).
 */
const XLSX_OPTIONS = {
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  worksheets: 'emit',
} as const;

type SheetRows = AsyncIterable<{ rowNumber: number; values: CellValue[] }>;

/** Rows of the first worksheet stored in the file (Excel stores them in tab order). */
async function* xlsxRows(path: string): AsyncGenerator<RawRow> {
  const input = await openStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, XLSX_OPTIONS);
  takeOverParts(reader);
  const sheets = (reader as unknown as AsyncIterable<SheetRows>)[Symbol.asyncIterator]();
  try {
    const first = await sheets.next();
    if (first.done) return;
    for await (const { rowNumber, values } of first.value) {
      yield { rowNumber, values, bytesRead: input.bytesRead };
    }
  } finally {
    await releaseSheets(sheets);
    // ExcelJS pipes the input into its unzipper and does not close it when unzipping fails.
    input.destroy();
  }
}

/** ExcelJS does not listen for errors on its input, so a file that cannot be opened would crash the process. */
async function openStream(path: string): Promise<ReadStream> {
  const stream = createReadStream(path);
  await once(stream, 'ready');
  return stream;
}

/**
 * ExcelJS deletes its temporary copy of a sheet (made when the zip lists sheets before the shared
 * strings, as Excel and ExcelJS write them) only when asked for the next sheet, so walk to the end.
 * Leaving each remaining sheet at its first row skips its XML parsing (see wholeCharacters).
 */
async function releaseSheets(sheets: AsyncIterator<SheetRows>): Promise<void> {
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      for await (const _row of next.value) break;
    }
  } catch {
    // Only the first sheet is imported: a broken later sheet, or a zip already reported broken, changes nothing.
  }
}

interface ReaderInternals {
  _parseSharedStrings?: (entry: NodeJS.ReadableStream) => AsyncGenerator<never>;
  _parseWorksheet?: (source: AsyncIterable<Buffer | string>, sheetNo: string) => Generator<{ eventType: 'worksheet'; value: SheetRows }>;
  sharedStrings?: Awaited<ReturnType<typeof readSharedStrings>>;
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
}

/**
 * Replaces ExcelJS's readers of the shared strings and the sheets with ours (xlsx-xml.ts), which keep
 * memory bounded. Both get whole characters: ExcelJS 4.4 decodes each chunk of XML on its own, so a
 * multi-byte character split between two chunks became U+FFFD (exceljs#2063, #2084, #2316: "Désa"
 * turned into "D��sa" a few times per 10,000 rows) — shared strings through the zip entry's own
 * decoder, sheets through wholeCharacters.
 */
function takeOverParts(reader: object): void {
  const internals = reader as ReaderInternals;
  if (!internals._parseSharedStrings || !internals._parseWorksheet || !internals.styles?.getStyleModel) {
    throw new Error('ExcelJS internals changed: re-check takeOverParts in read-rows.ts');
  }
  // ExcelJS streams a sheet directly once sharedStrings (any truthy value) and the relationships are set.
  // ExcelJS delegates to this generator with yield*; it emits no events of its own.
  internals._parseSharedStrings = async function* (entry) {
    internals.sharedStrings = await readSharedStrings(entry.setEncoding('utf8') as AsyncIterable<string>);
    yield* [];
  };
  internals._parseWorksheet = function* (source) {
    const workbook = {
      get sharedStrings() {
        return internals.sharedStrings;
      },
      numberFormat: (styleId: number) => internals.styles.getStyleModel(styleId)?.numFmt,
      date1904: internals.properties?.model?.date1904 === true,
    };
    yield { eventType: 'worksheet', value: { [Symbol.asyncIterator]: () => readSheetRows(wholeCharacters(source), workbook) } };
  };
}

/**
 * Re-chunks bytes into whole UTF-8 characters. When abandoned early it reads its source to the end
 * without parsing it: dropping the source would leave ExcelJS buffering the rest of the zip entry in
 * memory or holding its temporary file open.
 */
async function* wholeCharacters(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const chunks = source[Symbol.asyncIterator]();
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      const text = decoder.write(next.value);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    while (!(await chunks.next()).done);
  }
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────────

/** Enough of the file to judge its encoding and to contain the header line. */
const SNIFF_BYTES = 64 * 1024;
/** An unclosed quote would otherwise pull the rest of the file into one field in memory. */
const MAX_RECORD_CHARS = 1_000_000;
const DELIMITERS = [',', ';', '\t'];

async function* csvRows(path: string): AsyncGenerator<RawRow> {
  const head = await readHead(path);
  const encoding = detectEncoding(head);
  const delimiter = detectDelimiter(iconv.decode(head, encoding));
  // iconv-lite strips a byte-order mark while decoding; csvRecords reads as csv-parse did with
  // relax_quotes and relax_column_count (csv-records.ts), several times faster on quote-free lines.
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoded = iconv.decodeStream(encoding);
  pipeline([file, decoded], () => {});
  // Records are counted rather than lines, as a spreadsheet program shows them: a quoted field may
  // span lines yet is one row, and blank lines are rows too (they keep every later row number right).
  let rowNumber = 0;
  for await (const record of csvRecords(decoded as AsyncIterable<string>, delimiter, MAX_RECORD_CHARS)) {
    rowNumber += 1;
    for (let i = 0; i < record.length; i++) record[i] = (record[i] as string).trim();
    yield { rowNumber, values: record, bytesRead: file.bytesRead };
  }
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** UTF-16 by its byte-order mark (Excel's "Unicode Text"); UTF-8 if the sample decodes as such; else Windows-1252. */
function detectEncoding(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // In streaming mode a character cut by the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length === SNIFF_BYTES });
    return 'utf8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * The delimiter that splits the header line (the first line with a letter or digit) into the most
 * fields; ',' on a tie. Without such a line the whole sample decides, so that a file of only
 * delimiters (";;;") still reads as blank rows.
 */
function detectDelimiter(sample: string): string {
  const header = sample.split(/\r\n|\r|\n/).find((line) => /[\p{L}\p{N}]/u.test(line)) ?? sample;
  return DELIMITERS.reduce((best, delimiter) =>
    countUnquoted(header, delimiter) > countUnquoted(header, best) ? delimiter : best,
  );
}

function countUnquoted(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count += 1;
  }
  return count;
}
