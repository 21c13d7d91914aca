/**
 * Per-account lockout with back-off (issue 12): after 10 failed logins for one username — from any
 * address — the account is locked for 1 minute, then for twice as long after each further failure, up
 * to 15 minutes. A successful login resets it. The rate limit per address and username (routes.ts)
 * slows one client; this stops guessing spread over many addresses.
 *
 * Kept in memory, like the rate limiter's counters (decisions.md, "Login lockout in memory"): a
 * restart forgets it, and it holds at most `capacity` usernames, forgetting the least recently failed.
 * Unknown usernames are counted like known ones, so a lockout reveals nothing about which exist.
 */
const THRESHOLD = 10;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 15 * 60_000;

interface Failures {
  count: number;
  lockedUntil: number;
}

export class LoginLockout {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly capacity = 100_000,
  ) {}

  /** Seconds until the account may try again; 0 when it is not locked. */
  retryAfterSeconds(username: string): number {
    const entry = this.failures.get(username);
    return entry ? Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1000)) : 0;
  }

  failed(username: string): void {
    const entry = this.failures.get(username) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= THRESHOLD) {
      entry.lockedUntil = this.now() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (entry.count - THRESHOLD));
    }
    // Re-inserted, so that the map's order is least recently failed first.
    this.failures.delete(username);
    this.failures.set(username, entry);
    if (this.failures.size > this.capacity) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}
