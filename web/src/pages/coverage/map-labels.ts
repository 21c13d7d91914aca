import type { TFunction } from 'i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { sourceLabel } from './numerator-source';

/** A name short enough to sit on a map area: without "Kabupaten"/"Provinsi", long words kept. */
export function shortRegionName(name: string): string {
  return displayRegionName(name)
    .replace(/^(Kabupaten|Provinsi)\s+/i, '')
    .replace(/^Kepulauan\s+/i, 'Kep. ')
    .replace(/^Daerah Istimewa\s+/i, 'DI ');
}

/** The label on a map area: short name and coverage on two lines. */
export function mapLabel(c: CoverageChild | undefined, lang: 'id' | 'en'): string {
  if (!c) return '';
  return c.coveragePct === null ? shortRegionName(c.name) : `${shortRegionName(c.name)}\n${formatPercentValue(c.coveragePct, lang)}`;
}

/** The tooltip of a map area: coverage, target, participants and where the figure comes from. */
export function mapTooltip(c: CoverageChild, lang: 'id' | 'en', t: TFunction): string {
  const pct = (v: number | null) => (v === null ? t('coverage.mapNoData') : formatPercentValue(v, lang));
  return [
    `<strong>${displayRegionName(c.name)}</strong>`,
    `${t('coverage.coverage')}: ${pct(c.coveragePct)}`,
    `${t('coverage.target', { year: '' }).trim()}: ${c.targetPct === null ? '–' : formatPercentValue(c.targetPct, lang)}`,
    `${t('coverage.active')}: ${formatNumber(c.activeParticipants, lang)} (${sourceLabel(t, c)})`,
  ].join('<br/>');
}
