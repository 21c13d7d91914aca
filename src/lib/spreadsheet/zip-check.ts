import { type FileHandle, open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { inflatedLimit, LIMITS, SpreadsheetError, spreadsheetErrors } from './errors.js';

/**
 * Walks an .xlsx before ExcelJS reads it and refuses what would exhaust memory or disk: more inflated
 * bytes than inflatedLimit(file size), XML tokens longer than LIMITS.xmlToken, oversized metadata parts,
 * too many entries. Nothing is kept: every entry is inflated and counted, then dropped.
 *
 * ExcelJS's unzipper (0.10) reads the zip front to back by its local headers, not by the central
 * directory, so this walk does exactly the same — the same record order, the same size rules, the same
 * search for a data descriptor — and therefore inflates exactly the bytes ExcelJS will inflate. A zip
 * whose central directory disagrees with its local headers cannot smuggle an entry past it.
 */
export async function checkXlsxZip(path: string): Promise<void> {
  const file = await open(path);
  try {
    const size = (await file.stat()).size;
    const head = await read(file, 0, 8);
    if (head.readUInt32LE(0) !== LOCAL_FILE) throw spreadsheetErrors.notXlsx(head.equals(OLE2_MAGIC));
    await walk(file, size, { limit: inflatedLimit(size), inflated: 0, entries: 0, worksheets: 0 });
  } finally {
    await file.close();
  }
}

const LOCAL_FILE = 0x04034b50;
const CENTRAL_FILE = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const CRX = 0x34327243;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
/** Compound File Binary, the container of .xls files. */
const OLE2_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const CHUNK = 256 * 1024;

interface Budget {
  limit: number;
  inflated: number;
  entries: number;
  worksheets: number;
}

/** Parts ExcelJS parses as XML, with the same (unanchored) patterns it matches them by. */
type Part = 'metadata' | 'xml' | 'other';
function partOf(name: string): Part {
  if (name === 'xl/_rels/workbook.xml.rels' || name === 'xl/workbook.xml' || name === 'xl/styles.xml') return 'metadata';
  if (name === 'xl/sharedStrings.xml' || /xl\/worksheets\/sheet\d+[.]xml/.test(name)) return 'xml';
  return 'other';
}

const broken = (en: string, id: string) => spreadsheetErrors.zipTooComplex({ id, en });

async function walk(file: FileHandle, size: number, budget: Budget): Promise<void> {
  let pos = 0;
  let reachedCentralDirectory = false;
  for (;;) {
    // unzipper stops quietly where the file ends on a record boundary.
    if (pos >= size) return;
    const signature = (await read(file, pos, 4)).readUInt32LE(0);
    if (signature === LOCAL_FILE) pos = await entry(file, pos + 4, size, budget);
    else if (signature === CENTRAL_FILE) {
      reachedCentralDirectory = true;
      const header = await read(file, pos + 4, 42);
      pos += 4 + 42 + header.readUInt16LE(24) + header.readUInt16LE(26) + header.readUInt16LE(28);
    } else if (signature === END_OF_CENTRAL || reachedCentralDirectory) {
      return; // unzipper ends the archive here (after the directory it skips ahead to this record)
    } else if (signature === CRX) throw broken('it is a browser extension package', 'berkas ini paket ekstensi peramban');
    else throw broken('its zip structure is damaged', 'struktur zip-nya rusak');
  }
}

/** One local entry from after its signature; returns where the next record starts. */
async function entry(file: FileHandle, pos: number, size: number, budget: Budget): Promise<number> {
  const header = await read(file, pos, 26);
  const flags = header.readUInt16LE(2);
  const method = header.readUInt16LE(4);
  let compressedSize = header.readUInt32LE(14);
  const nameLength = header.readUInt16LE(22);
  const extraLength = header.readUInt16LE(24);
  const name = (await read(file, pos + 26, nameLength)).toString('utf8');
  if (compressedSize === 0xffffffff) compressedSize = zip64CompressedSize(await read(file, pos + 26 + nameLength, extraLength));
  const dataStart = pos + 26 + nameLength + extraLength;

  budget.entries += 1;
  const part = partOf(name);
  if (/xl\/worksheets\/sheet\d+[.]xml/.test(name)) budget.worksheets += 1;
  if (budget.entries > LIMITS.zipEntries || budget.worksheets > LIMITS.worksheets) {
    throw broken(`it has more than ${LIMITS.zipEntries} parts or ${LIMITS.worksheets} worksheets`, `berisi lebih dari ${LIMITS.zipEntries} bagian atau ${LIMITS.worksheets} lembar kerja`);
  }

  // As unzipper: the local header's size when given, else up to the first data-descriptor signature.
  const sizeKnown = !(flags & 0x08) || compressedSize > 0;
  const dataEnd = sizeKnown ? dataStart + compressedSize : await findDescriptor(file, dataStart, size);
  if (dataEnd > size) throw broken('an entry runs past the end of the file', 'sebuah bagian melewati akhir berkas');
  await inflate(file, dataStart, dataEnd, method !== 0, scanner(part, budget));
  return sizeKnown ? dataEnd : dataEnd + 16;
}

/** unzipper's parseExtraField: the zip64 record's compressed size (read after its uncompressed size). */
function zip64CompressedSize(extra: Buffer): number {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) === 0x0001 && at + 20 <= extra.length) return Number(extra.readBigUInt64LE(at + 12));
  }
  throw broken('its zip64 sizes are missing', 'ukuran zip64-nya tidak ada');
}

