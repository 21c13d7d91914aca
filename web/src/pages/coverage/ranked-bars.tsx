import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { EChart, type EChartsOption } from '../../components/echart';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { CHART } from '../../styles/theme';
import { axisLabelWidth } from './chart-labels';
import { sourceLabel } from './numerator-source';
import { byRank } from './rank';

/** The children ranked as horizontal bars (best green, worst red); a click drills down. */
export function RankedBars({ items, lang, onPick }: { items: CoverageChild[]; lang: 'id' | 'en'; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const { withPct, sorted } = byRank(items);
  const shown = sorted.slice(0, 60); // a district can have dozens of villages; the table lists all
  const names = shown.map((i) => displayRegionName(i.name));
  const labelWidth = axisLabelWidth(names);
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: labelWidth + 12, right: 64, top: 10, bottom: 20 },
      tooltip: { trigger: 'item', formatter: (p: { data: { child: CoverageChild } }) => tooltipOf(p.data.child, lang, t) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => (withPct ? formatPercentValue(v, lang, 0) : formatNumber(v, lang)) } },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: labelWidth, overflow: 'break', lineHeight: 13 } },
      series: [
        {
          type: 'bar',
          data: shown.map((i, n) => ({
            value: withPct ? i.coveragePct : i.activeParticipants,
            child: i,
            itemStyle: { color: n === 0 ? CHART.high : n === shown.length - 1 ? CHART.low : withPct && i.coveragePct === null ? CHART.none : CHART.bar },
          })),
          label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '–' : withPct ? formatPercentValue(p.value, lang) : formatNumber(p.value, lang)) },
        },
      ],
    }),
    [shown, names, labelWidth, withPct, lang, t],
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

function tooltipOf(i: CoverageChild, lang: 'id' | 'en', t: TFunction) {
  return [
    `<strong>${displayRegionName(i.name)}</strong>`,
    `${t('coverage.coverage')}: ${i.coveragePct === null ? '–' : formatPercentValue(i.coveragePct, lang)}`,
    `${t('coverage.active')}: ${formatNumber(i.activeParticipants, lang)} (${sourceLabel(t, i)})`,
    `${t('coverage.employed')}: ${i.employedPopulation === null ? '–' : formatNumber(i.employedPopulation, lang)}`,
  ].join('<br/>');
}
