import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { descendantRange, NATIONAL } from '../../domain/region-code.js';

/**
 * `column` lies in the subtree of `region` (the region itself included): one range scan on a
 * COLLATE "C" code column (docs/decisions.md §2). Shared by the compliance modules.
 */
export function inRegion<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, region: string): Expression<SqlBool> {
  if (region === NATIONAL) return eb.lit(true) as unknown as Expression<SqlBool>;
  const r = descendantRange(region);
  const ref = eb.ref(column as never);
  return eb.or([eb(ref, '=', region as never), eb.and([eb(ref, '>=', r.from as never), eb(ref, '<', r.to as never)])]);
}

/** The regency (32.02) a village, district or regency code belongs to. */
export const regencyOf = (code: string) => code.split('.').slice(0, 2).join('.');
