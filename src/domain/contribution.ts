/**
 * Monthly contributions (iuran) and death benefits, in integer rupiah, from a RateSnapshot and a date.
 * Pure: the caller loads the snapshot. Rules and sources: DOMAIN.md "Contributions" and "Benefits".
 */
import type { Bilingual } from './bilingual.js';
import { ofPpm, RateMissing, type RateEntry, type RateKey, type RateSnapshot, rateAt } from './rates.js';

export type CalcProgram = 'JKK' | 'JKM' | 'JHT' | 'JP';

export interface ContributionLine {
  program: string;
  employer: number;
  worker: number;
  amount: number;
  /** the legal basis of each figure used */
  basis: string[];
  note?: string;
}

export interface ContributionResult {
  total: number;
  lines: ContributionLine[];
  /** PU daily workers: the days the daily wage was multiplied by (PU_DAILY_WAGE_DAYS on the date) */
  dailyWageDays?: number;
}

export type ContributionInput =
  | { segment: 'PU'; date: string; wage: number; riskGroup: number; programs: CalcProgram[]; /** wage is a daily wage (× PU_DAILY_WAGE_DAYS) */ daily?: boolean }
  | { segment: 'BPU'; date: string; declaredIncome: number; programs: CalcProgram[] }
  | { segment: 'JAKON'; date: string; contractValue?: number; wage?: number }
  | { segment: 'PMI'; date: string; months: number; prePlacement?: boolean };

export interface CalcProblem {
  field: string;
  code: string;
  message: Bilingual;
}

export type Calc<T> = { ok: true; value: T } | { ok: false; problems: CalcProblem[] };

const problem = (field: string, code: string, id: string, en: string): CalcProblem => ({ field, code, message: { id, en } });
const fail = <T>(...problems: CalcProblem[]): Calc<T> => ({ ok: false, problems });
const rp = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

/** Runs `f`, turning a missing rate into a problem the API reports as 422. */
function withRates<T>(f: () => Calc<T>): Calc<T> {
  try {
    return f();
  } catch (e) {
    if (e instanceof RateMissing) {
      return fail(problem('date', 'RATE_NOT_CONFIGURED', `Belum ada tarif ${e.key} yang berlaku pada ${e.date}.`, `No ${e.key} rate is in effect on ${e.date}.`));
    }
    throw e;
  }
}

const line = (program: string, employer: number, worker: number, basis: RateEntry[], note?: string): ContributionLine => ({
  program,
  employer,
  worker,
  amount: employer + worker,
  basis: [...new Set(basis.map((b) => b.legalBasis))],
  ...(note ? { note } : {}),
});

const total = (lines: ContributionLine[]): ContributionResult => ({ total: lines.reduce((s, l) => s + l.amount, 0), lines });

export function contribution(s: RateSnapshot, input: ContributionInput): Calc<ContributionResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) return fail(problem('date', 'DATE_INVALID', 'Tanggal harus YYYY-MM-DD.', 'Date must be YYYY-MM-DD.'));
  return withRates(() => {
    switch (input.segment) {
      case 'PU':
        return pu(s, input);
      case 'BPU':
        return bpu(s, input);
      case 'JAKON':
        return jakon(s, input);
      case 'PMI':
        return pmi(s, input);
    }
  });
}

function checkPrograms(programs: CalcProgram[], allowed: CalcProgram[], segment: string): CalcProblem[] {
  const out: CalcProblem[] = [];
  for (const p of ['JKK', 'JKM'] as const) {
    if (!programs.includes(p)) out.push(problem('programs', 'PROGRAM_REQUIRED', `${p} wajib untuk setiap peserta ${segment}.`, `${p} is mandatory for every ${segment} participant.`));
  }
  for (const p of programs) {
    if (!allowed.includes(p)) out.push(problem('programs', 'PROGRAM_NOT_ALLOWED', `Program ${p} tidak tersedia untuk segmen ${segment}.`, `Programme ${p} is not available to segment ${segment}.`));
  }
  return out;
}

