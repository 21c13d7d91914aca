import { formatPercent } from '../../lib/format';

/** The registry's share of an official figure: "0,3%", and "< 0,1%" rather than a misleading "0,0%". */
export function formatShare(ratio: number, lang: 'id' | 'en'): string {
  return ratio > 0 && ratio < 0.0005 ? `< ${formatPercent(0.001, lang)}` : formatPercent(ratio, lang);
}
