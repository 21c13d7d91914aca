import type { Db } from '../../db/client.js';
import type { RegionLookup } from '../../domain/worker.js';

/**
 * Region codes held in memory (about 91,000 short strings, a few MB), so validating a million
 * imported rows asks the database nothing per row. Reference data changes only with a reload.
 */
const cache = new WeakMap<Db, Promise<RegionLookup>>();

export function regionIndex(db: Db): Promise<RegionLookup> {
  let index = cache.get(db);
  if (!index) {
    index = build(db);
    cache.set(db, index);
    index.catch(() => cache.delete(db));
  }
  return index;
}

async function build(db: Db): Promise<RegionLookup> {
  const rows = await db.selectFrom('region').select(['code', 'level']).where('level', 'in', ['province', 'district', 'village']).execute();
  const byLevel = { province: new Set<string>(), district: new Set<string>(), village: new Set<string>() };
  for (const r of rows) byLevel[r.level as keyof typeof byLevel].add(r.code);
  return {
    provinceExists: (c) => byLevel.province.has(c),
    districtExists: (c) => byLevel.district.has(c),
    villageExists: (c) => byLevel.village.has(c),
  };
}
