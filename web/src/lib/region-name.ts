/**
 * Kemendagri data spells provinces and regencies in capitals ("KABUPATEN SUKABUMI") and the lower
 * levels in title case ("Palabuhanratu"). Shown side by side that looks like shouting, so names written
 * entirely in capitals are shown in title case, keeping the usual abbreviations (DKI, DI) intact.
 */
const KEEP_UPPER = new Set(['DKI', 'DI', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII']);
/** Connecting words stay lower case inside a name ("Pangkajene dan Kepulauan"). */
const KEEP_LOWER = new Set(['DAN']);

export function displayRegionName(name: string): string {
  if (/\p{Ll}/u.test(name)) return name; // already mixed case: leave as published
  return name
    .split(/(\s+|-|\/|\()/)
    .map((part, i) => {
      if (KEEP_UPPER.has(part.replace(/\.$/, ''))) return part;
      if (i > 0 && KEEP_LOWER.has(part)) return part.toLocaleLowerCase('id-ID');
      if (!/\p{Lu}/u.test(part)) return part;
      const lower = part.toLocaleLowerCase('id-ID');
      return lower.charAt(0).toLocaleUpperCase('id-ID') + lower.slice(1);
    })
    .join('');
}
