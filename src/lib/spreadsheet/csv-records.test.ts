import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.js';

async function split(text: string, cuts: number[], delimiter: string) {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let at = 0;
  for (const p of points) {
    chunks.push(text.slice(at, p));
    at = p;
  }
  chunks.push(text.slice(at));
  async function* source() {
    yield* chunks;
  }
  const out: string[][] = [];
  for await (const r of csvRecords(source(), delimiter, 1_000_000)) out.push(r);
  return out;
}

const field = fc.oneof(
  fc.stringMatching(/^[a-zé ;,]{0,6}$/),
  // quoted: delimiters, quotes and line breaks inside
  fc.stringMatching(/^[a-z;,"\n\r ]{0,6}$/).map((s) => `"${s.replaceAll('"', '""')}"`),
  // a quote inside an unquoted field is kept as written
  fc.stringMatching(/^[a-z]{1,3}"[a-z]{0,3}$/),
);

describe('csvRecords reads as csv-parse (relax_quotes, relax_column_count) does', () => {
  it('on random files cut into random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (delimiter, rows, eol, trailing, cuts) => {
          const safe = rows.map((r) => r.map((f) => (f.startsWith('"') ? f : f.replaceAll(delimiter, ''))));
          const text = safe.map((r) => r.join(delimiter)).join(eol) + (trailing ? eol : '');
          const expected = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, record_delimiter: eol });
          expect(await split(text, cuts, delimiter)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses an unclosed quote and keeps blank lines as records', async () => {
    await expect(split('a,b\n"open,c\n', [3], ',')).rejects.toThrow(/not closed/);
    expect(await split('\nA;B\n\n1;2\n', [], ';')).toEqual([[''], ['A', 'B'], [''], ['1', '2']]);
  });
});
