import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  Attachment,
  AttachmentInput,
  Responsibility,
  ResponsibilityInput,
  SealingInput,
  SealingRecord,
  SealingResult,
  ThreeNoRemainInput,
  ThreeNoRemainRecord,
} from '@minewatch/core';
import { api } from './client';
import { siteKeys } from './sites';

export const siteRecordKeys = {
  attachments: (id: string) => ['sites', 'attachments', id] as const,
  responsibility: (id: string) => ['sites', 'responsibility', id] as const,
  sealing: (id: string) => ['sites', 'sealing', id] as const,
  threeNoRemain: (id: string) => ['sites', 'three-no-remain', id] as const,
};

const base = (id: string) => `/api/sites/${encodeURIComponent(id)}`;

/** After any write the site's photos, its history and the site itself (version, status) may have changed. */
function refresh(qc: QueryClient, id: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: siteRecordKeys.attachments(id) }),
    qc.invalidateQueries({ queryKey: ['audit', 'site', id] }),
    qc.invalidateQueries({ queryKey: siteKeys.one(id) }),
    qc.invalidateQueries({ queryKey: [...siteKeys.all, 'list'] }),
  ]);
}

export function useAttachments(siteId: string) {
  return useQuery({ queryKey: siteRecordKeys.attachments(siteId), queryFn: () => api<Attachment[]>(`${base(siteId)}/attachments`) });
}

export function useAttach(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<AttachmentInput> & Pick<AttachmentInput, 'fileId' | 'role'>) => api<Attachment>(`${base(siteId)}/attachments`, { method: 'POST', body: input }),
    onSuccess: () => refresh(qc, siteId),
  });
}

export function useResponsibility(siteId: string) {
  return useQuery({ queryKey: siteRecordKeys.responsibility(siteId), queryFn: () => api<Responsibility>(`${base(siteId)}/responsibility`) });
}

export function useSaveResponsibility(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ResponsibilityInput) => api<Responsibility>(`${base(siteId)}/responsibility`, { method: 'PUT', body: input }),
    onSuccess: async (r) => {
      qc.setQueryData(siteRecordKeys.responsibility(siteId), r);
      await Promise.all([refresh(qc, siteId), qc.invalidateQueries({ queryKey: ['grids'] })]);
    },
  });
}

export function useSealingRecords(siteId: string, enabled = true) {
  return useQuery({ queryKey: siteRecordKeys.sealing(siteId), queryFn: () => api<SealingRecord[]>(`${base(siteId)}/sealing`), enabled });
}

export function useRecordSealing(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SealingInput) => api<SealingResult>(`${base(siteId)}/sealing`, { method: 'POST', body: input }),
    onSuccess: async (r) => {
      qc.setQueryData(siteKeys.one(siteId), r.site);
      await Promise.all([refresh(qc, siteId), qc.invalidateQueries({ queryKey: siteRecordKeys.sealing(siteId) })]);
    },
  });
}

export function useThreeNoRemain(siteId: string, enabled = true) {
  return useQuery({ queryKey: siteRecordKeys.threeNoRemain(siteId), queryFn: () => api<ThreeNoRemainRecord[]>(`${base(siteId)}/three-no-remain`), enabled });
}

export function useRecordThreeNoRemain(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ThreeNoRemainInput) => api<ThreeNoRemainRecord>(`${base(siteId)}/three-no-remain`, { method: 'POST', body: input }),
    onSuccess: () => Promise.all([refresh(qc, siteId), qc.invalidateQueries({ queryKey: siteRecordKeys.threeNoRemain(siteId) })]),
  });
}
