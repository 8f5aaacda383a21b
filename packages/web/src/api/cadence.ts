import { useQuery } from '@tanstack/react-query';
import type { BodyKind, Cadence } from '@minewatch/core';
import { api, withQuery } from './client';

export type CadenceRow = {
  body: { id: string; name: string; kind: BodyKind; regionCode: string; regionName: string };
  cadence: Cadence;
};

export const cadenceKeys = {
  all: ['cadence'] as const,
  byRegion: (region: string) => ['cadence', region] as const,
};

/** Bodies of the region with a meeting-cadence rule, overdue ones first. */
export function useCadence(region: string | null | undefined) {
  return useQuery({
    queryKey: cadenceKeys.byRegion(region ?? ''),
    queryFn: () => api<CadenceRow[]>(withQuery('/api/org/cadence', { region })),
    enabled: !!region,
  });
}
