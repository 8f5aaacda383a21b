import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AreaUnit, ClassificationRun, PatchClass, PatchDetail, PatchField, PatchSummary } from '@minewatch/core';
import { sendForm } from '../map/map-api';
import { api, withQuery } from './client';

export type PatchList = { items: PatchSummary[]; total: number };

/** Query of GET /api/patches; `classification` is a class or 'unclassified'; dates are yyyy-mm-dd (后时相 range). */
export interface PatchFilter {
  region?: string | null;
  classification?: PatchClass | 'unclassified' | null;
  q?: string | null;
  /** "minLon,minLat,maxLon,maxLat" */
  bbox?: string | null;
  afterFrom?: string | null;
  afterTo?: string | null;
  limit: number;
  offset?: number;
}

/** What POST /api/patches/import answers (patches.routes.ts previewSchema): the checked file, nothing stored yet. */
export interface PatchImportPreview {
  previewId: string;
  fileName: string;
  format: 'shapefile' | 'geojson' | 'xlsx';
  count: number;
  /** field → the header it was read from */
  columns: Partial<Record<PatchField, string>>;
  otherColumns: string[];
  areaUnit: { unit: AreaUnit; from: 'header' | 'option' } | null;
  byGeometryType: Record<string, number>;
  regions: { code: string; count: number }[];
  totalArea: { m2: number; mu: number };
  declaredTotal: { m2: number; mu: number };
  warnings: string[];
  warningCount: number;
  expiresAt: string;
  /** The first 1000 patches; `at` is "rows.5" (Excel row number) or "features.3" (0-based). */
  items: {
    at: string;
    code: string;
    regionCode: string;
    beforeDate: string | null;
    afterDate: string | null;
    declaredArea: number | null;
    declaredAreaUnit: AreaUnit | null;
    areaMu: number | null;
    geometryType: string;
  }[];
}

export const patchKeys = {
  all: ['patches'] as const,
  list: (f: PatchFilter) =>
    [
      'patches',
      'list',
      f.region ?? '',
      f.classification ?? '',
      f.q ?? '',
      f.bbox ?? '',
      f.afterFrom ?? '',
      f.afterTo ?? '',
      f.limit,
      f.offset ?? 0,
    ] as const,
  one: (id: string) => ['patches', 'one', id] as const,
};

export const fetchPatches = (f: PatchFilter) =>
  api<PatchList>(
    withQuery('/api/patches', {
      region: f.region,
      classification: f.classification,
      q: f.q,
      bbox: f.bbox,
      afterFrom: f.afterFrom,
      afterTo: f.afterTo,
      limit: String(f.limit),
      offset: f.offset ? String(f.offset) : null,
    }),
  );

/** One page of change patches (图斑); keeps the previous page on screen while the next one loads. */
export function usePatches(filter: PatchFilter, enabled = true) {
  return useQuery({
    queryKey: patchKeys.list(filter),
    queryFn: () => fetchPatches(filter),
    enabled: enabled && !!filter.region,
    placeholderData: keepPreviousData,
  });
}

/** One patch with its geometry, source attributes and last classification. */
export function usePatch(id: string | undefined) {
  return useQuery({
    queryKey: patchKeys.one(id ?? ''),
    queryFn: () => api<PatchDetail>(`/api/patches/${encodeURIComponent(id ?? '')}`),
    enabled: !!id,
  });
}

/** Step 1 of an import: the multipart form (file, regionCode, areaUnit, sheet, zoneWidth+zone) → a preview. */
export function usePatchImportPreview() {
  return useMutation({ mutationFn: (form: FormData) => sendForm<PatchImportPreview>('/api/patches/import', 'POST', form) });
}

/** Step 2: store every previewed patch, all or nothing. */
export function useCommitPatchImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (previewId: string) =>
      api<{ created: number; importId: string }>(`/api/patches/import/${encodeURIComponent(previewId)}/commit`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.all }),
  });
}

/** 开展叠加分析: overlays every patch of the region with the registry and stores the classes (audited on the server). */
export function useClassifyPatches() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (region: string) =>
      api<ClassificationRun>(withQuery('/api/patches/classify', { region }), { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patchKeys.all }),
  });
}
