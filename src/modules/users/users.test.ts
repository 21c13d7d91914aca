import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';

const t = useTestApp();

describe('users and audit', () => {
  it('a regency operator creates a village operator in their regency, audited without the password', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const res = await injectAs(t.app, s, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'Desa.Cidahu', displayName: 'Sekdes Cidahu', password: 'rahasia-panjang-1', role: 'village_operator', regionCode: '32.02.01.2002' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ username: 'desa.cidahu', displayName: 'Sekdes Cidahu', role: 'village_operator', regionCode: '32.02.01.2002', disabled: false });
    const created = await login(t.app, 'desa.cidahu', 'rahasia-panjang-1');
    expect(created.username).toBe('desa.cidahu');

    const auditor = await login(t.app, 'auditor');
    const trail = (await injectAs(t.app, auditor, { url: '/api/audit?entityType=user&entityId=desa.cidahu' })).json().items;
    const create = trail.find((e: { action: string }) => e.action === 'create');
    expect(create).toMatchObject({ actor: 'kab.sukabumi', entityType: 'user', entityId: 'desa.cidahu', regionCode: '32.02.01.2002', before: null });
    expect(create.after).toEqual({ username: 'desa.cidahu', displayName: 'Sekdes Cidahu', role: 'village_operator', regionCode: '32.02.01.2002', disabled: false });
    expect(JSON.stringify(trail)).not.toMatch(/argon2|rahasia/);
  });

  it('records before and after of an update', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    await injectAs(t.app, s, { method: 'PATCH', url: '/api/users/desa.cidahu', payload: { displayName: 'Sekretaris Desa Cidahu', password: 'rahasia-baru-123' } });
    const admin = await login(t.app, 'nasional');
    const [last] = (await injectAs(t.app, admin, { url: '/api/audit?entityType=user&entityId=desa.cidahu&limit=1' })).json().items;
    expect(last).toMatchObject({ action: 'update', actor: 'kab.sukabumi' });
    expect(last.before.displayName).toBe('Sekdes Cidahu');
    expect(last.after).toMatchObject({ displayName: 'Sekretaris Desa Cidahu', passwordChanged: true });
  });

  it('refuses roles above the manager, regions outside them, and roles that do not fit the region level', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const base = { displayName: 'X', password: 'rahasia-panjang-1' };
    const cases = [
      { payload: { ...base, username: 'x.prov', role: 'province_operator', regionCode: '32' }, status: 403, code: 'FORBIDDEN_REGION' },
      { payload: { ...base, username: 'x.kab', role: 'regency_operator', regionCode: '32.02' }, status: 403, code: 'FORBIDDEN_ROLE' },
      { payload: { ...base, username: 'x.mismatch', role: 'village_operator', regionCode: '32.02.01' }, status: 422, code: 'ROLE_REGION_MISMATCH' },
      { payload: { ...base, username: 'x.unknown', role: 'village_operator', regionCode: '32.02.01.2999' }, status: 404, code: 'REGION_NOT_FOUND' },
      { payload: { ...base, username: 'x.short', password: 'pendek', role: 'village_operator', regionCode: '32.02.01.2002' }, status: 422, code: 'PASSWORD_TOO_SHORT' },
      { payload: { ...base, username: 'kab.subang', role: 'village_operator', regionCode: '32.02.01.2002' }, status: 409, code: 'USERNAME_TAKEN' },
    ];
    for (const c of cases) {
      const res = await injectAs(t.app, s, { method: 'POST', url: '/api/users', payload: c.payload });
      expect(res.statusCode, `${c.payload.username}: ${res.body}`).toBe(c.status);
      expect(res.json().error.code).toBe(c.code);
      expect(res.json().error.message).toBeTruthy();
      expect(res.json().error.messageEn).toBeTruthy();
    }
  });

  it('answers 404 for an account outside the manager’s region, and changes nothing', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const res = await injectAs(t.app, s, { method: 'PATCH', url: '/api/users/kab.subang', payload: { displayName: 'Diambil alih' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Pengguna tidak ditemukan.' });
    const unknown = await injectAs(t.app, s, { method: 'PATCH', url: '/api/users/tidak.ada', payload: { displayName: 'X' } });
    expect(unknown.statusCode).toBe(404);
    const subang = await t.db.selectFrom('app_user').select('display_name').where('username', '=', 'kab.subang').executeTakeFirstOrThrow();
    expect(subang.display_name).not.toBe('Diambil alih');
  });

  it('keeps the audit log append-only, even for the database owner', async () => {
    await expect(sql`UPDATE audit_log SET actor_username = 'someone'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('a failed write leaves neither the change nor an audit row', async () => {
    const countWrites = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'login'`.execute(t.db)).rows[0]!.n;
    const s = await login(t.app, 'nasional');
    const before = await countWrites();
    const res = await injectAs(t.app, s, { method: 'POST', url: '/api/users', payload: { username: 'kab.sukabumi', displayName: 'Dup', password: 'rahasia-panjang-1', role: 'regency_operator', regionCode: '32.02' } });
    expect(res.statusCode).toBe(409);
    expect(await countWrites()).toBe(before);
    const unchanged = await t.db.selectFrom('app_user').select('display_name').where('username', '=', 'kab.sukabumi').executeTakeFirstOrThrow();
    expect(unchanged.display_name).toBe('Operator Kabupaten Sukabumi (Demo)');
  });
});
