import { describe, expect, it } from 'vitest';
import {
  checkWeights,
  DEFAULT_WEIGHTS,
  isActionOverdue,
  isDesaSadar,
  judgeBudget,
  judgeCompliance,
  judgeLicensing,
  judgeParticipation,
  judgeRegulation,
  rankByScore,
  scoreOf,
  semesterSpan,
} from './inpres.js';

describe('Inpres 2/2021 duties', () => {
  it('regulation: a Perda/Perkada/Perdes is met, only a circular or decree partial, none not met', () => {
    expect(judgeRegulation({ binding: 1, nonBinding: 0 })).toEqual({ status: 'met', fraction: 1 });
    expect(judgeRegulation({ binding: 0, nonBinding: 2 })).toEqual({ status: 'partial', fraction: 0.5 });
    expect(judgeRegulation({ binding: 0, nonBinding: 0 })).toEqual({ status: 'not_met', fraction: 0 });
  });

  it('budget: half for allocating, half for paying what was billed', () => {
    expect(judgeBudget({ allocated: 0, billed: 0, paid: 0 })).toEqual({ status: 'not_met', fraction: 0 });
    expect(judgeBudget({ allocated: 100, billed: 0, paid: 0 })).toEqual({ status: 'partial', fraction: 0.5 });
    expect(judgeBudget({ allocated: 100, billed: 80, paid: 40 })).toEqual({ status: 'partial', fraction: 0.75 });
    expect(judgeBudget({ allocated: 100, billed: 80, paid: 80 })).toEqual({ status: 'met', fraction: 1 });
    expect(judgeBudget({ allocated: 100, billed: 80, paid: 200 }).fraction).toBe(1);
  });

  it('participation: coverage ÷ target and groups covered ÷ size, averaged; nothing to judge is no data', () => {
    expect(judgeParticipation({ coveragePct: null, targetPct: null, groups: [] })).toEqual({ status: 'no_data', fraction: null });
    expect(judgeParticipation({ coveragePct: 41, targetPct: 50, groups: [] })).toEqual({ status: 'partial', fraction: 0.82 });
    // 4,210 Non-ASN of which 2,105 covered; 2,286 perangkat desa all covered → groups 0.75; with coverage 0.82 → 0.785
    expect(judgeParticipation({ coveragePct: 41, targetPct: 50, groups: [{ size: 4210, covered: 2105 }, { size: 2286, covered: 2286 }] })).toEqual({ status: 'partial', fraction: 0.785 });
    expect(judgeParticipation({ coveragePct: 60, targetPct: 50, groups: [{ size: 10, covered: 10 }] })).toEqual({ status: 'met', fraction: 1 });
    expect(judgeParticipation({ coveragePct: 0, targetPct: 50, groups: [] }).status).toBe('not_met');
  });

  it('compliance: cases escalated or resolved, and outreach reach', () => {
    expect(judgeCompliance({ nonCompliantEmployers: 0, opened: 0, escalated: 0, resolved: 0, outreachPct: null })).toEqual({ status: 'no_data', fraction: null });
    expect(judgeCompliance({ nonCompliantEmployers: 5, opened: 0, escalated: 0, resolved: 0, outreachPct: null })).toEqual({ status: 'not_met', fraction: 0 });
    expect(judgeCompliance({ nonCompliantEmployers: 5, opened: 4, escalated: 1, resolved: 1, outreachPct: 99.2 })).toEqual({ status: 'partial', fraction: 0.746 });
    expect(judgeCompliance({ nonCompliantEmployers: 0, opened: 0, escalated: 0, resolved: 0, outreachPct: 95 }).status).toBe('met');
  });

  it('licensing: a licensing regulation and official data received', () => {
    expect(judgeLicensing({ licensingRegulations: 1, officialData: true })).toEqual({ status: 'met', fraction: 1 });
    expect(judgeLicensing({ licensingRegulations: 0, officialData: true })).toEqual({ status: 'partial', fraction: 0.5 });
    expect(judgeLicensing({ licensingRegulations: 0, officialData: false })).toEqual({ status: 'not_met', fraction: 0 });
  });
});

describe('score, weights and rank', () => {
  const all = (fraction: number | null) => ({ status: 'met' as const, fraction });
  it('weights the duties; a duty without data scores 0', () => {
    const d = { REGULATION: all(1), BUDGET: all(0.5), PARTICIPATION: all(0.8), COMPLIANCE: all(null), LICENSING: all(0) };
    // 25 + 12.5 + 24 + 0 + 0 = 61.5
    expect(scoreOf(d, DEFAULT_WEIGHTS)).toBe(61.5);
    expect(scoreOf(d, { REGULATION: 0, BUDGET: 0, PARTICIPATION: 100, COMPLIANCE: 0, LICENSING: 0 })).toBe(80);
  });

  it('checks weights: whole numbers that add up to 100', () => {
    expect(checkWeights(DEFAULT_WEIGHTS)).toBeNull();
    expect(checkWeights({ ...DEFAULT_WEIGHTS, BUDGET: 30 })?.id).toContain('105');
    expect(checkWeights({ ...DEFAULT_WEIGHTS, BUDGET: 24.5, LICENSING: 10.5 })).not.toBeNull();
    expect(checkWeights({ ...DEFAULT_WEIGHTS, BUDGET: -5, PARTICIPATION: 60 })).not.toBeNull();
  });

  it('ranks highest first, ties share a position', () => {
    const r = rankByScore([
      { code: '17.02', score: 40 },
      { code: '17.01', score: 70 },
      { code: '17.03', score: 40 },
      { code: '17.04', score: 10 },
    ]);
    expect(r.map((x) => [x.code, x.position])).toEqual([['17.01', 1], ['17.02', 2], ['17.03', 2], ['17.04', 4]]);
  });
});

describe('Desa Sadar Jamsostek, overdue actions, semesters', () => {
  it('needs every declared official active, and something declared', () => {
    expect(isDesaSadar({ declaredOfficials: 12, activeOfficials: 12 })).toBe(true);
    expect(isDesaSadar({ declaredOfficials: 12, activeOfficials: 11 })).toBe(false);
    expect(isDesaSadar({ declaredOfficials: 0, activeOfficials: 3 })).toBe(false);
  });
  it('flags unfinished actions past their due date', () => {
    expect(isActionOverdue('open', '2025-01-31', '2025-02-01')).toBe(true);
    expect(isActionOverdue('in_progress', '2025-02-01', '2025-02-01')).toBe(false);
    expect(isActionOverdue('done', '2025-01-01', '2025-02-01')).toBe(false);
  });
  it('reads 2025-S1 and 2025-S2', () => {
    expect(semesterSpan('2025-S1')).toEqual({ year: 2025, from: '2025-01-01', to: '2025-06-30', lastMonth: '2025-06' });
    expect(semesterSpan('2025-S2')?.to).toBe('2025-12-31');
    expect(semesterSpan('2025-S3')).toBeNull();
  });
});
