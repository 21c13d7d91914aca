import type { Actor } from '../db/tx.js';
import type { TokenScope } from '../domain/roles.js';

/** The caller of a machine route: an API token (issue 11), scoped to a region subtree and to scopes. */
export interface TokenCaller {
  id: number;
  name: string;
  regionCode: string;
  scopes: TokenScope[];
}

/** How a token signs its audit rows: `token:<name>`, with no user id (the token is the audit entity). */
export const tokenActor = (t: TokenCaller): Actor => ({ id: null, username: `token:${t.name}` });
