/**
 * NIK (Nomor Induk Kependudukan) rules, per DOMAIN.md: 16 digits = province(2) regency(2) district(2)
 * DD MM YY serial(4); women add 40 to the day; serial ≠ 0000. The first six digits are where the person
 * was first registered, not where they live: an unknown district is a warning, an unknown province an error.
 * Pure: the caller supplies which province and district codes exist.
 */
import type { Bilingual } from './bilingual.js';

/** L (laki-laki) or P (perempuan), as on the KTP. */
export const SEXES = ['L', 'P'] as const;
export type Sex = (typeof SEXES)[number];

export interface NikProblem {
  code: string;
  message: Bilingual;
}

export interface NikFacts {
  provinceCode: string;
  districtCode: string;
  day: number;
  month: number;
  yy: number;
  sex: Sex;
  serial: string;
}

export interface NikCheck {
  errors: NikProblem[];
  warnings: NikProblem[];
  facts?: NikFacts;
}

export interface RegionLookup {
  provinceExists(code: string): boolean;
  districtExists(code: string): boolean;
}

const problem = (code: string, id: string, en: string): NikProblem => ({ code, message: { id, en } });

/**
 * Cleans what people and spreadsheets do to a NIK: a number, a leading apostrophe, spaces or dots.
 * Scientific notation (3.20202E+15) has lost digits for good and is refused, never "repaired".
 */
export function normalizeNik(raw: unknown): { nik: string } | { error: NikProblem } {
  if (raw === null || raw === undefined || raw === '') {
    return { error: problem('NIK_REQUIRED', 'NIK wajib diisi.', 'NIK is required.') };
  }
  if (typeof raw === 'number') {
    // Excel keeps 15 significant digits: a 16-digit NIK stored as a number is already damaged.
    if (!Number.isSafeInteger(raw) || String(raw).length !== 16) {
      return {
        error: problem(
          'NIK_NUMBER_PRECISION',
          'NIK tersimpan sebagai angka di Excel dan digit terakhirnya hilang. Format kolom NIK sebagai Teks, ketik ulang NIK, lalu unggah lagi.',
          'The NIK was stored as a number in Excel and its last digits were lost. Format the NIK column as Text, retype the NIK and upload again.',
        ),
      };
    }
    return { nik: String(raw) };
  }
  const text = String(raw).trim().replace(/^'/, '');
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(text.replace(',', '.'))) {
    return {
      error: problem(
        'NIK_SCIENTIFIC_NOTATION',
        `NIK "${text}" tertulis dalam notasi ilmiah; digitnya sudah hilang dan tidak bisa dipulihkan. Format kolom NIK sebagai Teks dan ketik ulang NIK lengkap 16 digit.`,
        `NIK "${text}" is in scientific notation; its digits are lost and cannot be recovered. Format the NIK column as Text and retype the full 16-digit NIK.`,
      ),
    };
  }
  return { nik: text.replace(/[\s.\-\u00a0]/g, '') };
}

