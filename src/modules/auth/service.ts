import type { Db } from '../../db/client.js';
import { hashToken, newToken } from '../../access/plugin.js';
import type { Role } from '../../domain/roles.js';
import { dummyPasswordHash, verifyPassword } from '../../lib/password.js';
import { errors } from '../../lib/errors.js';
import { recordAudit } from '../audit/record.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { username: string; role: Role; regionCode: string; displayName: string };
}

/**
 * One spelling per account for login, its rate limit and its lockout: fullwidth and other compatibility
 * forms folded (NFKC), surrounding spaces dropped, lower case. Stored usernames are already in this form.
 */
export const normaliseUsername = (username: string) => username.normalize('NFKC').trim().toLowerCase();

export async function login(db: Db, username: string, password: string, ttlHours: number): Promise<LoginResult> {
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', normaliseUsername(username))
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled_at) throw errors.badCredentials();

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.transaction().execute(async (tx) => {
    // Expired sessions are swept on the way in rather than by a timer.
    await tx.deleteFrom('user_session').where('expires_at', '<', new Date()).execute();
    await tx
      .insertInto('user_session')
      .values({ id: hashToken(token), user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt })
      .execute();
    await recordAudit(tx, { id: user.id, username: user.username }, {
      action: 'login',
      entityType: 'user',
      entityId: user.username,
      regionCode: user.region_code,
      before: null,
      after: null,
    });
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: { username: user.username, role: user.role as Role, regionCode: user.region_code, displayName: user.display_name },
  };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}
