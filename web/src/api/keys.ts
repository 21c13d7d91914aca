/** React Query keys, in one place so invalidation stays consistent. */
export const queryKeys = {
  me: ['me'] as const,
  region: (code: string) => ['region', code] as const,
  regionChildren: (code: string) => ['region', code, 'children'] as const,
  regionSearch: (q: string) => ['region-search', q] as const,
};
