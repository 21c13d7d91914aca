import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { OutreachEventPage } from '../../../src/modules/outreach/schemas';

export function useOutreachEvents(page: number, pageSize = 10) {
  return useQuery({ queryKey: ['outreach', 'events', page, pageSize], queryFn: ({ signal }) => api<OutreachEventPage>('/api/outreach/events', { query: { page, pageSize }, signal }) });
}
