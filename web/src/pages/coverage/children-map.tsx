import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import type { BoundaryCollection } from '../../../../src/modules/boundaries/schemas';
import { EChart, type EChartsOption, echarts } from '../../components/echart';
import { formatNumber, formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { CHART } from '../../styles/theme';

echarts.use([MapChart, VisualMapComponent]);

/** Choropleth of the children from boundaries an administrator uploaded (any level). */
export default function ChildrenMap({ code, boundaries, items, lang, onPick }: { code: string; boundaries: BoundaryCollection; items: CoverageChild[]; lang: 'id' | 'en'; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const mapName = `children-${code}-${boundaries.features.length}`;
  const option = useMemo<EChartsOption>(() => {
    echarts.registerMap(mapName, boundaries as never);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const withPct = items.some((i) => i.coveragePct !== null);
    const data = boundaries.features.map((f) => {
      const c = byCode.get(f.properties.name);
      return { name: f.properties.name, value: c ? (withPct ? c.coveragePct : c.activeParticipants) : null, child: c };
    });
    const values = data.map((d) => d.value).filter((v): v is number => v !== null);
    const fmt = (v: number) => (withPct ? formatPercentValue(v, lang) : formatNumber(v, lang));
    return {
      tooltip: { trigger: 'item', formatter: (p: { data?: { child?: CoverageChild; value: number | null } }) => (p.data?.child ? `${displayRegionName(p.data.child.name)}: ${p.data.value === null ? t('coverage.mapNoData') : fmt(p.data.value)}` : '') },
      visualMap: { min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...CHART.scale] }, formatter: (v: number) => fmt(v) },
      series: [{ type: 'map', map: mapName, data, itemStyle: { areaColor: CHART.empty, borderColor: '#fff' }, emphasis: { label: { show: false } } }],
    };
  }, [boundaries, items, lang, mapName, t]);
  return <EChart option={option} height={340} label={t('coverage.childMap')} testId="coverage-child-map" onClick={({ name }) => onPick(name)} />;
}
