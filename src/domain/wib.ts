/**
 * Indonesian time and date conventions, the one place they are computed (docs/decisions.md §81).
 * "Today", "this month" and every timestamp shown are read on the WIB calendar (UTC+7, no daylight
 * saving): a case opened at 06:30 WIB on 2 June is dated 2 June, although it is still 1 June in UTC.
 * Dates are shown dd/mm/yyyy and months with their Indonesian names ("Juni 2025").
 */

export const WIB_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The WIB calendar day (YYYY-MM-DD) of an instant; `now` by default. */
export function todayWib(now: number | Date = Date.now()): string {
  const t = typeof now === 'number' ? now : now.getTime();
  return new Date(t + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The WIB calendar day of a timestamp (Date, ISO text or epoch ms); a plain YYYY-MM-DD is returned as it is. */
export function wibDay(ts: Date | string | number): string {
  if (typeof ts === 'string' && ISO_DAY.test(ts)) return ts;
  const t = ts instanceof Date ? ts.getTime() : typeof ts === 'number' ? ts : Date.parse(ts);
  return todayWib(t);
}

/** The current month (YYYY-MM) on the WIB calendar. */
export function monthWib(now: number | Date = Date.now()): string {
  return todayWib(now).slice(0, 7);
}

/** A day `n` days after (or before) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** dd/mm/yyyy of a day or of a timestamp (the latter on the WIB calendar); '–' when not a date. */
export function formatDateId(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'string' && !ISO_DAY.test(value) && Number.isNaN(Date.parse(value))) return '–';
  const d = wibDay(value);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** dd/mm/yyyy hh:mm WIB of a timestamp. */
export function wibStamp(ts: Date | string | number): string {
  const t = ts instanceof Date ? ts.getTime() : typeof ts === 'number' ? ts : Date.parse(ts);
  const w = new Date(t + WIB_OFFSET_MS);
  return `${pad(w.getUTCDate())}/${pad(w.getUTCMonth() + 1)}/${w.getUTCFullYear()} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())} WIB`;
}

export const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;
export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "Juni 2025" (en: "June 2025") of a month (YYYY-MM) or a day (YYYY-MM-DD). */
export function monthName(period: string, lang: 'id' | 'en' = 'id'): string {
  const m = /^(\d{4})-(\d{2})/.exec(period);
  if (!m) return period;
  const i = Number(m[2]) - 1;
  if (i < 0 || i > 11) return period;
  return `${(lang === 'en' ? MONTHS_EN : MONTHS_ID)[i]} ${m[1]}`;
}

/** Roman numerals and abbreviations stay in capitals; connecting words lower case inside a name. */
const KEEP_UPPER = new Set(['DKI', 'DI', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII']);
const KEEP_LOWER = new Set(['DAN']);

/**
 * A region name in title case, as screens and reports print it. Kemendagri data spells provinces and
 * regencies in capitals ("KABUPATEN SUKABUMI") and lower levels in title case ("Palabuhanratu"); names
 * entirely in capitals become "Kabupaten Sukabumi", "DKI Jakarta", "Kab. Bandung Barat",
 * "Pangkajene dan Kepulauan"; mixed-case names are left as published.
 */
export function regionTitle(name: string): string {
  if (/\p{Ll}/u.test(name)) return name;
  return name
    .split(/(\s+|-|\/|\()/)
    .map((part, i) => {
      if (KEEP_UPPER.has(part.replace(/\.$/, ''))) return part;
      if (i > 0 && KEEP_LOWER.has(part)) return part.toLocaleLowerCase('id-ID');
      if (!/\p{Lu}/u.test(part)) return part;
      const lower = part.toLocaleLowerCase('id-ID');
      return lower.charAt(0).toLocaleUpperCase('id-ID') + lower.slice(1);
    })
    .join('');
}
