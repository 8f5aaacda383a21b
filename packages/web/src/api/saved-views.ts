import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedView, SavedViewInput, SavedViewList, SavedViewPage } from '@minewatch/core';
import { api, withQuery } from './client';

export const savedViewKeys = {
  all: ['saved-views'] as const,
  page: (page: SavedViewPage) => ['saved-views', page] as const,
};

/** The signed-in user's saved views of a list page (GET /api/saved-views). */
export function useSavedViewList(page: SavedViewPage, enabled = true) {
  return useQuery({
    queryKey: savedViewKeys.page(page),
    queryFn: () => api<SavedViewList>(withQuery('/api/saved-views', { page })),
    enabled,
  });
}

export const putSavedView = (input: SavedViewInput) => api<SavedView>('/api/saved-views', { method: 'PUT', body: input });

/** Saves (or, under an existing name, replaces) a view. */
export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putSavedView,
    onSuccess: (v) => queryClient.invalidateQueries({ queryKey: savedViewKeys.page(v.page) }),
  });
}

export function useDeleteView(page: SavedViewPage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/saved-views/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.page(page) }),
  });
}
