/**
 * Kemendagri region codes: province `32`, regency/city `32.02`, district `32.02.01`,
 * village `32.02.01.2001` (a fourth segment starting with 2 is a desa, with 1 a kelurahan).
 * `ID` stands for the whole country. Pure functions, no I/O.
 */
export const REGION_LEVELS = ['country', 'province', 'regency', 'district', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** A village is a desa or (urban) a kelurahan. */
export const VILLAGE_KINDS = ['desa', 'kelurahan'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

export const NATIONAL = 'ID';

const CODE_RE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function isRegionCode(code: string): boolean {
  return code === NATIONAL || CODE_RE.test(code);
}

export function levelOf(code: string): RegionLevel {
  if (code === NATIONAL) return 'country';
  const level = REGION_LEVELS[code.split('.').length];
  if (!level || !CODE_RE.test(code)) throw new Error(`not a region code: ${code}`);
  return level;
}

export function villageKind(code: string): VillageKind {
  return code.split('.')[3]?.startsWith('1') ? 'kelurahan' : 'desa';
}

export function parentOf(code: string): string {
  if (code === NATIONAL) throw new Error('the country has no parent');
  const i = code.lastIndexOf('.');
  return i < 0 ? NATIONAL : code.slice(0, i);
}

/** Codes from the province down to `code` itself, e.g. 32.02.01 → [32, 32.02, 32.02.01]. */
export function lineage(code: string): string[] {
  if (code === NATIONAL) return [];
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** True when `code` lies in the subtree rooted at `root` (a region is in its own subtree). */
export function inSubtree(root: string, code: string): boolean {
  return root === NATIONAL || code === root || code.startsWith(`${root}.`);
}

export function isAncestor(ancestor: string, code: string): boolean {
  return ancestor !== code && inSubtree(ancestor, code);
}

/**
 * Half-open key range [from, to) holding every strict descendant of `root` under byte ("C") order,
 * so a subtree is an index range scan. '/' is the character right after '.'.
 */
export function descendantRange(root: string): { from: string; to: string } {
  return root === NATIONAL ? { from: '', to: '\u{10FFFF}' } : { from: `${root}.`, to: `${root}/` };
}

/** The regency (32.02) a village, district or regency code belongs to. */
export const regencyOf = (code: string) => code.split('.').slice(0, 2).join('.');
