import { auditActionLabel, auditEntityLabel } from '../../../../src/domain/audit-labels';
import type { Lang } from '../../i18n';

/** An audit action or record type in words, in the chosen language (never the code). */
export const actionText = (action: string, lang: string) => auditActionLabel(action)[(lang.startsWith('en') ? 'en' : 'id') as Lang];
export const entityText = (entity: string, lang: string) => auditEntityLabel(entity)[(lang.startsWith('en') ? 'en' : 'id') as Lang];

/** One value of a payload as a short text: strings as they are, the rest as JSON. */
export function valueText(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * Before and after as rows of one field each (the union of both sides' keys, changed ones first), so
 * they can be read side by side; a payload that is not an object is one row.
 */
export function diffRows(before: unknown, after: unknown): { field: string; before: string; after: string; changed: boolean }[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(before) && !isObj(after)) {
    if (before == null && after == null) return [];
    return [{ field: '', before: before == null ? '' : valueText(before), after: after == null ? '' : valueText(after), changed: true }];
  }
  const b = isObj(before) ? before : {};
  const a = isObj(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = keys.map((k) => {
    const bv = valueText(b[k]);
    const av = valueText(a[k]);
    return { field: k, before: bv, after: av, changed: bv !== av };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
