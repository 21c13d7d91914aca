/**
 * Perisai agents (Penggerak Jaminan Sosial Indonesia; DOMAIN.md "Perisai agents"): monthly pay and the
 * inactivity rule. The figures (7.5 %, Rp500,000 for 50+ new participants, 3 months, 6 months) are 2018
 * figures and unconfirmed, so they come in as date-effective rules, never as constants here.
 */
export interface CommissionRule {
  effectiveFrom: string;
  /** basis points of the contributions collected: 750 = 7.5 % */
  rateBp: number;
  bonusThreshold: number;
  bonusAmount: number;
  inactiveMonths: number;
  rejoinMonths: number;
  legalBasis: string;
}

/** The rule in force on `date` (YYYY-MM-DD): the latest one effective on or before it. */
export function ruleFor(rules: readonly CommissionRule[], date: string): CommissionRule | undefined {
  let best: CommissionRule | undefined;
  for (const r of rules) if (r.effectiveFrom <= date && (!best || r.effectiveFrom > best.effectiveFrom)) best = r;
  return best;
}

export interface MonthActivity {
  /** contributions collected in the month from members the agent recruited, integer rupiah */
  collected: number;
  /** participants the agent newly brought in that month */
  newParticipants: number;
}

export interface MonthPay {
  commission: number;
  bonus: number;
  total: number;
}

/** Commission (rounded down to whole rupiah: never pay more than the rule says) plus the bonus when the threshold is met. */
export function monthlyPay(a: MonthActivity, rule: CommissionRule | undefined): MonthPay {
  if (!rule) return { commission: 0, bonus: 0, total: 0 };
  const commission = Math.floor((a.collected * rule.rateBp) / 10_000);
  const bonus = a.newParticipants >= rule.bonusThreshold ? rule.bonusAmount : 0;
  return { commission, bonus, total: commission + bonus };
}

/** `date` plus `months` calendar months, clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type AgentStatus = { status: 'active'; inactiveFrom: string } | { status: 'inactive'; inactiveFrom: string; mayRejoinFrom: string };

/**
 * An agent with no acquisition for `inactiveMonths` is dropped and may rejoin `rejoinMonths` later.
 * The clock starts at the last acquisition, or at joining for an agent who has brought no one yet.
 */
export function agentStatus(a: { joinedOn: string; lastRecruitedOn: string | null }, today: string, rule: CommissionRule | undefined): AgentStatus {
  const since = a.lastRecruitedOn && a.lastRecruitedOn > a.joinedOn ? a.lastRecruitedOn : a.joinedOn;
  const inactiveFrom = addMonths(since, rule?.inactiveMonths ?? 3);
  if (today < inactiveFrom) return { status: 'active', inactiveFrom };
  return { status: 'inactive', inactiveFrom, mayRejoinFrom: addMonths(inactiveFrom, rule?.rejoinMonths ?? 6) };
}
