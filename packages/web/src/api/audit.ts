import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@minewatch/core';
import { api, withQuery } from './client';

/** History of one entity; rejects with a 403 ApiError for roles without audit.read. */
export function useAuditEvents(entityType: string, entityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['audit', entityType, entityId ?? ''] as const,
    queryFn: () => api<AuditEvent[]>(withQuery('/api/audit', { entityType, entityId })),
    enabled: enabled && !!entityId,
  });
}
