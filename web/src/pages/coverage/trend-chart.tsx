import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartsOption } from '../../components/echart';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { CHART } from '../../styles/theme';

/** Active participants (bars) and coverage (line) over the last 24 months. */
export function TrendChart({ points, lang }: { points: { period: string; activeParticipants: number; coveragePct: number | null }[]; lang: 'id' | 'en' }) {
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
        { name: t('coverage.active'), type: 'bar', data: points.map((p) => p.activeParticipants), itemStyle: { color: CHART.barSoft }, tooltip: { valueFormatter: (v: unknown) => formatNumber(Number(v), lang) } },
        ...(hasPct
          ? [{ name: t('coverage.coverage'), type: 'line', yAxisIndex: 1, data: points.map((p) => p.coveragePct), itemStyle: { color: CHART.high }, tooltip: { valueFormatter: (v: unknown) => (v === null ? '–' : formatPercentValue(Number(v), lang)) } }]
          : []),
      ],
    }),
    [points, hasPct, lang, t],
  );
  return <EChart option={option} height={260} label={t('coverage.trend')} testId="coverage-trend" />;
}
