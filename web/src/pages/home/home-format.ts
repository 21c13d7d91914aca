import type { Lang } from '../../i18n';

/** "Juni 2025" / "June 2025" of a YYYY-MM month. */
export function formatMonth(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (!y || !m) return '–';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** dd/mm/yyyy hh.mm of a timestamp, in WIB. */
export function formatDateTimeWib(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '–';
  const w = new Date(t + 7 * 3600_000).toISOString();
  return `${w.slice(8, 10)}/${w.slice(5, 7)}/${w.slice(0, 4)} ${w.slice(11, 13)}.${w.slice(14, 16)} WIB`;
}

/** A KPJ is 11 digits (the database's own check). */
export const isKpj = (v: string) => /^\d{11}$/.test(v);
