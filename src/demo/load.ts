import { sql } from 'kysely';
import { analyzeTables } from '../db/analyze.js';
import type { Db } from '../db/client.js';
import { hashPassword } from '../lib/password.js';
import { audited, type Tx } from '../db/tx.js';
import { publicUser } from '../modules/users/service.js';
// compliance (issue 6)
import { loadComplianceDemo } from './load-compliance.js';
import { loadDemoCoverage } from './coverage.js';
import { loadDemoProjects } from './projects.js';
import { loadDemoFunding } from './funding.js';
import { loadDemoOfficial } from './official.js';
import { loadDemoInpres } from './inpres.js';
import { loadDemoDtsen } from './dtsen.js';
import { loadDemoVillage } from './village.js';
import { DEMO_PASSWORD, type DemoPlan, type DemoWorker, type DemoScale, generateDemo, regionsInScale, type RegionRef } from './generate.js';
import { loadDemoClaims } from './claims.js';

export const DEMO_ACTOR = { id: null, username: 'system:demo' };

async function demoRegions(db: Db, scale: DemoScale): Promise<RegionRef[]> {
  const upper = (await db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('level', 'in', ['province', 'regency'])
    .orderBy('code')
    .execute()) as RegionRef[];
  const regencies = regionsInScale(scale, upper).map((r) => r.code);
  const villages = (await db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('level', '=', 'village')
    .where((eb) => eb.or(regencies.map((k) => eb.and([eb('code', '>=', `${k}.`), eb('code', '<', `${k}/`)]))))
    .orderBy('code')
    .execute()) as RegionRef[];
  return [...upper, ...villages];
}

/** Applies the demo plan: adds what is missing (existing accounts are left as they are), audited. */
export async function loadDemo(db: Db, scale: DemoScale, seed: number, opts: { workers?: boolean; /** false: leave statistics alone (the benchmark's "before") */ analyze?: boolean } = {}): Promise<{ plan: DemoPlan; added: number }> {
  const plan = generateDemo(scale, seed, await demoRegions(db, scale));
  // One hash for all demo accounts: they share the documented password, and argon2 is slow by design.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const added = await audited(db, DEMO_ACTOR, async (tx) => {
    const rows = await tx
      .insertInto('app_user')
      .values(plan.users.map((u) => ({ username: u.username, display_name: u.displayName, password_hash: passwordHash, role: u.role, region_code: u.regionCode })))
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .execute();
    const workers = opts.workers === false ? 0 : await insertDemoWorkers(tx, plan.workers);
    if (workers > 0) await loadDemoCoverage(tx, plan.workers); // registry history (issue 5)
    const setting = { scale, seed, label: plan.label, generatedAt: new Date().toISOString(), users: plan.users.length, workers };
    await tx
      .insertInto('app_setting')
      .values({ key: 'demo', value: JSON.stringify(setting) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(setting), updated_at: new Date() }))
      .execute();
    return {
      result: rows.length,
      audit: [
        ...rows.map((r) => ({ action: 'create', entityType: 'user', entityId: r.username, regionCode: r.region_code, before: null, after: publicUser(r) })),
        { action: 'generate', entityType: 'demo', entityId: scale, regionCode: null, before: null, after: setting },
      ],
    };
  });
  // compliance (issue 6): employers, cases, outreach and agents ride on the demo workers (agents credit their enrolments)
  if (opts.workers !== false) await loadComplianceDemo(db, scale, seed);
  // after the transaction above, because billing runs take their own transactions (and PGlite has one connection)
  if (opts.workers !== false) await keepDemoCurrent(db);
  // the demo is a bulk load of every registry table: statistics before the first user's query (decisions.md 57)
  if (opts.workers !== false && opts.analyze !== false) await analyzeTables(db);
  return { plan, added };
}

/**
 * Brings the demo up to this month (WIB), on every start: funding programmes, bills, payments and so
 * early warnings (issue 4), and the national official participation data with its real-scale
 * denominators and targets (issue 11). Each part adds only what is missing, so a demo database from
 * before either of them gets it the first time it starts.
 */
export async function keepDemoCurrent(
  db: Db,
): Promise<{ funding: { programs: number; bills: number }; official: { months: number; rows: number }; dtsen: { candidates: number } }> {
  // the village operator's own village (issue 14), before the billing below so it is billed with the rest
  await loadDemoVillage(db, DEMO_ACTOR);
  const funding = await loadDemoFunding(db, DEMO_ACTOR);
  const official = await loadDemoOfficial(db, DEMO_ACTOR);
  await loadDemoInpres(db, DEMO_ACTOR); // Inpres 2/2021 (issue 15)
  // claims (issue 17): a paid JKK death in Balingbing, an uncovered death, an injury in progress
  await loadDemoClaims(db, DEMO_ACTOR);
  // projects and election cohorts (issue 18)
  await loadDemoProjects(db, { id: null, username: 'system:demo-jakon' });
  // DTSEN targeting (issue 16): the synthetic extract of the seed regencies
  const dtsen = await loadDemoDtsen(db, DEMO_ACTOR);
  return { funding, official, dtsen };
}

/** Demo people, their enrolments, covers and first status, set-based; people already present are kept. */
async function insertDemoWorkers(tx: Tx, workers: DemoWorker[]): Promise<number> {
  if (workers.length === 0) return 0;
  const col = <T>(f: (w: DemoWorker) => T) => workers.map(f);
  const inserted = await sql<{ id: number }>`
    WITH w AS (
      SELECT * FROM unnest(${col((w) => w.nik)}::text[], ${col((w) => w.name)}::text[], ${col((w) => w.birthDate)}::date[],
                           ${col((w) => w.sex)}::text[], ${col((w) => w.villageCode)}::text[], ${col((w) => w.address)}::text[],
                           ${col((w) => w.occupation)}::text[], ${col((w) => w.segment)}::text[], ${col((w) => w.group)}::text[],
                           ${col((w) => w.programs.join(','))}::text[], ${col((w) => w.declaredIncome)}::bigint[],
                           ${col((w) => w.fundingSource)}::text[], ${col((w) => w.status)}::text[], ${col((w) => w.kpj)}::text[])
        AS t(nik, name, birth_date, sex, village_code, address, occupation, segment, group_code, programs, income, funding, status, kpj)
    ), p AS (
      INSERT INTO person (nik, name, birth_date, sex, village_code, address, occupation)
      SELECT nik, name, birth_date, sex, village_code, address, occupation FROM w
      ON CONFLICT (nik) DO NOTHING
      RETURNING id, nik, village_code
    )
    INSERT INTO enrolment (person_id, segment, group_code, programs, declared_income, funding_source, kpj, status, start_date, village_code)
    SELECT p.id, w.segment, w.group_code, string_to_array(w.programs, ','), w.income, w.funding, w.kpj, w.status, date '2025-01-01', p.village_code
    FROM p JOIN w USING (nik)
    RETURNING id`.execute(tx);
  const ids = inserted.rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await sql`
    INSERT INTO enrolment_status_history (enrolment_id, status, changed_at, changed_by)
    SELECT id, status, timestamptz '2025-01-01', ${DEMO_ACTOR.username} FROM enrolment WHERE id = ANY (${ids}::bigint[])`.execute(tx);
  return ids.length;
}
