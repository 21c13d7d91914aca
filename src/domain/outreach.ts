/** Outreach (sosialisasi): who an event speaks to, and which region an event spanning several villages belongs to. */
import { NATIONAL } from './region-code.js';

export const AUDIENCES = ['village_heads', 'village_officials', 'workers', 'employers', 'community', 'agents'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, { id: string; en: string }> = {
  village_heads: { id: 'Kepala desa', en: 'Village heads' },
  village_officials: { id: 'Perangkat desa', en: 'Village officials' },
  workers: { id: 'Pekerja', en: 'Workers' },
  employers: { id: 'Pemberi kerja', en: 'Employers' },
  community: { id: 'Masyarakat umum', en: 'General public' },
  agents: { id: 'Agen Perisai', en: 'Perisai agents' },
};

/** The smallest region holding every code: 32.02.01.2001 + 32.02.05.2003 → 32.02; across provinces → ID. */
export function commonRegion(codes: readonly string[]): string {
  if (codes.length === 0) return NATIONAL;
  let parts = codes[0]!.split('.');
  for (const c of codes.slice(1)) {
    const other = c.split('.');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? parts.join('.') : NATIONAL;
}
