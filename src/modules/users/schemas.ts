import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { regionCodeSchema } from '../../lib/schemas.js';

/** What the API and the audit trail show of an account: never the password hash. */
export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  disabled: z.boolean(),
});
export type PublicUser = z.infer<typeof userSchema>;

export const userListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const userListSchema = z.object({ items: z.array(userSchema) });

export const newUserBody = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(1).max(256),
  role: z.enum(ROLES),
  regionCode: regionCodeSchema,
});
export type UserInput = z.infer<typeof newUserBody>;

export const usernameParams = z.object({ username: z.string().min(1).max(64) });

export const userChangeBody = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    password: z.string().min(1).max(256),
    role: z.enum(ROLES),
    regionCode: regionCodeSchema,
    disabled: z.boolean(),
  })
  .partial();
export type UserChange = z.infer<typeof userChangeBody>;
