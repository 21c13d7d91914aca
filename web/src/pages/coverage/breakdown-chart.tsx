import { useMemo } from 'react';
import type { CoverageBreakdownRow } from '../../../../src/modules/coverage/schemas';
import { EChart, type EChartsOption } from '../../components/echart';
import { formatNumber } from '../../lib/format';
import { CHART } from '../../styles/theme';

/** Active participants by one dimension (segment, group or payer). */
export function BreakdownChart({ title, rows, label, lang }: { title: string; rows: CoverageBreakdownRow[]; label: (key: string) => string; lang: 'id' | 'en' }) {
  const shown = rows.filter((r) => r.active !== 0);
  const option = useMemo<EChartsOption>(
    () => ({
      grid: { left: 150, right: 60, top: 10, bottom: 10 },
      tooltip: { trigger: 'item', valueFormatter: (v: unknown) => formatNumber(Number(v), lang) },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => label(r.key)), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ type: 'bar', data: shown.map((r) => r.active), itemStyle: { color: CHART.bar }, label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value, lang) } }],
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
