import type { TFunction } from 'i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { sourceLabel } from './numerator-source';

/**
 * The label on a map area: its coverage, short enough to sit inside even the small provinces of Java
 * and Nusa Tenggara (the name is in the tooltip, the ranking and the table); no figure, no label.
 */
export function mapLabel(c: CoverageChild | undefined, lang: 'id' | 'en'): string {
  return c?.coveragePct == null ? '' : formatPercentValue(c.coveragePct, lang);
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
