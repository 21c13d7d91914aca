import { describe, expect, it } from 'vitest';
import {
  allowedClaimNext,
  checkClaimTransition,
  checklistFor,
  CLAIM_STEPS,
  claimOverdue,
  type ClaimStep,
  contributionMonths,
  type CoverEnrolment,
  eligibility,
  estimateBenefit,
  estimateWage,
  isDeath,
  lateReport,
  maskTail,
  missingDocuments,
} from './claims.js';
import { DEFAULT_RATES, type RateEntry, snapshotOf } from './rates.js';

const s = snapshotOf(DEFAULT_RATES);

const enrolment = (over: Partial<CoverEnrolment> = {}): CoverEnrolment => ({
  id: 1,
  programs: ['JKK', 'JKM'],
  status: 'active',
  segment: 'BPU',
  startDate: '2022-01-01',
  endDate: null,
  everActive: true,
  lapsedOn: null,
  unpaidDueDates: [],
  paidMonths: null,
  ...over,
});

describe('claim workflow (every from → to pair)', () => {
  const allowed: Record<ClaimStep, ClaimStep[]> = {
    reported: ['documents_complete', 'closed'],
    documents_complete: ['submitted', 'closed'],
    submitted: ['verified', 'rejected', 'closed'],
    verified: ['paid', 'rejected', 'closed'],
    paid: ['closed'],
    rejected: ['closed'],
    closed: [],
  };
  for (const from of CLAIM_STEPS) {
    for (const to of CLAIM_STEPS) {
      const ok = allowed[from].includes(to);
      it(`${from} → ${to}: ${ok ? 'allowed' : '409 with the allowed steps'}`, () => {
        const c = checkClaimTransition(from, to);
        expect(c.ok).toBe(ok);
        if (!c.ok) {
          expect([...c.allowed]).toEqual(allowed[from]);
          expect(c.message.id.length).toBeGreaterThan(10);
          expect(c.message.en.length).toBeGreaterThan(10);
        }
      });
    }
  }
  it('rejection only after submission; nothing after closed', () => {
    expect(allowedClaimNext('reported')).not.toContain('rejected');
    expect(checkClaimTransition('closed', 'paid')).toMatchObject({ ok: false, allowed: [], message: { en: 'The claim is closed; there is no next step.' } });
  });
});

