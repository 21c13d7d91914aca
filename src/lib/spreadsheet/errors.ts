/**
 * Why a spreadsheet was refused, in both languages. Every upload route turns these into a 422 (or a
 * failed import job) with the Indonesian message first.
 */
export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';

  constructor(
    /** MISSING_COLUMNS, EMPTY_FILE, UNREADABLE_FILE or one of the limits below. */
    readonly code: string,
    readonly messageId: string,
    readonly messageEn: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(messageEn, options);
  }
}

/**
 * What a spreadsheet may hold. Rows and columns are Excel's own maxima, so no file Excel wrote is refused
 * for its shape; the rest keep one upload within a fixed memory (≈ 150 MB for shared strings, 256 KB
 * per XML token) and disk (ExcelJS copies a sheet aside when it comes before the shared strings).
 */
export const LIMITS = {
  rows: 1_048_576,
  columns: 16_384,
  cellChars: 32_767,
  /** all cells of one row together: the import keeps 5,000 rows in memory per batch */
  rowChars: 65_536,
  sharedStrings: 4_194_304,
  /** UTF-8 bytes of all shared strings together */
  sharedStringBytes: 128 * 1024 * 1024,
  /**
   * Inflated bytes of all zip entries: 50 × the file, at least 16 MB (small files are harmless), at most
   * 1 GB. Not 10 ×: an ordinary 20,000-row worker list written by ExcelJS inflates 10.4-fold; bombs do
   * so 100- to 1,000-fold.
   */
  inflatedRatio: 50,
  inflatedFloor: 16 * 1024 * 1024,
  inflatedCeiling: 1024 * 1024 * 1024,
  /** bytes between two '<' of an XML part: what the XML parser buffers for one text or tag */
  xmlToken: 256 * 1024,
  /** inflated bytes of each small part ExcelJS parses whole (workbook, styles, relationships) */
  metadataBytes: 16 * 1024 * 1024,
  /** ExcelJS opens a temporary file per worksheet stored before the shared strings */
  worksheets: 256,
  zipEntries: 10_000,
} as const;

export const inflatedLimit = (fileSize: number) =>
  Math.min(LIMITS.inflatedCeiling, Math.max(LIMITS.inflatedFloor, LIMITS.inflatedRatio * fileSize));

