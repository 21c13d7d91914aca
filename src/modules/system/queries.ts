import { sql } from 'kysely';
import type { Db } from '../../db/client.js';

/** People in the registry from person_count (a few hundred rows at the country level), not count(*). */
export async function registryPeople(db: Db): Promise<number> {
  const r = await sql<{ n: string | null }>`SELECT sum(n) AS n FROM person_count WHERE region_code = 'ID'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
