import { useSearchParams } from 'react-router-dom';

/** What each filter may hold: one of a list of values, or any text matching a pattern. */
export type FilterSpec = Record<string, readonly string[] | RegExp>;
export type FilterValues<S extends FilterSpec> = { [K in keyof S]?: S[K] extends readonly (infer V)[] ? V : string };
/** any non-empty text */
export const ANY_TEXT = /./;

interface SetOptions {
  /** replace the history entry rather than push one (typing, corrections) */
  replace?: boolean;
}

/**
 * A list page's filters, kept in the address so back/forward and a reload keep them. A value the
 * spec does not allow reads as unset. Changing a filter goes back to page 1.
 */
export function useSearchFilters<S extends FilterSpec>(spec: S) {
  const [params, setParams] = useSearchParams();
  const values: FilterValues<S> = {};
  for (const key of Object.keys(spec) as (keyof S & string)[]) {
    const raw = params.get(key);
    const allowed = spec[key]!;
    if (raw && (Array.isArray(allowed) ? allowed.includes(raw) : (allowed as RegExp).test(raw))) values[key] = raw as FilterValues<S>[typeof key];
  }
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const update = (changes: Record<string, string | undefined>, { replace = false }: SetOptions = {}) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!('page' in changes)) next.delete('page');
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace },
    );

  return {
    values,
    page,
    /** sets (or, with undefined/'', clears) one filter and goes back to page 1 */
    set: <K extends keyof S & string>(key: K, value: FilterValues<S>[K] | '' | undefined, options?: SetOptions) => update({ [key]: (value as string | undefined) || undefined }, options),
    /** sets several filters at once (a form applied together), back to page 1 */
    setMany: (changes: Partial<Record<keyof S & string, string | undefined>>, options?: SetOptions) =>
      update(Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, (v as string | undefined) || undefined])), options),
    setPage: (p: number, options?: SetOptions) => update({ page: p > 1 ? String(p) : undefined }, options),
    /** drops every filter (and the page) */
    clear: () => setParams(new URLSearchParams()),
  };
}
