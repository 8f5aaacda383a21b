import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Penalty, PenaltyPatch, PenaltyRecheckInput, ProblemPenalties } from '@minewatch/core';
import { api } from '../../api/client';

export const penaltyKeys = { problem: (id: string) => ['penalties', id] as const };

export function useProblemPenalties(problemId: string | undefined) {
  return useQuery({ queryKey: penaltyKeys.problem(problemId ?? ''), queryFn: () => api<ProblemPenalties>(`/api/problems/${encodeURIComponent(problemId ?? '')}/penalties`), enabled: !!problemId });
}

function useRefresh(problemId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: penaltyKeys.problem(problemId) });
    void qc.invalidateQueries({ queryKey: ['problems'] });
  };
}

export function useRecordPenalty(problemId: string) {
  const refresh = useRefresh(problemId);
  return useMutation({ mutationFn: (body: Record<string, unknown>) => api<Penalty>(`/api/problems/${encodeURIComponent(problemId)}/penalties`, { method: 'POST', body }), onSuccess: refresh });
}

export function useRecheck(problemId: string) {
  const refresh = useRefresh(problemId);
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: PenaltyRecheckInput }) => api<Penalty>(`/api/penalties/${encodeURIComponent(id)}/rechecks`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function usePatchPenalty(problemId: string) {
  const refresh = useRefresh(problemId);
  return useMutation({ mutationFn: ({ id, patch }: { id: string; patch: PenaltyPatch }) => api<Penalty>(`/api/penalties/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }), onSuccess: refresh });
}
