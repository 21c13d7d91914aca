/**
 * BPJS TK's official participation figures (issue 11): what makes a reported figure acceptable, for
 * the machine push (PUT /api/participation) and the file import alike. Pure: region facts come in
 * through ParticipationRegions, "this month" as a parameter.
 */
import type { Bilingual } from './bilingual.js';
import { isPeriod, type Period } from './coverage.js';
import { inSubtree, isRegionCode, levelOf, NATIONAL, regencyOf } from './region-code.js';
import { SEGMENTS, type Segment } from './worker.js';

/** Figures are reported per province, regency/city or district; the nation and villages are not. */
export const PARTICIPATION_LEVELS = ['province', 'regency', 'district'] as const;

/** Largest count the database column holds (integer). */
const MAX_COUNT = 2_147_483_647;

export interface ParticipationRegions {
  /** a province, regency/city or district with this code exists */
  exists(code: string): boolean;
  /** how many districts a regency/city has */
  districtCount(regencyCode: string): number;
}

/** One reported row as it arrives: JSON values from a push, cell values (already read as numbers where possible) from a file. */
export interface ParticipationInput {
  regionCode: unknown;
  period: unknown;
  segment: unknown;
  active: unknown;
  new?: unknown;
  inactive?: unknown;
}

export type ParticipationField = keyof ParticipationInput;

export interface ParticipationFigure {
  regionCode: string;
  period: Period;
  segment: Segment;
  active: number;
  newCount: number | null;
  inactiveCount: number | null;
}

export interface ParticipationProblem {
  field: ParticipationField;
  code: string;
  text: Bilingual;
}

export type FigureCheck = { figure: ParticipationFigure } | { problems: ParticipationProblem[] };

const fmt = (n: number) => n.toLocaleString('id-ID');
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function regionProblem(value: unknown, regions: ParticipationRegions, scope: string): ParticipationProblem | null {
  const code = text(value);
  const p = (c: string, id: string, en: string): ParticipationProblem => ({ field: 'regionCode', code: c, text: { id, en } });
  if (!code) return p('REQUIRED', 'Kode wilayah wajib diisi.', 'The region code is required.');
  if (!isRegionCode(code)) return p('REGION_CODE_INVALID', `Kode wilayah "${code}" tidak berformat Kemendagri (mis. 32, 32.02, 32.02.01).`, `Region code "${code}" is not a Kemendagri code (e.g. 32, 32.02, 32.02.01).`);
  if (code === NATIONAL) {
    return p('REGION_LEVEL_NOT_ACCEPTED', 'Angka nasional tidak diterima: kirim angka per provinsi, kabupaten/kota atau kecamatan; angka nasional dijumlahkan dari provinsi.', 'A national figure is not accepted: send figures per province, regency/city or district; the national figure is their sum.');
  }
  if (levelOf(code) === 'village') {
    return p('REGION_LEVEL_NOT_ACCEPTED', `${code} adalah desa/kelurahan: data resmi diterima per provinsi, kabupaten/kota atau kecamatan.`, `${code} is a village: official figures are accepted per province, regency/city or district.`);
  }
  if (!regions.exists(code)) return p('REGION_NOT_FOUND', `Kode wilayah ${code} tidak dikenal.`, `Unknown region code ${code}.`);
  if (!inSubtree(scope, code)) return p('FORBIDDEN_REGION', `Wilayah ${code} berada di luar wilayah kerja Anda.`, `Region ${code} is outside your assigned region.`);
  return null;
}

function periodProblem(value: unknown, currentMonth: Period): ParticipationProblem | null {
  const period = text(value);
  if (!isPeriod(period)) {
    return { field: 'period', code: 'PERIOD_INVALID', text: { id: `Periode "${period}" harus ditulis YYYY-MM, mis. 2025-06.`, en: `Period "${period}" must be written YYYY-MM, e.g. 2025-06.` } };
  }
  if (period > currentMonth) {
    return { field: 'period', code: 'PERIOD_IN_FUTURE', text: { id: `Periode ${period} belum tiba (bulan ini ${currentMonth}, WIB).`, en: `Period ${period} is in the future (this month is ${currentMonth}, WIB).` } };
  }
  return null;
}

const asSegment = (value: unknown): Segment | null => {
  const s = text(value).toUpperCase();
  return (SEGMENTS as readonly string[]).includes(s) ? (s as Segment) : null;
};

const COUNT_NAMES: Record<'active' | 'new' | 'inactive', Bilingual> = {
  active: { id: 'Peserta aktif', en: 'Active participants' },
  new: { id: 'Peserta baru', en: 'New participants' },
  inactive: { id: 'Peserta nonaktif', en: 'Inactive participants' },
};

/** A count: a whole number ≥ 0. `optional` counts may be absent (undefined, null or empty text). */
function countOf(field: 'active' | 'new' | 'inactive', value: unknown, optional: boolean): { value: number | null } | { problem: ParticipationProblem } {
  const name = COUNT_NAMES[field];
  if (value === undefined || value === null || value === '') {
    if (optional) return { value: null };
    return { problem: { field, code: 'REQUIRED', text: { id: `${name.id} wajib diisi.`, en: `${name.en} is required.` } } };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { problem: { field, code: 'COUNT_NOT_NUMBER', text: { id: `${name.id} "${text(value)}" bukan angka; tulis 1.234.567 atau 1234567.`, en: `${name.en} "${text(value)}" is not a number; write 1.234.567 or 1234567.` } } };
  }
  if (value < 0) return { problem: { field, code: 'COUNT_NEGATIVE', text: { id: `${name.id} tidak boleh negatif (${value}).`, en: `${name.en} cannot be negative (${value}).` } } };
  if (!Number.isInteger(value)) return { problem: { field, code: 'COUNT_NOT_WHOLE', text: { id: `${name.id} harus bilangan bulat (${value}).`, en: `${name.en} must be a whole number (${value}).` } } };
  if (value > MAX_COUNT) return { problem: { field, code: 'COUNT_TOO_LARGE', text: { id: `${name.id} terlalu besar (${fmt(value)}).`, en: `${name.en} is too large (${value}).` } } };
  return { value };
}

