import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { inSubtree, isAncestor } from '../domain/region-code.js';
import { can, type Permission, type TokenScope } from '../domain/roles.js';
import { type Bilingual, errors } from '../lib/errors.js';
import type { SessionUser } from './session-user.js';

/**
 * Where a stored thing lives, so access to it by id is decided like access to a region: each capability
 * declares one for the things its routes take by id (in its queries.ts), and the access plugin and
 * services use it through `requireEntityAccess`. One set-based query for any number of ids.
 */
export interface EntityScope<Id extends number | string = number> {
  /** Named in the 404 of an id that does not exist or lies outside the caller's subtree (never a 403: no existence oracle). */
  name: Bilingual;
  /** The region code of each id that exists; missing ids are simply absent. */
  regionsOf(db: Db, ids: readonly Id[]): Promise<Map<Id, string>>;
  /** Things owned by a region above the caller's may be read (e.g. a province's funding programme by its regencies). */
  ancestorsReadable?: boolean;
}

/** The validated request values a resolver reads (zod output, after defaults and trimming). */
export interface RequestValues {
  params: unknown;
  query: unknown;
  body: unknown;
}

/**
 * What a route needs. Every /api route must declare one (app start-up fails otherwise), and the
 * route × role × region test reads these declarations to walk all of them. Build permission rules with
 * `access()`, which types `region` and `entity` against the route's schema.
 */
export type AccessRule = 'public' | 'signed-in' | PermissionRule | TokenRule;

/**
 * A machine route (issue 11): `Authorization: Bearer <API token>` whose scopes hold `token`, else 401;
 * no session and no CSRF token (nothing rides on a cookie). Build it with `tokenAccess()`.
 */
export interface TokenRule {
  token: TokenScope;
  /** Every region the request touches (e.g. each row's); each must lie in the token's subtree, else 403. */
  regions?: (v: RequestValues) => readonly string[];
}

export interface PermissionRule {
  permission: Permission;
  /** The region the request touches, if any; checked against the user's subtree. */
  region?: (v: RequestValues) => string | undefined;
  /** The stored thing the request touches by id must exist and lie in the user's subtree (`requireEntityAccess`). */
  entity?: (db: Db, user: SessionUser, v: RequestValues) => Promise<unknown>;
  /** Reading an ancestor of one's own region (for navigation and breadcrumbs) is allowed. */
  ancestorsReadable?: boolean;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
/** The validated values of a route with schema `S`, as its handler sees them. */
export interface Validated<S> {
  params: S extends { params: infer P } ? Out<P> : undefined;
  query: S extends { querystring: infer Q } ? Out<Q> : undefined;
  body: S extends { body: infer B } ? Out<B> : undefined;
}

interface RouteSchemaParts {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
}

/**
 * A permission rule whose resolvers are typed from the route's schema, so naming a field the schema
 * does not have fails at compile time:
 *   config: { access: access(schema, 'employer:read', { region: (v) => v.query.region }) }
 *   config: { access: access(schema, 'employer:write', { entity: employerScope, id: (v) => v.params.id }) }
 */
export function access<S extends RouteSchemaParts, Id extends number | string = number>(
  _schema: S,
  permission: Permission,
  scope: {
    region?: (v: Validated<S>) => string | undefined;
    entity?: EntityScope<Id>;
    id?: (v: Validated<S>) => Id;
    ancestorsReadable?: boolean;
  } = {},
): PermissionRule {
  const rule: PermissionRule = { permission };
  const { region } = scope;
  if (region) rule.region = (v) => region(v as Validated<S>);
  const { entity, id } = scope;
  if (entity) {
    if (!id) throw new Error('an entity rule needs an id resolver');
    rule.entity = (db, user, v) => requireEntityAccess(db, user, permission, entity, id(v as Validated<S>));
  }
  if (scope.ancestorsReadable) rule.ancestorsReadable = true;
  return rule;
}

/** A token rule whose region resolver is typed from the route's schema, like `access()`. */
export function tokenAccess<S extends RouteSchemaParts>(_schema: S, scope: TokenScope, opts: { regions?: (v: Validated<S>) => readonly string[] } = {}): TokenRule {
  const { regions } = opts;
  return regions ? { token: scope, regions: (v) => regions(v as Validated<S>) } : { token: scope };
}

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
  if (canReach(user, regionCode, opts)) return;
  throw errors.forbiddenRegion(regionCode);
}

/** `regionCode` lies in the user's subtree (or above it, where reading ancestors is allowed). */
export function canReach(user: Pick<SessionUser, 'regionCode'>, regionCode: string, opts: { ancestorsReadable?: boolean } = {}): boolean {
  return inSubtree(user.regionCode, regionCode) || (!!opts.ancestorsReadable && isAncestor(regionCode, user.regionCode));
}

/**
 * The entity-level decision: role grants the permission, and every id exists and lies in the user's
 * subtree; else 404 naming the thing (the caller learns nothing about ids outside its region).
 * Returns each id's region code for the caller's further use.
 */
export async function requireEntityAccess<Id extends number | string>(
  db: Db,
  user: SessionUser,
  permission: Permission,
  entity: EntityScope<Id>,
  ids: Id | readonly Id[],
): Promise<Map<Id, string>> {
  if (!can(user.role, permission)) throw errors.forbiddenRole();
  const list = [ids].flat() as Id[];
  const regions = await entity.regionsOf(db, [...new Set(list)]);
  for (const id of list) {
    const region = regions.get(id);
    if (region === undefined || !canReach(user, region, { ancestorsReadable: entity.ancestorsReadable })) throw errors.notFound(entity.name);
  }
  return regions;
}
