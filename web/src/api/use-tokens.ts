import { useQuery } from '@tanstack/react-query';
import type { TokenView } from '../../../src/modules/participation/schemas';
import { api } from './client';

/** The API tokens within the user's region (national monitor), revoked ones included. */
export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: ({ signal }) => api<{ items: TokenView[] }>('/api/tokens', { signal }) });
}
