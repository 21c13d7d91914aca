import { Button, Segmented } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Coverage, CoverageBreakdownRow, CoverageChild } from '../../api/coverage-types';
import { NATIONAL } from '../../../../src/domain/region-code';
import { useCoverage } from '../../api/use-coverage';
import { useCoverageMap } from '../../api/use-coverage-map';
import { useCoverageTrend } from '../../api/use-coverage-trend';
import { useMe } from '../../api/use-me';
import { useRegion } from '../../api/use-region';
import { EChart, type EChartsOption } from '../../components/echart';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { currentLang } from '../../i18n';
import { formatNumber, formatPercentValue, formatRupiah } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { BoundaryUpload } from './boundary-upload';
import { DenominatorUpload } from './denominator-upload';
import './coverage.css';

const ProvinceMap = lazy(() => import('./province-map'));
const ChildrenMap = lazy(() => import('./children-map'));

export const coverageHref = (code: string, period?: string) => `/cakupan/${code === NATIONAL ? '' : code}${period ? `?periode=${period}` : ''}`;

/** This month in WIB, as the server's default. */
function thisMonth(): string {
  const wib = new Date(Date.now() + 7 * 3600_000);
  return `${wib.getUTCFullYear()}-${String(wib.getUTCMonth() + 1).padStart(2, '0')}`;
}

function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const GREEN = '#0b7a53';
const GREY = '#9aa5a0';

