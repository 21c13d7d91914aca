import { describe, expect, it } from 'vitest';
import { checkNik, checkNikAgainstPerson, maskNik, normalizeNik, type RegionLookup } from './nik.js';

const regions: RegionLookup = {
  provinceExists: (c) => ['32', '17', '11'].includes(c),
  districtExists: (c) => ['32.02.01', '32.13.28', '17.01.01'].includes(c),
};
const codes = (r: { code: string }[]) => r.map((p) => p.code);

describe('normalizeNik', () => {
  it('accepts a clean text NIK and strips apostrophe, spaces and dots', () => {
    expect(normalizeNik('3202010101900001')).toEqual({ nik: '3202010101900001' });
    expect(normalizeNik("'3202010101900001")).toEqual({ nik: '3202010101900001' });
    expect(normalizeNik(' 3202 0101 0190 0001 ')).toEqual({ nik: '3202010101900001' });
    expect(normalizeNik('3202.0101.0190.0001')).toEqual({ nik: '3202010101900001' });
  });

  it('accepts a NIK stored as a number only while all 16 digits survive', () => {
    expect(normalizeNik(3202010101900001)).toEqual({ nik: '3202010101900001' });
    expect(normalizeNik(320201150590001)).toMatchObject({ error: { code: 'NIK_NUMBER_PRECISION' } }); // 15 digits
    // What Excel keeps of a typed 16-digit number ends in zeros; the serial rule then refuses it.
    const truncated = normalizeNik(3.20202e15);
    expect(truncated).toEqual({ nik: '3202020000000000' });
    expect(codes(checkNik('3202020000000000', regions).errors)).toContain('NIK_SERIAL_ZERO');
  });

  it('refuses scientific notation and says the digits are lost', () => {
    const r = normalizeNik('3.20202E+15');
    expect(r).toMatchObject({ error: { code: 'NIK_SCIENTIFIC_NOTATION' } });
    if ('error' in r) {
      expect(r.error.message.id).toMatch(/digitnya sudah hilang/);
      expect(r.error.message.en).toMatch(/digits are lost/);
    }
    expect(normalizeNik('3,20202E+15')).toMatchObject({ error: { code: 'NIK_SCIENTIFIC_NOTATION' } });
  });

  it('requires a value', () => {
    expect(normalizeNik('')).toMatchObject({ error: { code: 'NIK_REQUIRED' } });
    expect(normalizeNik(undefined)).toMatchObject({ error: { code: 'NIK_REQUIRED' } });
  });
});

describe('checkNik', () => {
  it('passes a valid male NIK and reads its facts', () => {
    const r = checkNik('3202011505900001', regions);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.facts).toMatchObject({ provinceCode: '32', districtCode: '32.02.01', day: 15, month: 5, yy: 90, sex: 'L', serial: '0001' });
  });

  it('reads +40 on the day as female', () => {
    expect(checkNik('3202015505900002', regions).facts).toMatchObject({ day: 15, sex: 'P' });
    expect(checkNik('3202017101000003', regions).facts).toMatchObject({ day: 31, month: 1, sex: 'P' });
    expect(codes(checkNik('3202017202000003', regions).errors)).toEqual(['NIK_BIRTH_DATE_INVALID']); // 72-40 = 32
  });

  it('rejects each broken part with its own code', () => {
    expect(codes(checkNik('320201150590001', regions).errors)).toEqual(['NIK_FORMAT']);
    expect(codes(checkNik('32020115059000a1', regions).errors)).toEqual(['NIK_FORMAT']);
    expect(codes(checkNik('9902011505900001', regions).errors)).toEqual(['NIK_PROVINCE_UNKNOWN']);
    expect(codes(checkNik('3202013505900001', regions).errors)).toEqual(['NIK_BIRTH_DATE_INVALID']); // day 35
    expect(codes(checkNik('3202011513900001', regions).errors)).toEqual(['NIK_BIRTH_DATE_INVALID']); // month 13
    expect(codes(checkNik('3202013102900001', regions).errors)).toEqual(['NIK_BIRTH_DATE_INVALID']); // 31 Feb
    expect(codes(checkNik('3202010002900001', regions).errors)).toEqual(['NIK_BIRTH_DATE_INVALID']); // day 0
    expect(codes(checkNik('3202011505900000', regions).errors)).toEqual(['NIK_SERIAL_ZERO']);
  });

  it('accepts 29 February only in a leap year', () => {
    expect(checkNik('3202012902000001', regions).errors).toEqual([]);
    expect(codes(checkNik('3202012902010001', regions).errors)).toEqual(['NIK_BIRTH_DATE_INVALID']);
  });

  it('warns, but does not reject, an unknown district in a known province', () => {
    const r = checkNik('3299991505900001', regions);
    expect(r.errors).toEqual([]);
    expect(codes(r.warnings)).toEqual(['NIK_DISTRICT_UNKNOWN']);
  });

  it('gives every problem in Indonesian and English', () => {
    const r = checkNik('9902013505900000', regions);
    expect(r.errors.length).toBe(3);
    for (const p of r.errors) {
      expect(p.message.id.length).toBeGreaterThan(10);
      expect(p.message.en.length).toBeGreaterThan(10);
    }
  });
});

describe('checkNikAgainstPerson', () => {
  const facts = checkNik('3202015505900002', regions).facts!;
  it('agrees when birth date and sex match', () => {
    expect(checkNikAgainstPerson(facts, '1990-05-15', 'P')).toEqual([]);
  });
  it('flags a birth date or sex that disagrees', () => {
    expect(codes(checkNikAgainstPerson(facts, '1990-05-16', 'P'))).toEqual(['NIK_BIRTH_DATE_MISMATCH']);
    expect(codes(checkNikAgainstPerson(facts, '1991-05-15', 'P'))).toEqual(['NIK_BIRTH_DATE_MISMATCH']);
    expect(codes(checkNikAgainstPerson(facts, '1990-05-15', 'L'))).toEqual(['NIK_SEX_MISMATCH']);
  });
});

describe('maskNik', () => {
  it('keeps only the last four digits: no region, birth date or sex digits (issue 12, failure 4)', () => {
    expect(maskNik('3202011505900001')).toBe('••••••••••••0001');
    expect(maskNik('3202015505900001')).toBe('••••••••••••0001');
  });

  it('never shows more than four digits, whatever the input', () => {
    for (const nik of ['3202011505900001', '12345', '', '32020115059000011234']) {
      expect(maskNik(nik).replace(/\D/g, '').length).toBeLessThanOrEqual(4);
      expect(maskNik(nik)).toHaveLength(nik.length);
    }
  });
});
