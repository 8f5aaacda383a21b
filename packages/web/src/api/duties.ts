import { useQuery } from '@tanstack/react-query';
import type { DutyTask } from '@minewatch/core';
import { api, withQuery } from './client';

export const dutyKeys = {
  byRegion: (region: string) => ['duties', region] as const,
};

/** The duties matrix: tasks with their 责任单位 and 配合单位. */
export function useDuties(region: string | null | undefined) {
  return useQuery({
    queryKey: dutyKeys.byRegion(region ?? ''),
    queryFn: () => api<DutyTask[]>(withQuery('/api/org/duties', { region })),
    enabled: !!region,
  });
}
