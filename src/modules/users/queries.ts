import type { Role } from '../../domain/roles.js';
import type { Updateable } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { AppUser, Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';

/** An account is its assigned region's, found by username. */
export const userScope: EntityScope<string> = {
  name: { id: 'Pengguna', en: 'User' },
  regionsOf: async (db, usernames) =>
    new Map((await db.selectFrom('app_user').select(['username', 'region_code as region']).where('username', 'in', usernames).execute()).map((r) => [r.username, r.region])),
};

export function findUser(db: Db | Tx, username: string): Promise<AppUser | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listUsersInSubtree(db: Db, scope: string, q: string | undefined, limit: number): Promise<AppUser[]> {
  let query = db.selectFrom('app_user').selectAll().orderBy('username').limit(limit);
  query = query.where((eb) => inRegion(eb, 'region_code', scope));
  if (q) query = query.where((eb) => eb.or([eb('username', 'ilike', `%${q}%`), eb('display_name', 'ilike', `%${q}%`)]));
  return query.execute();
}

export function insertUser(tx: Tx, user: { username: string; displayName: string; passwordHash: string; role: Role; regionCode: string }): Promise<AppUser> {
  return tx
    .insertInto('app_user')
    .values({ username: user.username, display_name: user.displayName, password_hash: user.passwordHash, role: user.role, region_code: user.regionCode })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function setUser(tx: Tx, id: number, change: Updateable<Database['app_user']>): Promise<AppUser> {
  return tx.updateTable('app_user').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Signs the user out everywhere. */
export async function endSessions(tx: Tx, userId: number) {
  await tx.deleteFrom('user_session').where('user_id', '=', userId).execute();
}
