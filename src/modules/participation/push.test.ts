import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import { addMonths, currentPeriod } from '../../domain/coverage.js';

const t = useTestApp();
const THIS_MONTH = currentPeriod();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let admin: Session;

async function newToken(regionCode: string, name = `BPJS TK ${regionCode} ${Math.random().toString(36).slice(2, 7)}`) {
  const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/tokens', payload: { name, regionCode, scopes: ['participation:write'] } });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: number; token: string }), name };
}

const push = (token: string | undefined, body: unknown) =>
  t.app.inject({ method: 'PUT', url: '/api/participation', headers: token ? { authorization: `Bearer ${token}` } : {}, payload: body as object });

const row = (regionCode: string, active: number, extra: Record<string, unknown> = {}) => ({ regionCode, period: '2025-06', segment: 'PU', active, ...extra });

const current = (regionCode: string, month = '2025-06-01', segment = 'PU') =>
  t.db.selectFrom('participation_report').selectAll().where('region_code', '=', regionCode).where('month', '=', month).where('segment', '=', segment as 'PU').where('superseded_at', 'is', null).execute();

beforeAll(async () => {
  admin = await login(t.app, 'nasional');
  // this file's own figures only, whatever the demo brings
  await t.db.deleteFrom('participation_report').execute();
});

describe('API tokens (national monitor)', () => {
  it('shows a new token once, stores only its sha256, lists it without the secret, audits its creation', async () => {
    const { id, token, name } = await newToken('32', 'BPJS TK Kanwil Jawa Barat');
    expect(token.length).toBeGreaterThanOrEqual(40);
    const stored = await t.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const list = await injectAs(t.app, admin, { url: '/api/tokens' });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((x: { id: number }) => x.id === id);
    expect(item).toMatchObject({ id, name, regionCode: '32', regionName: 'JAWA BARAT', scopes: ['participation:write'], createdBy: 'nasional', lastUsedAt: null, revokedAt: null });
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(stored.token_hash);

    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'api_token').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => [a.action, a.actor_username])).toEqual([['token_create', 'nasional']]);
  });

  it('is for the national monitor only', async () => {
    for (const username of ['prov.bengkulu', 'kab.sukabumi', 'bpjs.sukabumi', 'auditor']) {
      const s = await login(t.app, username);
      const res = await injectAs(t.app, s, { method: 'POST', url: '/api/tokens', payload: { name: 'x', regionCode: '32.02', scopes: ['participation:write'] } });
      expect(res.statusCode, username).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN_ROLE');
      expect((await injectAs(t.app, s, { url: '/api/tokens' })).statusCode).toBe(403);
    }
  });

  it('refuses an unknown scope, an unknown region and a village', async () => {
    const scope = await injectAs(t.app, admin, { method: 'POST', url: '/api/tokens', payload: { name: 'x', regionCode: '32', scopes: ['worker:write'] } });
    expect(scope.statusCode).toBe(422);
    const unknown = await injectAs(t.app, admin, { method: 'POST', url: '/api/tokens', payload: { name: 'x', regionCode: '32.99', scopes: ['participation:write'] } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REGION_NOT_FOUND');
    const village = await injectAs(t.app, admin, { method: 'POST', url: '/api/tokens', payload: { name: 'x', regionCode: '32.02.01.2002', scopes: ['participation:write'] } });
    expect(village.statusCode).toBe(422);
    expect(village.json().error).toMatchObject({ code: 'REGION_LEVEL_NOT_ACCEPTED', field: 'body.regionCode' });
  });

  it('revokes: the next use answers 401, the list shows when, the revocation is audited', async () => {
    const { id, token } = await newToken('32.02');
    expect((await push(token, { source: 'uji', rows: [row('32.02', 10)] })).statusCode).toBe(200);
    const del = await injectAs(t.app, admin, { method: 'DELETE', url: `/api/tokens/${id}` });
    expect(del.statusCode, del.body).toBe(204);
    const after = await push(token, { source: 'uji', rows: [row('32.02', 11)] });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    const item = (await injectAs(t.app, admin, { url: '/api/tokens' })).json().items.find((x: { id: number }) => x.id === id);
    expect(item.revokedAt).not.toBeNull();
    expect((await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'api_token').where('entity_id', '=', String(id)).where('action', '=', 'token_revoke').execute()).length).toBe(1);
    expect((await injectAs(t.app, admin, { method: 'DELETE', url: '/api/tokens/999999' })).statusCode).toBe(404);
  });
});

