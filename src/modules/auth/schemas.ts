import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

/** The signed-in user, and the CSRF token writes must send back (so a reloaded page can keep writing). */
export const meSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  regionName: z.string(),
  demo: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const loggedOutSchema = z.object({ ok: z.literal(true) });
