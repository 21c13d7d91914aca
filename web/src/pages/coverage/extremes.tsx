import { useTranslation } from 'react-i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { byRank } from './rank';

/** The highest and the lowest child, in one line. */
export function Extremes({ items, lang }: { items: CoverageChild[]; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const { withPct, sorted } = byRank(items);
  const ranked = withPct ? sorted.filter((i) => i.coveragePct !== null) : sorted;
  if (ranked.length === 0) return null;
  const fmt = (i: CoverageChild) => `${displayRegionName(i.name)} ${withPct ? formatPercentValue(i.coveragePct!, lang) : formatNumber(i.activeParticipants, lang)}`;
  return (
    <p className="coverage-extremes" data-testid="coverage-extremes">
      <span className="coverage-high">
        {t('coverage.highest')}: <strong>{fmt(ranked[0]!)}</strong>
      </span>
      {ranked.length > 1 && (
        <span className="coverage-low">
          {t('coverage.lowest')}: <strong>{fmt(ranked.at(-1)!)}</strong>
        </span>
      )}
      {!withPct && <span className="coverage-note">{t('coverage.rankByActive')}</span>}
    </p>
  );
}
