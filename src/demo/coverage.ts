import { sql } from 'kysely';
import type { Tx } from '../db/tx.js';
import type { DemoWorker } from './generate.js';

/**
 * Demo registry history: gives the demo enrolments start dates spread over January 2024 – June 2025
 * and lapses an end date, so the registry ("terdaftar di Semesta") has a trend to show. The
 * denominators, targets and official figures of the demo are national and real-scale (official.ts).
 */
export async function loadDemoCoverage(tx: Tx, workers: DemoWorker[]): Promise<void> {
  if (workers.length === 0) return;
  const niks = workers.map((w) => w.nik);
  // A deterministic spread from the NIK: start within Jan 2024 – Jun 2025; lapsed ones stop 3–9 months later.
  await sql`
    WITH h AS (
      SELECT e.id, abs(('x' || substr(md5(p.nik), 1, 8))::bit(32)::int) AS n
      FROM enrolment e JOIN person p ON p.id = e.person_id
      WHERE p.nik = ANY (${niks}::text[]) AND e.import_id IS NULL
    )
    UPDATE enrolment e
    SET start_date = date '2024-01-01' + (h.n % 546),
        end_date = CASE WHEN e.status = 'lapsed'
                        THEN least(date '2024-01-01' + (h.n % 546) + 90 + (h.n / 546) % 180, date '2025-06-30') END
    FROM h WHERE h.id = e.id`.execute(tx);
}