async function findDescriptor(file: FileHandle, from: number, size: number): Promise<number> {
  let carry = Buffer.alloc(0);
  for (let at = from; at < size; at += CHUNK) {
    const window = Buffer.concat([carry, await read(file, at, Math.min(CHUNK, size - at))]);
    const found = window.indexOf(DATA_DESCRIPTOR);
    if (found !== -1) return at - carry.length + found;
    carry = window.subarray(window.length - (DATA_DESCRIPTOR.length - 1));
  }
  throw broken('an entry has no end', 'sebuah bagian tidak berujung');
}

/** Counts every inflated byte against the budget and checks the part's own limits. */
function scanner(part: Part, budget: Budget): (chunk: Buffer) => void {
  let partBytes = 0;
  let sinceTag = 0;
  return (chunk) => {
    budget.inflated += chunk.length;
    partBytes += chunk.length;
    if (budget.inflated > budget.limit) throw spreadsheetErrors.inflatedTooLarge(budget.limit);
    if (part === 'metadata' && partBytes > LIMITS.metadataBytes) throw spreadsheetErrors.inflatedTooLarge(LIMITS.metadataBytes);
    if (part === 'other') return;
    // The longest stretch without '<': saxes holds a whole text or tag in memory.
    for (let from = 0; ; ) {
      const next = chunk.indexOf(0x3c, from);
      if (next === -1) {
        sinceTag += chunk.length - from;
        break;
      }
      sinceTag += next - from;
      if (sinceTag > LIMITS.xmlToken) break;
      sinceTag = 0;
      from = next + 1;
    }
    if (sinceTag > LIMITS.xmlToken) throw spreadsheetErrors.cellTooLong();
  };
}

async function inflate(file: FileHandle, from: number, to: number, deflated: boolean, check: (chunk: Buffer) => void): Promise<void> {
  const source = Readable.from(
    (async function* () {
      for (let at = from; at < to; at += CHUNK) yield await read(file, at, Math.min(CHUNK, to - at));
    })(),
  );
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        check(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await (deflated ? pipeline(source, createInflateRaw(), sink) : pipeline(source, sink));
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw broken('an entry does not inflate', 'sebuah bagian tidak dapat dibuka');
  }
}

async function read(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const { buffer, bytesRead } = await file.read(Buffer.alloc(length), 0, length, position);
  if (bytesRead < length) throw broken('it ends in the middle of a record', 'berkas terpotong di tengah catatan zip');
  return buffer;
}
