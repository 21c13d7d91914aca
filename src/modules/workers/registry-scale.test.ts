import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';
import { countWorkers, decodeCursor, encodeCursor } from './queries.js';

/**
 * Registry reads at scale (issue 13, 0014_registry_scale.sql): the latest enrolment kept on the person,
 * the per-region counts kept by triggers, and keyset pages. Every figure is compared with a direct
 * query of the tables, after inserts, moves, new enrolments and deletes, before and after compaction.
 */
const t = useTestApp();

const VILLAGES = ['32.02.01.2002', '32.02.01.2003', '32.02.02.2001', '32.13.28.2007', '17.01.01.2001'];
const STATUSES = ['submitted', 'registered', 'active', 'lapsed', 'ended'] as const;
let serial = 100;

/** n people over VILLAGES written in one statement each for people and enrolments (as an import does). */
async function seed(n: number) {
  const people = await t.db
    .insertInto('person')
    .values(
      Array.from({ length: n }, (_, i) => ({
        nik: `320201150590${String(++serial).padStart(4, '0')}`,
        name: `${['Asep', 'Siti', 'Budi', 'Euis'][i % 4]} ${['Hidayat', 'Lestari', 'Saputra'][i % 3]} ${i}`,
        birth_date: '1990-05-15',
        sex: 'L',
        village_code: VILLAGES[i % VILLAGES.length]!,
        address: '',
      })),
    )
    .returning(['id', 'village_code'])
    .execute();
  // every person but each seventh gets an enrolment
  await t.db
    .insertInto('enrolment')
    .values(
      people
        .filter((_, i) => i % 7 !== 0)
        .map((p, i) => ({
          person_id: p.id,
          segment: i % 3 === 0 ? 'PU' : 'BPU',
          group_code: i % 3 === 0 ? 'NON_ASN' : 'PEKERJA_RENTAN',
          programs: i % 5 === 0 ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'],
          funding_source: i % 2 ? 'APBD Kab. Sukabumi' : 'CSR PT Maju',
          status: STATUSES[i % STATUSES.length]!,
          village_code: p.village_code,
        })),
    )
    .execute();
  return people;
}

