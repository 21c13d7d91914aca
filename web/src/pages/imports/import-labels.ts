import type { TFunction } from 'i18next';
import { id } from '../../i18n/id';

type ReasonCode = keyof typeof id.imports.reasons;
const KNOWN = new Set(Object.keys(id.imports.reasons));

/** A short label for a rejection code; unknown codes are shown as they are. */
export function reasonLabel(t: TFunction, code: string): string {
  return KNOWN.has(code) ? t(`imports.reasons.${code as ReasonCode}`) : code;
}