describe('eligibility on the incident date', () => {
  it('covered: an active enrolment that started on or before the date (no waiting period)', () => {
    expect(eligibility('JKM', '2022-01-01', [enrolment()], 3)).toMatchObject({ eligible: true, enrolmentId: 1, reason: null });
    expect(eligibility('JKK_DEATH', '2025-05-01', [enrolment({ startDate: '2025-04-30' })], 3)).toMatchObject({ eligible: true });
  });
  it('no enrolment of the programme: NOT_ENROLLED', () => {
    expect(eligibility('JKM', '2025-05-01', [], 3)).toMatchObject({ eligible: false, enrolmentId: null, reason: 'NOT_ENROLLED' });
    expect(eligibility('JKK_INJURY', '2025-05-01', [enrolment({ programs: ['JKM'] })], 3)).toMatchObject({ eligible: false, reason: 'NOT_ENROLLED' });
  });
  it('not yet started: NOT_STARTED with the start date', () => {
    const r = eligibility('JKM', '2025-05-01', [enrolment({ startDate: '2025-06-01' })], 3);
    expect(r).toMatchObject({ eligible: false, enrolmentId: 1, reason: 'NOT_STARTED' });
    expect(r.message?.id).toContain('01/06/2025');
  });
  it('never active (submitted, or registered without protection): NOT_ACTIVE', () => {
    expect(eligibility('JKM', '2025-05-01', [enrolment({ status: 'submitted', everActive: false })], 3)).toMatchObject({ eligible: false, reason: 'NOT_ACTIVE' });
    expect(eligibility('JKM', '2025-05-01', [enrolment({ status: 'registered', everActive: false })], 3)).toMatchObject({ eligible: false, reason: 'NOT_ACTIVE' });
  });
  it('ended before the date: ENDED with the end date; ended on the date still covers', () => {
    const r = eligibility('JKM', '2025-05-01', [enrolment({ status: 'ended', endDate: '2025-04-30' })], 3);
    expect(r).toMatchObject({ eligible: false, reason: 'ENDED' });
    expect(r.message?.en).toContain('30/04/2025');
    expect(eligibility('JKM', '2025-05-01', [enrolment({ status: 'ended', endDate: '2025-05-01' })], 3)).toMatchObject({ eligible: true });
  });
  it('lapsed after 3 unpaid months (the lapse rule on the bills): LAPSED from the day after the third due date', () => {
    const unpaid = ['2025-02-17', '2025-03-17', '2025-04-15'];
    const r = eligibility('JKM', '2025-04-20', [enrolment({ unpaidDueDates: unpaid })], 3);
    expect(r).toMatchObject({ eligible: false, reason: 'LAPSED' });
    expect(r.message?.id).toContain('16/04/2025');
    // two months unpaid by the date: still covered (grace)
    expect(eligibility('JKM', '2025-04-15', [enrolment({ unpaidDueDates: unpaid })], 3)).toMatchObject({ eligible: true });
    // only BPU enrolments lapse by the rule
    expect(eligibility('JKM', '2025-04-20', [enrolment({ segment: 'PU', unpaidDueDates: unpaid })], 3)).toMatchObject({ eligible: true });
  });
  it('lapsed by status before the date: LAPSED; an incident before the lapse is covered', () => {
    const e = enrolment({ status: 'lapsed', lapsedOn: '2025-03-01' });
    expect(eligibility('JKK_DEATH', '2025-03-01', [e], 3)).toMatchObject({ eligible: false, reason: 'LAPSED' });
    expect(eligibility('JKK_DEATH', '2025-02-28', [e], 3)).toMatchObject({ eligible: true });
  });
  it('with several enrolments the covering one wins; otherwise the latest started explains', () => {
    const old = enrolment({ id: 1, status: 'ended', endDate: '2023-12-31' });
    const now = enrolment({ id: 2, startDate: '2024-02-01' });
    expect(eligibility('JKM', '2024-06-01', [old, now], 3)).toMatchObject({ eligible: true, enrolmentId: 2 });
    expect(eligibility('JKM', '2024-01-15', [old, now], 3)).toMatchObject({ eligible: false, enrolmentId: 1, reason: 'ENDED' });
    expect(eligibility('JKM', '2021-01-15', [old, now], 3)).toMatchObject({ eligible: false, enrolmentId: 1, reason: 'NOT_STARTED' });
  });
  it('contribution months: paid months billed here, else calendar months since the start', () => {
    expect(contributionMonths([enrolment({ startDate: '2022-01-10' })], '2024-12-31')).toBe(36);
    expect(contributionMonths([enrolment({ paidMonths: ['2025-01-01', '2025-02-01', '2025-06-01'] })], '2025-05-20')).toBe(2);
    expect(contributionMonths([enrolment({ everActive: false })], '2025-05-20')).toBe(0);
    expect(contributionMonths([enrolment({ startDate: '2022-01-01', endDate: '2022-12-31', status: 'ended' }), enrolment({ startDate: '2024-01-01' })], '2024-03-05')).toBe(15);
  });
});

