import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign,
  CampaignCopy,
  CampaignDetail,
  CampaignKind,
  CampaignSummary,
  ErrorResponse,
  LedgerPreview,
  ProblemSource,
} from '@minewatch/core';
import { api, ApiError, withQuery } from './client';

/** Query of GET /api/campaigns. */
export interface CampaignFilter {
  region?: string | null;
  kind?: CampaignKind | null;
  q?: string | null;
}

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (f: CampaignFilter) => ['campaigns', 'list', f.region ?? '', f.kind ?? '', f.q ?? ''] as const,
  one: (id: string) => ['campaigns', 'one', id] as const,
};

/** Campaigns of the region and below, and those above it the caller works under (`inherited`). */
export function useCampaigns(filter: CampaignFilter, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.list(filter),
    queryFn: () =>
      api<{ items: CampaignSummary[] }>(withQuery('/api/campaigns', { region: filter.region, kind: filter.kind, q: filter.q })).then(
        (r) => r.items,
      ),
    enabled,
    staleTime: 60_000,
  });
}

export function useCampaign(id: string | null | undefined) {
  return useQuery({
    queryKey: campaignKeys.one(id ?? ''),
    queryFn: () => api<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

/**
 * The campaign document as the server stores it, in the shape POST /api/campaigns takes (core's
 * campaignSchema input: defaults may be left out).
 */
export type CampaignBody = Campaign;

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignBody) => api<CampaignDetail>('/api/campaigns', { method: 'POST', body }),
    onSuccess: (c) => {
      queryClient.setQueryData(campaignKeys.one(c.id), c);
      return queryClient.invalidateQueries({ queryKey: [...campaignKeys.all, 'list'] });
    },
  });
}

export function useCopyCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignCopy) =>
      api<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}/copy`, { method: 'POST', body }),
    onSuccess: (c) => {
      queryClient.setQueryData(campaignKeys.one(c.id), c);
      return queryClient.invalidateQueries({ queryKey: [...campaignKeys.all, 'list'] });
    },
  });
}

/** PATCH: replaces the named top-level parts of the campaign; a 409 means someone else saved first. */
export function usePatchCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; data: Partial<CampaignBody> }) =>
      api<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: async (c) => {
      queryClient.setQueryData(campaignKeys.one(c.id), c);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...campaignKeys.all, 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['audit', 'campaign', id] }),
      ]);
    },
  });
}

// ---------- 附件1 ledger: export, import preview, commit ----------

/** The 附件1 workbook of a campaign (GET /api/campaigns/{id}/ledger.xlsx), with the list's filters when given. */
export const ledgerExportUrl = (id: string, params: Record<string, string | null | undefined> = {}) =>
  withQuery(`/api/campaigns/${encodeURIComponent(id)}/ledger.xlsx`, params);

/** POSTs a multipart form; rejects with ApiError (the server's field details included) as `api` does. */
export async function sendForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
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
  return parsed as T;
}

/** Uploads a filled-in 附件1 workbook: the server checks every row and keeps it as a preview (nothing stored yet). */
export function useLedgerPreview(campaignId: string) {
  return useMutation({
    mutationFn: ({ file, foundOn, source }: { file: File; foundOn?: string | null; source?: ProblemSource | null }) => {
      const form = new FormData();
      if (foundOn) form.append('foundOn', foundOn);
      if (source) form.append('source', source);
      form.append('file', file, file.name);
      return sendForm<LedgerPreview>(`/api/campaigns/${encodeURIComponent(campaignId)}/ledger/import`, form);
    },
  });
}

export type LedgerCommitResult = { importId: string; created: number; confirmedEnterprises: number };

/** Stores every row of a clean preview at once (all or nothing). */
export function useLedgerCommit(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ previewId, confirmEnterprises }: { previewId: string; confirmEnterprises: string[] }) =>
      api<LedgerCommitResult>(
        `/api/campaigns/${encodeURIComponent(campaignId)}/ledger/import/${encodeURIComponent(previewId)}/commit`,
        { method: 'POST', body: { confirmEnterprises } },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['problems'] }),
  });
}