function pu(s: RateSnapshot, i: Extract<ContributionInput, { segment: 'PU' }>): Calc<ContributionResult> {
  const problems = checkPrograms(i.programs, ['JKK', 'JKM', 'JHT', 'JP'], 'PU');
  if (!Number.isSafeInteger(i.wage) || i.wage <= 0) problems.push(problem('wage', 'WAGE_INVALID', 'Upah harus bilangan bulat rupiah lebih dari 0.', 'Wage must be a whole number of rupiah above 0.'));
  if (!Number.isInteger(i.riskGroup) || i.riskGroup < 1 || i.riskGroup > 5) {
    problems.push(problem('riskGroup', 'RISK_GROUP_INVALID', 'Kelompok risiko harus 1 sampai 5.', 'Risk group must be 1 to 5.'));
  }
  if (problems.length) return fail(...problems);
  const at = (k: RateKey) => rateAt(s, k, i.date);
  const lines: ContributionLine[] = [];
  if (i.daily) {
    // daily workers: the monthly wage base is the daily wage × 25 (DOMAIN.md, unconfirmed)
    const days = at('PU_DAILY_WAGE_DAYS');
    const monthly = pu(s, { ...i, daily: false, wage: i.wage * days.value });
    return monthly.ok ? { ok: true, value: { ...monthly.value, dailyWageDays: days.value } } : monthly;
  }
  const jkk = at(`PU_JKK_RG${i.riskGroup}` as RateKey);
  lines.push(line('JKK', ofPpm(i.wage, jkk.value), 0, [jkk]));
  const jkm = at('PU_JKM');
  lines.push(line('JKM', ofPpm(i.wage, jkm.value), 0, [jkm]));
  if (i.programs.includes('JHT')) {
    const [e, w] = [at('PU_JHT_EMPLOYER'), at('PU_JHT_WORKER')];
    lines.push(line('JHT', ofPpm(i.wage, e.value), ofPpm(i.wage, w.value), [e, w]));
  }
  if (i.programs.includes('JP')) {
    const [e, w, cap] = [at('PU_JP_EMPLOYER'), at('PU_JP_WORKER'), at('PU_JP_WAGE_CAP')];
    const base = Math.min(i.wage, cap.value);
    lines.push(line('JP', ofPpm(base, e.value), ofPpm(base, w.value), [e, w, cap], base < i.wage ? `upah dibatasi ${rp(cap.value)}` : undefined));
  }
  return { ok: true, value: total(lines) };
}

function bpu(s: RateSnapshot, i: Extract<ContributionInput, { segment: 'BPU' }>): Calc<ContributionResult> {
  const problems = checkPrograms(i.programs, ['JKK', 'JKM', 'JHT'], 'BPU');
  const [min, max] = [rateAt(s, 'BPU_MIN_INCOME', i.date), rateAt(s, 'BPU_MAX_INCOME', i.date)];
  if (!Number.isSafeInteger(i.declaredIncome) || i.declaredIncome < min.value || i.declaredIncome > max.value) {
    problems.push(
      problem(
        'declaredIncome',
        'DECLARED_INCOME_OUT_OF_RANGE',
        `Penghasilan yang dilaporkan harus antara ${rp(min.value)} dan ${rp(max.value)}.`,
        `Declared income must be between ${rp(min.value)} and ${rp(max.value)}.`,
      ),
    );
  }
  if (problems.length) return fail(...problems);
  const at = (k: RateKey) => rateAt(s, k, i.date);
  const jkk = at('BPU_JKK');
  const jkm = at('BPU_JKM');
  const lines = [line('JKK', 0, ofPpm(i.declaredIncome, jkk.value), [jkk]), line('JKM', 0, jkm.value, [jkm])];
  if (i.programs.includes('JHT')) {
    const jht = at('BPU_JHT');
    lines.push(line('JHT', 0, ofPpm(i.declaredIncome, jht.value), [jht]));
  }
  return { ok: true, value: total(lines) };
}

/** Marginal rates on the contract value: each slice at its own rate (like income tax brackets). */
export function jakonStepped(s: RateSnapshot, date: string, contractValue: number): { jkk: number; jkm: number; basis: RateEntry[] } {
  const bounds = ([1, 2, 3, 4] as const).map((n) => rateAt(s, `JAKON_STEP${n}_UPTO`, date));
  const jkkRates = ([1, 2, 3, 4, 5] as const).map((n) => rateAt(s, `JAKON_STEP${n}_JKK`, date));
  const jkmRates = ([1, 2, 3, 4, 5] as const).map((n) => rateAt(s, `JAKON_STEP${n}_JKM`, date));
  // Sum slice × ppm exactly, then round once: slice-by-slice rounding would drift on big contracts.
  let jkk = 0n;
  let jkm = 0n;
  let lower = 0;
  for (let k = 0; k < 5; k++) {
    const upper = k < 4 ? bounds[k]!.value : Infinity;
    const slice = Math.max(0, Math.min(contractValue, upper) - lower);
    jkk += BigInt(slice) * BigInt(jkkRates[k]!.value);
    jkm += BigInt(slice) * BigInt(jkmRates[k]!.value);
    lower = upper;
  }
  const round = (n: bigint) => Number((n + 500_000n) / 1_000_000n);
  return { jkk: round(jkk), jkm: round(jkm), basis: [...bounds, ...jkkRates, ...jkmRates] };
}

