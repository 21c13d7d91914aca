import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';

/** Stores a new session by the hash of its token; expired sessions are swept on the way in rather than by a timer. */
export async function openSession(tx: Tx, session: { id: string; userId: number; csrfToken: string; expiresAt: Date }) {
  await tx.deleteFrom('user_session').where('expires_at', '<', new Date()).execute();
  await tx.insertInto('user_session').values({ id: session.id, user_id: session.userId, csrf_token: session.csrfToken, expires_at: session.expiresAt }).execute();
}

export async function closeSession(db: Db, sessionId: string) {
  await db.deleteFrom('user_session').where('id', '=', sessionId).execute();
}
