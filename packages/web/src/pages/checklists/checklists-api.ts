import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChecklistFindingRecord, ChecklistSubmission, ChecklistSubmissionInput, FindingAssignment } from '@minewatch/core';
import { api, withQuery } from '../../api/client';

export type SubmissionSummary = Omit<ChecklistSubmission, 'answers' | 'findings'> & { openFindings: number };
export type AssignError = { itemCode: string; message: string; details: { path: string; message: string }[] };

export const checklistKeys = {
  all: ['checklists'] as const,
  list: (region: string, siteId: string, limit: number, offset: number) => ['checklists', 'list', region, siteId, limit, offset] as const,
  one: (id: string) => ['checklists', 'one', id] as const,
};

export function useSubmissions(f: { region: string | null | undefined; siteId?: string | null; limit: number; offset: number }) {
  return useQuery({
    queryKey: checklistKeys.list(f.region ?? '', f.siteId ?? '', f.limit, f.offset),
    queryFn: () => api<{ items: SubmissionSummary[]; total: number }>(withQuery('/api/checklists/submissions', { region: f.region, siteId: f.siteId, limit: String(f.limit), offset: f.offset ? String(f.offset) : null })),
    enabled: !!f.region,
    placeholderData: keepPreviousData,
  });
}

export function useSubmission(id: string | undefined) {
  return useQuery({ queryKey: checklistKeys.one(id ?? ''), queryFn: () => api<ChecklistSubmission>(`/api/checklists/submissions/${encodeURIComponent(id ?? '')}`), enabled: !!id });
}

export function useSubmitChecklist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChecklistSubmissionInput) => api<ChecklistSubmission & { assignErrors: AssignError[] }>('/api/checklists/submissions', { method: 'POST', body: input }),
    onSuccess: (s) => {
      qc.setQueryData(checklistKeys.one(s.id), s);
      void qc.invalidateQueries({ queryKey: ['checklists', 'list'] });
      void qc.invalidateQueries({ queryKey: ['problems'] });
    },
  });
}

export function useAssignFinding(submissionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ findingId, assignment }: { findingId: string; assignment: FindingAssignment }) =>
      api<ChecklistFindingRecord>(`/api/checklists/findings/${encodeURIComponent(findingId)}/problem`, { method: 'POST', body: assignment }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: checklistKeys.one(submissionId) });
      void qc.invalidateQueries({ queryKey: ['checklists', 'list'] });
      void qc.invalidateQueries({ queryKey: ['problems'] });
    },
  });
}