export function checkNik(nik: string, regions: RegionLookup): NikCheck {
  const errors: NikProblem[] = [];
  const warnings: NikProblem[] = [];
  if (!/^\d{16}$/.test(nik)) {
    errors.push(problem('NIK_FORMAT', `NIK harus 16 digit angka (tertulis ${nik.length} karakter).`, `NIK must be 16 digits (got ${nik.length} characters).`));
    return { errors, warnings };
  }
  const provinceCode = nik.slice(0, 2);
  const districtCode = `${provinceCode}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12);
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;

  if (!regions.provinceExists(provinceCode)) {
    errors.push(problem('NIK_PROVINCE_UNKNOWN', `Kode provinsi ${provinceCode} pada NIK tidak ada.`, `Province code ${provinceCode} in the NIK does not exist.`));
  } else if (!regions.districtExists(districtCode)) {
    warnings.push(
      problem(
        'NIK_DISTRICT_UNKNOWN',
        `Kode kecamatan ${districtCode} pada NIK tidak dikenal (mungkin kecamatan lama atau pemekaran). Periksa kembali.`,
        `District code ${districtCode} in the NIK is unknown (perhaps an old or split district). Please review.`,
      ),
    );
  }
  if (!validDayMonth(day, month, yy) || (rawDay > 31 && rawDay < 41)) {
    errors.push(
      problem('NIK_BIRTH_DATE_INVALID', `Tanggal lahir pada NIK (${nik.slice(6, 12)}) tidak valid.`, `The birth date in the NIK (${nik.slice(6, 12)}) is not a valid date.`),
    );
  }
  if (serial === '0000') {
    errors.push(problem('NIK_SERIAL_ZERO', 'Empat digit terakhir NIK tidak boleh 0000.', 'The last four digits of a NIK cannot be 0000.'));
  }
  return { errors, warnings, facts: { provinceCode, districtCode, day, month, yy, sex, serial } };
}

function validDayMonth(day: number, month: number, yy: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Feb 29 is allowed when either century's year is a leap year (2000 and 1900+yy are both candidates).
  const leap = [1900 + yy, 2000 + yy].some((y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** The row's birth date (YYYY-MM-DD) and sex must agree with what the NIK encodes. */
export function checkNikAgainstPerson(facts: NikFacts, birthDate: string, sex: Sex): NikProblem[] {
  const out: NikProblem[] = [];
  const [y, m, d] = birthDate.split('-').map(Number);
  if (y === undefined || m !== facts.month || d !== facts.day || y % 100 !== facts.yy) {
    const enc = `${String(facts.day).padStart(2, '0')}/${String(facts.month).padStart(2, '0')}/..${String(facts.yy).padStart(2, '0')}`;
    out.push(
      problem(
        'NIK_BIRTH_DATE_MISMATCH',
        `Tanggal lahir ${formatDate(birthDate)} tidak cocok dengan NIK (NIK menyatakan ${enc}).`,
        `Birth date ${formatDate(birthDate)} does not match the NIK (the NIK says ${enc}).`,
      ),
    );
  }
  if (sex !== facts.sex) {
    out.push(
      problem(
        'NIK_SEX_MISMATCH',
        `Jenis kelamin ${sex} tidak cocok dengan NIK (NIK menyatakan ${facts.sex === 'P' ? 'P, perempuan' : 'L, laki-laki'}).`,
        `Sex ${sex} does not match the NIK (the NIK says ${facts.sex === 'P' ? 'P, female' : 'L, male'}).`,
      ),
    );
  }
  return out;
}

const formatDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * ••••••••••••0001 — the serial only, for roles without `worker:nik` (docs/decisions.md, "The NIK mask").
 * The first twelve digits are where the person was registered and their birth date and sex, which the
 * rest of a view (village, birth date) would otherwise complete into the whole NIK.
 */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${'•'.repeat(12)}${nik.slice(12)}` : '•'.repeat(nik.length);
}

const BIRTH_KEYS = /^(birth_?date|tanggal_?lahir|tgl_?lahir|sex|jenis_?kelamin)$/i;
const WHOLE_NIK = /(?<!\d)\d{16}(?!\d)/g;
/** The mask before decision 41 showed digits 1–4 as well: `3202••••••••6905`. */
const OLD_MASK = /(?<!\d)\d{4}(•{8}\d{4})(?!\d)/g;

/**
 * A stored payload (an audit entry's before/after) as a role without `worker:nik` may see it: every
 * 16-digit number and every old-style mask shown as the last four digits, and birth dates and sex left out
 * (digits 7–12 of the NIK; decision 60). Pure and recursive; other values are kept as they are.
 */
export function maskPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(WHOLE_NIK, (n) => maskNik(n)).replace(OLD_MASK, (_m, rest: string) => `••••${rest}`);
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !BIRTH_KEYS.test(k)).map(([k, v]) => [k, maskPersonalData(v)]));
  }
  return value;
}
