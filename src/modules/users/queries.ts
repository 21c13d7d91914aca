import type { Db } from '../../db/client.js';
import type { AppUser } from '../../db/schema.js';
import { descendantRange, NATIONAL } from '../../domain/region-code.js';
import type { Tx } from '../../db/tx.js';

export function findUser(db: Db | Tx, username: string): Promise<AppUser | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listUsersInSubtree(db: Db, scope: string, q: string | undefined, limit: number): Promise<AppUser[]> {
  const range = descendantRange(scope);
  let query = db.selectFrom('app_user').selectAll().orderBy('username').limit(limit);
  if (scope !== NATIONAL) {
    query = query.where((eb) =>
      eb.or([eb('region_code', '=', scope), eb.and([eb('region_code', '>=', range.from), eb('region_code', '<', range.to)])]),
    );
  }
  if (q) query = query.where((eb) => eb.or([eb('username', 'ilike', `%${q}%`), eb('display_name', 'ilike', `%${q}%`)]));
  return query.execute();
}
