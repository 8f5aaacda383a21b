import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SiteDetail, SiteInput, SiteKind, SiteSummary, SiteUpdate } from '@minewatch/core';
import { api, withQuery } from './client';

export type SiteList = { items: SiteSummary[]; total: number };

/** Query of GET /api/sites; `bbox` is "minLon,minLat,maxLon,maxLat". */
export interface SiteFilter {
  region?: string | null;
  kind?: SiteKind | null;
  status?: string | null;
  q?: string | null;
  bbox?: string | null;
  limit: number;
  offset?: number;
}

export const siteKeys = {
  all: ['sites'] as const,
  list: (f: SiteFilter) =>
    [
      'sites',
      'list',
      f.region ?? '',
      f.kind ?? '',
      f.status ?? '',
      f.q ?? '',
      f.bbox ?? '',
      f.limit,
      f.offset ?? 0,
    ] as const,
  one: (id: string) => ['sites', 'one', id] as const,
};

export const fetchSites = (f: SiteFilter) =>
  api<SiteList>(
    withQuery('/api/sites', {
      region: f.region,
      kind: f.kind,
      status: f.status,
      q: f.q,
      bbox: f.bbox,
      limit: String(f.limit),
      offset: f.offset ? String(f.offset) : null,
    }),
  );

export const fetchSite = (id: string) => api<SiteDetail>(`/api/sites/${encodeURIComponent(id)}`);

/** One page of supervised objects; keeps the previous page on screen while the next one loads. */
export function useSites(filter: SiteFilter, enabled = true) {
  return useQuery({
    queryKey: siteKeys.list(filter),
    queryFn: () => fetchSites(filter),
    enabled: enabled && !!filter.region,
    placeholderData: keepPreviousData,
  });
}

export function useSite(id: string | undefined) {
  return useQuery({
    queryKey: siteKeys.one(id ?? ''),
    queryFn: () => fetchSite(id ?? ''),
    enabled: !!id,
  });
}

export function useCreateSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SiteInput) => api<SiteDetail>('/api/sites', { method: 'POST', body: input }),
    onSuccess: (site) => {
      queryClient.setQueryData(siteKeys.one(site.id), site);
      return queryClient.invalidateQueries({ queryKey: [...siteKeys.all, 'list'] });
    },
  });
}

/** PATCH with the version the editor saw; a 409 means someone else saved first. */
export function useUpdateSite(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: SiteUpdate) =>
      api<SiteDetail>(`/api/sites/${encodeURIComponent(id)}`, { method: 'PATCH', body: update }),
    onSuccess: async (site) => {
      queryClient.setQueryData(siteKeys.one(id), site);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...siteKeys.all, 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['audit', 'site', id] }),
      ]);
    },
  });
}