describe('benefit estimate (rates in force on the incident date)', () => {
  const part = (parts: { name: string }[], name: string) => parts.find((p) => p.name === name) as unknown as { amount: number; basis: string; eligible?: boolean };
  it('JKM: Rp42,000,000, the scholarship only after 36 contribution months', () => {
    const short = estimateBenefit(s, 'JKM', '2025-05-01', 1_000_000, 35);
    expect(short).toMatchObject({ ok: true, value: { total: 42_000_000 } });
    if (!short.ok) return;
    expect(part(short.value.parts, 'SCHOLARSHIP')).toMatchObject({ amount: 0, eligible: false });
    expect(part(short.value.parts, 'LUMP_SUM').basis).toContain('PP 82/2019');
    const long = estimateBenefit(s, 'JKM', '2025-05-01', 1_000_000, 36);
    expect(long.ok && part(long.value.parts, 'SCHOLARSHIP')).toMatchObject({ amount: 174_000_000, eligible: true });
    expect(long.ok && long.value.total).toBe(42_000_000);
  });
  it('JKK death: 48 × wage (never below the JKM lump sum) + funeral + periodic', () => {
    expect(estimateBenefit(s, 'JKK_DEATH', '2025-05-01', 1_000_000, 0)).toMatchObject({ ok: true, value: { total: 70_000_000, wage: 1_000_000 } });
    const big = estimateBenefit(s, 'JKK_DEATH', '2025-05-01', 2_000_000, 0);
    expect(big.ok && part(big.value.parts, 'DEATH_COMPENSATION').amount).toBe(96_000_000);
    expect(big.ok && big.value.total).toBe(118_000_000);
    const small = estimateBenefit(s, 'JKK_DEATH', '2025-05-01', 100_000, 0);
    expect(small.ok && part(small.value.parts, 'DEATH_COMPENSATION').amount).toBe(20_000_000);
  });
  it('JKK injury: care as needed and STMB 100% for 12 months then 50%, each with its basis, outside the total', () => {
    const r = estimateBenefit(s, 'JKK_INJURY', '2025-05-01', 1_500_000, 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.total).toBe(0);
    expect(r.value.parts.map((p) => [p.name, p.amount, p.conditional])).toEqual([
      ['MEDICAL_CARE', 0, true],
      ['STMB_FIRST_12_MONTHS', 18_000_000, true],
      ['STMB_AFTER_12_MONTHS', 750_000, true],
    ]);
    expect(r.value.parts.every((p) => p.basis.includes('PP 44/2015'))).toBe(true);
  });
  it('uses the amounts in force on the incident date, not today', () => {
    const raised: RateEntry = { key: 'BEN_FUNERAL', effectiveFrom: '2026-01-01', value: 12_000_000, unit: 'rupiah', legalBasis: 'test', unconfirmed: false };
    const s2 = snapshotOf([...DEFAULT_RATES, raised]);
    expect(estimateBenefit(s2, 'JKM', '2025-12-31', 1_000_000, 0)).toMatchObject({ ok: true, value: { total: 42_000_000 } });
    expect(estimateBenefit(s2, 'JKM', '2026-01-01', 1_000_000, 0)).toMatchObject({ ok: true, value: { total: 44_000_000 } });
  });
  it('a date before any benefit rate is a problem, not a number', () => {
    expect(estimateBenefit(s, 'JKM', '2015-01-01', 1_000_000, 0)).toMatchObject({ ok: false, problems: [{ code: 'RATE_NOT_CONFIGURED' }] });
  });
  it('the wage: declared income, else the payer basis, else the minimum BPU income', () => {
    expect(estimateWage(s, '2025-05-01', 2_500_000, 1_000_000)).toBe(2_500_000);
    expect(estimateWage(s, '2025-05-01', null, 1_200_000)).toBe(1_200_000);
    expect(estimateWage(s, '2025-05-01', null, null)).toBe(1_000_000);
  });
});

describe('late report, checklist, overdue, masking', () => {
  it('JKK reported after 2 × 24 hours is flagged; JKM never', () => {
    expect(lateReport('JKK_DEATH', '2025-05-01', '2025-05-03')).toBe(false);
    expect(lateReport('JKK_DEATH', '2025-05-01', '2025-05-04')).toBe(true);
    expect(lateReport('JKK_INJURY', '2025-05-31', '2025-06-03')).toBe(true);
    expect(lateReport('JKM', '2025-05-01', '2025-07-01')).toBe(false);
  });
  it('checklists per type; a traffic accident needs the police report', () => {
    expect(checklistFor('JKM').filter((d) => d.required).map((d) => d.code)).toEqual(['KPJ_CARD', 'KTP_WORKER', 'KTP_HEIRS', 'DEATH_CERTIFICATE', 'FAMILY_CARD', 'HEIR_STATEMENT', 'BANK_BOOK']);
    expect(checklistFor('JKK_DEATH').map((d) => d.code)).toContain('ACCIDENT_REPORT');
    expect(checklistFor('JKK_INJURY').find((d) => d.code === 'POLICE_REPORT')?.required).toBe(false);
    expect(checklistFor('JKK_INJURY', true).find((d) => d.code === 'POLICE_REPORT')?.required).toBe(true);
    const all = new Set(checklistFor('JKK_INJURY').filter((d) => d.required).map((d) => d.code));
    expect(missingDocuments('JKK_INJURY', false, all)).toEqual([]);
    expect(missingDocuments('JKK_INJURY', true, all).map((d) => d.code)).toEqual(['POLICE_REPORT']);
  });
  it('overdue once a waiting step is past its target; settled steps never', () => {
    expect(claimOverdue('reported', '2025-05-01', '2025-05-15')).toBe(false);
    expect(claimOverdue('reported', '2025-05-01', '2025-05-16')).toBe(true);
    expect(claimOverdue('paid', '2020-01-01', '2025-05-16')).toBe(false);
  });
  it('deaths are JKM and JKK death', () => {
    expect([isDeath('JKM'), isDeath('JKK_DEATH'), isDeath('JKK_INJURY')]).toEqual([true, true, false]);
  });
  it('masks all but the last digits', () => {
    expect(maskTail('0812 3456 7890')).toBe('••••••••7890');
    expect(maskTail('12')).toBe('••');
    expect(maskTail(null)).toBeNull();
  });
});
