import { useQueries, useQuery } from '@tanstack/react-query';
import type { Region } from '@minewatch/core';
import { api } from './client';

export const regionKeys = {
  roots: ['regions', 'roots'] as const,
  one: (code: string) => ['regions', 'one', code] as const,
  children: (code: string) => ['regions', 'children', code] as const,
};

export const fetchRegionChildren = (code: string) =>
  api<Region[]>(`/api/org/regions/${encodeURIComponent(code)}/children`);

/** The regions the user may switch to (their scope root; the provinces for the admin). */
export function useRegionRoots() {
  return useQuery({
    queryKey: regionKeys.roots,
    queryFn: () => api<Region[]>('/api/org/regions/roots'),
    staleTime: 10 * 60_000,
  });
}

export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: regionKeys.one(code ?? ''),
    queryFn: () => api<Region>(`/api/org/regions/${encodeURIComponent(code ?? '')}`),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
}

export function useRegionChildren(code: string | null | undefined) {
  return useQuery({
    queryKey: regionKeys.children(code ?? ''),
    queryFn: () => fetchRegionChildren(code ?? ''),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
}

/** Names of several regions (e.g. a supervision group's districts); falls back to the code. */
export function useRegionNames(codes: readonly string[]): Map<string, string> {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: regionKeys.one(code),
      queryFn: () => api<Region>(`/api/org/regions/${encodeURIComponent(code)}`),
      staleTime: 10 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  codes.forEach((code, i) => names.set(code, results[i]?.data?.name ?? code));
  return names;
}
