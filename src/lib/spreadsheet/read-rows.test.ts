import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readRows, SpreadsheetError, type ColumnSpec, type SheetRow } from './read-rows.js';
import { parseDate } from './values.js';

const COLUMNS: ColumnSpec[] = [
  { key: 'nik', header: 'NIK' },
  { key: 'name', header: 'Nama' },
  { key: 'birthDate', header: 'Tanggal Lahir' },
  { key: 'sex', header: 'Jenis Kelamin (L/P)' },
  { key: 'villageCode', header: 'Kode Desa' },
  { key: 'address', header: 'Alamat' },
  { key: 'phone', header: 'No HP' },
  { key: 'occupation', header: 'Pekerjaan' },
  { key: 'segment', header: 'Segmen' },
  { key: 'group', header: 'Kelompok' },
  { key: 'programs', header: 'Program' },
  { key: 'income', header: 'Penghasilan (Rp)' },
  { key: 'fundingSource', header: 'Sumber Dana' },
];
const HEADERS = COLUMNS.map((column) => column.header);
/** One worker in header order; tests override single fields. */
const WORKER = ['3202011505900001', 'Siti Aminah', '15/05/1990', 'P', '3202012001', 'Kp. Babakan RT 01/02', '081234567890', 'Petani', 'BPU', 'Tani Makmur', 'JKK, JKM', '1.500.000', 'APBD'];

function worker(changes: Partial<Record<string, ExcelJS.CellValue>> = {}): ExcelJS.CellValue[] {
  return COLUMNS.map((column, i) => (column.key in changes ? changes[column.key] : WORKER[i]));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'semesta-read-rows-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string, kind: 'xlsx' | 'csv', columns = COLUMNS): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(path, kind, columns)) rows.push(row);
  return rows;
}

async function failure(path: string, kind: 'xlsx' | 'csv', columns = COLUMNS): Promise<SpreadsheetError> {
  const error = await collect(path, kind, columns).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SpreadsheetError);
  return error as SpreadsheetError;
}

