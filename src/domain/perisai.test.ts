import { describe, expect, it } from 'vitest';
import { addMonths, agentStatus, type CommissionRule, monthlyPay, ruleFor } from './perisai.js';

const r2018: CommissionRule = { effectiveFrom: '2018-01-01', rateBp: 750, bonusThreshold: 50, bonusAmount: 500_000, inactiveMonths: 3, rejoinMonths: 6, legalBasis: '2018' };
const r2026: CommissionRule = { ...r2018, effectiveFrom: '2026-01-01', rateBp: 1000, legalBasis: 'hypothetical 2026 change' };

describe('Perisai pay', () => {
  it('pays 7.5 % of the contributions collected, rounded down', () => {
    // 40 members × Rp16,800 = Rp672,000 → 7.5 % = Rp50,400
    expect(monthlyPay({ collected: 672_000, newParticipants: 10 }, r2018)).toEqual({ commission: 50_400, bonus: 0, total: 50_400 });
    expect(monthlyPay({ collected: 16_801, newParticipants: 0 }, r2018).commission).toBe(1260); // 1260.075
  });

  it('adds Rp500,000 from 50 new participants in the month, not at 49', () => {
    expect(monthlyPay({ collected: 840_000, newParticipants: 50 }, r2018)).toEqual({ commission: 63_000, bonus: 500_000, total: 563_000 });
    expect(monthlyPay({ collected: 840_000, newParticipants: 49 }, r2018).bonus).toBe(0);
  });

  it('applies a changed rate only from its effective date', () => {
    expect(ruleFor([r2018, r2026], '2025-12-01')).toBe(r2018);
    expect(ruleFor([r2026, r2018], '2026-01-01')).toBe(r2026);
    expect(ruleFor([r2018], '2017-12-01')).toBeUndefined();
    expect(monthlyPay({ collected: 100_000, newParticipants: 0 }, ruleFor([r2018, r2026], '2026-02-01'))).toMatchObject({ commission: 10_000 });
    expect(monthlyPay({ collected: 100_000, newParticipants: 60 }, undefined)).toEqual({ commission: 0, bonus: 0, total: 0 });
  });
});

describe('inactive-agent rule', () => {
  it('drops an agent 3 months after the last acquisition, and allows rejoining 6 months later', () => {
    const a = { joinedOn: '2025-01-10', lastRecruitedOn: '2025-03-15' };
    expect(agentStatus(a, '2025-06-14', r2018)).toEqual({ status: 'active', inactiveFrom: '2025-06-15' });
    expect(agentStatus(a, '2025-06-15', r2018)).toEqual({ status: 'inactive', inactiveFrom: '2025-06-15', mayRejoinFrom: '2025-12-15' });
  });

  it('counts from joining when the agent has brought no one', () => {
    expect(agentStatus({ joinedOn: '2025-01-10', lastRecruitedOn: null }, '2025-04-10', r2018).status).toBe('inactive');
    expect(agentStatus({ joinedOn: '2025-01-10', lastRecruitedOn: null }, '2025-04-09', r2018).status).toBe('active');
  });

  it('adds calendar months, clamped to the month end', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });
});
