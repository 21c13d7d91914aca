import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { assessEmployer, type SizeClass, statusesOf } from '../../domain/compliance.js';
import type { Program } from '../../domain/worker.js';
import type { Tx } from '../../db/tx.js';
import { regencyOf } from '../../domain/region-code.js';
import { inRegion } from '../../access/subtree.js';
import { todayWib } from '../../domain/wib.js';

/**
 * Re-runs the pure compliance rules (src/domain/compliance.ts) for a set of employers and stores the
 * result in employer.statuses / findings, so lists filter by status with an index. Called in the same
 * transaction as every employer write, UMK change and programme-rule change.
 */
export async function reassess(tx: Tx | Db, where: { ids: number[] } | { regency: string }, today = todayWib()): Promise<number> {
  let q = tx
    .selectFrom('employer')
    .select(['id', 'npp', 'size_class', 'village_code', 'employees_declared', 'workers_registered', 'wage_reported', 'wage_actual', 'programs']);
  if ('ids' in where) {
    if (where.ids.length === 0) return 0;
    q = q.where('id', 'in', where.ids);
  } else {
    q = q.where((eb) => inRegion(eb, 'village_code', where.regency));
  }
  const rows = await q.execute();
  if (rows.length === 0) return 0;

  const year = Number(today.slice(0, 4));
  const regencies = [...new Set(rows.map((r) => regencyOf(r.village_code)))];
  // The UMK of the assessed year, else the latest earlier one (a new year's UMK is often entered late).
  const umks = await tx
    .selectFrom('umk')
    .select(['regency_code', 'year', 'amount'])
    .where('regency_code', 'in', regencies)
    .where('year', '<=', year)
    .orderBy('regency_code')
    .orderBy('year', 'desc')
    .execute();
  const umkOf = new Map<string, { amount: number; year: number }>();
  for (const u of umks) if (!umkOf.has(u.regency_code)) umkOf.set(u.regency_code, { amount: u.amount, year: u.year });
  const required = await requiredPrograms(tx, today);

  const results = rows.map((r) => {
    const umk = umkOf.get(regencyOf(r.village_code));
    const findings = assessEmployer(
      {
        npp: r.npp,
        sizeClass: r.size_class,
        employeesDeclared: r.employees_declared,
        workersRegistered: r.workers_registered,
        wageReported: r.wage_reported,
        wageActual: r.wage_actual,
        programs: r.programs,
      },
      { umk: umk?.amount ?? null, umkYear: umk?.year, requiredPrograms: required[r.size_class] ?? [] },
    );
    return { id: r.id, statuses: statusesOf(findings).join(','), findings: JSON.stringify(findings) };
  });
  await sql`
    UPDATE employer e SET statuses = string_to_array(t.statuses, ','), findings = t.findings::jsonb, assessed_at = now()
    FROM unnest(${results.map((r) => r.id)}::bigint[], ${results.map((r) => r.statuses)}::text[], ${results.map((r) => r.findings)}::text[])
      AS t(id, statuses, findings)
    WHERE e.id = t.id`.execute(tx);
  return results.length;
}

/** The programme requirement in force on `date` for each size class (date-effective rows). */
export async function requiredPrograms(db: Tx | Db, date: string): Promise<Partial<Record<SizeClass, Program[]>>> {
  const rows = await db
    .selectFrom('compliance_program_rule')
    .select(['size_class', 'programs', 'effective_from'])
    .where('effective_from', '<=', date)
    .orderBy('size_class')
    .orderBy('effective_from', 'desc')
    .execute();
  const out: Partial<Record<SizeClass, Program[]>> = {};
  for (const r of rows) if (!out[r.size_class]) out[r.size_class] = r.programs;
  return out;
}

