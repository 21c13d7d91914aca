/**
 * Inpres 2/2021 accountability (issue 15): the duties of a regional head, how each is judged from its
 * evidence, and the weighted score. Pure: the service gathers the figures, these rules judge them.
 * The default weights are Semesta's (decisions.md 84), never the Paritrana Award's (which are not published).
 */

export const REGULATION_TYPES = ['PERDA', 'PERKADA', 'SE', 'PERDES', 'SK'] as const;
export type RegulationType = (typeof REGULATION_TYPES)[number];
export const REGULATION_TYPE_LABELS: Record<RegulationType, { id: string; en: string }> = {
  PERDA: { id: 'Peraturan Daerah', en: 'Regional regulation' },
  PERKADA: { id: 'Peraturan Kepala Daerah (Pergub/Perbup/Perwal)', en: 'Regional head regulation' },
  SE: { id: 'Surat Edaran', en: 'Circular' },
  PERDES: { id: 'Peraturan Desa', en: 'Village regulation' },
  SK: { id: 'Surat Keputusan', en: 'Decree' },
};
/** Binding instruments: a Perda, a Perkada, or (for a village) a Perdes. A circular or a decree counts as partial. */
export const BINDING_TYPES: readonly RegulationType[] = ['PERDA', 'PERKADA', 'PERDES'];

export const REQUIREMENTS = ['BUDGET_LINE', 'LICENSING', 'VILLAGE_BUDGET'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];
export const REQUIREMENT_LABELS: Record<Requirement, { id: string; en: string }> = {
  BUDGET_LINE: { id: 'Mata anggaran APBD', en: 'APBD budget line' },
  LICENSING: { id: 'Syarat perizinan berusaha', en: 'Business licensing condition' },
  VILLAGE_BUDGET: { id: 'Kewajiban anggaran desa (APBDes)', en: 'Village budget mandate' },
};

/** Where a declared allocation (one without a funding programme yet) comes from. */
export const ALLOCATION_SOURCES = ['APBD_PROVINSI', 'APBD_KABKOTA', 'DANA_DESA', 'BHP'] as const;
export type AllocationSource = (typeof ALLOCATION_SOURCES)[number];
export const ALLOCATION_SOURCE_LABELS: Record<AllocationSource, string> = {
  APBD_PROVINSI: 'APBD Provinsi',
  APBD_KABKOTA: 'APBD Kabupaten/Kota',
  DANA_DESA: 'APBDes — Dana Desa',
  BHP: 'APBDes — Bagi Hasil Pajak/Retribusi (BHP)',
};

export const DUTIES = ['REGULATION', 'BUDGET', 'PARTICIPATION', 'COMPLIANCE', 'LICENSING'] as const;
export type Duty = (typeof DUTIES)[number];
export const DUTY_LABELS: Record<Duty, { id: string; en: string }> = {
  REGULATION: { id: 'Regulasi daerah', en: 'Regional regulation' },
  BUDGET: { id: 'Anggaran (APBD/APBDes)', en: 'Budget (APBD/APBDes)' },
  PARTICIPATION: { id: 'Kepesertaan aktif', en: 'Active participation' },
  COMPLIANCE: { id: 'Kepatuhan pemberi kerja', en: 'Employer compliance' },
  LICENSING: { id: 'Perizinan dan integrasi data', en: 'Licensing and data integration' },
};

export const DUTY_STATUSES = ['met', 'partial', 'not_met', 'no_data'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];
export const DUTY_STATUS_LABELS: Record<DutyStatus, { id: string; en: string }> = {
  met: { id: 'Terpenuhi', en: 'Met' },
  partial: { id: 'Sebagian', en: 'Partial' },
  not_met: { id: 'Belum terpenuhi', en: 'Not met' },
  no_data: { id: 'Tidak ada data', en: 'No data' },
};

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, { id: string; en: string }> = {
  open: { id: 'Belum dikerjakan', en: 'Open' },
  in_progress: { id: 'Sedang dikerjakan', en: 'In progress' },
  done: { id: 'Selesai', en: 'Done' },
  dropped: { id: 'Dibatalkan', en: 'Dropped' },
};

/** A follow-up action is overdue when it is not finished and its due date has passed (WIB "today"). */
export function isActionOverdue(status: ActionStatus, dueOn: string, today: string): boolean {
  return (status === 'open' || status === 'in_progress') && dueOn < today;
}

export type Weights = Record<Duty, number>;

/**
 * Semesta's default weights (decisions.md 84), out of 100: participation is what the instruction is for
 * (30); regulation and budget are the two instruments a region controls outright (25 each); compliance
 * and licensing depend on other actors too (BPJS TK, Kejaksaan, the licensing office: 10 each).
 * Not the Paritrana Award's weights, which are not published. A national monitor may change them.
 */
export const DEFAULT_WEIGHTS: Weights = { REGULATION: 25, BUDGET: 25, PARTICIPATION: 30, COMPLIANCE: 10, LICENSING: 10 };

/** Weights are whole numbers 0–100 that add up to 100; null when valid, else what is wrong. */
export function checkWeights(w: Weights): { id: string; en: string } | null {
  const values = DUTIES.map((d) => w[d]);
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 100)) return { id: 'Setiap bobot bilangan bulat 0–100.', en: 'Each weight is a whole number 0–100.' };
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum !== 100) return { id: `Jumlah bobot harus 100 (sekarang ${sum}).`, en: `The weights must add up to 100 (now ${sum}).` };
  return null;
}

