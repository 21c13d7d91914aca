import { hashToken, newToken } from '../../access/plugin.js';
import type { SessionUser } from '../../access/session-user.js';
import { tokenActor, type TokenCaller } from '../../access/token-caller.js';
import type { Db } from '../../db/client.js';
import { audited, recordAudit } from '../../db/tx.js';
import { currentPeriod, monthStart } from '../../domain/coverage.js';
import { checkFigure, crossCheck, type ParticipationFigure } from '../../domain/participation.js';
import { levelOf } from '../../domain/region-code.js';
import { AppError, errors, type FieldIssue } from '../../lib/errors.js';
import { findRegion } from '../regions/queries.js';
import { insertToken, participationRegions, pushedFigures, revokeToken, storeFigures, tokensIn } from './queries.js';
import type { NewToken, PushBody, PushResult, TokenView } from './schemas.js';

const actorOf = (u: SessionUser) => ({ id: u.id, username: u.username });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A new token for BPJS TK's systems: the secret is returned this once, only its sha256 is kept. */
export async function createToken(db: Db, user: SessionUser, input: NewToken): Promise<{ id: number; token: string }> {
  if (!(await findRegion(db, input.regionCode))) throw errors.regionNotFound(input.regionCode, 'body.regionCode');
  if (levelOf(input.regionCode) === 'village') {
    throw errors.invalid('body.regionCode', 'REGION_LEVEL_NOT_ACCEPTED', {
      id: 'Token dibatasi ke negara, provinsi, kabupaten/kota atau kecamatan; data resmi tidak dikirim per desa.',
      en: 'A token is scoped to the country, a province, a regency/city or a district; official figures are not sent per village.',
    });
  }
  const token = newToken();
  const scopes = [...new Set(input.scopes)];
  return audited(db, actorOf(user), async (tx) => {
    const row = await insertToken(tx, { name: input.name, tokenHash: hashToken(token), regionCode: input.regionCode, scopes, createdBy: user.id });
    return {
      result: { id: row.id, token },
      audit: [{ action: 'token_create', entityType: 'api_token', entityId: String(row.id), regionCode: row.region_code, before: null, after: { name: row.name, regionCode: row.region_code, scopes } }],
    };
  });
}

export async function listTokens(db: Db, user: SessionUser): Promise<TokenView[]> {
  return (await tokensIn(db, user.regionCode)).map((t) => ({
    id: t.id,
    name: t.name,
    regionCode: t.region_code,
    regionName: t.region_name,
    scopes: t.scopes as TokenView['scopes'],
    createdBy: t.created_by,
    createdAt: iso(t.created_at)!,
    lastUsedAt: iso(t.last_used_at),
    revokedAt: iso(t.revoked_at),
  }));
}

/** Revokes a token (the route's scope checked it exists in the user's subtree); its next use answers 401. */
export async function revoke(db: Db, user: SessionUser, id: number): Promise<void> {
  await audited(db, actorOf(user), async (tx) => {
    const before = await revokeToken(tx, id);
    return {
      result: undefined,
      audit: before.revoked_at ? [] : [{ action: 'token_revoke', entityType: 'api_token', entityId: String(id), regionCode: before.region_code, before: { name: before.name, revokedAt: null }, after: { revokedAt: 'now' } }],
    };
  });
}

/** Each problem of a pushed row as a field issue named `rows[i].field`. */
const issue = (i: number, p: { field: string; code: string; text: { id: string; en: string } }): FieldIssue => ({ field: `rows[${i}].${p.field}`, code: p.code, message: p.text.id, messageEn: p.text.en });

/**
 * BPJS TK's push: every row checked (all of them, every problem reported), then stored all or none,
 * each row replacing the current figure of its key. The token's region scope was checked by the
 * access plugin; the audit row names the token.
 */
export async function pushFigures(db: Db, token: TokenCaller, body: PushBody, now = new Date()): Promise<PushResult> {
  const regions = await participationRegions(db);
  const opts = { scope: token.regionCode, currentMonth: currentPeriod(now) };
  const issues: FieldIssue[] = [];
  const figures: ParticipationFigure[] = [];
  /** each figure's index in body.rows */
  const at: number[] = [];
  body.rows.forEach((row, i) => {
    const checked = checkFigure(row, regions, opts);
    if ('problems' in checked) {
      issues.push(...checked.problems.map((p) => issue(i, p)));
      return;
    }
    figures.push(checked.figure);
    at.push(i);
  });
  for (const c of crossCheck(figures, regions, (i) => ({ id: `rows[${at[i]}]`, en: `rows[${at[i]}]` }))) issues.push(issue(at[c.index]!, c.problem));
  if (issues.length) throw rowsInvalid(issues.sort((a, b) => rowIndex(a) - rowIndex(b)));
  return audited(db, tokenActor(token), async (tx) => {
    const incoming = pushedFigures(figures.map((f) => ({ ...f, month: monthStart(f.period) })), body.source);
    const result = await storeFigures(tx, incoming, { tokenId: token.id, receivedBy: tokenActor(token).username });
    return {
      result,
      audit: [{ action: 'participation_push', entityType: 'api_token', entityId: String(token.id), regionCode: token.regionCode, before: null, after: { source: body.source, rows: figures.length, ...result } }],
    };
  });
}

const rowIndex = (i: FieldIssue) => Number(/^rows\[(\d+)\]/.exec(i.field)?.[1]);

function rowsInvalid(issues: FieldIssue[]): AppError {
  const rows = new Set(issues.map(rowIndex)).size;
  const first = issues[0]!;
  return new AppError(
    422,
    'VALIDATION_FAILED',
    { id: `${rows} baris tidak valid; tidak ada yang disimpan. Pertama: ${first.field}: ${first.message}`, en: `${rows} rows are invalid; nothing was stored. First: ${first.field}: ${first.messageEn}` },
    first.field,
    issues,
  );
}

/** A refused use of a token (bad rows, a region outside its scope) is audited too: every use leaves a trace. */
export async function recordRefusedPush(db: Db, token: TokenCaller, refusal: { status: number; code: string | null; issues: number }): Promise<void> {
  await recordAudit(db, tokenActor(token), {
    action: 'participation_push_refused',
    entityType: 'api_token',
    entityId: String(token.id),
    regionCode: token.regionCode,
    before: null,
    after: refusal,
  });
}
