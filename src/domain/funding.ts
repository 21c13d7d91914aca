/**
 * Funding rules without I/O: which region may own which kind of payer, what one funded worker costs
 * a month under a programme's rate basis, bill months and due dates, and the planning arithmetic.
 */
import type { Bilingual } from './bilingual.js';
import { type Calc, type CalcProgram, contribution } from './contribution.js';
import { levelOf, villageKind, type RegionLevel } from './region-code.js';
import { type RateKey, type RateSnapshot, rateAt } from './rates.js';

export const PAYER_TYPES = ['APBD_PROVINSI', 'APBD_KABKOTA', 'DANA_DESA', 'BHP', 'CSR', 'MANDIRI', 'EMPLOYER'] as const;
export type PayerType = (typeof PAYER_TYPES)[number];

/** The segments a programme may pay for month by month (Jakon and PMI are paid per project or period). */
export const FUNDED_SEGMENTS = ['PU', 'BPU'] as const;
export type FundedSegment = (typeof FUNDED_SEGMENTS)[number];

export const PROGRAM_STATUSES = ['active', 'closed'] as const;

/** A bill is paid line by line: none, some or all of its lines. */
export const BILL_STATUSES = ['unpaid', 'partial', 'paid'] as const;

export const PAYER_LABELS: Record<PayerType, string> = {
  APBD_PROVINSI: 'APBD Provinsi',
  APBD_KABKOTA: 'APBD Kabupaten/Kota',
  DANA_DESA: 'Dana Desa',
  BHP: 'BHP',
  CSR: 'CSR',
  MANDIRI: 'Mandiri',
  EMPLOYER: 'Pemberi Kerja',
};

/** The level the owner region must have; undefined: any level (CSR, employer, self-paid…). */
const PAYER_LEVEL: Partial<Record<PayerType, RegionLevel>> = { APBD_PROVINSI: 'province', APBD_KABKOTA: 'regency', DANA_DESA: 'village' };

export function checkPayerRegion(type: PayerType, regionCode: string): Bilingual | undefined {
  const need = PAYER_LEVEL[type];
  if (need && levelOf(regionCode) !== need) {
    const names: Record<RegionLevel, string> = { country: 'nasional', province: 'provinsi', regency: 'kabupaten/kota', district: 'kecamatan', village: 'desa' };
    return { id: `Program ${PAYER_LABELS[type]} harus dimiliki wilayah tingkat ${names[need]}.`, en: `A ${PAYER_LABELS[type]} programme must be owned by a ${need}.` };
  }
  if (type === 'DANA_DESA' && villageKind(regionCode) === 'kelurahan') {
    return { id: 'Dana Desa hanya untuk desa, bukan kelurahan.', en: 'Dana Desa is for a desa, not a kelurahan.' };
  }
  return undefined;
}

export interface RateBasis {
  segment: FundedSegment;
  programs: readonly string[];
  /** declared income (BPU) or wage (PU) */
  income: number;
  riskGroup: number;
}

/** What one worker costs a month under this basis on `date` (the contribution engine's total). */
export function monthlyCost(s: RateSnapshot, b: RateBasis, date: string): Calc<number> {
  const programs = b.programs.filter((p) => ['JKK', 'JKM', 'JHT', 'JP'].includes(p)) as CalcProgram[];
  const r =
    b.segment === 'BPU'
      ? contribution(s, { segment: 'BPU', date, declaredIncome: b.income, programs: programs.filter((p) => p !== 'JP') })
      : contribution(s, { segment: 'PU', date, wage: b.income, riskGroup: b.riskGroup, programs });
  return r.ok ? { ok: true, value: r.value.total } : r;
}

/**
 * The figures a billing run hands to SQL so it can price every line in one statement. The SQL
 * repeats the engine's formulas (integer ppm, half-up rounding); a test proves the two agree.
 */
export interface BillingRates {
  date: string;
  bpuJkk: number;
  bpuJkm: number;
  bpuJht: number;
  puJkk: [number, number, number, number, number];
  puJkm: number;
  puJhtEmployer: number;
  puJhtWorker: number;
  puJpEmployer: number;
  puJpWorker: number;
  puJpCap: number;
}

export function billingRates(s: RateSnapshot, date: string): BillingRates {
  const v = (k: RateKey) => rateAt(s, k, date).value;
  // The JP cap has no value before March 2023; a bill before then simply bills no JP above the wage.
  let cap = Number.MAX_SAFE_INTEGER;
  try {
    cap = v('PU_JP_WAGE_CAP');
  } catch {
    /* no cap in effect */
  }
  return {
    date,
    bpuJkk: v('BPU_JKK'),
    bpuJkm: v('BPU_JKM'),
    bpuJht: v('BPU_JHT'),
    puJkk: [v('PU_JKK_RG1'), v('PU_JKK_RG2'), v('PU_JKK_RG3'), v('PU_JKK_RG4'), v('PU_JKK_RG5')],
    puJkm: v('PU_JKM'),
    puJhtEmployer: v('PU_JHT_EMPLOYER'),
    puJhtWorker: v('PU_JHT_WORKER'),
    puJpEmployer: v('PU_JP_EMPLOYER'),
    puJpWorker: v('PU_JP_WORKER'),
    puJpCap: cap,
  };
}

