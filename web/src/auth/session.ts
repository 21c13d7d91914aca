import type { QueryClient } from '@tanstack/react-query';
import { setCsrfToken, setUnauthorizedHandler } from '../api/client';
import { queryKeys } from '../api/keys';

const EXPIRED_KEY = 'semesta.sessionExpired';

/**
 * Any 401 from the API while signed in means the session ended (expired, revoked, signed out in
 * another tab): forget the user and everything loaded for them; the route guard then shows the
 * login page, which explains why and sends the user back where they were.
 */
export function installSessionExpiryHandler(qc: QueryClient): void {
  setUnauthorizedHandler(() => {
    if (!qc.getQueryData(queryKeys.me)) return; // not signed in anyway (e.g. the first /me)
    markSessionExpired();
    setCsrfToken(undefined);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    qc.setQueryData(queryKeys.me, null);
  });
}

function markSessionExpired(): void {
  try {
    sessionStorage.setItem(EXPIRED_KEY, '1');
  } catch {
    /* ignore */
  }
}

export function wasSessionExpired(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}

export function clearSessionExpired(): void {
  try {
    sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    /* ignore */
  }
}
