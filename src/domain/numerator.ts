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

/** One current official figure (participation_report, superseded_at IS NULL); `key` is its segment. */
export interface OfficialRow {
  code: string;
  key: string;
  active: number;
  source: string;
  /** ISO 8601, UTC */
  receivedAt: string;
}

export interface OfficialFigure {
  source: NumeratorSource;
  /** the official sum; null when source is 'registry' */
  total: number | null;
  /** official sum per key, only for keys that some figure used carries */
  byKey: ReadonlyMap<string, number>;
  /** children with a complete figure, of all children; only when source is 'partial' */
  reported: { reported: number; of: number } | null;
  /** the most recently received figure used */
  latest: { source: string; receivedAt: string } | null;
}

/** Levels whose figure may be summed from their children's. */
const SUMMABLE: ReadonlySet<RegionLevel> = new Set(['country', 'province', 'regency']);

const NONE: OfficialFigure = { source: 'registry', total: null, byKey: new Map(), reported: null, latest: null };

const later = (a: OfficialFigure['latest'], b: OfficialFigure['latest']) => (!a || (b && b.receivedAt > a.receivedAt) ? b : a);

/**
 * The official figure of any region, from the current rows of one month (every region that can be
 * asked about must have its subtree's rows in `rows`) and the number of children of each region
 * between a row and the root (`childCount`; a region missing there counts only the children that reported).
 */
export function officialFigures(rows: readonly OfficialRow[], childCount: ReadonlyMap<string, number>): (code: string) => OfficialFigure {
  const own = new Map<string, OfficialRow[]>();
  const reportingChildren = new Map<string, Set<string>>();
  for (const r of rows) {
    const list = own.get(r.code);
    if (list) list.push(r);
    else own.set(r.code, [r]);
  }
  for (const code of own.keys()) {
    for (let c = code; c !== NATIONAL; ) {
      const p = parentOf(c);
      const kids = reportingChildren.get(p) ?? new Set<string>();
      kids.add(c);
      reportingChildren.set(p, kids);
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
      const byKey = new Map<string, number>();
      let latest: OfficialFigure['latest'] = null;
      for (const r of mine) {
        byKey.set(r.key, (byKey.get(r.key) ?? 0) + r.active);
        latest = later(latest, { source: r.source, receivedAt: r.receivedAt });
      }
      f = { source: 'official', total: mine.reduce((s, r) => s + r.active, 0), byKey, reported: null, latest };
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
          latest: used.reduce<OfficialFigure['latest']>((l, k) => later(l, k.latest), null),
        };
      }
    }
    memo.set(code, f);
    return f;
  };
  return figure;
}

/** What the numerator of a response is, said in both languages (shown beside the definition). */
export function describeNumerator(f: OfficialFigure): Bilingual {
  if (f.source === 'official') {
    const as = f.latest ? ` Sumber: ${f.latest.source}.` : '';
    const asEn = f.latest ? ` Source: ${f.latest.source}.` : '';
    return {
      id: `Pembilang: data resmi BPJS TK (peserta aktif yang dilaporkan, dijumlahkan per segmen dan, bila wilayah ini tidak melapor sendiri, dari wilayah di bawahnya).${as}`,
      en: `Numerator: BPJS TK's official figures (active participants reported, summed over segments and, where this region does not report itself, over the regions below it).${asEn}`,
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
