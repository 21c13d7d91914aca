import type { Db } from '../../db/client.js';
import { hashToken, newToken } from '../../access/plugin.js';
import type { Role } from '../../domain/roles.js';
import { dummyPasswordHash, verifyPassword } from '../../lib/password.js';
import { errors } from '../../lib/errors.js';
import { recordAudit } from '../../db/tx.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { username: string; role: Role; regionCode: string; displayName: string };
}

export async function login(db: Db, username: string, password: string, ttlHours: number): Promise<LoginResult> {
  const user = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
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
    user: { username: user.username, role: user.role, regionCode: user.region_code, displayName: user.display_name },
  };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}
