/**
 * A CSV record splitter for the import path (issue 13): the same reading as csv-parse with
 * `relax_quotes` and `relax_column_count` — a field that starts with a double quote runs to the
 * closing quote ("" is a quote inside it, and it may hold delimiters and line breaks); a quote inside
 * an unquoted field is kept as written; \r\n, \n and \r end a record; a blank line is a record of one
 * empty field; the newline at the end of the file does not start another record — at several times
 * its speed: a line without any quote, the usual case, is one `split`.
 */

export class CsvShapeError extends Error {}

/** Splits decoded text chunks into records of untrimmed fields. */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter: string, maxRecordChars: number): AsyncGenerator<string[]> {
  let buffer = '';
  let first = true;
  for await (const chunk of chunks) {
    buffer += chunk;
    if (first && buffer.length > 0) {
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      first = false;
    }
    let pos = 0;
    const seen = newScan();
    for (;;) {
      const record = nextRecord(buffer, pos, delimiter, false, seen);
      if (!record) break;
      pos = record.end;
      yield record.fields;
    }
    buffer = pos === 0 ? buffer : buffer.slice(pos);
    if (buffer.length > maxRecordChars) throw new CsvShapeError(`CSV record longer than ${maxRecordChars} characters (an unclosed quote?)`);
  }
  let pos = 0;
  const seen = newScan();
  while (pos < buffer.length) {
    const record = nextRecord(buffer, pos, delimiter, true, seen);
    if (!record) break;
    pos = record.end;
    yield record.fields;
  }
}

/**
 * The next \r and " found in the buffer at or after the last position asked for (-1: none left), so that a
 * file without any does not rescan the rest of the buffer for every line.
 */
interface Scan {
  cr: number;
  quote: number;
}
const newScan = (): Scan => ({ cr: -2, quote: -2 });
function nextOf(text: string, char: string, from: number, seen: Scan, key: 'cr' | 'quote'): number {
  const known = seen[key];
  if (known === -1 || known >= from) return known;
  return (seen[key] = text.indexOf(char, from));
}

/** Where a line ends at or after `from`: its end and where the next one starts; undefined if not in `text` yet. */
function lineEnd(text: string, from: number, seen: Scan): { end: number; next: number } | undefined {
  const nl = text.indexOf('\n', from);
  const cr = nextOf(text, '\r', from, seen, 'cr');
  if (cr !== -1 && (nl === -1 || cr < nl)) {
    // \r at the very end of the buffer may be the first half of \r\n
    if (cr + 1 === text.length) return undefined;
    return { end: cr, next: text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1 };
  }
  return nl === -1 ? undefined : { end: nl, next: nl + 1 };
}

/**
 * The record starting at `pos`, or undefined when it may continue past the end of `text` (more data
 * to come). At the end of the input (`final`), the last record need not end with a line break.
 */
function nextRecord(text: string, pos: number, delimiter: string, final: boolean, seen: Scan): { fields: string[]; end: number } | undefined {
  const line = lineEnd(text, pos, seen);
  const stop = line ? line.end : final ? text.length : -1;
  if (stop !== -1) {
    const quote = nextOf(text, '"', pos, seen, 'quote');
    if (quote === -1 || quote >= stop) {
      return { fields: text.slice(pos, stop).split(delimiter), end: line ? line.next : text.length };
    }
  }
  return quotedRecord(text, pos, delimiter, final);
}

/** The slow path: a record with at least one quote, character by character. */
function quotedRecord(text: string, pos: number, delimiter: string, final: boolean): { fields: string[]; end: number } | undefined {
  const fields: string[] = [];
  let i = pos;
  const n = text.length;
  for (;;) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          if (final) throw new CsvShapeError('CSV quote not closed');
          return undefined;
        }
        if (q + 1 === n && !final) return undefined; // may be the first half of ""
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += text.slice(j, q);
        i = q + 1;
        break;
      }
      field = value;
      if (i < n && !text.startsWith(delimiter, i) && text[i] !== '\n' && text[i] !== '\r') {
        throw new CsvShapeError('CSV invalid closing quote');
      }
    } else {
      let j = i;
      while (j < n && !text.startsWith(delimiter, j) && text[j] !== '\n' && text[j] !== '\r') j++;
      if (j === n && !final) return undefined;
      field = text.slice(i, j);
      i = j;
    }
    fields.push(field);
    if (i >= n) {
      if (!final) return undefined;
      return { fields, end: n };
    }
    if (text.startsWith(delimiter, i)) {
      i += delimiter.length;
      continue;
    }
    // a line break ends the record
    if (text[i] === '\r') {
      if (i + 1 === n && !final) return undefined;
      return { fields, end: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    }
    return { fields, end: i + 1 };
  }
}
