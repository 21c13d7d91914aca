import type { CoverageChild } from '../../../../src/modules/coverage/schemas';

/** Children by coverage (by active participants while no region has a denominator), best first. */
export const byRank = (items: CoverageChild[]) => {
  const withPct = items.some((i) => i.coveragePct !== null);
  return {
    withPct,
    sorted: [...items].sort((a, b) => (withPct ? (b.coveragePct ?? -1) - (a.coveragePct ?? -1) : b.activeParticipants - a.activeParticipants) || a.code.localeCompare(b.code)),
  };
};