/**
 * Checks one row on its own: region (exists, at an accepted level, inside `scope`), month (YYYY-MM,
 * not after `currentMonth`), segment, counts. Every problem of the row is reported, not just the first.
 */
export function checkFigure(input: ParticipationInput, regions: ParticipationRegions, opts: { scope: string; currentMonth: Period }): FigureCheck {
  const problems: ParticipationProblem[] = [];
  const region = regionProblem(input.regionCode, regions, opts.scope);
  if (region) problems.push(region);
  const period = periodProblem(input.period, opts.currentMonth);
  if (period) problems.push(period);
  const segment = asSegment(input.segment);
  if (!segment) {
    const given = text(input.segment);
    problems.push({ field: 'segment', code: 'SEGMENT_UNKNOWN', text: { id: `Segmen "${given}" tidak dikenal; pilih ${SEGMENTS.join(', ')}.`, en: `Unknown segment "${given}"; use ${SEGMENTS.join(', ')}.` } });
  }
  const counts = {
    active: countOf('active', input.active, false),
    new: countOf('new', input.new, true),
    inactive: countOf('inactive', input.inactive, true),
  };
  for (const c of Object.values(counts)) if ('problem' in c) problems.push(c.problem);
  const value = (c: (typeof counts)[keyof typeof counts]) => ('value' in c ? c.value : null);
  const active = value(counts.active);
  if (problems.length || !segment || active === null) return { problems };
  return { figure: { regionCode: text(input.regionCode), period: text(input.period), segment, active, newCount: value(counts.new), inactiveCount: value(counts.inactive) } };
}

/** The key of a figure: one current figure per region, month and segment. */
export const figureKey = (f: Pick<ParticipationFigure, 'regionCode' | 'period' | 'segment'>) => `${f.regionCode}|${f.period}|${f.segment}`;

export interface CrossProblem {
  /** the figure's index in the list given */
  index: number;
  /** the same key appeared earlier, at this index */
  duplicateOf?: number;
  problem: ParticipationProblem;
}

/**
 * Checks the figures of one request or file against each other: the same key twice (every later
 * occurrence), and a regency total against its districts sent with it for the same month and segment
 * (equal when all its districts are sent, not smaller than their sum when only some are). A mismatch
 * rejects the regency and those districts together: either may be the wrong one.
 */
export function crossCheck(figures: readonly Pick<ParticipationFigure, 'regionCode' | 'period' | 'segment' | 'active'>[], regions: ParticipationRegions, rowName: (index: number) => Bilingual): CrossProblem[] {
  const out: CrossProblem[] = [];
  const first = new Map<string, number>();
  const unique: number[] = [];
  figures.forEach((f, index) => {
    const key = figureKey(f);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, index);
      unique.push(index);
      return;
    }
    const name = rowName(seen);
    out.push({
      index,
      duplicateOf: seen,
      problem: { field: 'regionCode', code: 'DUPLICATE_KEY', text: { id: `Wilayah, periode dan segmen yang sama sudah ada di ${name.id}.`, en: `The same region, period and segment is already in ${name.en}.` } },
    });
  });

  // regency|period|segment → the regency's own figure and its districts' figures
  const groups = new Map<string, { regency?: number; districts: number[] }>();
  for (const index of unique) {
    const f = figures[index]!;
    const level = levelOf(f.regionCode);
    if (level !== 'regency' && level !== 'district') continue;
    const key = figureKey({ ...f, regionCode: regencyOf(f.regionCode) });
    const g = groups.get(key) ?? { districts: [] };
    if (level === 'regency') g.regency = index;
    else g.districts.push(index);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    if (g.regency === undefined || g.districts.length === 0) continue;
    const total = figures[g.regency]!;
    const sum = g.districts.reduce((a, i) => a + figures[i]!.active, 0);
    const all = g.districts.length >= regions.districtCount(total.regionCode);
    if (all ? sum === total.active : sum <= total.active) continue;
    const n = g.districts.length;
    const id = all
      ? `Total ${total.regionCode} (${fmt(total.active)}) tidak sama dengan jumlah ${n} kecamatannya (${fmt(sum)}) untuk ${total.period} ${total.segment}.`
      : `Total ${total.regionCode} (${fmt(total.active)}) lebih kecil dari jumlah ${n} kecamatan yang dikirim (${fmt(sum)}) untuk ${total.period} ${total.segment}.`;
    const en = all
      ? `The total of ${total.regionCode} (${total.active}) differs from the sum of its ${n} districts (${sum}) for ${total.period} ${total.segment}.`
      : `The total of ${total.regionCode} (${total.active}) is smaller than the sum of the ${n} districts sent (${sum}) for ${total.period} ${total.segment}.`;
    for (const index of [g.regency, ...g.districts]) out.push({ index, problem: { field: 'active', code: 'REGENCY_TOTAL_MISMATCH', text: { id, en } } });
  }
  return out.sort((a, b) => a.index - b.index);
}