/** Coverage dashboard of one region: headline vs target/parent/national, trend, ranked children, map, breakdowns. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const navigate = useNavigate();
  const code = useParams().code ?? NATIONAL;
  const [search, setSearch] = useSearchParams();
  const period = /^\d{4}-\d{2}$/.test(search.get('periode') ?? '') ? search.get('periode')! : thisMonth();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const coverage = useCoverage(code, period);
  const trend = useCoverageTrend(code, addMonths(period, -23), period);
  const region = useRegion(code);
  const boundaries = useCoverageMap(code, coverage.isSuccess && coverage.data.children.length > 0);
  const uploaded = boundaries.data && boundaries.data.features.length > 0 ? boundaries.data : null;
  const me = useMe().data;
  const mayImport = !!me && ['national_monitor', 'province_operator', 'regency_operator'].includes(me.role) && code === me.regionCode;

  const name = code === NATIONAL ? 'Indonesia' : displayRegionName(coverage.data?.region.name ?? region.data?.name ?? code);
  useEffect(() => {
    document.title = `${t('coverage.nav')} ${name} · ${t('app.name')}`;
  }, [name, t]);

  const drill = (child: string) => navigate(coverageHref(child, search.get('periode') ?? undefined));

  const toolbar = (
    <div className="coverage-toolbar">
      <nav aria-label={t('regions.breadcrumb')} className="coverage-breadcrumb">
        <Link to={coverageHref(NATIONAL, search.get('periode') ?? undefined)}>Indonesia</Link>
        {(region.data?.ancestors ?? [])
          .filter((a) => a.level !== 'country')
          .map((a) => (
            <span key={a.code}>
              {' › '}
              <Link to={coverageHref(a.code, search.get('periode') ?? undefined)}>{displayRegionName(a.name)}</Link>
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
            if (/^\d{4}-\d{2}$/.test(e.target.value)) setSearch({ periode: e.target.value }, { replace: true });
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
      <Headline c={c} lang={lang} />
      <p className="coverage-definition">
        <strong>{t('coverage.definition')}:</strong> {lang === 'en' ? c.definition.text.en : c.definition.text.id}
      </p>

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
          {view === 'chart' ? <RankedBars items={c.children} lang={lang} onPick={drill} /> : <ChildTable items={c.children} lang={lang} period={search.get('periode') ?? undefined} />}
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
          <Breakdown title={t('coverage.bySegment')} rows={c.breakdown.segment} label={(k) => t(`coverage.segments.${k as 'PU'}`, { defaultValue: k })} lang={lang} />
          <Breakdown title={t('coverage.byGroup')} rows={c.breakdown.group} label={(k) => t(`coverage.groups.${k as 'OTHER'}`, { defaultValue: k })} lang={lang} />
          <Breakdown title={t('coverage.byPayer')} rows={c.breakdown.payer} label={(k) => t(`coverage.payers.${k as 'OTHER'}`, { defaultValue: k })} lang={lang} />
        </div>
      </section>
      {mayImport && <DenominatorUpload />}
      {me?.role === 'national_monitor' && code === NATIONAL && <BoundaryUpload />}
    </>
  );
}

function Headline({ c, lang }: { c: Coverage; lang: 'id' | 'en' }) {
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

function TrendChart({ points, lang }: { points: { period: string; activeParticipants: number; coveragePct: number | null }[]; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const hasPct = points.some((p) => p.coveragePct !== null);
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 56, right: hasPct ? 56 : 16, top: 30, bottom: 30 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: points.map((p) => p.period) },
      yAxis: [
        { type: 'value', name: '', axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
        ...(hasPct ? [{ type: 'value', axisLabel: { formatter: (v: number) => formatPercentValue(v, lang, 0) } }] : []),
      ],
      series: [
        { name: t('coverage.active'), type: 'bar', data: points.map((p) => p.activeParticipants), itemStyle: { color: '#9fd3bd' }, tooltip: { valueFormatter: (v: unknown) => formatNumber(Number(v), lang) } },
        ...(hasPct
          ? [{ name: t('coverage.coverage'), type: 'line', yAxisIndex: 1, data: points.map((p) => p.coveragePct), itemStyle: { color: GREEN }, tooltip: { valueFormatter: (v: unknown) => (v === null ? '–' : formatPercentValue(Number(v), lang)) } }]
          : []),
      ],
    }),
    [points, hasPct, lang, t],
  );
  return <EChart option={option} height={260} label={t('coverage.trend')} testId="coverage-trend" />;
}

const byRank = (items: CoverageChild[]) => {
  const withPct = items.some((i) => i.coveragePct !== null);
  return {
    withPct,
    sorted: [...items].sort((a, b) => (withPct ? (b.coveragePct ?? -1) - (a.coveragePct ?? -1) : b.activeParticipants - a.activeParticipants) || a.code.localeCompare(b.code)),
  };
};

function Extremes({ items, lang }: { items: CoverageChild[]; lang: 'id' | 'en' }) {
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

function RankedBars({ items, lang, onPick }: { items: CoverageChild[]; lang: 'id' | 'en'; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const { withPct, sorted } = byRank(items);
  const shown = sorted.slice(0, 60); // a district can have dozens of villages; the table lists all
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 150, right: 60, top: 10, bottom: 20 },
      tooltip: { trigger: 'item', formatter: (p: { data: { child: CoverageChild } }) => tooltipOf(p.data.child, lang, t) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => (withPct ? formatPercentValue(v, lang, 0) : formatNumber(v, lang)) } },
      yAxis: { type: 'category', inverse: true, data: shown.map((i) => displayRegionName(i.name)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: shown.map((i, n) => ({
            value: withPct ? i.coveragePct : i.activeParticipants,
            child: i,
            itemStyle: { color: n === 0 ? GREEN : n === shown.length - 1 ? '#c0392b' : withPct && i.coveragePct === null ? GREY : '#4aa37c' },
          })),
          label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '–' : withPct ? formatPercentValue(p.value, lang) : formatNumber(p.value, lang)) },
        },
      ],
    }),
    [shown, withPct, lang, t],
  );
  return (
    <EChart
      option={option}
      height={Math.max(160, shown.length * 26 + 40)}
      label={t('coverage.ranking')}
      testId="coverage-ranking"
      onClick={({ data }) => onPick((data as { child: CoverageChild }).child.code)}
    />
  );
}

function tooltipOf(i: CoverageChild, lang: 'id' | 'en', t: (k: 'coverage.active' | 'coverage.employed' | 'coverage.coverage') => string) {
  return [
    `<strong>${displayRegionName(i.name)}</strong>`,
    `${t('coverage.coverage')}: ${i.coveragePct === null ? '–' : formatPercentValue(i.coveragePct, lang)}`,
    `${t('coverage.active')}: ${formatNumber(i.activeParticipants, lang)}`,
    `${t('coverage.employed')}: ${i.employedPopulation === null ? '–' : formatNumber(i.employedPopulation, lang)}`,
  ].join('<br/>');
}

function ChildTable({ items, lang, period }: { items: CoverageChild[]; lang: 'id' | 'en'; period: string | undefined }) {
  const { t } = useTranslation();
  const { sorted } = byRank(items);
  return (
    <div className="coverage-table-wrap">
      <table className="coverage-table" data-testid="coverage-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('coverage.region')}</th>
            <th className="num">{t('coverage.coverage')}</th>
            <th className="num">{t('coverage.active')}</th>
            <th className="num">{t('coverage.employed')}</th>
            <th className="num">{t('coverage.newEnrolments')}</th>
            <th className="num">{t('coverage.lapses')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((i, n) => (
            <tr key={i.code}>
              <td>{n + 1}</td>
              <td>
                <Link to={coverageHref(i.code, period)}>{displayRegionName(i.name)}</Link> <span className="coverage-code">{i.code}</span>
              </td>
              <td className="num">{i.coveragePct === null ? '–' : formatPercentValue(i.coveragePct, lang)}</td>
              <td className="num">{formatNumber(i.activeParticipants, lang)}</td>
              <td className="num">{i.employedPopulation === null ? '–' : formatNumber(i.employedPopulation, lang)}</td>
              <td className="num">{formatNumber(i.newEnrolments, lang)}</td>
              <td className="num">{formatNumber(i.lapses, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Breakdown({ title, rows, label, lang }: { title: string; rows: CoverageBreakdownRow[]; label: (key: string) => string; lang: 'id' | 'en' }) {
  const shown = rows.filter((r) => r.active !== 0);
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 150, right: 60, top: 10, bottom: 10 },
      tooltip: { trigger: 'item', valueFormatter: (v: unknown) => formatNumber(Number(v), lang) },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => label(r.key)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: shown.map((r) => r.active), itemStyle: { color: '#4aa37c' }, label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value, lang) } }],
    }),
    [shown, label, lang],
  );
  return (
    <div className="coverage-breakdown">
      <h3>{title}</h3>
      {shown.length === 0 ? <p className="coverage-note">–</p> : <EChart option={option} height={Math.max(80, shown.length * 26 + 20)} label={title} />}
    </div>
  );
}
