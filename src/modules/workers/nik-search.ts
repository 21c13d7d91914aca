import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../db/tx.js';
import { maskNik } from '../../domain/nik.js';
import { AppError } from '../../lib/errors.js';

/**
 * Exact-NIK search by roles that may not see NIKs (decision 60). Such a search answers "is this NIK
 * registered here?": with the birth date hidden it is still an oracle one guess at a time, so each one is
 * audited (masked NIK, match count, the matched person) and limited per user.
 */
export const NIK_SEARCH_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

/** A sliding one-minute window per user, in this process (one app instance; see decision 60). */
export class NikSearchLimiter {
  private readonly hits = new Map<number, number[]>();
  constructor(
    private readonly max = NIK_SEARCH_PER_MINUTE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one search from the user's budget, or throws 429 with the seconds until the next one is allowed. */
  take(userId: number): void {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((at) => t - at < WINDOW_MS);
    if (recent.length >= this.max) {
      this.hits.set(userId, recent);
      throw tooManyNikSearches(Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - t) / 1000)));
    }
    recent.push(t);
    this.hits.set(userId, recent);
    if (this.hits.size > 10_000) this.prune(t);
  }

  private prune(t: number) {
    for (const [id, list] of this.hits) if (!list.some((at) => t - at < WINDOW_MS)) this.hits.delete(id);
  }
}

export const tooManyNikSearches = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'TOO_MANY_NIK_SEARCHES',
    {
      id: `Terlalu banyak pencarian NIK (paling banyak ${NIK_SEARCH_PER_MINUTE} per menit). Coba lagi dalam ${retryAfterSeconds} detik.`,
      en: `Too many NIK searches (at most ${NIK_SEARCH_PER_MINUTE} a minute). Try again in ${retryAfterSeconds} seconds.`,
    },
    'query.nik',
    undefined,
    { retryAfterSeconds },
  );

/**
 * One audit row per matched person (in that person's trail, like `view_nik`), or one `worker_search` row
 * for the region searched when nothing matched. The NIK is stored masked: an unkeyed hash of a NIK is
 * reversible by trying birth dates and districts, and the matched id says whom the search found.
 */
export async function auditNikSearch(db: Db, user: SessionUser, nik: string, region: string, matches: readonly { id: number; villageCode: string }[]) {
  const after = { nik: maskNik(nik), matches: matches.length, region };
  await recordAudit(
    db,
    user,
    matches.length
      ? matches.map((m) => ({ action: 'search_nik', entityType: 'worker', entityId: String(m.id), regionCode: m.villageCode, before: null, after }))
      : [{ action: 'search_nik', entityType: 'worker_search', entityId: region, regionCode: region === 'ID' ? null : region, before: null, after }],
  );
}
