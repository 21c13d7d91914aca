import { type Expression, type ExpressionBuilder, type RawBuilder, sql, type SqlBool } from 'kysely';
import { descendantRange, NATIONAL } from '../domain/region-code.js';

/**
 * The one SQL form of "lies in the subtree of `region` (the region itself included)": equality or one
 * key-range scan on a COLLATE "C" code column (docs/decisions.md §2). Every list filters by it; the
 * pure form for one code is `inSubtree` in src/domain/region-code.ts.
 */
export function inRegion<DB, TB extends keyof DB>(_eb: ExpressionBuilder<DB, TB>, column: string, region: string): Expression<SqlBool> {
  return inRegionSql(column, region);
}

/** The same predicate for raw SQL: sql`... WHERE ${inRegionSql('p.village_code', region)}`. */
export function inRegionSql(column: string, region: string): RawBuilder<SqlBool> {
  if (region === NATIONAL) return sql<SqlBool>`true`;
  const r = descendantRange(region);
  const ref = sql.ref(column);
  // One range [region, region + '/'): in "C" order the region itself and its descendants (region + '.' …)
  // are exactly the codes in it, since digits sort after '/' (a sibling like 170 lies beyond it). One
  // range lets an index on (code, …) return rows already in order, so a page stops after its rows.
  return sql<SqlBool>`(${ref} >= ${region} AND ${ref} < ${r.to})`;
}
