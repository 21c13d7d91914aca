import { useMemo } from 'react';
import type { CoverageBreakdownRow } from '../../../../src/modules/coverage/schemas';
import { EChart, type EChartsOption } from '../../components/echart';
import { formatNumber } from '../../lib/format';
import { CHART } from '../../styles/theme';
import { axisLabelWidth } from './chart-labels';

/** Active participants by one dimension (segment, group or payer). */
export function BreakdownChart({ title, rows, label, lang }: { title: string; rows: CoverageBreakdownRow[]; label: (key: string) => string; lang: 'id' | 'en' }) {
  const shown = rows.filter((r) => r.active !== 0);
  const labels = shown.map((r) => label(r.key));
  const labelWidth = Math.min(170, axisLabelWidth(labels));
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: labelWidth + 12, right: 60, top: 10, bottom: 10 },
      tooltip: { trigger: 'item', valueFormatter: (v: unknown) => formatNumber(Number(v), lang) },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: labelWidth, overflow: 'break', lineHeight: 13 } },
      series: [{ type: 'bar', data: shown.map((r) => r.active), itemStyle: { color: CHART.bar }, label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value, lang) } }],
    }),
    [shown, labels, labelWidth, lang],
  );
  return (
    <div className="coverage-breakdown">
      <h3>{title}</h3>
      {shown.length === 0 ? <p className="coverage-note">–</p> : <EChart option={option} height={Math.max(80, shown.length * 26 + 20)} label={title} />}
    </div>
  );
}
