import { z } from 'zod';
import { text } from '../../lib/schemas.js';
import { ROLES } from '../../domain/roles.js';

export const loginBody = z.object({ username: text().min(1).max(64), password: text().min(1).max(256) });

/** The signed-in user, and the CSRF token writes must send back (so a reloaded page can keep writing). */
export const meSchema = z.object({
  username: text(),
  displayName: text(),
  role: z.enum(ROLES),
  regionCode: text(),
  regionName: text(),
  demo: z.boolean(),
  csrfToken: text(),
});
export type Me = z.infer<typeof meSchema>;

export const loggedOutSchema = z.object({ ok: z.literal(true) });
