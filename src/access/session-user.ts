import type { Role } from '../domain/roles.js';

/** The signed-in user as every route sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  sessionId: string;
  csrfToken: string;
}
