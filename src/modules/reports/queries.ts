import type { Db } from '../../db/client.js';

/** All SQL of the reports capability (the figures themselves come from the coverage service). */

/** The database holds the synthetic demo data set, which every report must say. */
export async function holdsDemoData(db: Db): Promise<boolean> {
  const row = await db.selectFrom('app_setting').select('key').where('key', '=', 'demo').executeTakeFirst();
  return row !== undefined;
}
