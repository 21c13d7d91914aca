import type { Db } from '../../db/client.js';
import { registryPeople } from './queries.js';
import type { DatabaseStatus } from './schemas.js';

/**
 * How many people the embedded database (PGlite) serves within the list and coverage targets on the
 * reference machine (docs/benchmarks.md, "The embedded ceiling"; decisions.md 68). Past it, a
 * deployment should move to PostgreSQL (DATABASE_URL).
 */
export const EMBEDDED_PEOPLE_CEILING = 200_000;

export async function databaseStatus(db: Db, engine: 'postgres' | 'pglite'): Promise<DatabaseStatus> {
  const people = await registryPeople(db);
  const ceiling = engine === 'pglite' ? EMBEDDED_PEOPLE_CEILING : null;
  const overCeiling = ceiling !== null && people > ceiling;
  const n = (x: number, locale: string) => x.toLocaleString(locale);
  return {
    engine,
    people,
    ceiling,
    overCeiling,
    notice: overCeiling
      ? {
          message: `Basis data tertanam (PGlite) kini memuat ${n(people, 'id-ID')} orang, melewati batas terukur ${n(EMBEDDED_PEOPLE_CEILING, 'id-ID')}: daftar dan cakupan dapat melambat. Pindahkan ke PostgreSQL (DATABASE_URL).`,
          messageEn: `The embedded database (PGlite) now holds ${n(people, 'en')} people, past its measured ceiling of ${n(EMBEDDED_PEOPLE_CEILING, 'en')}: lists and coverage may slow down. Move to PostgreSQL (DATABASE_URL).`,
        }
      : null,
  };
}
