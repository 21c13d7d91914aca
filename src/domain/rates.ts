/**
 * Date-effective rates, caps and amounts (DOMAIN.md "Contributions" and "Benefits").
 * Every figure has an effective date and a legal basis; a new value applies only from its date.
 * The database table `rate_config` holds them (seeded by 0005_funding.sql with exactly DEFAULT_RATES,
 * a test keeps the two equal); the pure engine receives them as a RateSnapshot. No I/O here.
 */

/** ppm: parts per million of a base (0.24 % = 2,400 ppm), so rates stay integers. */
export const RATE_UNITS = ['ppm', 'rupiah', 'count'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

export interface RateEntry {
  key: RateKey;
  effectiveFrom: string; // YYYY-MM-DD
  value: number;
  unit: RateUnit;
  legalBasis: string;
  /** DOMAIN.md marks the figure or its article as not checked against the primary legal text */
  unconfirmed: boolean;
}

export const RATE_KEYS = [
  'PU_JKK_RG1',
  'PU_JKK_RG2',
  'PU_JKK_RG3',
  'PU_JKK_RG4',
  'PU_JKK_RG5',
  'PU_JKM',
  'PU_JHT_EMPLOYER',
  'PU_JHT_WORKER',
  'PU_JP_EMPLOYER',
  'PU_JP_WORKER',
  'PU_JP_WAGE_CAP',
  'PU_DAILY_WAGE_DAYS',
  'BPU_JKK',
  'BPU_JKM',
  'BPU_JHT',
  'BPU_MIN_INCOME',
  'BPU_MAX_INCOME',
  'JAKON_WAGE_JKK',
  'JAKON_WAGE_JKM',
  'JAKON_STEP1_UPTO',
  'JAKON_STEP2_UPTO',
  'JAKON_STEP3_UPTO',
  'JAKON_STEP4_UPTO',
  'JAKON_STEP1_JKK',
  'JAKON_STEP2_JKK',
  'JAKON_STEP3_JKK',
  'JAKON_STEP4_JKK',
  'JAKON_STEP5_JKK',
  'JAKON_STEP1_JKM',
  'JAKON_STEP2_JKM',
  'JAKON_STEP3_JKM',
  'JAKON_STEP4_JKM',
  'JAKON_STEP5_JKM',
  'PMI_PRE_PLACEMENT',
  'PMI_6_MONTHS',
  'PMI_12_MONTHS',
  'PMI_24_MONTHS',
  'PMI_EXTRA_MONTH',
  'BEN_JKM_LUMP_SUM',
  'BEN_PERIODIC_MONTHLY',
  'BEN_PERIODIC_MONTHS',
  'BEN_FUNERAL',
  'BEN_SCHOLARSHIP_TOTAL',
  'BEN_SCHOLARSHIP_PER_CHILD',
  'BEN_SCHOLARSHIP_MIN_MONTHS',
  'BEN_JKK_DEATH_WAGE_MULTIPLE',
  'BPU_LAPSE_MONTHS',
  'JAKON_REGISTRATION_WORKING_DAYS',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** Legal bases are written in Indonesian: they are shown as they are in the (Indonesian-first) UI. */
const PP44 = 'PP 44/2015';
const r = (key: RateKey, effectiveFrom: string, value: number, unit: RateUnit, legalBasis: string, unconfirmed = false): RateEntry => ({
  key,
  effectiveFrom,
  value,
  unit,
  legalBasis,
  unconfirmed,
});

/** The figures of DOMAIN.md. Effective dates before the legal act's own date are the act's start. */
export const DEFAULT_RATES: readonly RateEntry[] = [
  r('PU_JKK_RG1', '2015-07-01', 2_400, 'ppm', `${PP44} pasal 16 ayat (1), kelompok risiko I`),
  r('PU_JKK_RG2', '2015-07-01', 5_400, 'ppm', `${PP44} pasal 16 ayat (1), kelompok risiko II`),
  r('PU_JKK_RG3', '2015-07-01', 8_900, 'ppm', `${PP44} pasal 16 ayat (1), kelompok risiko III`),
  r('PU_JKK_RG4', '2015-07-01', 12_700, 'ppm', `${PP44} pasal 16 ayat (1), kelompok risiko IV`),
  r('PU_JKK_RG5', '2015-07-01', 17_400, 'ppm', `${PP44} pasal 16 ayat (1), kelompok risiko V`),
  r('PU_JKM', '2015-07-01', 3_000, 'ppm', `${PP44} pasal 18 ayat (1)`),
  r('PU_JHT_EMPLOYER', '2015-07-01', 37_000, 'ppm', 'PP 46/2015 pasal 16 ayat (1)'),
  r('PU_JHT_WORKER', '2015-07-01', 20_000, 'ppm', 'PP 46/2015 pasal 16 ayat (1)'),
  r('PU_JP_EMPLOYER', '2015-07-01', 20_000, 'ppm', 'PP 45/2015 pasal 28 ayat (3)'),
  r('PU_JP_WORKER', '2015-07-01', 10_000, 'ppm', 'PP 45/2015 pasal 28 ayat (3)'),
  r('PU_JP_WAGE_CAP', '2023-03-01', 9_559_600, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai Maret 2023'),
  r('PU_JP_WAGE_CAP', '2024-03-01', 10_042_300, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai Maret 2024'),
  r('PU_JP_WAGE_CAP', '2025-03-01', 10_547_400, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai 1 Maret 2025'),
  r('PU_JP_WAGE_CAP', '2026-03-01', 11_086_300, 'rupiah', 'Surat edaran BPJS TK: batas upah JP mulai Maret 2026'),
  r('PU_DAILY_WAGE_DAYS', '2015-07-01', 25, 'count', 'pekerja harian: upah harian × 25', true),
  r('BPU_JKK', '2015-07-01', 10_000, 'ppm', `${PP44}, JKK BPU 1% dari penghasilan yang dilaporkan`),
  r('BPU_JKM', '2015-07-01', 6_800, 'rupiah', `${PP44}, JKM BPU tetap`),
  r('BPU_JHT', '2015-07-01', 20_000, 'ppm', 'PP 46/2015, JHT BPU pilihan 2% dari penghasilan yang dilaporkan'),
  r('BPU_MIN_INCOME', '2015-07-01', 1_000_000, 'rupiah', `${PP44}, penghasilan terendah yang dilaporkan`, true),
  r('BPU_MAX_INCOME', '2015-07-01', 20_700_000, 'rupiah', `${PP44}, penghasilan tertinggi (JKK sekitar Rp207.000)`, true),
  r('JAKON_WAGE_JKK', '2021-02-01', 17_400, 'ppm', 'Permenaker 5/2021, Jakon dengan upah diketahui: JKK 1,74%'),
  r('JAKON_WAGE_JKM', '2021-02-01', 3_000, 'ppm', 'Permenaker 5/2021, Jakon dengan upah diketahui: JKM 0,30%'),
  r('JAKON_STEP1_UPTO', '2021-02-01', 100_000_000, 'rupiah', 'Permenaker 5/2021, contract slice 1 upper bound'),
  r('JAKON_STEP2_UPTO', '2021-02-01', 500_000_000, 'rupiah', 'Permenaker 5/2021, contract slice 2 upper bound'),
  r('JAKON_STEP3_UPTO', '2021-02-01', 1_000_000_000, 'rupiah', 'Permenaker 5/2021, contract slice 3 upper bound'),
  r('JAKON_STEP4_UPTO', '2021-02-01', 5_000_000_000, 'rupiah', 'Permenaker 5/2021, contract slice 4 upper bound'),
  r('JAKON_STEP1_JKK', '2021-02-01', 2_100, 'ppm', 'Permenaker 5/2021, Rp100 juta pertama'),
  r('JAKON_STEP2_JKK', '2021-02-01', 1_700, 'ppm', 'Permenaker 5/2021, Rp100–500 juta'),
  r('JAKON_STEP3_JKK', '2021-02-01', 1_300, 'ppm', 'Permenaker 5/2021, Rp500 juta–1 miliar'),
  r('JAKON_STEP4_JKK', '2021-02-01', 1_100, 'ppm', 'Permenaker 5/2021, Rp1–5 miliar'),
  r('JAKON_STEP5_JKK', '2021-02-01', 900, 'ppm', 'Permenaker 5/2021, di atas Rp5 miliar'),
  r('JAKON_STEP1_JKM', '2021-02-01', 300, 'ppm', 'Permenaker 5/2021, Rp100 juta pertama'),
  r('JAKON_STEP2_JKM', '2021-02-01', 200, 'ppm', 'Permenaker 5/2021, Rp100–500 juta'),
  r('JAKON_STEP3_JKM', '2021-02-01', 200, 'ppm', 'Permenaker 5/2021, Rp500 juta–1 miliar'),
  r('JAKON_STEP4_JKM', '2021-02-01', 100, 'ppm', 'Permenaker 5/2021, Rp1–5 miliar'),
  r('JAKON_STEP5_JKM', '2021-02-01', 100, 'ppm', 'Permenaker 5/2021, di atas Rp5 miliar'),
  r('PMI_PRE_PLACEMENT', '2023-03-01', 37_500, 'rupiah', 'Permenaker 4/2023 pasal 18, sebelum penempatan'),
  r('PMI_6_MONTHS', '2023-03-01', 108_000, 'rupiah', 'Permenaker 4/2023 pasal 18, selama dan setelah penempatan, 6 bulan'),
  r('PMI_12_MONTHS', '2023-03-01', 189_000, 'rupiah', 'Permenaker 4/2023 pasal 18, 12 bulan'),
  r('PMI_24_MONTHS', '2023-03-01', 332_500, 'rupiah', 'Permenaker 4/2023 pasal 18, 24 bulan'),
  r('PMI_EXTRA_MONTH', '2023-03-01', 13_500, 'rupiah', 'Permenaker 4/2023 pasal 18, tiap bulan tambahan'),
  r('BEN_JKM_LUMP_SUM', '2019-12-02', 20_000_000, 'rupiah', 'PP 82/2019, santunan sekaligus JKM'),
  r('BEN_PERIODIC_MONTHLY', '2019-12-02', 500_000, 'rupiah', 'PP 82/2019, santunan berkala per bulan'),
  r('BEN_PERIODIC_MONTHS', '2019-12-02', 24, 'count', 'PP 82/2019, jumlah bulan santunan berkala (dibayar sekaligus)'),
  r('BEN_FUNERAL', '2019-12-02', 10_000_000, 'rupiah', 'PP 82/2019, biaya pemakaman'),
  r('BEN_SCHOLARSHIP_TOTAL', '2021-02-01', 174_000_000, 'rupiah', 'PP 82/2019, Permenaker 5/2021: beasiswa, maksimal 2 anak'),
  r('BEN_SCHOLARSHIP_PER_CHILD', '2021-02-01', 87_000_000, 'rupiah', 'PP 82/2019, Permenaker 5/2021: beasiswa per anak'),
  r('BEN_SCHOLARSHIP_MIN_MONTHS', '2019-12-02', 36, 'count', 'PP 82/2019: beasiswa JKM setelah iuran minimal 3 tahun'),
  r('BEN_JKK_DEATH_WAGE_MULTIPLE', '2019-12-02', 48, 'count', 'PP 82/2019: santunan kematian JKK 48 × upah sebulan'),
  r('BPU_LAPSE_MONTHS', '2015-07-01', 3, 'count', 'kepesertaan BPU nonaktif setelah 3 bulan menunggak', true),
  r('JAKON_REGISTRATION_WORKING_DAYS', '2021-02-01', 14, 'count', 'Permenaker 5/2021: pendaftaran proyek jasa konstruksi paling lambat 14 hari kerja setelah SPK', true),
];

/** All entries, by key, sorted by effective date. */
export type RateSnapshot = ReadonlyMap<RateKey, readonly RateEntry[]>;

export function snapshotOf(entries: readonly RateEntry[]): RateSnapshot {
  const map = new Map<RateKey, RateEntry[]>();
  for (const e of entries) {
    const list = map.get(e.key) ?? [];
    list.push(e);
    map.set(e.key, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return map;
}

export class RateMissing extends Error {
  constructor(
    public readonly key: RateKey,
    public readonly date: string,
  ) {
    super(`no ${key} in effect on ${date}`);
  }
}

/** The entry in effect on `date`: the latest one whose effective date is not after it. */
export function rateAt(s: RateSnapshot, key: RateKey, date: string): RateEntry {
  const list = s.get(key) ?? [];
  let found: RateEntry | undefined;
  for (const e of list) if (e.effectiveFrom <= date) found = e;
  if (!found) throw new RateMissing(key, date);
  return found;
}

/** base × ppm / 1,000,000 in integer rupiah, rounded half up; BigInt so big contracts stay exact. */
export function ofPpm(base: number, ppm: number): number {
  const n = BigInt(base) * BigInt(ppm);
  return Number((n + 500_000n) / 1_000_000n);
}