describe('PUT /api/participation: who may push', () => {
  it('answers 401 UNAUTHENTICATED, bilingual, without a token, with an unknown one, or with a session cookie instead', async () => {
    const body = { source: 'uji', rows: [row('32.02', 1)] };
    for (const res of [await push(undefined, body), await push('not-a-real-token', body), await t.app.inject({ method: 'PUT', url: '/api/participation', headers: { authorization: 'Basic abc' }, payload: body })]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(res.json().error.message).toMatch(/Token API/);
      expect(res.json().error.messageEn).toMatch(/API token/);
    }
    const cookie = await injectAs(t.app, admin, { method: 'PUT', url: '/api/participation', payload: body });
    expect(cookie.statusCode).toBe(401);
    expect((await current('32.02')).map((f) => f.active)).toEqual([10]); // the revoked token's push, nothing since
  });

  it('answers 403 for a row outside the token’s region, stores nothing and audits the refusal', async () => {
    const { id, token } = await newToken('32.02');
    const res = await push(token, { source: 'uji', rows: [row('32.02.01', 5), row('32.13', 7)] });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN_REGION', details: { regionCode: '32.13' } });
    expect(await current('32.02.01')).toHaveLength(0);
    expect(await current('32.13')).toHaveLength(0);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'api_token').where('entity_id', '=', String(id)).where('action', 'like', 'participation%').execute();
    expect(audit.map((a) => [a.action, a.actor_username, a.after])).toEqual([['participation_push_refused', expect.stringMatching(/^token:/), { status: 403, code: 'FORBIDDEN_REGION', issues: 0 }]]);
  });
});

describe('PUT /api/participation: storing', () => {
  it('stores a push, stamps the token’s last use and audits it as token:<name>', async () => {
    const { id, token, name } = await newToken('32');
    const res = await push(token, {
      source: 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025',
      rows: [row('32', 5_000_000, { segment: 'BPU', new: 12_000, inactive: 3_000 }), row('32.13', 200_000), row('32.13.28', 9_000, { segment: 'PMI', period: '2025-05' })],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, replaced: 0 });
    const [bpu] = await current('32', '2025-06-01', 'BPU');
    expect(bpu).toMatchObject({ active: 5_000_000, new_count: 12_000, inactive_count: 3_000, source: 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025', token_id: id, import_job_id: null, received_by: `token:${name}` });
    expect((await current('32.13.28', '2025-05-01', 'PMI'))[0]?.active).toBe(9_000);

    const stored = await t.db.selectFrom('api_token').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.last_used_at).not.toBeNull();
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'participation_push').where('entity_id', '=', String(id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, actor_username: `token:${name}`, entity_type: 'api_token', region_code: '32' });
    expect(audit[0]!.after).toMatchObject({ rows: 3, accepted: 3, replaced: 0 });
  });

  it('replaces, never adds: a re-send or correction becomes current, the earlier figure stays as history with its source', async () => {
    const { token } = await newToken('32.02');
    // the revoked token's push in the token tests sent 32.02 PU 2025-06 already
    expect((await push(token, { source: 'kiriman pertama', rows: [row('32.02', 100_000), row('32.02', 30_000, { segment: 'BPU' })] })).json()).toEqual({ accepted: 2, replaced: 1 });
    const second = await push(token, { source: 'koreksi', rows: [row('32.02', 101_500), row('32.02.01', 4_000)] });
    expect(second.json()).toEqual({ accepted: 2, replaced: 1 });
    const now = await current('32.02');
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ active: 101_500, source: 'koreksi' });
    const history = await t.db.selectFrom('participation_report').selectAll().where('region_code', '=', '32.02').where('segment', '=', 'PU').where('month', '=', '2025-06-01').orderBy('id').execute();
    expect(history.map((h) => [h.active, h.source, h.superseded_at !== null])).toEqual([
      [10, 'uji', true],
      [100_000, 'kiriman pertama', true],
      [101_500, 'koreksi', false],
    ]);
    // the BPU figure was not sent again and stays current
    expect((await current('32.02', '2025-06-01', 'BPU'))[0]?.active).toBe(30_000);
  });

  it('takes 10,000 rows in one request, and refuses 10,001', async () => {
    const { token } = await newToken('ID');
    const regencies = (await t.db.selectFrom('region').select('code').where('level', '=', 'regency').orderBy('code').execute()).map((r) => r.code);
    const rows: ReturnType<typeof row>[] = [];
    for (let m = 0; rows.length < 10_000; m++) {
      for (const code of regencies) for (const segment of ['PU', 'BPU', 'JAKON', 'PMI']) if (rows.length < 10_000) rows.push({ regionCode: code, period: addMonths('2024-01', m), segment, active: 1_000 + m });
    }
    const res = await push(token, { source: 'nasional', rows });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toEqual({ accepted: 10_000, replaced: 0 });
    const tooMany = await push(token, { source: 'nasional', rows: [...rows, row('11', 1)] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.field).toBe('body.rows');
  });
});

