import type { TFunction } from 'i18next';
import type { CoverageChild } from '../../../../src/modules/coverage/schemas';
import { formatPercentValue } from '../../lib/format';
import { CHART } from '../../styles/theme';

/** One class of the map legend: what it means, its colour and how many regions fall in it. */
export interface MapClass {
  key: string;
  label: string;
  color: string;
  count: number;
}

export interface MapClasses {
  /** 'target': against each region's own target; 'bands': fixed 10-point classes (no region has a target) */
  mode: 'target' | 'bands';
  classes: MapClass[];
  /** the colour of a child's area, null: no coverage figure */
  colorOf: (c: CoverageChild) => string | null;
}

/** Points below its target within which a region counts as "near". */
export const NEAR_POINTS = 5;

/**
 * Classes that mean something: against each region's own target (below by more than 5 points, within 5
 * points, at or above) when any region has one; otherwise fixed 10-point classes of coverage.
 */
export function mapClasses(items: CoverageChild[], lang: 'id' | 'en', t: TFunction): MapClasses {
  const withPct = items.filter((i) => i.coveragePct !== null);
  if (withPct.some((i) => i.targetPct !== null)) {
    const classes: (MapClass & { test: (c: CoverageChild) => boolean })[] = [
      { key: 'below', label: t('coverage.legendBelow'), color: CHART.low, count: 0, test: (c) => c.targetPct !== null && c.coveragePct! < c.targetPct - NEAR_POINTS },
      { key: 'near', label: t('coverage.legendNear'), color: CHART.near, count: 0, test: (c) => c.targetPct !== null && c.coveragePct! < c.targetPct },
      { key: 'above', label: t('coverage.legendAbove'), color: CHART.high, count: 0, test: (c) => c.targetPct !== null },
      { key: 'none', label: t('coverage.legendNoTarget'), color: CHART.none, count: 0, test: () => true },
    ];
    const classOf = (c: CoverageChild) => (c.coveragePct === null ? null : classes.find((k) => k.test(c))!);
    for (const c of withPct) classOf(c)!.count++;
    return {
      mode: 'target',
      classes: classes.filter((k) => k.key !== 'none' || k.count > 0).map(({ test: _, ...k }) => k),
      colorOf: (c) => classOf(c)?.color ?? null,
    };
  }
  const band = (pct: number) => Math.min(9, Math.max(0, Math.floor(pct / 10)));
  const counts = new Array<number>(10).fill(0);
  for (const c of withPct) counts[band(c.coveragePct!)]!++;
  const used = counts.flatMap((n, i) => (n > 0 ? [i] : []));
  const from = used[0] ?? 0;
  const to = used.at(-1) ?? 9;
  const classes = CHART.bands.slice(from, to + 1).map((color, n) => {
    const i = from + n;
    return { key: `b${i}`, label: `${formatPercentValue(i * 10, lang, 0)} – ${i === 9 ? formatPercentValue(100, lang, 0) : `< ${formatPercentValue((i + 1) * 10, lang, 0)}`}`, color, count: counts[i]! };
  });
  return { mode: 'bands', classes, colorOf: (c) => (c.coveragePct === null ? null : CHART.bands[band(c.coveragePct)]!) };
}
