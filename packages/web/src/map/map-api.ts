import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoundaryLayer, ErrorResponse, MapConfig, RegionBoundaryInfo, SiteKind, SiteMap } from '@minewatch/core';
import { api, ApiError, withQuery } from '../api/client';
import type { Bbox } from './geometry';

/** Query keys of the map's data (under 'sites' so a site change refreshes the layer too). */
export const mapKeys = {
  layer: (region: string, bbox: string, zoom: number, kinds: string, ids: string) => ['sites', 'map', region, bbox, zoom, kinds, ids] as const,
  config: ['config', 'map'] as const,
  boundaries: (region: string, bbox: string, zoom: number) => ['boundaries', region, bbox, zoom] as const,
};

export const bboxParam = (b: Bbox) => b.map((v) => v.toFixed(5)).join(',');

export interface SiteMapQuery {
  region: string;
  bbox: Bbox;
  zoom: number;
  /** Kinds shown; undefined = all (an empty list shows none). */
  kinds?: readonly SiteKind[] | undefined;
  /** Only these sites (at most 300). */
  ids?: readonly string[] | undefined;
}

export const fetchSiteMap = (q: SiteMapQuery) =>
  api<SiteMap>(
    withQuery('/api/sites/map', { region: q.region, bbox: bboxParam(q.bbox), zoom: String(q.zoom), ids: q.ids?.join(',') }) +
      // kinds= (empty) is meaningful: no kind shown
      (q.kinds ? `&kinds=${q.kinds.join(',')}` : ''),
  );

/** GET /api/sites/map for the view; the previous answer stays on screen while the next loads. */
export function useSiteMap(q: Omit<SiteMapQuery, 'bbox'> & { bbox: Bbox | null }) {
  const bbox = q.bbox ? bboxParam(q.bbox) : '';
  return useQuery({
    queryKey: mapKeys.layer(q.region, bbox, q.zoom, q.kinds?.join(',') ?? '*', q.ids?.join(',') ?? ''),
    queryFn: () => fetchSiteMap({ ...q, bbox: q.bbox! }),
    enabled: !!q.bbox && !!q.region,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The Tianditu key (or null): nothing external is requested unless it is set. */
export function useMapConfig() {
  return useQuery({ queryKey: mapKeys.config, queryFn: () => api<MapConfig>('/api/config/map'), staleTime: Infinity });
}

/** Boundaries of the region and below, simplified for the zoom. */
export function useBoundaries(region: string, bbox: Bbox | null, zoom: number) {
  const box = bbox ? bboxParam(bbox) : '';
  return useQuery({
    queryKey: mapKeys.boundaries(region, box, zoom),
    queryFn: () => api<BoundaryLayer>(withQuery('/api/org/boundaries', { region, bbox: box, zoom: String(zoom) })),
    enabled: !!region,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/**
 * A multipart request (file uploads), answered like `api()`: parsed JSON, or ApiError with the
 * server's message and field details.
 */
export async function sendForm<T>(path: string, method: 'POST' | 'PUT', form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method, body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const err = (parsed as Partial<ErrorResponse> | undefined)?.error;
    // a lost session: let the shared client notice it (it owns the redirect to the login page)
    if (response.status === 401) void api('/api/config/map').catch(() => undefined);
    throw new ApiError(response.status, err?.code ?? `http_${response.status}`, err?.message ?? (response.statusText || `HTTP ${response.status}`), err?.details ?? []);
  }
  return parsed as T;
}

export function useUploadBoundary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (q: { region: string; form: FormData }) =>
      sendForm<{ updated: RegionBoundaryInfo[]; skipped: number }>(`/api/org/regions/${encodeURIComponent(q.region)}/boundary`, 'PUT', q.form),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['boundaries'] }),
  });
}
