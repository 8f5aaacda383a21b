import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contract, ContractEnd, ContractInput, ErrorResponse, OverdueList, Visit, VisitInput } from '@minewatch/core';
import { api, ApiError, withQuery } from './client';

export type ContractList = { items: Contract[]; total: number };

export interface ContractFilter {
  region?: string | null;
  personId?: string | null;
  includeEnded?: boolean;
  limit: number;
  offset?: number;
}

export interface OverdueFilter {
  region?: string | null;
  asOf?: string | null;
  windowMonths?: number | null;
  windowDays?: number | null;
}

export const contractKeys = {
  all: ['contracts'] as const,
  list: (f: ContractFilter) => ['contracts', 'list', f.region ?? '', f.personId ?? '', !!f.includeEnded, f.limit, f.offset ?? 0] as const,
  one: (id: string) => ['contracts', 'one', id] as const,
  visits: (id: string) => ['contracts', 'visits', id] as const,
  overdue: (f: OverdueFilter) => ['contracts', 'overdue', f.region ?? '', f.asOf ?? '', f.windowMonths ?? '', f.windowDays ?? ''] as const,
};

/** 包联 assignments touching the region, by person. */
export function useContracts(f: ContractFilter) {
  return useQuery({
    queryKey: contractKeys.list(f),
    queryFn: () =>
      api<ContractList>(
        withQuery('/api/contracts', {
          region: f.region,
          personId: f.personId,
          includeEnded: f.includeEnded ? 'true' : null,
          limit: String(f.limit),
          offset: f.offset ? String(f.offset) : null,
        }),
      ),
    enabled: !!f.region,
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: contractKeys.one(id ?? ''),
    queryFn: () => api<Contract>(`/api/contracts/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

export function useVisits(id: string | undefined) {
  return useQuery({
    queryKey: contractKeys.visits(id ?? ''),
    queryFn: () => api<Visit[]>(`/api/contracts/${encodeURIComponent(id ?? '')}/visits`),
    enabled: !!id,
  });
}

/** Person × target pairs not visited in time. */
export function useOverdue(f: OverdueFilter) {
  return useQuery({
    queryKey: contractKeys.overdue(f),
    queryFn: () =>
      api<OverdueList>(
        withQuery('/api/contracts/overdue', {
          region: f.region,
          asOf: f.asOf,
          windowMonths: f.windowMonths ? String(f.windowMonths) : null,
          windowDays: f.windowDays ? String(f.windowDays) : null,
        }),
      ),
    enabled: !!f.region,
    placeholderData: keepPreviousData,
  });
}

function useInvalidating<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: contractKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
  });
}

export const useCreateContract = () => useInvalidating((input: ContractInput) => api<Contract>('/api/contracts', { method: 'POST', body: input }));

export const useEndContract = (id: string) =>
  useInvalidating((input: ContractEnd) => api<Contract>(`/api/contracts/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }));

export const useRecordVisit = (id: string) =>
  useInvalidating((input: VisitInput) => api<Visit>(`/api/contracts/${encodeURIComponent(id)}/visits`, { method: 'POST', body: input }));

/** What POST /api/files answers (the fields this page uses). */
export type UploadedFile = { id: string; name: string; mime: string; exif: { lon: number | null; lat: number | null; takenAt: string | null } | null };

/**
 * Uploads one visit photo to POST /api/files (multipart, purpose=photo) for `regionCode`, the visited
 * area, so everyone who sees the visit may open it. Rejects with ApiError like `api()`.
 */
export async function uploadPhoto(file: File, regionCode: string): Promise<UploadedFile> {
  const form = new FormData();
  form.append('purpose', 'photo');
  form.append('regionCode', regionCode);
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/files', { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const err = (parsed as Partial<ErrorResponse> | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `HTTP ${res.status}`, err?.details ?? []);
  }
  return parsed as UploadedFile;
}

/** URL of a stored file's bytes (photos open inline). */
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