// ——— months ———

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_RE.test(text);
}

/** '2025-06' → '2025-06-01' */
export const monthStart = (month: string) => `${month}-01`;

export function addMonths(monthStartDate: string, n: number): string {
  const [y, m] = monthStartDate.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Due by the 15th of the following month; a 15th on a Saturday or Sunday moves to Monday.
 * (National holidays are not modelled: the due date is then one working day early.)
 */
export function dueDate(monthStartDate: string): string {
  const next = addMonths(monthStartDate, 1);
  const d = new Date(`${next.slice(0, 8)}15T00:00:00Z`);
  const dow = d.getUTCDay();
  if (dow === 6) d.setUTCDate(17);
  if (dow === 0) d.setUTCDate(16);
  return d.toISOString().slice(0, 10);
}

/** Months from `from` (a month start) to `to` inclusive; 0 when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) + 1);
}

// ——— budget ———

export interface CapacityCheck {
  overQuota: boolean;
  overBudget: boolean;
  message?: Bilingual;
}

/**
 * Would `extra` more workers go over the programme's quota or budget? Committed money is what was
 * billed this year plus every enrolled (and new) worker for the months still to bill.
 */
export function capacity(f: { budget: number; quota: number; enrolled: number; billedThisYear: number; monthlyCost: number; remainingMonths: number }, extra: number, fmt = (n: number) => `Rp${n.toLocaleString('id-ID')}`): CapacityCheck {
  const workers = f.enrolled + extra;
  const overQuota = workers > f.quota;
  const need = f.billedThisYear + workers * f.monthlyCost * f.remainingMonths;
  const overBudget = need > f.budget;
  if (!overQuota && !overBudget) return { overQuota, overBudget };
  const parts: Bilingual[] = [];
  if (overQuota) parts.push({ id: `kuota ${f.quota.toLocaleString('id-ID')} pekerja terlampaui (menjadi ${workers.toLocaleString('id-ID')})`, en: `the quota of ${f.quota} workers is exceeded (${workers})` });
  if (overBudget) parts.push({ id: `anggaran ${fmt(f.budget)} terlampaui (kebutuhan ${fmt(need)})`, en: `the budget of ${fmt(f.budget)} is exceeded (needs ${fmt(need)})` });
  return {
    overQuota,
    overBudget,
    message: {
      id: `Program ini: ${parts.map((p) => p.id).join('; ')}. Minta pengguna yang berwenang untuk mengonfirmasi.`,
      en: `This programme: ${parts.map((p) => p.en).join('; ')}. Ask a user with the right role to confirm.`,
    },
  };
}

// ——— planning ———

export interface PlanInput {
  targetPercent: number;
  /** the employed population (coverage denominator), from coverage data or stated by the user */
  employedPopulation: number;
  /** active participants now */
  activeParticipants: number;
  /** months the new workers are paid for in a year (12 for a full year) */
  months: number;
  /** programme mix: share of the new workers under each rate basis (shares sum to 1) */
  mix: { label: string; share: number; monthlyCost: number }[];
  /** how the cost is split across payer types (shares sum to 1) */
  payers: { payerType: PayerType; share: number }[];
}

export interface PlanResult {
  targetParticipants: number;
  workersNeeded: number;
  monthlyCost: number;
  annualCost: number;
  byMix: { label: string; workers: number; monthlyCost: number; annualCost: number }[];
  byPayer: { payerType: PayerType; monthlyCost: number; annualCost: number }[];
}

/** Largest-remainder split of an integer total by shares, so the parts add up exactly. */
export function splitByShares(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0) || 1;
  const raw = shares.map((s) => (total * s) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

export function plan(p: PlanInput): PlanResult {
  const targetParticipants = Math.ceil((p.employedPopulation * p.targetPercent) / 100);
  const workersNeeded = Math.max(0, targetParticipants - p.activeParticipants);
  const workers = splitByShares(workersNeeded, p.mix.map((m) => m.share));
  const byMix = p.mix.map((m, i) => ({ label: m.label, workers: workers[i]!, monthlyCost: workers[i]! * m.monthlyCost, annualCost: workers[i]! * m.monthlyCost * p.months }));
  const monthlyCost = byMix.reduce((a, m) => a + m.monthlyCost, 0);
  const annualCost = monthlyCost * p.months;
  const monthly = splitByShares(monthlyCost, p.payers.map((x) => x.share));
  const annual = splitByShares(annualCost, p.payers.map((x) => x.share));
  return {
    targetParticipants,
    workersNeeded,
    monthlyCost,
    annualCost,
    byMix,
    byPayer: p.payers.map((x, i) => ({ payerType: x.payerType, monthlyCost: monthly[i]!, annualCost: annual[i]! })),
  };
}
