/**
 * A form's draft kept across a session expiry (issue 14, trust): the form stores what it is about to
 * send, clears it once the server answered anything but 401, and — after the user signs in again and
 * comes back to the form — takes it back and sends it again. Kept in sessionStorage (this tab only,
 * gone when the tab closes) and only for the same user, so nobody else signing in on the tab sees it.
 */
const PREFIX = 'semesta.draft.';

interface Stored<T> {
  user: string;
  values: T;
}

export function keepDraft<T>(form: string, user: string, values: T): void {
  try {
    sessionStorage.setItem(PREFIX + form, JSON.stringify({ user, values } satisfies Stored<T>));
  } catch {
    /* storage full or blocked: the form works as before */
  }
}

export function dropDraft(form: string): void {
  try {
    sessionStorage.removeItem(PREFIX + form);
  } catch {
    /* ignore */
  }
}

/** The draft `user` left in `form`, removed from storage (undefined if none, or another user's — which is dropped). */
export function takeDraft<T>(form: string, user: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(PREFIX + form);
    if (!raw) return undefined;
    sessionStorage.removeItem(PREFIX + form);
    const d = JSON.parse(raw) as Stored<T>;
    return d.user === user ? d.values : undefined;
  } catch {
    return undefined;
  }
}
