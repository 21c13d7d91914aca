import type { Db } from '../../../db/client.js';
import { audited } from '../../../db/tx.js';
import { todayWib } from '../rates/service.js';
import { activeBpuPrograms, evaluateLapses } from './lapses.js';

export const SWEEP_ACTOR = { id: null, username: 'system:lapse' };

/**
 * Lapses caused only by time passing (a due date goes by, no bill or payment follows) are applied by
 * this sweep: every active BPU programme, each in its own audited transaction.
 */
export async function sweepLapses(db: Db, asOf = todayWib()) {
  const programs = await activeBpuPrograms(db);
  let lapsed = 0;
  let reactivated = 0;
  for (const p of programs) {
    const r = await audited(db, SWEEP_ACTOR, async (tx) => {
      const result = await evaluateLapses(tx, SWEEP_ACTOR, p.id, asOf);
      const changed = result.lapsed + result.reactivated > 0;
      return { result, audit: changed ? [{ action: 'lapse_sweep', entityType: 'funding_program', entityId: String(p.id), regionCode: p.region_code, before: null, after: { asOf, ...result } }] : [] };
    });
    lapsed += r.lapsed;
    reactivated += r.reactivated;
  }
  return { programs: programs.length, lapsed, reactivated };
}
