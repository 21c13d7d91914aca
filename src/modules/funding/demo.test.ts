import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { currentPeriod, monthsBetween } from '../../domain/coverage.js';
import { DEMO_ACTOR } from '../../demo/load.js';
import { loadDemoFunding } from '../../demo/funding.js';
import { earlyWarning } from './planning/service.js';

const t = useTestApp({ demoWorkers: true });

describe('demo funding', () => {
  it('APBD for the seed regencies, Dana Desa for some villages, one CSR; bills every month from 2025-01 to this month with payments, arrears, a partial bill and lapses', async () => {
    const programs = await t.db.selectFrom('funding_program').select(['payer_type', 'region_code', 'name']).execute();
    const types = new Set(programs.map((p) => p.payer_type));
    expect([...types].sort()).toEqual(expect.arrayContaining(['APBD_KABKOTA', 'DANA_DESA', 'CSR']));
    expect(programs.filter((p) => p.payer_type === 'APBD_KABKOTA').map((p) => p.region_code)).toEqual(expect.arrayContaining(['32.02', '32.13']));
    const months = await sql<{ m: string }>`SELECT DISTINCT to_char(month, 'YYYY-MM') AS m FROM bill ORDER BY 1`.execute(t.db);
    expect(months.rows.map((r) => r.m)).toEqual(monthsBetween('2025-01', currentPeriod()));
    const status = await sql<{ unpaid: string; partial: string; paid: string }>`
      SELECT count(*) FILTER (WHERE paid_amount = 0 AND amount > 0) AS unpaid, count(*) FILTER (WHERE paid_amount > 0 AND paid_amount < amount) AS partial,
             count(*) FILTER (WHERE paid_amount >= amount) AS paid FROM bill`.execute(t.db);
    const s = status.rows[0]!;
    expect(Number(s.unpaid)).toBeGreaterThan(0);
    expect(Number(s.paid)).toBeGreaterThan(0);
    const lapsed = await t.db.selectFrom('enrolment_status_history').select('enrolment_id').where('reason', '=', 'unpaid_3_months').execute();
    expect(lapsed.length).toBeGreaterThan(0);
    const linked = await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment WHERE funding_program_id IS NOT NULL`.execute(t.db);
    expect(Number(linked.rows[0]!.n)).toBeGreaterThan(100);
    // renewed every fiscal year: this year's programmes pay for the open enrolments, last year's are closed
    const thisYear = Number(currentPeriod().slice(0, 4));
    const years = await t.db.selectFrom('funding_program').select(['fiscal_year', 'status']).execute();
    expect(years.filter((p) => p.fiscal_year === thisYear).every((p) => p.status === 'active')).toBe(true);
    expect(years.filter((p) => p.fiscal_year === thisYear).length).toBeGreaterThan(0);
    expect(years.filter((p) => p.fiscal_year < thisYear).every((p) => p.status === 'closed')).toBe(true);
    // a payer behind on its bills: workers who lapse within a month unless it pays
    const warning = await earlyWarning(t.db, { region: '32.02', days: 35 });
    expect(warning.items.length).toBeGreaterThan(0);
    expect(warning.items.every((i) => i.lapseDate > warning.asOf)).toBe(true);
    expect(warning.items.map((i) => i.lapseDate)).toEqual([...warning.items.map((i) => i.lapseDate)].sort());
    expect(warning.items.every((i) => /^•{12}\d{4}$/.test(i.nikMasked))).toBe(true);
    // loading again adds nothing
    expect(await loadDemoFunding(t.db, DEMO_ACTOR)).toEqual({ programs: 0, bills: 0 });
  });
});
