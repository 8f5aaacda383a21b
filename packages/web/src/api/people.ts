import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Person, PersonInput } from '@minewatch/core';
import { api, withQuery } from './client';

export const peopleKeys = {
  all: ['people'] as const,
  search: (region: string, q: string) => ['people', region, q] as const,
};

/** People of the region and below, optionally filtered by a free-text query. */
export function usePeople(region: string | null | undefined, q = '') {
  return useQuery({
    queryKey: peopleKeys.search(region ?? '', q),
    queryFn: () => api<Person[]>(withQuery('/api/org/people', { region, q: q.trim() })),
    enabled: !!region,
    placeholderData: keepPreviousData,
  });
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonInput) => api<Person>('/api/org/people', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}
