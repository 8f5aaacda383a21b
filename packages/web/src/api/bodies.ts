import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BodyDetail,
  BodyInput,
  BodySummary,
  Meeting,
  MeetingInput,
  Member,
  MemberInput,
} from '@minewatch/core';
import { api, withQuery } from './client';
import { cadenceKeys } from './cadence';

export const bodyKeys = {
  all: ['bodies'] as const,
  byRegion: (region: string) => ['bodies', 'list', region] as const,
  one: (id: string) => ['bodies', 'one', id] as const,
};

/** Coordination bodies of the region and below, with their members. */
export function useBodies(region: string | null | undefined) {
  return useQuery({
    queryKey: bodyKeys.byRegion(region ?? ''),
    queryFn: () => api<BodySummary[]>(withQuery('/api/org/bodies', { region })),
    enabled: !!region,
  });
}

export function useBody(id: string | undefined) {
  return useQuery({
    queryKey: bodyKeys.one(id ?? ''),
    queryFn: () => api<BodyDetail>(`/api/org/bodies/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

export function useCreateBody() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyInput) => api<BodyDetail>('/api/org/bodies', { method: 'POST', body: input }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: bodyKeys.all }),
        queryClient.invalidateQueries({ queryKey: cadenceKeys.all }),
      ]);
    },
  });
}

export function useAddMember(bodyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MemberInput) =>
      api<Member>(`/api/org/bodies/${encodeURIComponent(bodyId)}/members`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bodyKeys.all }),
  });
}

export function useRemoveMember(bodyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      api<void>(
        `/api/org/bodies/${encodeURIComponent(bodyId)}/members/${encodeURIComponent(memberId)}`,
        { method: 'DELETE' },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bodyKeys.all }),
  });
}

export function useRecordMeeting(bodyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingInput) =>
      api<Meeting>(`/api/org/bodies/${encodeURIComponent(bodyId)}/meetings`, { method: 'POST', body: input }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: bodyKeys.all }),
        queryClient.invalidateQueries({ queryKey: cadenceKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['audit'] }),
      ]);
    },
  });
}
