import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import type { BoundaryCollection } from '../../../../src/modules/boundaries/schemas';
import { EChart, type EChartsOption, echarts } from '../../components/echart';
import { formatNumber } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { CHART } from '../../styles/theme';
import { mapClasses } from './map-classes';
import { mapLabel, mapTooltip } from './map-labels';
import { MapLegend } from './map-legend';

echarts.use([MapChart, VisualMapComponent]);

/**
 * Choropleth of the children from boundaries an administrator uploaded (any level): classes with a
 * legend like the province map; while no child has a coverage figure, shaded by active participants.
 */
export default function ChildrenMap({ code, boundaries, items, lang, onPick }: { code: string; boundaries: BoundaryCollection; items: CoverageChild[]; lang: 'id' | 'en'; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const mapName = `children-${code}-${boundaries.features.length}`;
  const withPct = items.some((i) => i.coveragePct !== null);
  const classes = useMemo(() => mapClasses(items, lang, t), [items, lang, t]);
  const option = useMemo<EChartsOption>(() => {
    echarts.registerMap(mapName, boundaries as never);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const data = boundaries.features.map((f) => {
      const c = byCode.get(f.properties.name);
      const color = c && withPct ? classes.colorOf(c) : null;
      return { name: f.properties.name, value: c ? (withPct ? c.coveragePct : c.activeParticipants) : null, child: c, ...(color ? { itemStyle: { areaColor: color } } : {}) };
    });
    const actives = data.map((d) => d.value).filter((v): v is number => v !== null);
    return {
      tooltip: { trigger: 'item', formatter: (p: { data?: { child?: CoverageChild } }) => (p.data?.child ? mapTooltip(p.data.child, lang, t) : '') },
      ...(withPct
        ? {}
        : { visualMap: { min: actives.length ? Math.min(...actives) : 0, max: actives.length ? Math.max(...actives) : 1, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...CHART.scale] }, formatter: (v: number) => formatNumber(v, lang) } }),
      series: [
        {
          type: 'map',
          map: mapName,
          // the drawing fills the box less a margin, so labels at the edges stay inside
          left: 48,
          right: 48,
          top: 16,
          bottom: withPct ? 16 : 48,
          data,
          itemStyle: { areaColor: CHART.empty, borderColor: '#fff' },
          label: {
            show: true,
            fontSize: 10,
            fontWeight: 600,
            color: '#1f2a26',
            textBorderColor: '#fff',
            textBorderWidth: 2,
            formatter: (p: { data?: { child?: CoverageChild } }) => (withPct ? mapLabel(p.data?.child, lang) : p.data?.child ? displayRegionName(p.data.child.name) : ''),
          },
          labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
          emphasis: { label: { show: true }, itemStyle: { areaColor: CHART.barSoft } },
        },
      ],
    };
  }, [boundaries, items, lang, mapName, t, withPct, classes]);
  return (
    <>
      <EChart option={option} height={420} label={t('coverage.childMap')} testId="coverage-child-map" onClick={({ name }) => onPick(name)} />
      {withPct && <MapLegend classes={classes} noData={items.filter((i) => i.coveragePct === null).length} lang={lang} />}
    </>
  );
}
