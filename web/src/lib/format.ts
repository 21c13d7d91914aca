/**
 * Number formats for people in Indonesia (and English when chosen):
 *   formatNumber(1234567)       → "1.234.567"   (en: "1,234,567")
 *   formatRupiah(16800)         → "Rp16.800"    (en: "Rp16,800")
 *   formatPercent(0.41)         → "41,0%"       (en: "41.0%")   — takes a ratio (0–1)
 *   formatPercentValue(41)      → "41,0%"                       — takes a percentage (0–100)
 *   formatDate('2025-07-10T03:00:00Z') → "10/07/2025"          — dd/mm/yyyy in both languages, timestamps in WIB
 */
import { formatDateId, monthName } from '../../../src/domain/wib';
import type { Lang } from '../i18n';

const locales: Record<Lang, string> = { id: 'id-ID', en: 'en-US' };
const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locales[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, lang: Lang = 'id', fractionDigits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return nf(lang, fractionDigits).format(value);
}

export function formatRupiah(value: number, lang: Lang = 'id'): string {
  if (!Number.isFinite(value)) return '–';
  const sign = value < 0 ? '-' : '';
  return `${sign}Rp${formatNumber(Math.abs(Math.round(value)), lang)}`;
}

export function formatPercentValue(percent: number, lang: Lang = 'id', fractionDigits = 1): string {
  if (!Number.isFinite(percent)) return '–';
  return `${formatNumber(percent, lang, fractionDigits)}%`;
}

export function formatPercent(ratio: number, lang: Lang = 'id', fractionDigits = 1): string {
  return formatPercentValue(ratio * 100, lang, fractionDigits);
}

/** dd/mm/yyyy of a date (YYYY-MM-DD) or a timestamp, the latter on the WIB (UTC+7) calendar (src/domain/wib.ts). */
export function formatDate(iso: string): string {
  return formatDateId(iso);
}

/** "Juni 2025" (en: "June 2025") of a month YYYY-MM. */
export function formatMonth(period: string, lang: Lang = 'id'): string {
  return monthName(period, lang);
}

/** A signed number: "+1.234" / "-1.234" (a change). */
export function formatSigned(value: number, lang: Lang = 'id', fractionDigits = 0): string {
  return `${value > 0 ? '+' : ''}${formatNumber(value, lang, fractionDigits)}`;
}
