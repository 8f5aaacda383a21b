import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Grid, GridDetail, GridInput, GridUpdate } from '@minewatch/core';
import { api, withQuery } from './client';

export const gridKeys = {
  all: ['grids'] as const,
  list: (region: string) => ['grids', 'list', region] as const,
  one: (id: string) => ['grids', 'one', id] as const,
};

export function useGrids(region: string | null | undefined) {
  return useQuery({
    queryKey: gridKeys.list(region ?? ''),
    queryFn: () => api<Grid[]>(withQuery('/api/grids', { region })),
    enabled: !!region,
    placeholderData: keepPreviousData,
  });
}

export function useGrid(id: string | undefined) {
  return useQuery({ queryKey: gridKeys.one(id ?? ''), queryFn: () => api<GridDetail>(`/api/grids/${encodeURIComponent(id ?? '')}`), enabled: !!id });
}

export function useCreateGrid() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GridInput) => api<GridDetail>('/api/grids', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: gridKeys.all }),
  });
}

/** PATCH with the version the editor saw; a 409 means someone else saved first. */
export function useUpdateGrid(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (update: GridUpdate) => api<GridDetail>(`/api/grids/${encodeURIComponent(id)}`, { method: 'PATCH', body: update }),
    onSuccess: async (g) => {
      qc.setQueryData(gridKeys.one(id), g);
      await Promise.all([qc.invalidateQueries({ queryKey: gridKeys.all }), qc.invalidateQueries({ queryKey: ['audit', 'grid', id] })]);
    },
  });
}