describe('PUT /api/participation: every bad row is named and nothing is stored', () => {
  it('rejects unknown and unaccepted regions, bad or future months, bad counts, unknown segments and repeated keys', async () => {
    const { token } = await newToken('ID');
    const rows = [
      row('35.01', 1), // 0: fine
      row('32.99', 1), // 1: unknown regency
      row('32.02.01.2002', 1), // 2: a village
      row('ID', 1), // 3: the country
      row('32.02', 1, { period: '2025-13' }), // 4
      row('32.02', 1, { period: '2025/06' }), // 5
      row('32.02', 1, { period: addMonths(THIS_MONTH, 1) }), // 6: future
      row('32.02', -5), // 7
      row('32.02', 12.5, { segment: 'BPU' }), // 8
      row('32.02', 1, { segment: 'JAKON', new: -1, inactive: 2.5 }), // 9
      row('32.02', 1, { segment: 'ASN' }), // 10
      row('35.01', 2), // 11: same key as row 0
      row('abc', 1), // 12
    ];
    const res = await push(token, { source: 'uji', rows });
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe('rows[1].regionCode');
    expect(error.message).toMatch(/12 baris tidak valid/);
    expect(error.messageEn).toMatch(/12 rows are invalid/);
    expect(error.issues.map((i: { field: string; code: string }) => [i.field, i.code])).toEqual([
      ['rows[1].regionCode', 'REGION_NOT_FOUND'],
      ['rows[2].regionCode', 'REGION_LEVEL_NOT_ACCEPTED'],
      ['rows[3].regionCode', 'REGION_LEVEL_NOT_ACCEPTED'],
      ['rows[4].period', 'PERIOD_INVALID'],
      ['rows[5].period', 'PERIOD_INVALID'],
      ['rows[6].period', 'PERIOD_IN_FUTURE'],
      ['rows[7].active', 'COUNT_NEGATIVE'],
      ['rows[8].active', 'COUNT_NOT_WHOLE'],
      ['rows[9].new', 'COUNT_NEGATIVE'],
      ['rows[9].inactive', 'COUNT_NOT_WHOLE'],
      ['rows[10].segment', 'SEGMENT_UNKNOWN'],
      ['rows[11].regionCode', 'DUPLICATE_KEY'],
      ['rows[12].regionCode', 'REGION_CODE_INVALID'],
    ]);
    for (const i of error.issues) {
      expect(i.message.length).toBeGreaterThan(10);
      expect(i.messageEn.length).toBeGreaterThan(10);
    }
    expect(error.issues[11].message).toMatch(/rows\[0\]/);
    expect(await current('35.01')).toHaveLength(0);
  });

  it('rejects a regency total that disagrees with its districts sent with it', async () => {
    const { token } = await newToken('32');
    const districts = (await t.db.selectFrom('region').select('code').where('parent_code', '=', '32.13').orderBy('code').execute()).map((r) => r.code);
    const all = districts.map((code) => ({ ...row(code, 100), period: '2025-04' }));
    // all districts: the total must equal their sum
    const wrong = await push(token, { source: 'uji', rows: [{ ...row('32.13', 100 * districts.length + 1), period: '2025-04' }, ...all] });
    expect(wrong.statusCode).toBe(422);
    const issues = wrong.json().error.issues as { field: string; code: string; message: string }[];
    expect(issues).toHaveLength(districts.length + 1);
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['REGENCY_TOTAL_MISMATCH']));
    expect(issues[0]).toMatchObject({ field: 'rows[0].active' });
    expect(issues[0]!.message).toMatch(/tidak sama dengan jumlah/);
    // some districts: their sum may not exceed the total
    const over = await push(token, { source: 'uji', rows: [{ ...row('32.13', 150), period: '2025-04' }, ...all.slice(0, 2)] });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.issues[0].message).toMatch(/lebih kecil dari jumlah 2 kecamatan/);
    // another segment or month is another total
    const otherSegment = await push(token, { source: 'uji', rows: [{ ...row('32.13', 150), period: '2025-04', segment: 'BPU' }, ...all.slice(0, 2)] });
    expect(otherSegment.statusCode, otherSegment.body).toBe(200);
    const right = await push(token, { source: 'uji', rows: [{ ...row('32.13', 100 * districts.length), period: '2025-04' }, ...all] });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toEqual({ accepted: districts.length + 1, replaced: 2 });
  });

  it('names a JSON field of the wrong type through the standard validation error', async () => {
    const { token } = await newToken('ID');
    const res = await push(token, { source: 'uji', rows: [{ regionCode: '32.02', period: '2025-06', segment: 'PU', active: '12' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.rows.0.active' });
  });
});

describe('OpenAPI', () => {
  it('documents the push with its bearer security and the token and import routes', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const put = doc.paths['/api/participation'].put;
    expect(put.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(put.requestBody.content['application/json'].schema.properties).sort()).toEqual(['rows', 'source']);
    expect(Object.keys(put.responses['200'].content['application/json'].schema.properties).sort()).toEqual(['accepted', 'replaced']);
    expect(Object.keys(doc.paths['/api/tokens'].post.responses)).toContain('201');
    expect(doc.paths['/api/tokens/{id}'].delete).toBeDefined();
    for (const path of ['/api/participation-imports', '/api/participation-imports/{id}', '/api/participation-imports/{id}/commit', '/api/participation-imports/template.xlsx', '/api/participation-imports/{id}/report.xlsx']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
