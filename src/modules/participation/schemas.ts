import { z } from 'zod';
import { TOKEN_SCOPES } from '../../domain/roles.js';
import { SEGMENTS } from '../../domain/worker.js';
import { regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** The contract of official participation data (issue 11): API tokens and the machine push. */

/** At most this many rows per push (PUT /api/participation). */
export const MAX_PUSH_ROWS = 10_000;

export const tokenBody = z.object({
  name: trimmedText().min(1).max(100).describe('who pushes with it, e.g. "BPJS TK Kanwil Jawa Barat"'),
  regionCode: regionCodeSchema.describe('the subtree the token may send figures for (ID: the whole country)'),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
});
export type NewToken = z.infer<typeof tokenBody>;

export const tokenCreated = z.object({
  id: z.number(),
  token: text().describe('shown this once; only its sha256 is stored'),
});

export const tokenView = z.object({
  id: z.number(),
  name: text(),
  regionCode: text(),
  regionName: text(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdBy: text(),
  createdAt: text(),
  lastUsedAt: text().nullable(),
  revokedAt: text().nullable(),
});
export type TokenView = z.infer<typeof tokenView>;
export const tokenList = z.object({ items: z.array(tokenView) });

/**
 * One official figure. Types only: what the values mean (a known region at province, regency/city or
 * district level inside the token's subtree, a month YYYY-MM not in the future, a known segment, whole
 * counts ≥ 0) is checked per row by src/domain/participation.ts and answered as 422 naming `rows[i].field`.
 */
export const pushRow = z.object({
  regionCode: trimmedText().describe('Kemendagri code of a province (32), regency/city (32.02) or district (32.02.01)'),
  period: trimmedText().describe('the month, YYYY-MM'),
  segment: trimmedText().describe(`one of ${SEGMENTS.join(', ')}`),
  active: z.number().describe('active participants at the end of the month'),
  new: z.number().nullish().describe('participants who joined in the month'),
  inactive: z.number().nullish().describe('participants who became inactive in the month'),
});

export const pushBody = z.object({
  source: trimmedText().min(1).max(300).describe('e.g. "BPJS TK Kanwil Jawa Barat, data per 30/06/2025"'),
  rows: z.array(pushRow).min(1).max(MAX_PUSH_ROWS),
});
export type PushBody = z.infer<typeof pushBody>;

export const pushResult = z.object({
  accepted: z.number().describe('rows stored, each now the current figure of its region, month and segment'),
  replaced: z.number().describe('of those, keys that already had a current figure (kept as history)'),
});
export type PushResult = z.infer<typeof pushResult>;
