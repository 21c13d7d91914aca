import { Button, Segmented } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { NATIONAL } from '../../../../src/domain/region-code';
import { useCoverage } from '../../api/use-coverage';
import { useCoverageMap } from '../../api/use-coverage-map';
import { useCoverageTrend } from '../../api/use-coverage-trend';
import { useRegion } from '../../api/use-region';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { displayRegionName } from '../../lib/region-name';
import { useCan } from '../../lib/use-can';
import { inSubtree } from '../../../../src/domain/region-code';
import { ClaimImpactPanel } from '../claims/impact-panel';
import { DtsenGap } from './dtsen-gap';
import { usePageTitle } from '../../lib/use-page-title';
import { useSearchFilters } from '../../lib/use-search-filters';
import { useUser } from '../../lib/use-user';
import { BoundaryUpload } from './boundary-upload';
import { BreakdownChart } from './breakdown-chart';
import { ChildTable } from './child-table';
import { addMonths, coverageHref, thisMonth } from './coverage-href';
import { Headline } from './coverage-headline';
import { DenominatorUpload } from './denominator-upload';
import { Extremes } from './extremes';
import { Indicators } from './indicators';
import { NumeratorSource } from './numerator-source';
import { RankedBars } from './ranked-bars';
import { TrendChart } from './trend-chart';
import './coverage.css';

const ProvinceMap = lazy(() => import('./province-map'));
const ChildrenMap = lazy(() => import('./children-map'));

const MONTH = /^\d{4}-\d{2}$/;

/** Coverage dashboard of one region: headline vs target/parent/national, trend, ranked children, map, breakdowns. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const navigate = useNavigate();
  const code = useParams().code ?? NATIONAL;
  const filters = useSearchFilters({ periode: MONTH });
  /** the period the user chose (kept in links), else this month */
  const chosen = filters.values.periode;
  const period = chosen ?? thisMonth();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const coverage = useCoverage(code, period);
  const trend = useCoverageTrend(code, addMonths(period, -23), period);
  const region = useRegion(code);
  const boundaries = useCoverageMap(code, coverage.isSuccess && coverage.data.children.length > 0);
  const uploaded = boundaries.data && boundaries.data.features.length > 0 ? boundaries.data : null;
  const me = useUser();
  const can = useCan();

  const name = code === NATIONAL ? 'Indonesia' : displayRegionName(coverage.data?.region.name ?? region.data?.name ?? code);
  usePageTitle(`${t('coverage.nav')} ${name}`);

  const drill = (child: string) => navigate(coverageHref(child, chosen));

  const toolbar = (
    <div className="coverage-toolbar">
      <nav aria-label={t('regions.breadcrumb')} className="coverage-breadcrumb">
        <Link to={coverageHref(NATIONAL, chosen)}>Indonesia</Link>
        {(region.data?.ancestors ?? [])
          .filter((a) => a.level !== 'country')
          .map((a) => (
            <span key={a.code}>
              {' › '}
              <Link to={coverageHref(a.code, chosen)}>{displayRegionName(a.name)}</Link>
            </span>
          ))}
        {code !== NATIONAL && <span aria-current="page">{` › ${name}`}</span>}
      </nav>
      <label className="coverage-period">
        {t('coverage.period')}{' '}
        <input
          type="month"
          value={period}
          data-testid="coverage-period"
          onChange={(e) => {
            if (MONTH.test(e.target.value)) filters.set('periode', e.target.value, { replace: true });
          }}
        />
      </label>
      <div className="coverage-downloads">
        <Button href={`/api/reports/monev/${code}.xlsx?period=${period}`} data-testid="download-xlsx">
          {t('coverage.downloadXlsx')}
        </Button>
        <Button href={`/api/reports/monev/${code}.pdf?period=${period}`} data-testid="download-pdf">
          {t('coverage.downloadPdf')}
        </Button>
      </div>
    </div>
  );

  if (coverage.isError) {
    return (
      <>
        {toolbar}
        <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />
      </>
    );
  }
  if (!coverage.data) {
    return (
      <>
        {toolbar}
        <div className="coverage-panel">
          <Skeleton rows={8} />
        </div>
      </>
    );
  }
  const c = coverage.data;
  return (
    <>
      {toolbar}
      <h1 className="coverage-title" aria-busy={coverage.isPlaceholderData} data-testid="coverage-title" data-code={c.region.code}>
        {t('coverage.coverage')} {name} <span className="coverage-period-label">{period}</span>
      </h1>
      <NumeratorSource c={c} />
      <Headline c={c} lang={lang} />
      <p className="coverage-definition">
        <strong>{t('coverage.definition')}:</strong> {lang === 'en' ? c.definition.text.en : c.definition.text.id}
      </p>

      <Indicators c={c} lang={lang} />
      <DtsenGap code={c.region.code} lang={lang} />

      <section className="coverage-panel">
        <h2>{t('coverage.trend')}</h2>
        {trend.data ? <TrendChart points={trend.data} lang={lang} /> : <Skeleton rows={4} />}
      </section>

      {c.children.length > 0 ? (
        <section className="coverage-panel">
          <div className="coverage-panel-head">
            <h2>{t('coverage.ranking')}</h2>
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'chart' | 'table')}
              options={[
                { value: 'chart', label: t('coverage.chart') },
                { value: 'table', label: t('coverage.table') },
              ]}
            />
          </div>
          <Extremes items={c.children} lang={lang} />
          <p className="coverage-hint">{t('coverage.clickToDrill')}</p>
          {view === 'chart' ? <RankedBars items={c.children} lang={lang} onPick={drill} /> : <ChildTable items={c.children} lang={lang} period={chosen} />}
          {uploaded && (
            <Suspense fallback={<Skeleton rows={6} />}>
              <h2>{t('coverage.childMap')}</h2>
              <ChildrenMap code={code} boundaries={uploaded} items={c.children} lang={lang} onPick={drill} />
              <p className="coverage-credit">{t('coverage.childMapSource', { sources: uploaded.sources.join('; ') })}</p>
            </Suspense>
          )}
          {!uploaded && code === NATIONAL && (
            <Suspense fallback={<Skeleton rows={6} />}>
              <h2>{t('coverage.map')}</h2>
              <ProvinceMap items={c.children} lang={lang} onPick={drill} />
              <p className="coverage-credit">{t('coverage.mapCredit')}</p>
            </Suspense>
          )}
        </section>
      ) : (
        <p className="coverage-panel">{t('coverage.noChildren')}</p>
      )}

      <section className="coverage-panel">
        <h2>{t('coverage.breakdown')}</h2>
        <div className="coverage-breakdowns">
          <BreakdownChart title={t('coverage.bySegment')} rows={c.breakdown.segment} label={(k) => t(`coverage.segments.${k as 'PU'}`, { defaultValue: k })} lang={lang} />
          <BreakdownChart title={t('coverage.byGroup')} rows={c.breakdown.group} label={(k) => t(`coverage.groups.${k as 'OTHER'}`, { defaultValue: k })} lang={lang} />
          <BreakdownChart title={t('coverage.byPayer')} rows={c.breakdown.payer} label={(k) => t(`coverage.payers.${k as 'OTHER'}`, { defaultValue: k })} lang={lang} />
        </div>
      </section>
      {/* claims (issue 17): what the region's claims paid out this year, beside what its payers paid in */}
      {can('claim:read') && inSubtree(me.regionCode, code) && <ClaimImpactPanel code={code} className="coverage-panel" />}
      {can('denominator:write') && code === me.regionCode && <DenominatorUpload />}
      {can('boundary:write') && code === NATIONAL && <BoundaryUpload />}
    </>
  );
}
