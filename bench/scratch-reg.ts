import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { loadRegions } from '../src/modules/regions/load.js';
import { loadDemo } from '../src/demo/load.js';
import { DEFAULT_SEED } from '../src/demo/generate.js';
import { listWorkers, pageOfWorkers, countWorkers } from '../src/modules/workers/queries.js';
const dir = '/tmp/regscratch/pgdata';
const fresh = !existsSync(dir);
const h = await openPglite(dir);
if (fresh) { await migrate(h); await loadRegions(h.db); await loadDemo(h.db, 'province', DEFAULT_SEED); }
for (const region of ['ID', '17', '32.02']) {
  for (let i = 0; i < 3; i++) {
    let t = performance.now(); await pageOfWorkers(h.db, { region }, 26, {}); const a = performance.now() - t;
    t = performance.now(); await countWorkers(h.db, { region }); const b = performance.now() - t;
    console.log(region, a.toFixed(1), b.toFixed(1));
  }
}
const c = pageOfWorkers.toString();
const q = (await sql<any>`EXPLAIN ANALYZE SELECT p.id FROM person p WHERE (p.village_code = '17' OR (p.village_code >= '17.' AND p.village_code < '17/')) ORDER BY village_code, name, id LIMIT 26`.execute(h.db)).rows;
console.log(q.map((r: any) => r['QUERY PLAN']).join('\n'));
console.log((await sql<any>`select count(*) from person_count`.execute(h.db)).rows);
await h.close();
