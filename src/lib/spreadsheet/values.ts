/**
 * Pure converters from the cell values `readRows` yields (string, number, boolean, Date or null)
 * to the values an import needs. They never throw: bad input comes back as null or an error marker
 * so the caller can report it against the row.
 */

export type DateResult = { date: string } | { error: 'DATE_INVALID' };

const DATE_INVALID = { error: 'DATE_INVALID' } as const;
const DAY_MS = 86_400_000;
/** 9999-12-31, the last day Excel can show. */
const LAST_SERIAL = 2_958_465;
/** An optional time of day, as Excel or a database export appends it to a date. */
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
/** Day first (Indonesian order): dd/mm/yyyy, d-m-yyyy, dd.mm.yyyy … The year must have four digits. */
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME}$`);
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})${TIME}$`);
/**
 * A five-digit text is an Excel serial (1927–2173) that reached us as text, typically a CSV saved
 * from a date column formatted as General.
 */
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

/** Trimmed text of a cell value; '' for null/undefined. A Date shows as its UTC calendar date. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace('T00:00:00.000Z', '');
  }
  return String(value).trim();
}

/**
 * A calendar date as YYYY-MM-DD.
 * - Date: read through its UTC parts, because ExcelJS turns a date-formatted serial into the Date at
 *   UTC midnight of that day (serial 32874 → 1990-01-01T00:00:00.000Z) whatever the server's zone.
 * - number: an Excel serial in the 1900 date system; any time-of-day fraction is dropped.
 * - text: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd (month-first is not supported:
 *   01/02/1990 is 1 February). Two-digit years and impossible dates are rejected.
 */
export function parseDate(value: unknown): DateResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return DATE_INVALID;
    return calendarDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return fromSerial(value);
  const text = cellText(value);
  if (SERIAL_TEXT.test(text)) return fromSerial(Number(text));
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return calendarDate(Number(dayFirst[4]), Number(dayFirst[3]), Number(dayFirst[1]));
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));
  return DATE_INVALID;
}

function fromSerial(serial: number): DateResult {
  if (!Number.isFinite(serial) || serial < 1 || serial >= LAST_SERIAL + 1) return DATE_INVALID;
  const day = Math.floor(serial);
  // Excel copies Lotus 1-2-3 in treating 1900 as a leap year: serial 60 is the non-existent
  // 1900-02-29, so every later serial counts one day too many.
  if (day === 60) return DATE_INVALID;
  const daysSince1970 = day - (day > 60 ? 25_569 : 25_568);
  const date = new Date(daysSince1970 * DAY_MS);
  return calendarDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function calendarDate(year: number, month: number, day: number): DateResult {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return DATE_INVALID;
  // Day 0 of the next month is the last day of this one.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return DATE_INVALID;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * A whole Rupiah amount. Numbers are rounded; text may carry `Rp`/`IDR`, spaces and the `,-`
 * suffix. In Indonesian `.` groups thousands and `,` marks decimals (1.000.000,50), but English
 * style (1,000,000.50) is accepted too: when both appear the last one is the decimal mark, and a
 * lone separator followed by exactly three digits groups thousands (1.000 and 1,000 are 1000).
 * Empty → null; negative or unreadable → 'invalid'.
 */
export function parseRupiah(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return wholeAmount(value);
  if (typeof value !== 'string') return 'invalid';
  const text = value.trim();
  if (text === '') return null;
  const amount = text
    .replace(/^(?:rp\.?|idr)/i, '')
    .replace(/,-$/, '')
    .replace(/\s/g, '');
  const { thousands, decimal } = separators(amount);
  // The separators are '.' or ',', literal inside a character class.
  const integer = thousands ? String.raw`\d{1,3}(?:[${thousands}]\d{3})*` : String.raw`\d+`;
  const fraction = decimal ? String.raw`(?:[${decimal}]\d+)?` : '';
  if (!new RegExp(`^${integer}${fraction}$`).test(amount)) return 'invalid';
  const plain = (thousands ? amount.replaceAll(thousands, '') : amount).replace(decimal ?? '.', '.');
  return wholeAmount(Number(plain));
}

function separators(amount: string): { thousands?: string; decimal?: string } {
  const dot = amount.lastIndexOf('.');
  const comma = amount.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? { thousands: ',', decimal: '.' } : { thousands: '.', decimal: ',' };
  const separator = dot >= 0 ? '.' : comma >= 0 ? ',' : undefined;
  if (!separator) return {};
  const lone = amount.indexOf(separator) === amount.lastIndexOf(separator);
  return lone && !/[.,]\d{3}$/.test(amount) ? { decimal: separator } : { thousands: separator };
}

function wholeAmount(amount: number): number | 'invalid' {
  const rounded = Math.round(amount);
  return Number.isSafeInteger(rounded) && rounded >= 0 ? rounded : 'invalid';
}

const SEXES = new Map<string, 'L' | 'P'>([
  ['l', 'L'],
  ['lk', 'L'],
  ['laki', 'L'],
  ['lakilaki', 'L'],
  ['pria', 'L'],
  ['m', 'L'],
  ['male', 'L'],
  ['p', 'P'],
  ['pr', 'P'],
  ['perempuan', 'P'],
  ['wanita', 'P'],
  ['f', 'P'],
  ['female', 'P'],
]);

/** L (laki-laki) or P (perempuan) from the usual spellings, any case; null when unrecognised or empty. */
export function parseSex(value: unknown): 'L' | 'P' | null {
  // Letters only, so "Laki-laki", "LAKI LAKI" and "Laki2" all reduce to a known spelling.
  return SEXES.get(cellText(value).toLowerCase().replace(/[^a-z]/g, '')) ?? null;
}

/** Codes separated by commas, semicolons or spaces, upper-cased, first occurrence kept: "jkk, jkm" → ['JKK', 'JKM']. */
export function parseList(value: unknown): string[] {
  return [...new Set(cellText(value).toUpperCase().split(/[\s,;]+/).filter(Boolean))];
}

/**
 * A count of people as written in a cell: a number as is, or text with `.` grouping thousands
 * (1.234.567) or plain digits (1234567), optionally signed; a lone decimal comma is read as one
 * (12,5), so the caller can say it is not whole. Empty → null; anything else → 'invalid'.
 */
export function parseCount(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 'invalid';
  const t = value.replace(/\s/g, '');
  if (t === '') return null;
  if (/^-?\d{1,3}(?:\.\d{3})+$/.test(t)) return Number(t.replaceAll('.', ''));
  if (/^-?\d+(?:,\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return 'invalid';
}
