import { describe, expect, it } from 'vitest';
import { cellText, parseCount, parseDate, parseList, parseRupiah, parseSex } from './values.js';

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['  Nurhayatí  ', 'Nurhayatí'],
    [3202011505900001, '3202011505900001'],
    [true, 'true'],
    [new Date(Date.UTC(1990, 0, 1)), '1990-01-01'],
    [new Date(Date.UTC(1990, 0, 1, 13, 30)), '1990-01-01T13:30:00.000Z'],
    [new Date(Number.NaN), ''],
  ])('%s → %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('parseDate', () => {
  it.each([
    // Date objects as ExcelJS builds them: UTC midnight of the calendar day.
    [new Date(Date.UTC(1990, 0, 1)), '1990-01-01'],
    [new Date(Date.UTC(2000, 1, 29, 18)), '2000-02-29'],
    // Excel serials, 1900 date system.
    [32874, '1990-01-01'],
    [32874.75, '1990-01-01'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [36586, '2000-03-01'],
    [2958465, '9999-12-31'],
    ['32874', '1990-01-01'],
    // Text, day first.
    ['15/05/1990', '1990-05-15'],
    ['5/1/1990', '1990-01-05'],
    ['15-05-1990', '1990-05-15'],
    ['15.05.1990', '1990-05-15'],
    [' 29/02/2000 ', '2000-02-29'],
    ['15/05/1990 00:00', '1990-05-15'],
    // Text, ISO.
    ['1990-05-15', '1990-05-15'],
    ['1990-5-15', '1990-05-15'],
    ['1990-05-15T00:00:00', '1990-05-15'],
    ['1990-05-15 08:30:00.000', '1990-05-15'],
  ])('%j → %s', (value, date) => {
    expect(parseDate(value)).toEqual({ date });
  });

  it.each([
    ['31/02/1990'],
    ['29/02/1900'],
    ['29/02/1990'],
    ['31/04/1990'],
    ['00/01/1990'],
    ['15/13/1990'],
    ['12/31/1990'],
    ['15/05/90'],
    ['15-05-90'],
    ['90-05-15'],
    ['15/05-1990'],
    ['1990-02-30'],
    ['0990-01-01'],
    ['15 Mei 1990'],
    ['1990'],
    [''],
    [null],
    [undefined],
    [true],
    [0],
    [-1],
    [60], // Excel's non-existent 1900-02-29
    [2958466],
    [Number.NaN],
    [3202011505900001],
    [new Date(Number.NaN)],
  ])('%j is invalid', (value) => {
    expect(parseDate(value)).toEqual({ error: 'DATE_INVALID' });
  });
});

describe('parseRupiah', () => {
  it.each([
    [1500000, 1500000],
    [1500000.4, 1500000],
    [0, 0],
    ['1000000', 1000000],
    ['1.000.000', 1000000],
    ['Rp 1.000.000', 1000000],
    ['Rp1.000.000', 1000000],
    ['Rp. 1.000.000,-', 1000000],
    ['IDR 750.000', 750000],
    ['1,000,000', 1000000],
    ['1.000', 1000],
    ['1,000', 1000],
    ['1.000.000,50', 1000001],
    ['1.000.000,49', 1000000],
    ['1,000,000.50', 1000001],
    ['1500000.00', 1500000],
    ['1500000,00', 1500000],
    ['1 500 000', 1500000],
    ['\u00a01.250.000\u00a0', 1250000],
    ['0', 0],
  ])('%j → %d', (value, amount) => {
    expect(parseRupiah(value)).toBe(amount);
  });

  it.each([[null], [undefined], [''], ['   ']])('%j → null', (value) => {
    expect(parseRupiah(value)).toBeNull();
  });

  it.each([
    ['abc'],
    ['1 juta'],
    ['-500000'],
    [-1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['10.00.000'],
    ['1000,000'],
    ['1.000,000.5'],
    ['1e6'],
    ['Rp'],
    [true],
    [new Date(0)],
  ])('%j is invalid', (value) => {
    expect(parseRupiah(value)).toBe('invalid');
  });
});

describe('parseSex', () => {
  it.each([
    ['L', 'L'],
    ['l', 'L'],
    ['Laki-laki', 'L'],
    ['LAKI LAKI', 'L'],
    ['Lk', 'L'],
    ['Pria', 'L'],
    ['M', 'L'],
    ['male', 'L'],
    ['P', 'P'],
    [' p ', 'P'],
    ['Perempuan', 'P'],
    ['PR', 'P'],
    ['Wanita', 'P'],
    ['F', 'P'],
    ['Female', 'P'],
  ])('%j → %s', (value, sex) => {
    expect(parseSex(value)).toBe(sex);
  });

  it.each([[''], [null], ['X'], ['laki-perempuan'], ['constructor'], [1]])('%j → null', (value) => {
    expect(parseSex(value)).toBeNull();
  });
});

describe('parseList', () => {
  it.each([
    ['jkk, jkm', ['JKK', 'JKM']],
    ['JKK;JKM;JHT', ['JKK', 'JKM', 'JHT']],
    ['jkk jkm  jkk', ['JKK', 'JKM']],
    [' jkk ;, jkm ,', ['JKK', 'JKM']],
    ['', []],
    [null, []],
  ])('%j → %j', (value, list) => {
    expect(parseList(value)).toEqual(list);
  });
});

describe('parseCount', () => {
  it.each([
    [1234567, 1234567],
    ['1.234.567', 1234567],
    ['1234567', 1234567],
    [' 12 345 ', 12345],
    ['-5', -5],
    ['12,5', 12.5],
    ['', null],
    [null, null],
    ['1.5', 'invalid'],
    ['1,234,567', 'invalid'],
    ['banyak', 'invalid'],
    [true, 'invalid'],
  ])('%j → %j', (value, count) => {
    expect(parseCount(value)).toBe(count);
  });
});