/** person.cur_* against the latest enrolment of every person, straight from the tables. */
async function expectCurrentEqualsLatest() {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM person p
    LEFT JOIN LATERAL (SELECT * FROM enrolment e WHERE e.person_id = p.id ORDER BY e.id DESC LIMIT 1) e ON true
    WHERE (p.cur_status, p.cur_segment, p.cur_group, p.cur_programs, p.cur_payer) IS DISTINCT FROM (e.status, e.segment, e.group_code, e.programs, e.funding_source)`.execute(t.db);
  expect(rows[0]!.n).toBe(0);
}

/** Every count the list can give, for every level and status, against count(*). */
async function expectCountsEqualDirect() {
  const regions = ['ID', '32', '32.02', '32.02.01', '32.02.01.2002', '32.13.28.2007', '17', '11'];
  for (const region of regions) {
    for (const status of [undefined, ...STATUSES]) {
      const direct = await t.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where((eb) => (region === 'ID' ? eb.lit(true) : eb.or([eb('village_code', '=', region), eb('village_code', 'like', `${region}.%`)])))
        .$if(status !== undefined, (q) => q.where('cur_status', '=', status!))
        .executeTakeFirstOrThrow();
      const counted = await countWorkers(t.db, { region, status });
      expect(counted, `${region} ${status ?? 'all'}`).toEqual({ total: Number(direct.n), estimated: false });
    }
  }
}

describe('registry at scale', () => {
  it('keeps the latest enrolment on the person and exact counts through inserts, moves, new enrolments and deletes', async () => {
    const people = await seed(60);
    await expectCurrentEqualsLatest();
    await expectCountsEqualDirect();

    // a status move of the latest enrolment (set-based, many rows in one statement)
    await t.db.updateTable('enrolment').set({ status: 'lapsed' }).where('status', '=', 'active').execute();
    await expectCurrentEqualsLatest();
    await expectCountsEqualDirect();

    // a newer enrolment replaces the shown one; an older one changing does not
    const p = people[1]!;
    const older = await t.db.selectFrom('enrolment').selectAll().where('person_id', '=', p.id).executeTakeFirstOrThrow();
    await t.db.updateTable('enrolment').set({ status: 'ended' }).where('id', '=', older.id).execute();
    const newer = await t.db
      .insertInto('enrolment')
      .values({ person_id: p.id, segment: 'JAKON', group_code: 'KONSTRUKSI_DESA', programs: ['JKK', 'JKM'], funding_source: 'Dana Desa', village_code: p.village_code })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('enrolment').set({ status: 'registered' }).where('id', '=', older.id).execute().catch(() => undefined);
    const shown = await t.db.selectFrom('person').select(['cur_segment', 'cur_status']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(shown).toEqual({ cur_segment: 'JAKON', cur_status: 'submitted' });
    await expectCurrentEqualsLatest();

    // compaction folds the pending rows without changing any figure
    const moved = await sql<{ n: number }>`SELECT person_count_compact() AS n`.execute(t.db);
    expect(Number(moved.rows[0]!.n)).toBeGreaterThan(0);
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person_count WHERE delta`.execute(t.db);
    expect(pending.rows[0]!.n).toBe(0);
    await expectCountsEqualDirect();

    // deleting the latest enrolment shows the one before; deleting people takes them out of the counts
    await t.db.deleteFrom('enrolment').where('id', '=', newer.id).execute();
    await expectCurrentEqualsLatest();
    const gone = people.slice(50).map((x) => x.id);
    await t.db.deleteFrom('enrolment').where('person_id', 'in', gone).execute();
    await t.db.deleteFrom('person').where('id', 'in', gone).execute();
    await expectCurrentEqualsLatest();
    await expectCountsEqualDirect();
  });

  it('pages by cursor through exactly the ordered list, and refuses a cursor it did not make', async () => {
    await seed(45);
    const s = await login(t.app, 'kab.sukabumi');
    const all = await t.db
      .selectFrom('person')
      .select(['id'])
      .where('village_code', '>=', '32.02')
      .where('village_code', '<', '32.02/')
      .orderBy('village_code')
      .orderBy('name')
      .orderBy('id')
      .execute();
    expect(all.length).toBeGreaterThan(20);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/workers?pageSize=7${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await injectAs(t.app, s, { url });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: number }[]; total: number; totalEstimated: boolean; nextCursor: string | null };
      expect(body.total).toBe(all.length);
      expect(body.totalEstimated).toBe(false);
      seen.push(...body.items.map((w) => w.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all.map((r) => r.id));

    // the old offset pages give the same rows
    const page2 = await injectAs(t.app, s, { url: '/api/workers?pageSize=7&page=2' });
    expect((page2.json() as { items: { id: number }[] }).items.map((w) => w.id)).toEqual(all.slice(7, 14).map((r) => r.id));

    const bad = await injectAs(t.app, s, { url: '/api/workers?cursor=not-a-cursor' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'cursor' });
    expect(decodeCursor(encodeCursor({ villageCode: '32.02.01.2002', name: 'Siti', id: 7 }))).toEqual({ villageCode: '32.02.01.2002', name: 'Siti', id: 7 });
  });

  it('filters by programme and payer on the latest enrolment; such totals are counted, not guessed, in a small region (name search: name-search.test.ts)', async () => {
    await seed(40);
    const s = await login(t.app, 'kab.sukabumi');
    for (const [query, where] of [
      ['program=JHT', sql<boolean>`cur_programs @> ARRAY['JHT']`],
      ['payer=csr', sql<boolean>`cur_payer ILIKE '%csr%'`],
    ] as const) {
      const res = await injectAs(t.app, s, { url: `/api/workers?pageSize=200&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: number }[]; total: number; totalEstimated: boolean };
      const direct = await sql<{ id: string }>`SELECT id FROM person WHERE village_code >= '32.02' AND village_code < '32.02/' AND ${where} ORDER BY village_code, name, id`.execute(t.db);
      expect(direct.rows.length, query).toBeGreaterThan(0);
      expect(body.items.map((w) => w.id), query).toEqual(direct.rows.map((r) => Number(r.id)));
      expect(body.total, query).toBe(direct.rows.length);
      expect(body.totalEstimated, query).toBe(false);
    }
  });

  it('tells national roles which database runs and whether the embedded one has passed its ceiling', async () => {
    await seed(10);
    const s = await login(t.app, 'nasional');
    const res = await injectAs(t.app, s, { url: '/api/system/database' });
    expect(res.statusCode, res.body).toBe(200);
    const people = await t.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(res.json()).toMatchObject({ people: Number(people.n), overCeiling: false, notice: null });
    const op = await login(t.app, 'kab.sukabumi');
    expect((await injectAs(t.app, op, { url: '/api/system/database' })).statusCode).toBe(403);
  });
});