function jakon(s: RateSnapshot, i: Extract<ContributionInput, { segment: 'JAKON' }>): Calc<ContributionResult> {
  const has = (n: number | undefined) => n !== undefined;
  if (has(i.contractValue) === has(i.wage)) {
    return fail(
      problem('contractValue', 'JAKON_BASIS_REQUIRED', 'Isi salah satu: nilai kontrak (contractValue) atau upah (wage).', 'Give exactly one of contractValue or wage.'),
    );
  }
  if (i.wage !== undefined) {
    if (!Number.isSafeInteger(i.wage) || i.wage <= 0) return fail(problem('wage', 'WAGE_INVALID', 'Upah harus lebih dari 0.', 'Wage must be above 0.'));
    const [jkk, jkm] = [rateAt(s, 'JAKON_WAGE_JKK', i.date), rateAt(s, 'JAKON_WAGE_JKM', i.date)];
    return { ok: true, value: total([line('JKK', ofPpm(i.wage, jkk.value), 0, [jkk]), line('JKM', ofPpm(i.wage, jkm.value), 0, [jkm])]) };
  }
  const v = i.contractValue!;
  if (!Number.isSafeInteger(v) || v <= 0) {
    return fail(problem('contractValue', 'CONTRACT_VALUE_INVALID', 'Nilai kontrak harus bilangan bulat rupiah lebih dari 0.', 'Contract value must be a whole number of rupiah above 0.'));
  }
  const r = jakonStepped(s, i.date, v);
  const basis = [...new Set(r.basis.map((b) => b.legalBasis.split(',')[0]!))];
  return {
    ok: true,
    value: total([
      { program: 'JKK', employer: r.jkk, worker: 0, amount: r.jkk, basis, note: 'tarif bertingkat atas nilai kontrak (sebelum PPN), sekali per proyek' },
      { program: 'JKM', employer: r.jkm, worker: 0, amount: r.jkm, basis, note: 'tarif bertingkat atas nilai kontrak (sebelum PPN), sekali per proyek' },
    ]),
  };
}

/**
 * PMI: the longest package that fits (6, 12 or 24 months) plus each extra month; optionally the
 * pre-placement amount. Months 0 with prePlacement is the pre-placement amount alone.
 */
function pmi(s: RateSnapshot, i: Extract<ContributionInput, { segment: 'PMI' }>): Calc<ContributionResult> {
  if (!Number.isInteger(i.months) || i.months < 0 || i.months > 120 || (i.months > 0 && i.months < 6) || (i.months === 0 && !i.prePlacement)) {
    return fail(problem('months', 'PMI_MONTHS_INVALID', 'Masa penempatan harus 6 sampai 120 bulan (atau 0 dengan prePlacement).', 'Placement must be 6 to 120 months (or 0 with prePlacement).'));
  }
  const at = (k: RateKey) => rateAt(s, k, i.date);
  const lines: ContributionLine[] = [];
  if (i.prePlacement) {
    const pre = at('PMI_PRE_PLACEMENT');
    lines.push(line('JKK+JKM', 0, pre.value, [pre], 'sebelum penempatan'));
  }
  if (i.months > 0) {
    const pkg = i.months >= 24 ? at('PMI_24_MONTHS') : i.months >= 12 ? at('PMI_12_MONTHS') : at('PMI_6_MONTHS');
    const pkgMonths = i.months >= 24 ? 24 : i.months >= 12 ? 12 : 6;
    const extra = at('PMI_EXTRA_MONTH');
    const extraMonths = i.months - pkgMonths;
    lines.push(
      line('JKK+JKM', 0, pkg.value + extraMonths * extra.value, extraMonths ? [pkg, extra] : [pkg], `selama dan setelah penempatan, ${pkgMonths} bulan${extraMonths ? ` + ${extraMonths} bulan tambahan` : ''}`),
    );
  }
  return { ok: true, value: total(lines) };
}

