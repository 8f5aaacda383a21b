import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HazardEntry, HazardLedgerType } from '@minewatch/core';
import { api, withQuery } from '../../api/client';

export type HazardSummary = { type: HazardLedgerType; label: { zh: string; en: string }; section: string; printed: string; total: number; open: number };

export const hazardKeys = {
  all: ['hazards'] as const,
  summary: (region: string) => ['hazards', 'summary', region] as const,
  list: (type: string, region: string, open: boolean, limit: number, offset: number) => ['hazards', 'list', type, region, open, limit, offset] as const,
};

export function useHazardSummaries(region: string | null | undefined) {
  return useQuery({
    queryKey: hazardKeys.summary(region ?? ''),
    queryFn: () => api<HazardSummary[]>(withQuery('/api/hazard-ledgers', { region })),
    enabled: !!region,
  });
}

export function useHazardEntries(type: HazardLedgerType, f: { region: string | null | undefined; open: boolean; limit: number; offset: number }) {
  return useQuery({
    queryKey: hazardKeys.list(type, f.region ?? '', f.open, f.limit, f.offset),
    queryFn: () => api<{ items: HazardEntry[]; total: number }>(withQuery(`/api/hazard-ledgers/${type}`, { region: f.region, open: f.open ? 'true' : null, limit: String(f.limit), offset: f.offset ? String(f.offset) : null })),
    enabled: !!f.region,
    placeholderData: keepPreviousData,
  });
}

export function useCreateHazardEntry(type: HazardLedgerType) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<HazardEntry>(`/api/hazard-ledgers/${type}/entries`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: hazardKeys.all });
      void qc.invalidateQueries({ queryKey: ['problems'] });
    },
  });
}
