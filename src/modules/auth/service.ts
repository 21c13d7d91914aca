import type { Db } from '../../db/client.js';
import { hashToken, newToken } from '../../access/plugin.js';
import { dummyPasswordHash, verifyPassword } from '../../lib/password.js';
import { errors } from '../../lib/errors.js';
import { recordAudit } from '../../db/tx.js';
import { findUser } from '../users/queries.js';
import { closeSession, openSession } from './queries.js';
import type { Me } from './schemas.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: Pick<Me, 'username' | 'role' | 'regionCode' | 'displayName'>;
}

/**
 * One spelling per account for login, its rate limit and its lockout: fullwidth and other compatibility
 * forms folded (NFKC), surrounding spaces dropped, lower case. Stored usernames are already in this form.
 */
export const normaliseUsername = (username: string) => username.normalize('NFKC').trim().toLowerCase();

export async function login(db: Db, username: string, password: string, ttlHours: number): Promise<LoginResult> {
  const user = await findUser(db, normaliseUsername(username));
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled_at) throw errors.badCredentials();

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.transaction().execute(async (tx) => {
    await openSession(tx, { id: hashToken(token), userId: user.id, csrfToken, expiresAt });
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
  await closeSession(db, sessionId);
}
