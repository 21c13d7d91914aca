/** Shapes of GET /api/coverage/{code} and /trend (see /api/docs). */
export interface Bilingual {
  id: string;
  en: string;
}

export interface CoverageBreakdownRow {
  key: string;
  active: number;
  started: number;
  lapsed: number;
  ended: number;
}

export interface CoverageChild {
  code: string;
  name: string;
  level: string;
  activeParticipants: number;
  employedPopulation: number | null;
  coveragePct: number | null;
  targetPct: number | null;
  newEnrolments: number;
  lapses: number;
}

export interface Coverage {
  region: { code: string; name: string; level: string };
  period: string;
  activeParticipants: number;
  employedPopulation: number | null;
  coveragePct: number | null;
  targetPct: number | null;
  newEnrolments: number;
  lapses: number;
  ended: number;
  denominator: { year: number; source: string; formal: number | null; informal: number | null } | null;
  target: { year: number; source: string } | null;
  gap: { workers: number; rupiahPerMonth: number; ratePerWorker: number; rateBasis: Bilingual } | null;
  parent: { code: string; name: string; coveragePct: number | null } | null;
  national: { coveragePct: number | null } | null;
  /** desa reached by outreach (sosialisasi) */
  villagesReached: { villagesTotal: number; villagesReached: number; pct: number };
  breakdown: { segment: CoverageBreakdownRow[]; group: CoverageBreakdownRow[]; payer: CoverageBreakdownRow[] };
  definition: { segments: string[]; text: Bilingual };
  children: CoverageChild[];
}

export interface CoverageTrendPoint {
  period: string;
  activeParticipants: number;
  coveragePct: number | null;
  employedPopulation: number | null;
  newEnrolments: number;
  lapses: number;
}