async function writeXlsx(name: string, fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Pekerja'), workbook);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

function writeFile(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Temporary copies of sheets that ExcelJS's streaming reader makes for this process. */
function excelTempFiles(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
}

/** ExcelJS removes its temporary files asynchronously (close, then unlink). */
async function expectNoExcelTempFiles(): Promise<void> {
  await vi.waitFor(() => expect(excelTempFiles()).toEqual([]), { timeout: 2000 });
}

describe('readRows – xlsx', () => {
  it('keeps a NIK stored as a number a number, and NIK text as trimmed text', async () => {
    const path = await writeXlsx('nik.xlsx', (sheet) => {
      sheet.addRow(HEADERS);
      sheet.addRow(worker({ nik: 3202011505900001 }));
      sheet.addRow(worker({ nik: "'3202011505900002" }));
      sheet.addRow(worker({ nik: '  3202 0115 0590 0003 ' }));
      sheet.addRow(worker({ nik: '3202.0115.0590.0004' }));
      sheet.addRow(worker({ nik: '3.20202E+15' }));
    });
    const rows = await collect(path, 'xlsx');
    expect(rows.map((row) => row.cells.nik)).toEqual([
      3202011505900001,
      "'3202011505900002",
      '3202 0115 0590 0003',
      '3202.0115.0590.0004',
      '3.20202E+15',
    ]);
    expect(rows.map((row) => row.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]?.cells).toEqual({
      nik: 3202011505900001,
      name: 'Siti Aminah',
      birthDate: '15/05/1990',
      sex: 'P',
      villageCode: '3202012001',
      address: 'Kp. Babakan RT 01/02',
      phone: '081234567890',
      occupation: 'Petani',
      segment: 'BPU',
      group: 'Tani Makmur',
      programs: 'JKK, JKM',
      income: '1.500.000',
      fundingSource: 'APBD',
    });
  });

  it('returns serials in General cells as numbers, date-formatted cells as UTC-midnight Dates and date text as text', async () => {
    const path = await writeXlsx('dates.xlsx', (sheet) => {
      sheet.addRow(HEADERS);
      sheet.addRow(worker({ birthDate: 32874 }));
      sheet.addRow(worker({ birthDate: new Date(Date.UTC(1990, 0, 1)) })).getCell(3).numFmt = 'dd/mm/yyyy';
      sheet.addRow(worker({ birthDate: { formula: 'DATE(1990,1,1)', result: 32874 } })).getCell(3).numFmt = 'dd/mm/yyyy';
      for (const text of ['01/01/1990', '1/1/1990', '01-01-1990', '01.01.1990', '1990-01-01']) {
        sheet.addRow(worker({ birthDate: text }));
      }
    });
    const values = (await collect(path, 'xlsx')).map((row) => row.cells.birthDate);
    expect(values[0]).toBe(32874);
    expect(values[1]).toBeInstanceOf(Date);
    expect((values[1] as Date).toISOString()).toBe('1990-01-01T00:00:00.000Z');
    // ExcelJS converts only plain values in date-formatted cells; a formula's cached result stays a serial.
    expect(values[2]).toBe(32874);
    expect(values.slice(3)).toEqual(['01/01/1990', '1/1/1990', '01-01-1990', '01.01.1990', '1990-01-01']);
    expect(values.map(parseDate)).toEqual(values.map(() => ({ date: '1990-01-01' })));
  });

  it('matches headers in any case, spacing and order, by alias, and ignores extra columns', async () => {
    const header = [' nik ', 'Catatan', 'tanggal  lahir', 'NAMA', 'JENIS KELAMIN', 'kode_desa', 'ALAMAT', 'No. HP', 'pekerjaan', 'SEGMEN', 'kelompok', 'PROGRAM', 'penghasilan', 'Sumber Dana (APBD/APBDes)'];
    const path = await writeXlsx('headers.xlsx', (sheet) => {
      sheet.addRow(header);
      sheet.addRow(['3202011505900001', 'pindahan', '15/05/1990', 'Siti', 'P', '3202012001', 'Kp. Babakan', '0812', 'Petani', 'BPU', 'Tani', 'JKK', '1.000.000', 'APBD']);
    });
    const [row] = await collect(path, 'xlsx');
    expect(row?.cells).toMatchObject({ nik: '3202011505900001', name: 'Siti', birthDate: '15/05/1990', sex: 'P', villageCode: '3202012001', phone: '0812', income: '1.000.000', fundingSource: 'APBD' });
    expect(row?.cells).not.toHaveProperty('Catatan');
    expect(row?.raw[1]).toBe('pindahan');

    const exact = await writeXlsx('headers-exact.xlsx', (sheet) => {
      sheet.addRow(['JENIS KELAMIN (L/P)', 'Penghasilan (Rp)', 'Telepon']);
      sheet.addRow(['L', 2000000, '0813']);
    });
    const aliased = await collect(exact, 'xlsx', [
      { key: 'sex', header: 'Jenis Kelamin (L/P)' },
      { key: 'income', header: 'Penghasilan' },
      { key: 'phone', header: 'No HP', aliases: ['Telepon', 'No. WA'] },
    ]);
    expect(aliased[0]?.cells).toEqual({ sex: 'L', income: 2000000, phone: '0813' });
  });

  it('skips empty rows — empty strings, whitespace, formatting only, trailing — and keeps true row numbers', async () => {
    const path = await writeXlsx('empty-rows.xlsx', (sheet) => {
      sheet.getRow(1).getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      sheet.getRow(3).values = HEADERS;
      sheet.getRow(4).values = worker({ name: 'Baris 4' });
      sheet.getRow(5).values = ['', '', ''];
      sheet.getRow(6).values = worker({ name: 'Baris 6' });
      sheet.getRow(7).getCell(2).border = { top: { style: 'thin' } };
      sheet.getRow(8).values = ['  ', ' '];
      sheet.getRow(9).values = worker({ name: 'Baris 9' });
      sheet.getRow(10).values = ['', ''];
      sheet.getRow(11).getCell(1).numFmt = '@';
      sheet.getRow(12).values = [' '];
      expect(sheet.rowCount).toBe(12);
    });
    const rows = await collect(path, 'xlsx');
    expect(rows.map((row) => [row.rowNumber, row.cells.name])).toEqual([
      [4, 'Baris 4'],
      [6, 'Baris 6'],
      [9, 'Baris 9'],
    ]);
  });

  it('reads rich text as its text, formulas as their results and error cells as the error', async () => {
    const path = await writeXlsx('cells.xlsx', (sheet) => {
      sheet.addRow(HEADERS);
      sheet.addRow(
        worker({
          name: { richText: [{ text: 'Nur', font: { bold: true } }, { text: 'hayatí ' }] },
          occupation: { formula: 'PROPER("petani")', result: 'Petani' },
          income: { formula: '1000000*1.5', result: 1500000 },
          phone: { error: '#N/A' },
        }),
      );
    });
    const [row] = await collect(path, 'xlsx');
    expect(row?.cells).toMatchObject({ name: 'Nurhayatí', occupation: 'Petani', income: 1500000, phone: '#N/A' });
  });

  it('reads only the first worksheet', async () => {
    const path = await writeXlsx('sheets.xlsx', (sheet, workbook) => {
      sheet.addRow(HEADERS);
      sheet.addRow(worker({ name: 'Lembar 1' }));
      const other = workbook.addWorksheet('Referensi');
      other.addRow(HEADERS);
      other.addRow(worker({ name: 'Lembar 2' }));
    });
    expect((await collect(path, 'xlsx')).map((row) => row.cells.name)).toEqual(['Lembar 1']);
    await expectNoExcelTempFiles();
  });

  it('keeps multi-byte characters intact across chunk boundaries (ExcelJS decodes chunks separately)', async () => {
    // Mostly two-byte characters, so chunk edges certainly fall inside some of them.
    const names = Array.from({ length: 20_000 }, (_, i) => `Nurhayatí Désa ${i} ${'é'.repeat(20)}`);
    const shared = await writeXlsx('utf8-shared.xlsx', (sheet) => {
      sheet.addRow(['Nama']);
      for (const name of names) sheet.addRow([name]);
    });
    // Without shared strings the text sits in the sheet XML itself.
    const inline = join(dir, 'utf8-inline.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false });
    const sheet = writer.addWorksheet('Pekerja');
    sheet.addRow(['Nama']).commit();
    for (const name of names) sheet.addRow([name]).commit();
    sheet.commit();
    await writer.commit();

    for (const path of [shared, inline]) {
      const rows = await collect(path, 'xlsx', [{ key: 'name', header: 'Nama' }]);
      expect(rows.filter((row, i) => row.cells.name !== names[i])).toEqual([]);
      expect(rows).toHaveLength(names.length);
    }
  }, 60_000);

  it('rejects missing columns with both messages, before any row, and cleans up after itself', async () => {
    const path = await writeXlsx('missing.xlsx', (sheet, workbook) => {
      sheet.addRow(HEADERS.filter((header) => header !== 'Tanggal Lahir' && header !== 'Kode Desa'));
      sheet.addRow(['3202011505900001', 'Siti']);
      workbook.addWorksheet('Lain').addRow(['x']);
    });
    const seen: SheetRow[] = [];
    const error = await (async () => {
      try {
        for await (const row of readRows(path, 'xlsx', COLUMNS)) seen.push(row);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(SpreadsheetError);
    expect(error).toMatchObject({
      code: 'MISSING_COLUMNS',
      messageId: 'Kolom berikut tidak ditemukan di baris judul (baris 1): Tanggal Lahir, Kode Desa.',
      messageEn: 'These columns are missing from the header row (row 1): Tanggal Lahir, Kode Desa.',
      details: { missing: ['Tanggal Lahir', 'Kode Desa'], headerRow: 1 },
    });
    await expectNoExcelTempFiles();
  });

  it('deletes ExcelJS temporary files when the caller stops early', async () => {
    const path = await writeXlsx('early-stop.xlsx', (sheet, workbook) => {
      sheet.addRow(HEADERS);
      for (let i = 0; i < 2000; i++) sheet.addRow(worker({ name: `Pekerja ${i}` }));
      workbook.addWorksheet('Lain').addRow(['x']);
    });
    for await (const row of readRows(path, 'xlsx', COLUMNS)) {
      expect(row.rowNumber).toBe(2);
      expect(excelTempFiles().length).toBeGreaterThan(0);
      break;
    }
    await expectNoExcelTempFiles();
  });

  it('reports progress as bytes of the file read', async () => {
    const path = await writeXlsx('progress.xlsx', (sheet) => {
      sheet.addRow(HEADERS);
      for (let i = 0; i < 500; i++) sheet.addRow(worker({ name: `Pekerja ${i}` }));
    });
    const reported: number[] = [];
    for await (const _row of readRows(path, 'xlsx', COLUMNS, (bytes) => reported.push(bytes)));
    expect(reported).toHaveLength(501);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(reported.at(-1)).toBe(statSync(path).size);
  });

  it('reports empty and unreadable files', async () => {
    const blankSheet = await writeXlsx('blank.xlsx', (sheet) => {
      sheet.getRow(2).values = ['', '  '];
    });
    expect((await failure(blankSheet, 'xlsx')).code).toBe('EMPTY_FILE');
    expect((await failure(writeFile('zero.xlsx', ''), 'xlsx')).code).toBe('EMPTY_FILE');
    const notZip = await failure(writeFile('not-zip.xlsx', 'NIK,Nama\n1,Siti\n'), 'xlsx');
    expect(notZip).toMatchObject({ code: 'UNREADABLE_FILE', messageEn: expect.stringContaining('cannot be read as XLSX') });
    expect((await failure(join(dir, 'absent.xlsx'), 'xlsx')).code).toBe('UNREADABLE_FILE');
  });
});

describe('readRows – csv', () => {
  it('reads UTF-8 with a BOM, commas, and quoted fields holding the delimiter, quotes and line breaks', async () => {
    const csv = [
      HEADERS.join(','),
      WORKER.map((value) => (value.includes(',') ? `"${value}"` : value)).join(','),
      '3202011505900002,"Aminah, S.Pd","15/05/1990",P,3202012001,"Jl. ""Mawar"" 5,\nRT 01",0812,Guru,BPU,,JKK,"1,500,000",APBDes',
      '3.20202E+15,Nurhayatí,01-01-1990,L,3202012001,Désa,0813,Petani,BPU,,JKK,0,APBD',
    ].join('\r\n');
    const path = writeFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    const rows = await collect(path, 'csv');
    expect(rows.map((row) => row.rowNumber)).toEqual([2, 3, 4]);
    expect(rows[0]?.cells).toMatchObject({ nik: '3202011505900001', programs: 'JKK, JKM', income: '1.500.000' });
    expect(rows[1]?.cells).toMatchObject({ name: 'Aminah, S.Pd', address: 'Jl. "Mawar" 5,\nRT 01', group: '', income: '1,500,000' });
    expect(rows[2]?.cells).toMatchObject({ nik: '3.20202E+15', name: 'Nurhayatí', address: 'Désa' });
  });

  it('detects semicolons even when values contain commas, and matches headers in any case and order', async () => {
    const csv = [
      ' nik ;NAMA;Catatan;tanggal lahir;jenis kelamin (l/p);KODE DESA;alamat;no hp;pekerjaan;segmen;kelompok;program;PENGHASILAN;sumber dana',
      '3202011505900001;Siti Aminah;-;15/05/1990;P;3202012001;Jl. Mawar, No. 5;0812;Petani;BPU;Tani;JKK, JKM;Rp 1.500.000,-;APBD',
      '3202011505900002;"Budi; S.T.";;01/01/1990;L;3202012001;Kp. Cibodas;0813;Buruh;BPU;;JKK;2.000.000;APBD',
    ].join('\n');
    const rows = await collect(writeFile('semicolon.csv', csv), 'csv');
    expect(rows[0]?.cells).toMatchObject({ nik: '3202011505900001', address: 'Jl. Mawar, No. 5', programs: 'JKK, JKM', income: 'Rp 1.500.000,-' });
    expect(rows[0]?.raw[2]).toBe('-');
    expect(rows[1]?.cells).toMatchObject({ name: 'Budi; S.T.', sex: 'L', income: '2.000.000' });
  });

  it('decodes Windows-1252 when the file is not valid UTF-8', async () => {
    const csv = [HEADERS.join(';'), worker({ name: 'Nurhayatí', address: 'Désa Sukamaju ‘Kp. Ciburuy’', occupation: 'Pedagang – kaki lima' }).join(';')].join('\r\n');
    const bytes = iconv.encode(csv, 'win1252');
    expect(bytes.includes(0xed)).toBe(true); // í as one byte: not UTF-8
    const [row] = await collect(writeFile('win1252.csv', bytes), 'csv');
    expect(row?.cells).toMatchObject({ name: 'Nurhayatí', address: 'Désa Sukamaju ‘Kp. Ciburuy’', occupation: 'Pedagang – kaki lima' });
  });

  it('reads UTF-16 tab-separated text (Excel "Unicode Text")', async () => {
    const text = [HEADERS.join('\t'), worker({ name: 'Nurhayatí' }).join('\t')].join('\r\n');
    const path = writeFile('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const [row] = await collect(path, 'csv');
    expect(row?.cells).toMatchObject({ nik: '3202011505900001', name: 'Nurhayatí', programs: 'JKK, JKM' });
  });

  it('skips blank and delimiter-only lines with true row numbers; short rows give null, all values are trimmed strings', async () => {
    const csv = ['', HEADERS.join(','), ' 3202011505900001 , Siti ,32874', '', ',,,,', '   ', '3202011505900002,Budi', ',,', '', ''].join('\n');
    const rows = await collect(writeFile('blank-lines.csv', csv), 'csv');
    expect(rows.map((row) => [row.rowNumber, row.cells.nik, row.cells.name])).toEqual([
      [3, '3202011505900001', 'Siti'],
      [7, '3202011505900002', 'Budi'],
    ]);
    expect(rows[0]?.cells.birthDate).toBe('32874');
    expect(rows[0]?.cells.income).toBeNull();
  });

  it('reports missing columns, empty files and broken quoting', async () => {
    const missing = await failure(writeFile('missing.csv', 'NIK;Nama;Alamat\n1;Siti;Desa\n'), 'csv');
    expect(missing.code).toBe('MISSING_COLUMNS');
    expect(missing.details?.missing).toEqual(HEADERS.filter((header) => !['NIK', 'Nama', 'Alamat'].includes(header)));
    expect((await failure(writeFile('zero.csv', ''), 'csv')).code).toBe('EMPTY_FILE');
    expect((await failure(writeFile('only-blank.csv', '\r\n;;;\r\n  \r\n'), 'csv')).code).toBe('EMPTY_FILE');
    expect((await failure(join(dir, 'absent.csv'), 'csv')).code).toBe('UNREADABLE_FILE');
    const broken = await failure(writeFile('unclosed.csv', `${HEADERS.join(',')}\n1,"Siti\n2,Budi\n`), 'csv');
    expect(broken.code).toBe('UNREADABLE_FILE');
    expect(broken.messageId).toContain('sebagai CSV');
  });

  it('reports progress as bytes of the file read', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => worker({ name: `Pekerja ${i}` }).join(';'));
    const path = writeFile('progress.csv', [HEADERS.join(';'), ...lines].join('\n'));
    const reported: number[] = [];
    for await (const _row of readRows(path, 'csv', COLUMNS, (bytes) => reported.push(bytes)));
    expect(reported).toHaveLength(3001);
    expect(reported[0]).toBeLessThan(statSync(path).size);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    expect(reported.at(-1)).toBe(statSync(path).size);
  });

  it('streams a 200,000-row file in bounded memory', async () => {
    const path = join(dir, 'large.csv');
    const out = createWriteStream(path);
    out.write(`${HEADERS.join(';')}\n`);
    for (let i = 0; i < 200_000; i++) {
      const nik = String(3202011505900000 + i);
      const line = `${nik};Nurhayatí ${i};15/05/1990;P;3202012001;Désa Sukamaju RT ${i % 20};0812${i};Petani;BPU;Tani;JKK, JKM;1.500.000;APBD\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await finished(out);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let count = 0;
    let last: SheetRow | undefined;
    for await (const row of readRows(path, 'csv', COLUMNS)) {
      count += 1;
      last = row;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(count).toBe(200_000);
    expect(last).toMatchObject({ rowNumber: 200_001, cells: { nik: '3202011506099999', name: 'Nurhayatí 199999' } });
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);
});
