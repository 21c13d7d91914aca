/**
 * Which funding programme a spreadsheet's "Sumber Dana" names (issue #4). Pure: the active programmes
 * come in as a list, loaded once per file.
 */
export interface PayerProgram {
  id: number;
  name: string;
  /** owner region: the programme pays for villages inside it */
  regionCode: string;
  segment: string;
  fiscalYear: number;
}

export type PayerIndex = Map<string, PayerProgram[]>;

const key = (text: string) => text.trim().toLowerCase();

/** Programmes by name (any case) and by id ("17", "#17"), as a row may write either. */
export function payerIndex(programs: PayerProgram[]): PayerIndex {
  const index: PayerIndex = new Map();
  const add = (k: string, p: PayerProgram) => index.set(k, [...(index.get(k) ?? []), p]);
  for (const p of programs) {
    add(key(p.name), p);
    add(String(p.id), p);
    add(`#${p.id}`, p);
  }
  return index;
}

/**
 * The programme a row's payer text names, for its segment, whose owner region contains the row's
 * village: the nearest owner when several do, then the latest fiscal year, then the newest programme.
 */
export function resolvePayer(index: PayerIndex, text: string, segment: string | null, villageCode: string): PayerProgram | undefined {
  if (!text.trim() || !segment) return undefined;
  let best: PayerProgram | undefined;
  for (const p of index.get(key(text)) ?? []) {
    const covers = p.regionCode === 'ID' || villageCode === p.regionCode || villageCode.startsWith(`${p.regionCode}.`);
    if (p.segment !== segment || !covers) continue;
    if (
      !best ||
      p.regionCode.length > best.regionCode.length ||
      (p.regionCode.length === best.regionCode.length && (p.fiscalYear > best.fiscalYear || (p.fiscalYear === best.fiscalYear && p.id > best.id)))
    ) {
      best = p;
    }
  }
  return best;
}
