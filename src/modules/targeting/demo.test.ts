import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { loadDemoDtsen } from '../../demo/dtsen.js';
import { DEMO_ACTOR } from '../../demo/load.js';

const t = useTestApp({ demoWorkers: true });

describe('demo DTSEN extract', () => {
  it('holds labelled synthetic candidates of the seed regencies: some registered and funded, most not registered', async () => {
    const { rows } = await sql<{ regency: string; total: number; registered: number; funded: number; open_unregistered: number; labelled: number }>`
      SELECT left(village_code, 5) AS regency, count(*)::int AS total, count(person_id)::int AS registered,
             count(*) FILTER (WHERE state <> 'open')::int AS funded, count(*) FILTER (WHERE state = 'open' AND person_id IS NULL)::int AS open_unregistered,
             count(*) FILTER (WHERE address = 'Alamat sintetis (demo)' AND work_status = 'Data sintetis demo')::int AS labelled
      FROM dtsen_candidate GROUP BY 1 ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.regency)).toEqual(['32.02', '32.13']);
    for (const r of rows) {
      expect(r.labelled).toBe(r.total);
      expect(r.registered).toBeGreaterThan(0);
      expect(r.funded).toBeGreaterThan(0);
      expect(r.open_unregistered).toBeGreaterThan(r.registered);
    }
    // the counts the list reads agree with the candidates
    const counted = await sql<{ n: string }>`SELECT sum(n) AS n FROM dtsen_count WHERE region_code = '32.02'`.execute(t.db);
    expect(Number(counted.rows[0]!.n)).toBe(rows[0]!.total);
  });

  it('adds only what is missing on the next start', async () => {
    expect(await loadDemoDtsen(t.db, DEMO_ACTOR)).toEqual({ candidates: 0 });
  });
});