// ——— Benefits ———

export interface BenefitPart {
  name: 'LUMP_SUM' | 'DEATH_COMPENSATION' | 'PERIODIC' | 'FUNERAL' | 'SCHOLARSHIP';
  amount: number;
  /** the scholarship is conditional and paid yearly: reported beside, not inside, the total */
  conditional?: boolean;
  eligible?: boolean;
  condition?: Bilingual;
  basis: string;
}

export interface BenefitResult {
  total: number;
  parts: BenefitPart[];
}

export const BENEFIT_TYPES = ['JKM', 'JKK_DEATH'] as const;

export type BenefitInput = { type: 'JKM'; date: string; contributionMonths: number } | { type: 'JKK_DEATH'; date: string; wage: number };

export function benefit(s: RateSnapshot, input: BenefitInput): Calc<BenefitResult> {
  return withRates(() => {
    const at = (k: RateKey) => rateAt(s, k, input.date);
    const [lump, monthly, months, funeral, schol, perChild] = [
      at('BEN_JKM_LUMP_SUM'),
      at('BEN_PERIODIC_MONTHLY'),
      at('BEN_PERIODIC_MONTHS'),
      at('BEN_FUNERAL'),
      at('BEN_SCHOLARSHIP_TOTAL'),
      at('BEN_SCHOLARSHIP_PER_CHILD'),
    ];
    const periodic: BenefitPart = { name: 'PERIODIC', amount: monthly.value * months.value, basis: monthly.legalBasis };
    const funeralPart: BenefitPart = { name: 'FUNERAL', amount: funeral.value, basis: funeral.legalBasis };
    const children = `maksimal 2 anak, ${rp(perChild.value)} per anak, dibayar per tahun sesuai jenjang (TK, SD, SMP, SMA, kuliah/pelatihan)`;
    const childrenEn = `up to 2 children, ${rp(perChild.value)} per child, paid yearly by school level (TK, SD, SMP, SMA, university/training)`;
    let parts: BenefitPart[];
    if (input.type === 'JKM') {
      if (!Number.isInteger(input.contributionMonths) || input.contributionMonths < 0 || input.contributionMonths > 1200) {
        return fail(problem('contributionMonths', 'CONTRIBUTION_MONTHS_INVALID', 'Masa iuran harus bilangan bulat bulan, 0 atau lebih.', 'Contribution months must be a whole number, 0 or more.'));
      }
      const minMonths = at('BEN_SCHOLARSHIP_MIN_MONTHS');
      const eligible = input.contributionMonths >= minMonths.value;
      parts = [
        { name: 'LUMP_SUM', amount: lump.value, basis: lump.legalBasis },
        periodic,
        funeralPart,
        {
          name: 'SCHOLARSHIP',
          amount: eligible ? schol.value : 0,
          conditional: true,
          eligible,
          condition: {
            id: `Hanya jika masa iuran minimal ${minMonths.value} bulan (${minMonths.value / 12} tahun); ${children}.`,
            en: `Only after at least ${minMonths.value} contribution months (${minMonths.value / 12} years); ${childrenEn}.`,
          },
          basis: schol.legalBasis,
        },
      ];
    } else {
      if (!Number.isSafeInteger(input.wage) || input.wage <= 0) return fail(problem('wage', 'WAGE_INVALID', 'Upah harus lebih dari 0.', 'Wage must be above 0.'));
      const mult = at('BEN_JKK_DEATH_WAGE_MULTIPLE');
      // Never less than the JKM lump sum (DOMAIN.md "JKK death").
      const comp = Math.max(mult.value * input.wage, lump.value);
      parts = [
        { name: 'DEATH_COMPENSATION', amount: comp, basis: `${mult.legalBasis}; minimal ${rp(lump.value)}` },
        funeralPart,
        periodic,
        {
          name: 'SCHOLARSHIP',
          amount: schol.value,
          conditional: true,
          eligible: true,
          condition: { id: `Untuk anak peserta yang meninggal karena kecelakaan kerja; ${children}.`, en: `For the children of a participant who died in a work accident; ${childrenEn}.` },
          basis: schol.legalBasis,
        },
      ];
    }
    return { ok: true, value: { total: parts.filter((p) => !p.conditional).reduce((a, p) => a + p.amount, 0), parts } };
  });
}
