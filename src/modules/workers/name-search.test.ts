import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { countWorkers, listWorkers, SEARCH_COUNT_CAP } from './queries.js';

/**
 * Typo-tolerant name search through the name dictionary (0024_name_search.sql, decision 107): results
 * ranked by similarity, then by village and id within a name; cursors walk exactly that order; totals
 * exact; the dictionary holds every name a person gets, in the same transaction.
 */
const t = useTestApp();
let serial = 500;

const NAMES = ['Siti Hidayat', 'SITI HIDAYAT', 'Siti Hidayati', 'Siti Lestari', 'Dedi Hidayat', 'Asep Supriatna', 'Budi Saputra'];
const VILLAGES = ['32.02.01.2002', '32.02.02.2001', '32.13.28.2007', '17.01.01.2001'];

async function seed(n: number) {
  return t.db
    .insertInto('person')
    .values(
      Array.from({ length: n }, (_, i) => ({
        nik: `320201150590${String(++serial).padStart(4, '0')}`,
        name: NAMES[i % NAMES.length]!,
        birth_date: '1990-05-15',
        sex: 'P',
        village_code: VILLAGES[(i * 5) % VILLAGES.length]!,
        address: '',
      })),
    )
    .returning(['id'])
    .execute();
}

/** What the search must answer, straight from person: same match, same order. */
async function direct(region: string, q: string) {
  const needle = q.toLowerCase();
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM person
    WHERE village_code >= ${region} AND village_code < ${region + '/'}
      AND (lower(name) LIKE ${`%${needle}%`} OR word_similarity(${needle}, lower(name)) >= 0.6)
    ORDER BY word_similarity(${needle}, lower(name)) + similarity(${needle}, lower(name)) DESC, lower(name), village_code, id`.execute(t.db);
  return rows.map((r) => Number(r.id));
}

describe('name search', () => {
  it('ranks the most similar names first, stays in the region, and pages by cursor through exactly that order', async () => {
    await seed(84);
    const s = await login(t.app, 'kab.sukabumi');
    const expected = await direct('32.02', 'siti hidaat');
    expect(expected.length).toBeGreaterThan(10);
    const seen: number[] = [];
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await injectAs(t.app, s, { url: `/api/workers?q=siti%20hidaat&pageSize=5${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: number; name: string; villageCode: string }[]; total: number; totalEstimated: boolean; nextCursor: string | null };
      expect(body).toMatchObject({ total: expected.length, totalEstimated: false });
      for (const w of body.items) expect(w.villageCode.startsWith('32.02.')).toBe(true);
      seen.push(...body.items.map((w) => w.id));
      names.push(...body.items.map((w) => w.name));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(expected);
    // the typo finds the name it misspells first (both spellings of it), weaker matches after
    expect(names[0]!.toLowerCase()).toBe('siti hidayat');
    expect(names.map((n) => n.toLowerCase())).toContain('siti hidayati');
    expect(names).not.toContain('Budi Saputra');

    // offset pages (old clients) give the same rows in the same order
    const page2 = (await injectAs(t.app, s, { url: '/api/workers?q=siti%20hidaat&pageSize=5&page=2' })).json() as { items: { id: number }[] };
    expect(page2.items.map((w) => w.id)).toEqual(expected.slice(5, 10));
    // a substring is found too, with filters combined
    const sub = await listWorkers(t.db, { region: '32.02', q: 'hidaya', segment: undefined }, 100, {});
    expect(sub.items.map((w) => w.id)).toEqual(await direct('32.02', 'hidaya'));
  });

  it('keeps every name in the dictionary: inserts and renames, in the same transaction', async () => {
    const [p] = await seed(1);
    await t.db.updateTable('person').set({ name: 'Nining Kurniasih' }).where('id', '=', p!.id).execute();
    const found = await listWorkers(t.db, { region: 'ID', q: 'nining kurniasi' }, 10, {});
    expect(found.items.map((w) => w.id)).toEqual([p!.id]);
    const dict = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person p WHERE NOT EXISTS (SELECT 1 FROM person_name d WHERE d.lname = lower(p.name))`.execute(t.db);
    expect(dict.rows[0]!.n).toBe(0);
  });

  it('counts a broad search exactly past the counting cap while the region is small enough to count', async () => {
    await sql`
      INSERT INTO person (nik, name, birth_date, sex, village_code, address)
      SELECT '3202011505' || lpad(g::text, 6, '0'), 'Euis Rahmawati', date '1990-01-01', 'P', '32.02.01.2002', ''
      FROM generate_series(1, ${SEARCH_COUNT_CAP + 50}) g`.execute(t.db);
    const counted = await countWorkers(t.db, { region: '32.02', q: 'euis rahmawat' });
    expect(counted).toEqual({ total: SEARCH_COUNT_CAP + 50, estimated: false });
    const first = await listWorkers(t.db, { region: '32.02', q: 'euis rahmawat' }, 25, {});
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).not.toBeNull();
  });
});
