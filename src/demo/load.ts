import type { Db } from '../db/client.js';
import { hashPassword } from '../lib/password.js';
import { audited } from '../modules/audit/record.js';
import { publicUser } from '../modules/users/service.js';
import { DEMO_PASSWORD, type DemoPlan, type DemoScale, generateDemo, regionsInScale, type RegionRef } from './generate.js';

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
export async function loadDemo(db: Db, scale: DemoScale, seed: number): Promise<{ plan: DemoPlan; added: number }> {
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
    const setting = { scale, seed, label: plan.label, generatedAt: new Date().toISOString(), users: plan.users.length };
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
  return { plan, added };
}
