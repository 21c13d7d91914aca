import type { TFunction } from 'i18next';
import { id } from '../../i18n/id';

type ReasonCode = keyof typeof id.imports.reasons;
const KNOWN = new Set(Object.keys(id.imports.reasons));

/** A short label for a rejection code; a code without one reads "other reason", never the raw code. */
export function reasonLabel(t: TFunction, code: string): string {
  return t(`imports.reasons.${(KNOWN.has(code) ? code : 'OTHER') as ReasonCode}`);
}
