import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import type { MapClasses } from './map-classes';
import { CHART } from '../../styles/theme';

/** The map's legend: each class with its meaning, colour and number of regions, and "no data". */
export function MapLegend({ classes, noData, lang }: { classes: MapClasses; noData: number; lang: 'id' | 'en' }) {
  const { t } = useTranslation();
  const rows = [...classes.classes, ...(noData > 0 ? [{ key: 'nodata', label: t('coverage.mapNoData'), color: CHART.empty, count: noData }] : [])];
  return (
    <figure className="coverage-legend" data-testid="coverage-map-legend" data-mode={classes.mode}>
      <figcaption>{classes.mode === 'target' ? t('coverage.legendTitleTarget') : t('coverage.legendTitleBands')}</figcaption>
      <ul>
        {rows.map((k) => (
          <li key={k.key} data-class={k.key}>
            <span className="coverage-legend-swatch" style={{ background: k.color }} aria-hidden />
            <span>{k.label}</span>
            <span className="coverage-legend-count">{t('coverage.legendCount', { n: formatNumber(k.count, lang) })}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
