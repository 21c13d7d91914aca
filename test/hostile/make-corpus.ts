/**
 * The hostile-file corpus (issue 12): spreadsheets built to exhaust memory, disk or time. Nothing large
 * is committed — the files are generated into a directory at test time (a few seconds in all):
 *
 *   npx tsx test/hostile/make-corpus.ts /tmp/corpus     (prints what each file attacks)
 *
 * The zip writer is written here rather than taken from ExcelJS because the files break the rules on
 * purpose: 4 million shared strings, a sheet that inflates 290-fold, a 5-million-character cell.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

export interface CorpusFile {
  name: string;
  path: string;
  /** what it is meant to break */
  attack: string;
}

interface Entry {
  name: string;
  /** contents, produced in pieces so that a 256 MB entry never exists in memory at once */
  pieces: () => Iterable<string | Buffer>;
  /** stored without compression (the padding that keeps a bomb's ratio under the inflate limit) */
  stored?: boolean;
}

/** A zip with known sizes in every local header; each entry deflated as a stream, CRC as it goes. */
export async function zip(entries: Entry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    let crc = 0;
    let size = 0;
    const counted = Readable.from(
      (function* () {
        for (const piece of entry.pieces()) {
          const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
          crc = crc32(bytes, crc);
          size += bytes.length;
          yield bytes;
        }
      })(),
    );
    const out: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    });
    await (entry.stored ? pipeline(counted, sink) : pipeline(counted, createDeflateRaw({ level: 9 }), sink));
    const data = Buffer.concat(out);
    const name = Buffer.from(entry.name);
    const method = entry.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x800, 8);
    head.writeUInt16LE(method, 10);
    head.writeUInt32LE(crc >>> 0, 16);
    head.writeUInt32LE(data.length, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(head, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';
const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c><c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>';

/** A workbook as Excel orders it: the sheet before the shared strings (so readers copy it aside first). */
export function xlsx(sheetRows: () => Iterable<string>, sharedStrings?: () => Iterable<string>, extra: Entry[] = []): Promise<Buffer> {
  return zip([
    { name: 'xl/workbook.xml', pieces: () => [WORKBOOK] },
    { name: 'xl/_rels/workbook.xml.rels', pieces: () => [RELS] },
    { name: 'xl/worksheets/sheet1.xml', pieces: function* () { yield SHEET_OPEN + HEADER_ROW; yield* sheetRows(); yield SHEET_CLOSE; } },
    ...(sharedStrings
      ? [{ name: 'xl/sharedStrings.xml', pieces: function* () { yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'; yield* sharedStrings(); yield '</sst>'; } }]
      : []),
    ...extra,
  ]);
}

function* repeat(piece: string, times: number, batch = 10_000): Iterable<string> {
  const block = piece.repeat(Math.min(batch, times));
  for (let done = 0; done < times; done += batch) yield times - done >= batch ? block : piece.repeat(times - done);
}

const dataRow = (r: number, nik = '3202011505900001', name = 'Siti') =>
  `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${nik}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${name}</t></is></c></row>`;

/** Counts the corpus is built with; the tests assert the limits against them. */
export const CORPUS = {
  /** inflated size of the zip bomb's sheet */
  bombBytes: 256 << 20,
  /** shared strings in the strings bomb: the 25 million, scaled to just over the 4,194,304 limit */
  sharedStrings: 4_300_000,
  hugeCellChars: 5_000_000,
  longCellChars: 40_000,
} as const;

/** Writes every file of the corpus into `dir` and says what each attacks. */
export async function makeCorpus(dir: string): Promise<Record<string, CorpusFile>> {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, CorpusFile> = {};
  const put = async (key: string, name: string, attack: string, content: Buffer | string | Promise<Buffer>) => {
    const path = join(dir, name);
    writeFileSync(path, await content);
    files[key] = { name, path, attack };
  };

  // The same row again and again (one row number, so no row limit stops it): 256 MB of sheet from 900 KB.
  const row = dataRow(2);
  await put('zipBomb', 'zip-bomb.xlsx', 'inflates 290-fold: disk (the sheet is copied aside) and time', xlsx(() => repeat(row, Math.ceil(CORPUS.bombBytes / row.length))));

  // 4.3 million empty shared strings (55 MB of XML, ~160 KB deflated), padded with 6.5 MB of stored random
  // bytes so that the file is not far smaller than its contents: the shared-strings limit, not the
  // inflate limit, must stop it. The file held 25 million in 6.6 MB.
  await put(
    'stringsBomb',
    'shared-strings-bomb.xlsx',
    'millions of shared strings, which a reader holds in memory',
    xlsx(
      () => [`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>`],
      () => repeat('<si><t/></si>', CORPUS.sharedStrings),
      [{ name: 'xl/media/padding.bin', stored: true, pieces: () => [randomBytes(6_500_000)] }],
    ),
  );

  // One inline cell of 5 million characters (the held 600 million): no tag for the reader to stop at.
  await put('hugeCell', 'huge-cell.xlsx', 'one cell far over Excel’s 32,767 characters', xlsx(() => [dataRow(2, '3202011505900001', 'x'.repeat(CORPUS.hugeCellChars))]));
  // Just over Excel's limit, in a shared string: the reader must name the cell.
  await put(
    'longCell',
    'long-cell.xlsx',
    'one cell just over 32,767 characters',
    xlsx(
      () => [`<row r="2"><c r="A2" t="inlineStr"><is><t>3202011505900001</t></is></c><c r="B2" t="s"><v>0</v></c></row>`],
      () => [`<si><t>${'y'.repeat(CORPUS.longCellChars)}</t></si>`],
    ),
  );
  await put('tooManyRowsXlsx', 'too-many-rows.xlsx', 'a row beyond Excel’s 1,048,576', xlsx(() => [dataRow(2), dataRow(1_048_577)]));
  await put('tooManyColumns', 'too-many-columns.xlsx', 'a cell beyond Excel’s 16,384 columns', xlsx(() => ['<row r="2"><c r="XFE2"><v>1</v></c></row>']));
  // Rows of delimiters only: blank, yet rows (as a spreadsheet program counts them), and quick to parse.
  await put('tooManyRowsCsv', 'too-many-rows.csv', 'more lines than Excel’s 1,048,576 rows', `NIK,Nama\n3202011505900001,Siti\n${',\n'.repeat(1_048_575)}`);
  await put('wrongMagic', 'not-a-zip.xlsx', 'a CSV renamed .xlsx', 'NIK,Nama\n3202011505900001,Siti\n');
  await put('oldExcel', 'old-excel.xlsx', 'an Excel 97–2003 (.xls) file renamed .xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
  await put('emptyXlsx', 'empty.xlsx', 'zero bytes', '');
  await put('emptyCsv', 'empty.csv', 'zero bytes', '');
  return files;
}

/**
 * The corpus made by a child process, so that building it (hundreds of MB deflated) leaves no freed
 * heap behind in the process whose memory a test then measures.
 */
export function makeCorpusApart(dir: string): Record<string, CorpusFile> {
  const script = fileURLToPath(import.meta.url);
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8' })) as Record<string, CorpusFile>;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npx tsx test/hostile/make-corpus.ts <dir>');
  console.log(JSON.stringify(await makeCorpus(dir), null, 2));
}
