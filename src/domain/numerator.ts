/**
 * The coverage numerator (issue 11): BPJS TK's official count of active participants where it exists,
 * otherwise the registry's own count, always labelled. Pure: no I/O.
 *
 * For a region and month the official figure is
 * - its own reported figure (the sum of its segments' current rows) when it has one;
 * - else, for the country, a province or a regency, the sum of its children's official figures
 *   (recursively down to the districts, the lowest official unit): "official" when every child has a
 *   complete figure, "partial" when only some do (the reported ones are summed, nothing is guessed
 *   for the others);
 * - else none: the registry's count is the numerator ("registry").
 */
import type { Bilingual } from './bilingual.js';
import { levelOf, NATIONAL, parentOf, type RegionLevel } from './region-code.js';

export const NUMERATOR_SOURCES = ['official', 'partial', 'registry'] as const;
export type NumeratorSource = (typeof NUMERATOR_SOURCES)[number];

/** The current official figures of one region and month (participation_report, superseded_at IS NULL). */
export interface OfficialReport {
  code: string;
  /** active participants per key (a segment, or 'ALL' when summed) */
  counts: Readonly<Record<string, number>>;
  /**
   * New and inactive participants of the month, summed over the same rows as `counts`; null when a
   * row used does not carry it (the columns are optional). Absent means unknown (null).
   */
  flows?: { new: number | null; inactive: number | null };
}

export interface OfficialFigure {
  source: NumeratorSource;
  /** the official sum; null when source is 'registry' */
  total: number | null;
  /** official sum per key, only for keys that some figure used carries */
  byKey: ReadonlyMap<string, number>;
  /** children with a complete figure, of all children; only when source is 'partial' */
  reported: { reported: number; of: number } | null;
  /** new / inactive participants over exactly the figures used; null when any of them lacks it, or source 'registry' */
  newCount: number | null;
  inactiveCount: number | null;
}

/** Levels whose figure may be summed from their children's. */
const SUMMABLE: ReadonlySet<RegionLevel> = new Set(['country', 'province', 'regency']);

const NONE: OfficialFigure = { source: 'registry', total: null, byKey: new Map(), reported: null, newCount: null, inactiveCount: null };

/** A sum that is unknown as soon as one part is. */
const sumKnown = (parts: (number | null)[]): number | null => (parts.some((p) => p === null) ? null : (parts as number[]).reduce((a, b) => a + b, 0));

/**
 * The official figure of any region, from the current figures of one month (every region that can be
 * asked about must have its subtree's figures in `reports`) and the number of children of each region
 * between a figure and the root (`childCount`; a region missing there counts only the children that reported).
 */
export function officialFigures(reports: readonly OfficialReport[], childCount: ReadonlyMap<string, number>): (code: string) => OfficialFigure {
  const own = new Map(reports.map((r) => [r.code, r]));
  const reportingChildren = new Map<string, Set<string>>();
  for (const code of own.keys()) {
    for (let c = code; c !== NATIONAL; ) {
      const p = parentOf(c);
      const kids = reportingChildren.get(p);
      if (kids?.has(c)) break; // this path up is known already
      if (kids) kids.add(c);
      else reportingChildren.set(p, new Set([c]));
      c = p;
    }
  }
  const memo = new Map<string, OfficialFigure>();

  const figure = (code: string): OfficialFigure => {
    const hit = memo.get(code);
    if (hit) return hit;
    let f = NONE;
    const mine = own.get(code);
    const kids = reportingChildren.get(code);
    if (mine) {
      const byKey = new Map(Object.entries(mine.counts));
      f = {
        source: 'official',
        total: [...byKey.values()].reduce((a, b) => a + b, 0),
        byKey,
        reported: null,
        newCount: mine.flows?.new ?? null,
        inactiveCount: mine.flows?.inactive ?? null,
      };
    } else if (kids && SUMMABLE.has(levelOf(code))) {
      const used = [...kids].map(figure).filter((k) => k.source !== 'registry');
      if (used.length > 0) {
        const complete = used.filter((k) => k.source === 'official').length;
        const of = Math.max(childCount.get(code) ?? complete, complete);
        const byKey = new Map<string, number>();
        for (const k of used) for (const [key, n] of k.byKey) byKey.set(key, (byKey.get(key) ?? 0) + n);
        f = {
          source: complete === of ? 'official' : 'partial',
          total: used.reduce((s, k) => s + k.total!, 0),
          byKey,
          reported: complete === of ? null : { reported: complete, of },
          newCount: sumKnown(used.map((k) => k.newCount)),
          inactiveCount: sumKnown(used.map((k) => k.inactiveCount)),
        };
      }
    }
    memo.set(code, f);
    return f;
  };
  return figure;
}

/** What the numerator of a response is, said in both languages (shown beside the definition). */
export function describeNumerator(f: OfficialFigure, dataSource: string | null): Bilingual {
  if (f.source === 'official') {
    return {
      id: `Pembilang: data resmi BPJS TK (peserta aktif yang dilaporkan, dijumlahkan per segmen dan, bila wilayah ini tidak melapor sendiri, dari wilayah di bawahnya).${dataSource ? ` Sumber: ${dataSource}.` : ''}`,
      en: `Numerator: BPJS TK's official figures (active participants reported, summed over segments and, where this region does not report itself, over the regions below it).${dataSource ? ` Source: ${dataSource}.` : ''}`,
    };
  }
  if (f.source === 'partial') {
    const { reported, of } = f.reported!;
    return {
      id: `Pembilang: data resmi BPJS TK dari ${reported} dari ${of} wilayah di bawahnya yang melapor lengkap. Wilayah yang belum melapor tidak ditaksir (dihitung nol), sehingga cakupan ini batas bawah.`,
      en: `Numerator: BPJS TK's official figures of the ${reported} of ${of} regions below that reported completely. Regions that have not reported are not estimated (counted as zero), so this coverage is a lower bound.`,
    };
  }
  return {
    id: 'Pembilang: peserta terdaftar di Semesta (register by name by address); belum ada data resmi BPJS TK untuk wilayah dan bulan ini.',
    en: 'Numerator: participants registered in Semesta (the by-name-by-address registry); there is no official BPJS TK figure for this region and month.',
  };
}
