import { sql } from 'kysely';
import type { Db } from '../../db/client.js';

/** One database round trip. */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
