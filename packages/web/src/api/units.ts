import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Unit, UnitInput } from '@minewatch/core';
import { api, withQuery } from './client';

export const unitKeys = {
  all: ['units'] as const,
  byRegion: (region: string) => ['units', region] as const,
};

/** Units of the region and below. */
export function useUnits(region: string | null | undefined) {
  return useQuery({
    queryKey: unitKeys.byRegion(region ?? ''),
    queryFn: () => api<Unit[]>(withQuery('/api/org/units', { region })),
    enabled: !!region,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitInput) => api<Unit>('/api/org/units', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}
