import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../../../src/modules/coverage/schemas';
import { NATIONAL } from '../../../../src/domain/region-code';
import { formatNumber, formatPercentValue, formatRupiah, formatSigned } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { formatShare } from './share';

/** The headline cards: coverage vs target, parent and nation, and the change; participants; flows; the gap. */
export function Headline({ c, lang }: { c: Coverage; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatPercentValue(v, lang));
  const periodYear = Number(c.period.slice(0, 4));
  const targetLabel =
    c.targetYear !== null && c.targetYear < periodYear ? t('coverage.targetEarlier', { year: c.targetYear, periodYear }) : t('coverage.target', { year: c.targetYear ?? periodYear });
  return (
    <div className="coverage-cards">
      <div className="coverage-card coverage-card-main" data-testid="coverage-headline">
        <div className="coverage-card-label">{t('coverage.coverage')}</div>
        <div className="coverage-big" data-testid="coverage-pct">{c.coveragePct === null ? '–' : pct(c.coveragePct)}</div>
        {c.coveragePct === null && <div className="coverage-note">{t('coverage.noDenominator')}</div>}
        <MonthOnMonth c={c} lang={lang} />
        <div className="coverage-compare">
          <span data-testid="coverage-target">{c.targetPct === null ? t('coverage.noTarget') : `${targetLabel}: ${pct(c.targetPct)}`}</span>
          {c.parent && <span>{`${t('coverage.parent', { name: c.parent.code === NATIONAL ? 'Indonesia' : displayRegionName(c.parent.name) })}: ${pct(c.parent.coveragePct)}`}</span>}
          {c.national && <span>{`${t('coverage.national')}: ${pct(c.national.coveragePct)}`}</span>}
        </div>
      </div>
      <div className="coverage-card">
        <div className="coverage-card-label">{t('coverage.active')}</div>
        <div className="coverage-value" data-testid="coverage-active">{formatNumber(c.activeParticipants, lang)}</div>
        {c.numeratorSource !== 'registry' && (
          <div className="coverage-note" data-testid="coverage-registry">
            {t('coverage.registry')}: {formatNumber(c.registryParticipants, lang)}
            {c.registryShare !== null && ` (${t('coverage.registryShare', { share: formatShare(c.registryShare, lang) })})`}
          </div>
        )}
        <div className="coverage-card-label">{t('coverage.employed')}</div>
        <div className="coverage-value">{c.employedPopulation === null ? '–' : formatNumber(c.employedPopulation, lang)}</div>
        {c.denominator && <div className="coverage-note">{t('coverage.employedSource', { year: c.denominator.year, source: c.denominator.source })}</div>}
      </div>
      <div className="coverage-card">
        <div className="coverage-card-label">{t('coverage.newEnrolments')}</div>
        <div className="coverage-value" data-testid="coverage-new" data-source={c.newEnrolmentsSource}>
          {formatNumber(c.newEnrolments, lang)}
        </div>
        <FlowSource source={c.newEnrolmentsSource} registry={c.registryNewEnrolments} lang={lang} />
        <div className="coverage-card-label">{t('coverage.lapses')}</div>
        <div className="coverage-value" data-testid="coverage-lapses" data-source={c.lapsesSource}>
          {formatNumber(c.lapses, lang)}
        </div>
        <FlowSource source={c.lapsesSource} registry={c.registryLapses} lang={lang} />
        <div className="coverage-card-label">{t('coverage.lapsedNow')}</div>
        <div className="coverage-value" data-testid="coverage-lapsed-now">
          {formatNumber(c.lapsedNow, lang)}
        </div>
        <div className="coverage-note">{t('coverage.lapsedNowNote')}</div>
      </div>
      <div className="coverage-card" data-testid="coverage-gap">
        <div className="coverage-card-label">{t('coverage.gap')}</div>
        {c.gapWorkers === null ? (
          <div className="coverage-note">{t('coverage.gapUnknown')}</div>
        ) : c.gapWorkers === 0 ? (
          <div className="coverage-value">{t('coverage.gapNone')}</div>
        ) : (
          <>
            <div className="coverage-value">{t('coverage.gapWorkers', { workers: formatNumber(c.gapWorkers, lang) })}</div>
            {c.gapRupiahPerMonth !== null && <div className="coverage-value-small">{t('coverage.gapRupiah', { rupiah: formatRupiah(c.gapRupiahPerMonth, lang) })}</div>}
            {c.gapRupiahPerYear !== null && <div className="coverage-value-small">{t('coverage.gapRupiahYear', { rupiah: formatRupiah(c.gapRupiahPerYear, lang) })}</div>}
            {c.gap && <div className="coverage-note">{lang === 'en' ? c.gap.rateBasis.en : c.gap.rateBasis.id}</div>}
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

/** Where a flow figure comes from, like the numerator; beside an official one, the registry's own. */
function FlowSource({ source, registry, lang }: { source: Coverage['newEnrolmentsSource']; registry: number; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  return (
    <div className="coverage-note">
      {t(`coverage.flowSource.${source}`)}
      {source !== 'registry' && ` · ${t('coverage.flowRegistry', { n: formatNumber(registry, lang) })}`}
    </div>
  );
}

/** "+12.345 peserta dari bulan lalu · +0,3 poin", or why there is no comparison. */
function MonthOnMonth({ c, lang }: { c: Coverage; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  if (!c.monthOnMonth) return <div className="coverage-note">{t('coverage.monthOnMonthNone')}</div>;
  const { activeChange, pctPointChange } = c.monthOnMonth;
  return (
    <div className="coverage-change" data-testid="coverage-mom">
      {t('coverage.monthOnMonth', { change: formatSigned(activeChange, lang) })}
      {pctPointChange !== null && ` · ${t('coverage.monthOnMonthPct', { change: formatSigned(pctPointChange, lang, 1) })}`}
    </div>
  );
}
