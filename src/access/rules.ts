import type { FastifyRequest } from 'fastify';
import { inSubtree, isAncestor } from '../domain/region-code.js';
import { can, type Permission } from '../domain/roles.js';
import { errors } from '../lib/errors.js';
import type { SessionUser } from './session-user.js';

/**
 * What a route needs. Every /api route must declare one (app start-up fails otherwise), and the
 * route × role × region test reads these declarations to walk all of them.
 */
export type AccessRule =
  | 'public'
  | 'signed-in'
  | {
      permission: Permission;
      /** The region the request touches, if any; checked against the user's subtree. */
      region?: (req: FastifyRequest) => string | undefined;
      /** Reading an ancestor of one's own region (for navigation and breadcrumbs) is allowed. */
      ancestorsReadable?: boolean;
    };

/**
 * The single access decision: role grants the permission, and the region lies in the user's subtree.
 * Throws the API error to send; returns nothing when allowed.
 */
export function requireAccess(
  user: SessionUser,
  permission: Permission,
  regionCode?: string,
  opts: { ancestorsReadable?: boolean } = {},
): void {
  if (!can(user.role, permission)) throw errors.forbiddenRole();
  if (regionCode === undefined) return;
  if (inSubtree(user.regionCode, regionCode)) return;
  if (opts.ancestorsReadable && isAncestor(regionCode, user.regionCode)) return;
  throw errors.forbiddenRegion(regionCode);
}
