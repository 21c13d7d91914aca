import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AgentReport } from '../../../src/modules/agents/schemas';

/** Perisai agents of the user's region as a leaderboard, with pay per month over the last `months` months. */
export function useAgents(months = 6) {
  return useQuery({ queryKey: ['agents', months], queryFn: ({ signal }) => api<AgentReport>('/api/agents', { query: { months }, signal }), staleTime: 60_000 });
}