/** A duty judged: its status and how much of it is done (0–1; null without data). */
export interface Judged {
  status: DutyStatus;
  fraction: number | null;
}

const statusOf = (fraction: number): DutyStatus => (fraction >= 0.9 ? 'met' : fraction > 0 ? 'partial' : 'not_met');
const ratio = (part: number, whole: number) => (whole <= 0 ? 0 : Math.min(1, part / whole));

/** Duty 1: a binding regulation in force covering at least one group is met; only a circular or decree is partial. */
export function judgeRegulation(e: { binding: number; nonBinding: number }): Judged {
  if (e.binding > 0) return { status: 'met', fraction: 1 };
  if (e.nonBinding > 0) return { status: 'partial', fraction: 0.5 };
  return { status: 'not_met', fraction: 0 };
}

/**
 * Duty 1 (budget): money allocated for the year (programmes + declared) and, of what was billed,
 * how much was paid. Allocated and fully paid (≥ 90 %) is met; allocated with nothing billed yet or
 * arrears is partial (half for allocating, half for paying); nothing allocated is not met.
 */
export function judgeBudget(e: { allocated: number; billed: number; paid: number }): Judged {
  if (e.allocated <= 0) return { status: 'not_met', fraction: 0 };
  const paying = e.billed > 0 ? ratio(e.paid, e.billed) : 0;
  const fraction = round3(0.5 + 0.5 * paying);
  return { status: statusOf(fraction), fraction };
}

/**
 * Duty 2: coverage against its target (when both are known) and each declared group's covered ÷ size,
 * averaged. No target and no declared group: no data.
 */
export function judgeParticipation(e: { coveragePct: number | null; targetPct: number | null; groups: { size: number; covered: number }[] }): Judged {
  const parts: number[] = [];
  if (e.coveragePct !== null && e.targetPct !== null && e.targetPct > 0) parts.push(ratio(e.coveragePct, e.targetPct));
  const declared = e.groups.filter((g) => g.size > 0);
  if (declared.length > 0) parts.push(declared.reduce((s, g) => s + ratio(g.covered, g.size), 0) / declared.length);
  if (parts.length === 0) return { status: 'no_data', fraction: null };
  const fraction = round3(parts.reduce((a, b) => a + b, 0) / parts.length);
  return { status: statusOf(fraction), fraction };
}

/**
 * Duty 3: of the compliance cases opened in the year, the share escalated (to Kejaksaan or sanctions)
 * or resolved; and the share of villages reached by outreach. With no non-compliant employer known and
 * no case, the case part is left out; with neither part: no data.
 */
export function judgeCompliance(e: { nonCompliantEmployers: number; opened: number; escalated: number; resolved: number; outreachPct: number | null }): Judged {
  const parts: number[] = [];
  if (e.opened > 0) parts.push(ratio(e.escalated + e.resolved, e.opened));
  else if (e.nonCompliantEmployers > 0) parts.push(0);
  if (e.outreachPct !== null) parts.push(Math.min(1, e.outreachPct / 100));
  if (parts.length === 0) return { status: 'no_data', fraction: null };
  const fraction = round3(parts.reduce((a, b) => a + b, 0) / parts.length);
  return { status: statusOf(fraction), fraction };
}

/** Duty 4: a regulation making licensing require membership, and official participation data integrated (received). */
export function judgeLicensing(e: { licensingRegulations: number; officialData: boolean }): Judged {
  const fraction = (e.licensingRegulations > 0 ? 0.5 : 0) + (e.officialData ? 0.5 : 0);
  return { status: fraction === 1 ? 'met' : statusOf(fraction), fraction };
}

/** Weighted score 0–100 (one decimal); a duty without data scores 0: evidence not given counts as not done. */
export function scoreOf(duties: Record<Duty, Judged>, w: Weights): number {
  const total = DUTIES.reduce((s, d) => s + w[d], 0);
  if (total <= 0) return 0;
  const got = DUTIES.reduce((s, d) => s + w[d] * (duties[d].fraction ?? 0), 0);
  return Math.round((got / total) * 1000) / 10;
}

/** Competition ranking (1, 2, 2, 4) by score, highest first; ties keep their order by code. */
export function rankByScore<T extends { code: string; score: number }>(rows: readonly T[]): (T & { position: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  let position = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.score !== sorted[i - 1]!.score) position = i + 1;
    return { ...r, position };
  });
}

/**
 * Desa Sadar Jamsostek: a village whose declared officials (perangkat desa + BPD) are all active
 * participants. Nothing declared: not (there is nothing to prove it by).
 */
export function isDesaSadar(e: { declaredOfficials: number; activeOfficials: number }): boolean {
  return e.declaredOfficials > 0 && e.activeOfficials >= e.declaredOfficials;
}

/** `2025-S1` → the months and days it spans. */
export const SEMESTER_PATTERN = /^(\d{4})-S([12])$/;
export function semesterSpan(semester: string): { year: number; from: string; to: string; lastMonth: string } | null {
  const m = SEMESTER_PATTERN.exec(semester);
  if (!m) return null;
  const year = Number(m[1]);
  const first = m[2] === '1';
  return { year, from: `${year}-${first ? '01' : '07'}-01`, to: `${year}-${first ? '06-30' : '12-31'}`, lastMonth: `${year}-${first ? '06' : '12'}` };
}
export function semesterName(semester: string): string {
  const m = SEMESTER_PATTERN.exec(semester);
  return m ? `Semester ${m[2] === '1' ? 'I (Januari–Juni)' : 'II (Juli–Desember)'} ${m[1]}` : semester;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
