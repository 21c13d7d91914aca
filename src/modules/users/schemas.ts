import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** What the API and the audit trail show of an account: never the password hash. */
export const userSchema = z.object({
  username: text(),
  displayName: text(),
  role: z.enum(ROLES),
  regionCode: text(),
  disabled: z.boolean(),
});
export type PublicUser = z.infer<typeof userSchema>;

export const userListQuery = z.object({
  q: trimmedText().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const userListSchema = z.object({ items: z.array(userSchema) });

export const newUserBody = z.object({
  username: trimmedText().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/),
  displayName: trimmedText().min(1).max(120),
  password: text().min(1).max(256),
  role: z.enum(ROLES),
  regionCode: regionCodeSchema,
});
export type UserInput = z.infer<typeof newUserBody>;

export const usernameParams = z.object({ username: text().min(1).max(64) });

export const userChangeBody = z
  .object({
    displayName: trimmedText().min(1).max(120),
    password: text().min(1).max(256),
    role: z.enum(ROLES),
    regionCode: regionCodeSchema,
    disabled: z.boolean(),
  })
  .partial();
export type UserChange = z.infer<typeof userChangeBody>;
