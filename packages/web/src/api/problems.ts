import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FileUploadResult,
  MinePlanInput,
  MineView,
  ProblemCreate,
  ProblemDetail,
  ProblemEventInput,
  ProblemPatch,
  ProblemState,
  ProblemSummary,
  ProgressClass,
  ProgressGroup,
  ProgressReport,
  ProblemList,
} from '@minewatch/core';
import { api, withQuery } from './client';
import { sendForm } from './campaigns';

export type ProblemSort = 'deadline' | 'updated' | 'found';

/** The list's filters (GET /api/problems; the same ones drive the progress figures and the ledger export). */
export interface ProblemFilter {
  campaignId?: string | null;
  workGroupKey?: string | null;
  state?: readonly ProblemState[] | null;
  typeCode?: string | null;
  region?: string | null;
  overdue?: boolean | null;
  progress?: ProgressClass | 'in_progress' | null;
  q?: string | null;
  siteId?: string | null;
  responsiblePersonId?: string | null;
  importId?: string | null;
}

/** The filter as query parameters, empty ones left out. */
export function filterParams(f: ProblemFilter): Record<string, string | null> {
  return {
    campaignId: f.campaignId ?? null,
    workGroupKey: f.workGroupKey ?? null,
    state: f.state?.length ? f.state.join(',') : null,
    typeCode: f.typeCode ?? null,
    region: f.region ?? null,
    overdue: f.overdue == null ? null : String(f.overdue),
    progress: f.progress ?? null,
    q: f.q ?? null,
    siteId: f.siteId ?? null,
    responsiblePersonId: f.responsiblePersonId ?? null,
    importId: f.importId ?? null,
  };
}

export const problemKeys = {
  all: ['problems'] as const,
  list: (f: ProblemFilter, page: { limit: number; offset: number; sort: ProblemSort }) =>
    ['problems', 'list', JSON.stringify(filterParams(f)), page.limit, page.offset, page.sort] as const,
  one: (id: string) => ['problems', 'one', id] as const,
  signOff: (limit: number, offset: number) => ['problems', 'sign-off', limit, offset] as const,
  progress: (f: ProblemFilter, groupBy: ProgressGroup) => ['problems', 'progress', JSON.stringify(filterParams(f)), groupBy] as const,
  mines: (campaignId: string, region: string) => ['problems', 'mines', campaignId, region] as const,
  mine: (campaignId: string, siteId: string) => ['problems', 'mine', campaignId, siteId] as const,
};

/** One page of the ledger; keeps the previous page on screen while the next loads. */
export function useProblems(filter: ProblemFilter, page: { limit: number; offset: number; sort: ProblemSort }, enabled = true) {
  return useQuery({
    queryKey: problemKeys.list(filter, page),
    queryFn: () =>
      api<ProblemList>(
        withQuery('/api/problems', { ...filterParams(filter), limit: String(page.limit), offset: page.offset ? String(page.offset) : null, sort: page.sort }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useProblem(id: string | undefined) {
  return useQuery({
    queryKey: problemKeys.one(id ?? ''),
    queryFn: () => api<ProblemDetail>(`/api/problems/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** Everything that shows problems or figures is stale after a change to one. */
const refreshAll = (queryClient: ReturnType<typeof useQueryClient>, p: ProblemDetail) => {
  queryClient.setQueryData(problemKeys.one(p.id), p);
  return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'problems' && !(q.queryKey[1] === 'one' && q.queryKey[2] === p.id) });
};

export function useCreateProblem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProblemCreate) => api<ProblemDetail>('/api/problems', { method: 'POST', body: input }),
    onSuccess: (p) => refreshAll(queryClient, p),
  });
}

/** PATCH with the version the editor saw; a 409 means someone else saved first. */
export function useUpdateProblem(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProblemPatch) => api<ProblemDetail>(`/api/problems/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
    onSuccess: (p) => refreshAll(queryClient, p),
  });
}

/** Fires a lifecycle event (开始整改, 提交销号申请, 验收销号, 退回 …); refusals come back as 409 with the reason. */
export function useFireEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProblemEventInput) =>
      api<ProblemDetail>(`/api/problems/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: input }),
    onSuccess: (p) => refreshAll(queryClient, p),
  });
}

/** 销号审核: submitted problems this user may verify, oldest submission first. */
export function useSignOffQueue(limit: number, offset: number) {
  return useQuery({
    queryKey: problemKeys.signOff(limit, offset),
    queryFn: () => api<ProblemList>(withQuery('/api/problems/sign-off-queue', { limit: String(limit), offset: offset ? String(offset) : null })),
    placeholderData: keepPreviousData,
  });
}

/** L5 figures of the filtered problems, in total and per region / work group / type / campaign. */
export function useProgress(filter: ProblemFilter, groupBy: ProgressGroup, enabled = true) {
  return useQuery({
    queryKey: problemKeys.progress(filter, groupBy),
    queryFn: () => api<ProgressReport>(withQuery('/api/problems/progress', { ...filterParams(filter), groupBy })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

// ---------- per mine (L7) ----------

export function useMines(campaignId: string, region: string | null, limit = 200) {
  return useQuery({
    queryKey: problemKeys.mines(campaignId, region ?? ''),
    queryFn: () =>
      api<{ items: MineView[] }>(withQuery(`/api/campaigns/${encodeURIComponent(campaignId)}/mines`, { region, limit: String(limit) })).then((r) => r.items),
    enabled: !!campaignId,
  });
}

export function useMine(campaignId: string, siteId: string) {
  return useQuery({
    queryKey: problemKeys.mine(campaignId, siteId),
    queryFn: () => api<MineView>(`/api/campaigns/${encodeURIComponent(campaignId)}/mines/${encodeURIComponent(siteId)}`),
    enabled: !!campaignId && !!siteId,
  });
}

export function useSaveMinePlan(campaignId: string, siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: Omit<MinePlanInput, 'campaignId' | 'siteId'>) =>
      api<MineView>('/api/mine-plans', { method: 'PUT', body: { ...plan, campaignId, siteId } }),
    onSuccess: (m) => {
      queryClient.setQueryData(problemKeys.mine(campaignId, siteId), m);
      return queryClient.invalidateQueries({ queryKey: ['problems', 'mines', campaignId] });
    },
  });
}

// ---------- evidence ----------

/**
 * Uploads one evidence file (POST /api/files). Problems name their evidence by SHA-256, so callers
 * keep `sha256` of the answer; photos are checked as photos, anything else as a document.
 */
export function uploadEvidence(file: File, regionCode: string): Promise<FileUploadResult> {
  const form = new FormData();
  form.append('purpose', file.type.startsWith('image/') ? 'photo' : 'document');
  form.append('regionCode', regionCode);
  form.append('file', file, file.name);
  return sendForm<FileUploadResult>('/api/files', form);
}

/** URL of a stored file's bytes (images and PDFs open inline). */
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
