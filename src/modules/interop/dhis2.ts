import type { Coverage, CoverageChild } from '../coverage/schemas.js';
import type { DataValue, DataValueSet } from './schemas.js';
import { todayWib } from '../../domain/wib.js';

/**
 * The coverage indicators as DHIS2 data values, for a ministry's DHIS2 to import with
 * `dataElementIdScheme=CODE&orgUnitIdScheme=CODE&categoryOptionComboIdScheme=CODE`: org units are
 * keyed by Kemendagri code (ID = Indonesia), data elements and category option combos by the codes
 * below (to be created once in the receiving DHIS2; docs/coverage.md lists them). Pure.
 */
export const DATA_SET = 'SEMESTA_UCJ';
export const DATA_ELEMENTS = {
  active: 'UCJ_ACTIVE_PARTICIPANTS',
  official: 'UCJ_OFFICIAL_PARTICIPANTS',
  registry: 'UCJ_REGISTRY_PARTICIPANTS',
  employed: 'UCJ_EMPLOYED_POPULATION',
  coverage: 'UCJ_COVERAGE_PCT',
  target: 'UCJ_TARGET_PCT',
  newEnrolments: 'UCJ_NEW_ENROLMENTS',
  lapses: 'UCJ_LAPSES',
} as const;
/** Category "UCJ_SEGMENT" (ADX attribute) with one option per segment; DEFAULT is DHIS2's total. */
export const SEGMENT_CATEGORY = 'UCJ_SEGMENT';
export const segmentCombo = (segment: string) => `UCJ_SEGMENT_${segment}`;

/** The figures of one org unit: the region itself or a child. */
type Unit = Omit<CoverageChild, 'name' | 'level'>;

/**
 * One value per indicator and org unit; missing figures (no denominator, no target, no official count)
 * are left out, not zero. UCJ_ACTIVE_PARTICIPANTS is the numerator used (its segments too).
 */
function valuesOf(u: Unit, period: string, segments: { key: string; active: number }[] | null): DataValue[] {
  const p = period.replace('-', '');
  const v = (dataElement: string, value: number | null, categoryOptionCombo?: string): DataValue[] =>
    value === null ? [] : [{ dataElement, period: p, orgUnit: u.code, ...(categoryOptionCombo ? { categoryOptionCombo } : {}), value: String(value) }];
  return [
    ...v(DATA_ELEMENTS.active, u.activeParticipants),
    ...(segments ?? []).flatMap((s) => v(DATA_ELEMENTS.active, s.active, segmentCombo(s.key))),
    ...v(DATA_ELEMENTS.official, u.officialParticipants),
    ...v(DATA_ELEMENTS.registry, u.registryParticipants),
    ...v(DATA_ELEMENTS.employed, u.employedPopulation),
    ...v(DATA_ELEMENTS.coverage, u.coveragePct),
    ...v(DATA_ELEMENTS.target, u.targetPct),
    ...v(DATA_ELEMENTS.newEnrolments, u.newEnrolments),
    ...v(DATA_ELEMENTS.lapses, u.lapses),
  ];
}

/** The numerator used per segment: official where the numerator is, else the registry's. */
const numeratorBySegment = (c: Coverage) =>
  c.indicators.bySegment.flatMap((b) => {
    const active = c.numeratorSource === 'registry' ? b.registry : b.official;
    return active === null ? [] : [{ key: b.segment, active }];
  });

/** The region (with its segment breakdown) and each child region. */
export function dataValueSet(c: Coverage): DataValueSet {
  const period = c.period.replace('-', '');
  return {
    dataSet: DATA_SET,
    period,
    completeDate: todayWib(),
    dataValues: [
      ...valuesOf({ ...c, code: c.region.code }, c.period, numeratorBySegment(c)),
      ...c.children.flatMap((k) => valuesOf(k, c.period, null)),
    ],
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The same values as ADX (IHE QRPH ADX 2015): one <group> per org unit, the segment as an attribute. */
export function adx(c: Coverage, exported = new Date()): string {
  const set = dataValueSet(c);
  const adxPeriod = `${c.period}-01/P1M`;
  const byUnit = new Map<string, DataValue[]>();
  for (const v of set.dataValues) byUnit.set(v.orgUnit, [...(byUnit.get(v.orgUnit) ?? []), v]);
  const groups = [...byUnit].map(([orgUnit, values]) => {
    const lines = values.map((v) => {
      const seg = v.categoryOptionCombo ? ` ${SEGMENT_CATEGORY}="${esc(v.categoryOptionCombo.slice(SEGMENT_CATEGORY.length + 1))}"` : '';
      return `    <dataValue dataElement="${esc(v.dataElement)}"${seg} value="${esc(v.value)}"/>`;
    });
    return `  <group orgUnit="${esc(orgUnit)}" period="${adxPeriod}" dataSet="${DATA_SET}" completeDate="${set.completeDate}">\n${lines.join('\n')}\n  </group>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015" exported="${exported.toISOString()}">\n${groups.join('\n')}\n</adx>\n`;
}