const id = (n: number) => n.toLocaleString('id-ID');
const en = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export const spreadsheetErrors = {
  emptyFile: () =>
    new SpreadsheetError('EMPTY_FILE', 'Berkas kosong: tidak ada baris judul maupun data.', 'The file is empty: it has no header row and no data.'),

  unreadable: (kind: 'xlsx' | 'csv', cause: unknown) => {
    const type = kind.toUpperCase();
    return new SpreadsheetError(
      'UNREADABLE_FILE',
      `Berkas tidak dapat dibaca sebagai ${type}. Pastikan berkas tidak rusak dan jenisnya benar, lalu unggah ulang.`,
      `The file cannot be read as ${type}. Check that it is not damaged and is of the right type, then upload it again.`,
      { reason: cause instanceof Error ? cause.message : String(cause) },
      { cause },
    );
  },

  /** The first bytes say what the file really is. */
  notXlsx: (oldExcel: boolean) =>
    oldExcel
      ? new SpreadsheetError(
          'UNREADABLE_FILE',
          'Berkas ini berformat Excel 97–2003 (.xls), bukan .xlsx. Buka di Excel lalu simpan sebagai "Excel Workbook (.xlsx)" atau CSV.',
          'The file cannot be read as XLSX: it is in the Excel 97–2003 (.xls) format. Open it in Excel and save it as "Excel Workbook (.xlsx)" or CSV.',
        )
      : new SpreadsheetError(
          'UNREADABLE_FILE',
          'Berkas ini bukan berkas .xlsx (isinya bukan arsip zip). Jika berupa teks berpemisah koma, ganti akhiran namanya menjadi .csv.',
          'The file cannot be read as XLSX: it is not an .xlsx file (not a zip archive). If it is comma-separated text, rename it to .csv.',
        ),

  inflatedTooLarge: (limit: number) =>
    new SpreadsheetError(
      'INFLATED_TOO_LARGE',
      `Isi berkas terlalu besar setelah dibuka (lebih dari ${id(mb(limit))} MB). Berkas .xlsx biasa tidak sebesar ini; simpan ulang dari Excel, pecah menjadi beberapa berkas, atau unggah sebagai CSV.`,
      `The file's contents are too large once unpacked (more than ${en(mb(limit))} MB). An ordinary .xlsx is not this large; save it again from Excel, split it into several files, or upload it as CSV.`,
      { limitBytes: limit },
    ),

  zipTooComplex: (what: { id: string; en: string }) =>
    new SpreadsheetError(
      'UNREADABLE_FILE',
      `Berkas tidak dapat dibaca sebagai XLSX: ${what.id}. Simpan ulang dari Excel lalu unggah ulang.`,
      `The file cannot be read as XLSX: ${what.en}. Save it again from Excel and upload it again.`,
    ),

  tooManySharedStrings: () =>
    new SpreadsheetError(
      'TOO_MANY_SHARED_STRINGS',
      `Berkas berisi lebih dari ${id(LIMITS.sharedStrings)} teks berbeda atau ${id(mb(LIMITS.sharedStringBytes))} MB teks. Pecah menjadi beberapa berkas atau unggah sebagai CSV.`,
      `The file holds more than ${en(LIMITS.sharedStrings)} distinct texts or ${en(mb(LIMITS.sharedStringBytes))} MB of text. Split it into several files or upload it as CSV.`,
      { limit: LIMITS.sharedStrings, limitBytes: LIMITS.sharedStringBytes },
    ),

  /** Without a cell address when found before the cell is parsed (a run of text with no tag to stop at). */
  cellTooLong: (at?: { rowNumber: number; column: number }) => {
    const cell = at ? `${columnLetters(at.column)}${at.rowNumber}` : undefined;
    return new SpreadsheetError(
      'CELL_TOO_LONG',
      `${cell ? `Sel ${cell}` : 'Sebuah sel'} berisi lebih dari ${id(LIMITS.cellChars)} karakter (batas Excel untuk satu sel).`,
      `${cell ? `Cell ${cell}` : 'A cell'} holds more than ${en(LIMITS.cellChars)} characters (Excel's limit for one cell).`,
      { limit: LIMITS.cellChars, ...(at ? { row: at.rowNumber, cell } : {}) },
    );
  },

  rowTooLong: (rowNumber: number) =>
    new SpreadsheetError(
      'ROW_TOO_LONG',
      `Baris ${rowNumber} berisi lebih dari ${id(LIMITS.rowChars)} karakter.`,
      `Row ${rowNumber} holds more than ${en(LIMITS.rowChars)} characters.`,
      { limit: LIMITS.rowChars, row: rowNumber },
    ),

  tooManyRows: () =>
    new SpreadsheetError(
      'TOO_MANY_ROWS',
      `Berkas berisi lebih dari ${id(LIMITS.rows)} baris (batas Excel). Pecah menjadi beberapa berkas.`,
      `The file has more than ${en(LIMITS.rows)} rows (Excel's limit). Split it into several files.`,
      { limit: LIMITS.rows },
    ),

  tooManyColumns: (rowNumber: number) =>
    new SpreadsheetError(
      'TOO_MANY_COLUMNS',
      `Baris ${rowNumber} memiliki sel di luar ${id(LIMITS.columns)} kolom (batas Excel, kolom XFD).`,
      `Row ${rowNumber} has cells beyond ${en(LIMITS.columns)} columns (Excel's limit, column XFD).`,
      { limit: LIMITS.columns, row: rowNumber },
    ),
};
