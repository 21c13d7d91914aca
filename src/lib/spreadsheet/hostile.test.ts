import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, type CorpusFile, makeCorpusApart } from '../../../test/hostile/make-corpus.js';
import { readRows, SpreadsheetError } from './read-rows.js';

/** The bound: no upload may hold more than 300 MB above idle. */
const MEMORY_BOUND = 300 * 1024 * 1024;

let dir: string;
let corpus: Record<string, CorpusFile>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'semesta-hostile-'));
  corpus = makeCorpusApart(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads the file to the end or to its error, sampling the process's resident memory meanwhile. */
async function attempt(file: CorpusFile, kind: 'xlsx' | 'csv') {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  let error: unknown;
  let rows = 0;
  try {
    for await (const _row of readRows(file.path, kind, [{ key: 'nik', header: 'NIK' }, { key: 'name', header: 'Nama' }])) {
      rows += 1;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } catch (thrown) {
    error = thrown;
  } finally {
    clearInterval(sample);
  }
  return { error: error as SpreadsheetError, rows, grown: peak - baseline, ms: Date.now() - started };
}

function expectRefusal(error: SpreadsheetError, code: string, id: RegExp, en: RegExp) {
  expect(error).toBeInstanceOf(SpreadsheetError);
  expect(error).toMatchObject({ code, messageId: expect.stringMatching(id), messageEn: expect.stringMatching(en) });
}

const excelTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));

describe('hostile spreadsheets are refused while streaming, in bounded memory', () => {
  it('a shared-strings bomb (4.3 million strings in 6.6 MB, as in the issue) stops at the shared-strings limit', async () => {
    const { error, grown, ms } = await attempt(corpus.stringsBomb!, 'xlsx');
    expectRefusal(error, 'TOO_MANY_SHARED_STRINGS', /4\.194\.304 teks/, /4,194,304 distinct texts/);
    expect(grown).toBeLessThan(MEMORY_BOUND);
    console.info(`shared-strings bomb: +${Math.round(grown / 2 ** 20)} MB, ${ms} ms`);
    expect(CORPUS.sharedStrings).toBeGreaterThan(4_194_304);
  }, 60_000);

  it('a zip bomb (900 KB inflating to 256 MB) stops at the inflate limit, without copying the sheet to disk', async () => {
    const before = excelTempFiles();
    const { error, grown, ms } = await attempt(corpus.zipBomb!, 'xlsx');
    expectRefusal(error, 'INFLATED_TOO_LARGE', /terlalu besar setelah dibuka/, /too large once unpacked/);
    expect(grown).toBeLessThan(MEMORY_BOUND);
    expect(excelTempFiles()).toEqual(before);
    expect(ms).toBeLessThan(10_000);
  }, 60_000);

  it('one 5-million-character cell is refused before it is held, one of 40,000 characters with its address', async () => {
    const huge = await attempt(corpus.hugeCell!, 'xlsx');
    expectRefusal(huge.error, 'CELL_TOO_LONG', /32\.767 karakter/, /32,767 characters/);
    expect(huge.grown).toBeLessThan(MEMORY_BOUND);
    const long = await attempt(corpus.longCell!, 'xlsx');
    expectRefusal(long.error, 'CELL_TOO_LONG', /Sel B2 .*32\.767 karakter/, /Cell B2 .*32,767 characters/);
    expect(CORPUS.longCellChars).toBeGreaterThan(32_767);
  }, 60_000);

  it('rows beyond 1,048,576 and columns beyond 16,384 (Excel’s limits) are refused, in xlsx and csv', async () => {
    const xlsxRows = await attempt(corpus.tooManyRowsXlsx!, 'xlsx');
    expectRefusal(xlsxRows.error, 'TOO_MANY_ROWS', /1\.048\.576 baris/, /1,048,576 rows/);
    const csvRows = await attempt(corpus.tooManyRowsCsv!, 'csv');
    expectRefusal(csvRows.error, 'TOO_MANY_ROWS', /1\.048\.576 baris/, /1,048,576 rows/);
    expect(csvRows.rows).toBe(1);
    const columns = await attempt(corpus.tooManyColumns!, 'xlsx');
    expectRefusal(columns.error, 'TOO_MANY_COLUMNS', /16\.384 kolom/, /16,384 columns/);
  }, 60_000);

  it('a file that is not a zip, an old .xls and empty files get a clear reason', async () => {
    expectRefusal((await attempt(corpus.wrongMagic!, 'xlsx')).error, 'UNREADABLE_FILE', /bukan berkas \.xlsx/, /cannot be read as XLSX: it is not an \.xlsx/);
    expectRefusal((await attempt(corpus.oldExcel!, 'xlsx')).error, 'UNREADABLE_FILE', /Excel 97–2003/, /Excel 97–2003/);
    expectRefusal((await attempt(corpus.emptyXlsx!, 'xlsx')).error, 'EMPTY_FILE', /kosong/, /empty/);
    expectRefusal((await attempt(corpus.emptyCsv!, 'csv')).error, 'EMPTY_FILE', /kosong/, /empty/);
  });
});
