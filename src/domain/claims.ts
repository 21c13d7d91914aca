/**
 * Claims and benefits (issue 17; DOMAIN.md "Benefits" and "Claims"). Pure: the service loads the person's
 * enrolments with their month-by-month cover and the rate snapshot, and asks these rules.
 *
 *   reported → documents_complete → submitted → verified → paid
 *   submitted / verified → rejected (with a reason); every step but `closed` → closed
 */
import type { Bilingual } from './bilingual.js';
import { benefit, type BenefitPart, type Calc } from './contribution.js';
import { hasLapsed } from './lapse.js';
import { rateAt, type RateSnapshot } from './rates.js';
import { addDays } from './wib.js';

export const CLAIM_TYPES = ['JKM', 'JKK_DEATH', 'JKK_INJURY'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const CLAIM_TYPE_LABELS: Record<ClaimType, Bilingual> = {
  JKM: { id: 'JKM — meninggal bukan karena kecelakaan kerja', en: 'JKM — death not caused by work' },
  JKK_DEATH: { id: 'JKK — meninggal karena kecelakaan kerja', en: 'JKK — death from a work accident' },
  JKK_INJURY: { id: 'JKK — kecelakaan kerja / penyakit akibat kerja', en: 'JKK — work injury or occupational illness' },
};

/** A death ends the person's enrolments and stops re-enrolment (the registry consequences). */
export const isDeath = (t: ClaimType) => t === 'JKM' || t === 'JKK_DEATH';
/** The programme a claim type is paid from. */
export const programOf = (t: ClaimType): 'JKM' | 'JKK' => (t === 'JKM' ? 'JKM' : 'JKK');

// ——— Workflow ———

export const CLAIM_STEPS = ['reported', 'documents_complete', 'submitted', 'verified', 'paid', 'rejected', 'closed'] as const;
export type ClaimStep = (typeof CLAIM_STEPS)[number];

const NEXT: Record<ClaimStep, readonly ClaimStep[]> = {
  reported: ['documents_complete', 'closed'],
  documents_complete: ['submitted', 'closed'],
  submitted: ['verified', 'rejected', 'closed'],
  verified: ['paid', 'rejected', 'closed'],
  paid: ['closed'],
  rejected: ['closed'],
  closed: [],
};

export const CLAIM_STEP_LABELS: Record<ClaimStep, Bilingual> = {
  reported: { id: 'Dilaporkan', en: 'Reported' },
  documents_complete: { id: 'Dokumen lengkap', en: 'Documents complete' },
  submitted: { id: 'Diajukan ke BPJS TK', en: 'Submitted to BPJS TK' },
  verified: { id: 'Diverifikasi BPJS TK', en: 'Verified by BPJS TK' },
  paid: { id: 'Dibayar', en: 'Paid' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

export const allowedClaimNext = (from: ClaimStep): readonly ClaimStep[] => NEXT[from];
export const isClaimFinal = (s: ClaimStep) => NEXT[s].length === 0;
/** Steps at which nothing is waited for any more (not counted as overdue). */
export const SETTLED_STEPS: readonly ClaimStep[] = ['paid', 'rejected', 'closed'];

export type ClaimTransitionCheck = { ok: true } | { ok: false; allowed: readonly ClaimStep[]; message: Bilingual };

export function checkClaimTransition(from: ClaimStep, to: ClaimStep): ClaimTransitionCheck {
  if (NEXT[from].includes(to)) return { ok: true };
  const allowed = NEXT[from];
  const names = (lang: 'id' | 'en') => allowed.map((s) => CLAIM_STEP_LABELS[s][lang]).join(', ');
  return {
    ok: false,
    allowed,
    message: allowed.length
      ? {
          id: `Dari tahap "${CLAIM_STEP_LABELS[from].id}" tidak bisa ke "${CLAIM_STEP_LABELS[to].id}". Langkah yang boleh: ${names('id')}.`,
          en: `A claim at "${CLAIM_STEP_LABELS[from].en}" cannot move to "${CLAIM_STEP_LABELS[to].en}". Allowed next steps: ${names('en')}.`,
        }
      : { id: 'Klaim sudah ditutup; tidak ada langkah berikutnya.', en: 'The claim is closed; there is no next step.' },
  };
}

/**
 * Working targets (calendar days) for each waiting step — not legal limits: the heirs assemble the
 * file, the village sends it, BPJS TK decides and pays ("typically within days of a complete file").
 */
export const CLAIM_STEP_TARGET_DAYS: Record<ClaimStep, number | null> = {
  reported: 14,
  documents_complete: 7,
  submitted: 14,
  verified: 7,
  paid: null,
  rejected: null,
  closed: null,
};

/** A claim is overdue when its current step has waited longer than its target. */
export function claimOverdue(step: ClaimStep, stepDate: string, today: string): boolean {
  const days = CLAIM_STEP_TARGET_DAYS[step];
  return days !== null && addDays(stepDate, days) < today;
}

/**
 * A JKK case must be first reported within 2 × 24 hours of the accident (DOMAIN.md "Claims", stage I).
 * Only the dates are known, so a case is flagged when the report is certainly late: on the third day
 * after the incident or later (reported on day +2 may still be inside the 48 hours).
 */
export function lateReport(type: ClaimType, incidentDate: string, reportedOn: string): boolean {
  return type !== 'JKM' && reportedOn > addDays(incidentDate, 2);
}

// ——— Document checklist ———

export interface ChecklistItem {
  code: string;
  label: Bilingual;
  /** needed before the file is complete; optional items are ticked when they apply */
  required: boolean;
}

const item = (code: string, id: string, en: string, required = true): ChecklistItem => ({ code, label: { id, en }, required });

const DEATH_DOCS: ChecklistItem[] = [
  item('KPJ_CARD', 'Kartu peserta atau nomor KPJ', 'Membership card or KPJ number'),
  item('KTP_WORKER', 'e-KTP peserta yang meninggal', 'e-KTP of the deceased'),
  item('KTP_HEIRS', 'e-KTP ahli waris', 'e-KTP of the heirs'),
  item('DEATH_CERTIFICATE', 'Akta kematian (Dukcapil)', 'Death certificate (Dukcapil)'),
  item('FAMILY_CARD', 'Kartu Keluarga (KK)', 'Family card (KK)'),
  item('HEIR_STATEMENT', 'Surat keterangan ahli waris (diketahui kepala desa/lurah dan camat)', 'Heir statement (signed by the village head and camat)'),
  item('BANK_BOOK', 'Buku tabungan ahli waris', 'Bank book of the heir'),
  item('MARRIAGE_BOOK', 'Buku nikah (bila ahli waris pasangan)', 'Marriage book (when the heir is the spouse)', false),
];

const JKK_DOCS: ChecklistItem[] = [
  item('ACCIDENT_REPORT', 'Laporan kecelakaan kerja tahap I (2 × 24 jam)', 'Work-accident report, stage I (2 × 24 hours)'),
  item('DOCTOR_FORM', 'Surat keterangan dokter (formulir tahap II)', "Doctor's statement (stage II form)"),
  item('WITNESS_KTP', 'e-KTP saksi', "Witnesses' e-KTP"),
  item('POLICE_REPORT', 'Laporan polisi (kecelakaan lalu lintas)', 'Police report (traffic accident)', false),
  item('RECEIPTS', 'Kuitansi biaya pengobatan/transport', 'Receipts for treatment and transport', false),
];

/** The checklist of a type; the police report is required for a traffic accident. */
export function checklistFor(type: ClaimType, trafficAccident = false): ChecklistItem[] {
  const jkk = JKK_DOCS.map((d) => (d.code === 'POLICE_REPORT' && trafficAccident ? { ...d, required: true } : d));
  if (type === 'JKM') return DEATH_DOCS;
  if (type === 'JKK_DEATH') return [...DEATH_DOCS, ...jkk];
  return [item('KPJ_CARD', 'Kartu peserta atau nomor KPJ', 'Membership card or KPJ number'), item('KTP_WORKER', 'e-KTP peserta', 'e-KTP of the participant'), ...jkk];
}

/** The required items without a file; empty when the file is complete. */
export function missingDocuments(type: ClaimType, trafficAccident: boolean, uploaded: ReadonlySet<string>): ChecklistItem[] {
  return checklistFor(type, trafficAccident).filter((d) => d.required && !uploaded.has(d.code));
}

// ——— Eligibility on the incident date ———

export interface CoverEnrolment {
  id: number;
  programs: readonly string[];
  status: 'submitted' | 'registered' | 'active' | 'lapsed' | 'ended';
  segment: string;
  startDate: string;
  endDate: string | null;
  /** protection ran at some point: the status is or was `active` (status history) */
  everActive: boolean;
  /** the day a `lapsed` enrolment lapsed (its last lapse in the status history), null otherwise */
  lapsedOn: string | null;
  /** due dates of its billed months still unpaid (funded enrolments); the lapse rule counts those due before the date */
  unpaidDueDates: readonly string[];
  /** the first days (YYYY-MM-01) of its billed and paid months; null when it is not billed here (self-paid) */
  paidMonths: readonly string[] | null;
}

export const INELIGIBLE_REASONS = ['NOT_ENROLLED', 'NOT_STARTED', 'NOT_ACTIVE', 'LAPSED', 'ENDED'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

export type Eligibility =
  | { eligible: true; enrolmentId: number; contributionMonths: number; reason: null; message: null }
  | { eligible: false; enrolmentId: number | null; contributionMonths: number; reason: IneligibleReason; message: Bilingual };

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** Whole months of contributions up to the incident: paid months billed here, else calendar months since the start. */
export function contributionMonths(enrolments: readonly CoverEnrolment[], incidentDate: string): number {
  const month = `${incidentDate.slice(0, 7)}-01`;
  let n = 0;
  for (const e of enrolments) {
    if (!e.everActive || e.startDate > incidentDate) continue;
    if (e.paidMonths) {
      n += e.paidMonths.filter((m) => m <= month).length;
    } else {
      const until = e.endDate && e.endDate < incidentDate ? e.endDate : incidentDate;
      const [y1, m1] = e.startDate.split('-').map(Number);
      const [y2, m2] = until.split('-').map(Number);
      n += Math.max(0, (y2! - y1!) * 12 + (m2! - m1!) + 1);
    }
  }
  return n;
}

/** Why one enrolment did not cover the programme on the date; null when it did. */
function whyNot(e: CoverEnrolment, date: string, lapseMonths: number): { reason: IneligibleReason; message: Bilingual } | null {
  if (e.startDate > date) {
    return {
      reason: 'NOT_STARTED',
      message: { id: `Kepesertaan baru mulai ${dmy(e.startDate)}, setelah kejadian (${dmy(date)}).`, en: `The enrolment starts on ${dmy(e.startDate)}, after the incident (${dmy(date)}).` },
    };
  }
  if (!e.everActive) {
    return {
      reason: 'NOT_ACTIVE',
      message: { id: 'Kepesertaan belum pernah aktif (masih diajukan/terdaftar tanpa perlindungan berjalan).', en: 'The enrolment was never active (still submitted or registered, no protection running).' },
    };
  }
  if (e.endDate !== null && e.endDate < date) {
    return { reason: 'ENDED', message: { id: `Kepesertaan berakhir ${dmy(e.endDate)}, sebelum kejadian (${dmy(date)}).`, en: `The enrolment ended on ${dmy(e.endDate)}, before the incident (${dmy(date)}).` } };
  }
  const lapsedByBills = e.segment === 'BPU' && hasLapsed(e.unpaidDueDates, lapseMonths, date);
  const lapsedByStatus = e.status === 'lapsed' && e.lapsedOn !== null && e.lapsedOn <= date;
  if (lapsedByBills || lapsedByStatus) {
    const since = lapsedByBills ? addDays([...e.unpaidDueDates].sort()[lapseMonths - 1]!, 1) : e.lapsedOn!;
    return {
      reason: 'LAPSED',
      message: {
        id: `Kepesertaan nonaktif sejak ${dmy(since)}: ${lapseMonths} bulan iuran tidak dibayar sebelum kejadian (${dmy(date)}).`,
        en: `The enrolment lapsed on ${dmy(since)}: ${lapseMonths} months unpaid before the incident (${dmy(date)}).`,
      },
    };
  }
  return null;
}

/**
 * Was an enrolment covering the claim's programme active on the incident date? No waiting period for the
 * cash benefits (DOMAIN.md): protection holds from the first covered day; a BPU enrolment lapses after
 * `lapseMonths` unpaid months (src/domain/lapse.ts). With several enrolments, the one that covered wins;
 * otherwise the reason is the closest one's (the latest that started before the date, else the earliest).
 */
export function eligibility(type: ClaimType, incidentDate: string, enrolments: readonly CoverEnrolment[], lapseMonths: number): Eligibility {
  const program = programOf(type);
  const relevant = enrolments.filter((e) => e.programs.includes(program));
  const months = contributionMonths(relevant, incidentDate);
  if (relevant.length === 0) {
    return {
      eligible: false,
      enrolmentId: null,
      contributionMonths: 0,
      reason: 'NOT_ENROLLED',
      message: { id: `Tidak ada kepesertaan ${program} untuk orang ini.`, en: `This person has no ${program} enrolment.` },
    };
  }
  const verdicts = relevant.map((e) => ({ e, why: whyNot(e, incidentDate, lapseMonths) }));
  const covering = verdicts.find((v) => v.why === null);
  if (covering) return { eligible: true, enrolmentId: covering.e.id, contributionMonths: months, reason: null, message: null };
  const started = verdicts.filter((v) => v.e.startDate <= incidentDate).sort((a, b) => (a.e.startDate < b.e.startDate ? 1 : -1));
  const closest = started[0] ?? [...verdicts].sort((a, b) => (a.e.startDate < b.e.startDate ? -1 : 1))[0]!;
  return { eligible: false, enrolmentId: closest.e.id, contributionMonths: months, reason: closest.why!.reason, message: closest.why!.message };
}

// ——— Benefit estimate ———

export type EstimatePartName = BenefitPart['name'] | 'MEDICAL_CARE' | 'STMB_FIRST_12_MONTHS' | 'STMB_AFTER_12_MONTHS';

export interface EstimatePart {
  name: EstimatePartName;
  amount: number;
  basis: string;
  /** paid only when a condition holds (scholarship) or as the need arises (care, STMB): beside, not inside, the total */
  conditional?: boolean;
  eligible?: boolean;
  condition?: Bilingual;
}

export interface Estimate {
  total: number;
  parts: EstimatePart[];
  /** the monthly wage or declared income the estimate used */
  wage: number;
}

export const PART_LABELS: Record<EstimatePartName, Bilingual> = {
  LUMP_SUM: { id: 'Santunan sekaligus', en: 'Lump sum' },
  DEATH_COMPENSATION: { id: 'Santunan kematian (48 × upah)', en: 'Death compensation (48 × wage)' },
  PERIODIC: { id: 'Santunan berkala (24 bulan, dibayar sekaligus)', en: 'Periodic benefit (24 months, paid at once)' },
  FUNERAL: { id: 'Biaya pemakaman', en: 'Funeral costs' },
  SCHOLARSHIP: { id: 'Beasiswa anak', en: "Children's scholarship" },
  MEDICAL_CARE: { id: 'Perawatan dan pengobatan', en: 'Medical care' },
  STMB_FIRST_12_MONTHS: { id: 'STMB 12 bulan pertama (100% upah)', en: 'Temporary incapacity, first 12 months (100% of wage)' },
  STMB_AFTER_12_MONTHS: { id: 'STMB setelah 12 bulan (50% upah, per bulan)', en: 'Temporary incapacity after 12 months (50% of wage, per month)' },
};

/** JKK care and STMB are not date-effective amounts in rate_config; their basis is PP 44/2015 as amended by PP 82/2019. */
const JKK_INJURY_BASIS = 'PP 44/2015 jo. PP 82/2019, Lampiran III (manfaat JKK)';

/**
 * The benefit as the existing engine computes it (src/domain/contribution.ts `benefit`) on the rates in
 * force on the incident date: JKM 42 million plus the scholarship after ≥ 36 contribution months; JKK death
 * 48 × wage (at least the JKM lump sum) + funeral + periodic + scholarship; JKK injury: care as medically
 * needed (no ceiling) and STMB 100% of the wage for 12 months, then 50%, shown per part, outside the total.
 */
export function estimateBenefit(s: RateSnapshot, type: ClaimType, incidentDate: string, wage: number, contributionMonthsAtDate: number): Calc<Estimate> {
  if (type === 'JKK_INJURY') {
    if (!Number.isSafeInteger(wage) || wage <= 0) return { ok: false, problems: [{ field: 'wage', code: 'WAGE_INVALID', message: { id: 'Upah harus lebih dari 0.', en: 'Wage must be above 0.' } }] };
    const parts: EstimatePart[] = [
      { name: 'MEDICAL_CARE', amount: 0, basis: `${JKK_INJURY_BASIS}: sesuai kebutuhan medis, tanpa batas biaya`, conditional: true, condition: { id: 'Dibayar ke fasilitas kesehatan sesuai kebutuhan medis, tanpa batas biaya.', en: 'Paid to the health facility as medically needed, with no cost ceiling.' } },
      { name: 'STMB_FIRST_12_MONTHS', amount: wage * 12, basis: `${JKK_INJURY_BASIS}: STMB 100% upah 12 bulan pertama`, conditional: true, condition: { id: 'Selama tidak mampu bekerja, paling lama 12 bulan pada 100% upah.', en: 'While unable to work, up to 12 months at 100% of the wage.' } },
      { name: 'STMB_AFTER_12_MONTHS', amount: Math.round(wage / 2), basis: `${JKK_INJURY_BASIS}: STMB 50% upah setelah 12 bulan, sampai sembuh`, conditional: true, condition: { id: 'Per bulan setelah 12 bulan, sampai sembuh.', en: 'Per month after 12 months, until recovery.' } },
    ];
    return { ok: true, value: { total: 0, parts, wage } };
  }
  const r = benefit(s, type === 'JKM' ? { type: 'JKM', date: incidentDate, contributionMonths: contributionMonthsAtDate } : { type: 'JKK_DEATH', date: incidentDate, wage });
  if (!r.ok) return r;
  return { ok: true, value: { total: r.value.total, parts: r.value.parts.map((p) => ({ ...p })), wage } };
}

/** The wage the estimate uses: the enrolment's declared income or wage, else the payer's basis, else the minimum BPU income. */
export function estimateWage(s: RateSnapshot, incidentDate: string, declaredIncome: number | null, basisIncome: number | null): number {
  if (declaredIncome && declaredIncome > 0) return declaredIncome;
  if (basisIncome && basisIncome > 0) return basisIncome;
  return rateAt(s, 'BPU_MIN_INCOME', incidentDate).value;
}

// ——— Heirs' personal data ———

/** "081234567890" → "••••••••7890": the last four digits, for roles without `worker:nik`. */
export function maskTail(value: string | null, keep = 4): string | null {
  if (value === null) return null;
  const v = value.replace(/\s+/g, '');
  return v.length <= keep ? '•'.repeat(v.length) : `${'•'.repeat(v.length - keep)}${v.slice(-keep)}`;
}
