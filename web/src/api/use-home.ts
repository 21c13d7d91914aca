import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Home } from '../../../src/modules/home/schemas';

export const HOME_KEY = ['home'] as const;

/** The signed-in user's home: their role's sections, for their own region. */
export function useHome() {
  return useQuery({ queryKey: HOME_KEY, queryFn: ({ signal }) => api<Home>('/api/home', { signal }), staleTime: 30_000 });
}
