import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { OutreachEvent, Page } from './compliance-types';

export function useOutreachEvents(page: number, pageSize = 10) {
  return useQuery({ queryKey: ['outreach', 'events', page, pageSize], queryFn: ({ signal }) => api<Page<OutreachEvent>>('/api/outreach/events', { query: { page, pageSize }, signal }) });
}
