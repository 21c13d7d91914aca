import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../../../src/modules/coverage/schemas';
import { NATIONAL } from '../../../../src/domain/region-code';
import { formatNumber, formatPercentValue, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';

/** The headline cards: coverage vs target, parent and nation; participants; flows; the gap. */
export function Headline({ c, lang }: { c: Coverage; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatPercentValue(v, lang));
  return (
    <div className="coverage-cards">
      <div className="coverage-card coverage-card-main" data-testid="coverage-headline">
        <div className="coverage-card-label">{t('coverage.coverage')}</div>
        <div className="coverage-big">{c.coveragePct === null ? '–' : pct(c.coveragePct)}</div>
        {c.coveragePct === null && <div className="coverage-note">{t('coverage.noDenominator')}</div>}
        <div className="coverage-compare">
          <span>{c.targetPct === null ? t('coverage.noTarget') : `${t('coverage.target', { year: c.target?.year ?? '' })}: ${pct(c.targetPct)}`}</span>
          {c.parent && <span>{`${t('coverage.parent', { name: c.parent.code === NATIONAL ? 'Indonesia' : displayRegionName(c.parent.name) })}: ${pct(c.parent.coveragePct)}`}</span>}
          {c.national && <span>{`${t('coverage.national')}: ${pct(c.national.coveragePct)}`}</span>}
        </div>
      </div>
      <div className="coverage-card">
        <div className="coverage-card-label">{t('coverage.active')}</div>
        <div className="coverage-value" data-testid="coverage-active">{formatNumber(c.activeParticipants, lang)}</div>
        <div className="coverage-card-label">{t('coverage.employed')}</div>
        <div className="coverage-value">{c.employedPopulation === null ? '–' : formatNumber(c.employedPopulation, lang)}</div>
        {c.denominator && <div className="coverage-note">{t('coverage.employedSource', { year: c.denominator.year, source: c.denominator.source })}</div>}
      </div>
      <div className="coverage-card">
        <div className="coverage-card-label">{t('coverage.newEnrolments')}</div>
        <div className="coverage-value">{formatNumber(c.newEnrolments, lang)}</div>
        <div className="coverage-card-label">{t('coverage.lapses')}</div>
        <div className="coverage-value">{formatNumber(c.lapses, lang)}</div>
      </div>
      <div className="coverage-card">
        <div className="coverage-card-label">{t('coverage.gap')}</div>
        {c.gap === null ? (
          <div className="coverage-note">{t('coverage.gapUnknown')}</div>
        ) : c.gap.workers === 0 ? (
          <div className="coverage-value">{t('coverage.gapNone')}</div>
        ) : (
          <>
            <div className="coverage-value">{t('coverage.gapWorkers', { workers: formatNumber(c.gap.workers, lang) })}</div>
            <div className="coverage-value-small">{t('coverage.gapRupiah', { rupiah: formatRupiah(c.gap.rupiahPerMonth, lang) })}</div>
            <div className="coverage-note">{lang === 'en' ? c.gap.rateBasis.en : c.gap.rateBasis.id}</div>
          </>
        )}
        <div className="coverage-card-label">{t('coverage.villagesReached')}</div>
        <div className="coverage-value-small" data-testid="coverage-reach">
          {t('coverage.reachFigure', { reached: formatNumber(c.villagesReached.villagesReached, lang), total: formatNumber(c.villagesReached.villagesTotal, lang), pct: formatNumber(c.villagesReached.pct, lang, 1) })}
        </div>
      </div>
    </div>
  );
}
