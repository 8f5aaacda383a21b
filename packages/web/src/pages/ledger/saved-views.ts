import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { savedViewInputSchema, savedViewQuery, type SavedView } from '@minewatch/core';
import { isApiError } from '../../api/client';
import { putSavedView, savedViewKeys, useDeleteView, useSaveView, useSavedViewList } from '../../api/saved-views';

export type { SavedView };

/** Where earlier versions kept a user's ledger views in this browser (before they were kept on the server). */
const LEGACY_PREFIX = 'minewatch.ledgerViews.';

/** The query of the current filters as a view stores it (no page or region; sorted, so the same filters compare equal). */
export const viewQuery = savedViewQuery;

function readLegacy(key: string): { name: string; query: string }[] {
  try {
    const raw = window.localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is { name: string; query: string } => typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.query === 'string');
  } catch {
    return [];
  }
}

/**
 * Views this browser still keeps from before they were kept on the server: uploaded once (the ones
 * whose names the server does not have yet), then the local copy is removed. A view the server
 * refuses (a name over 50 characters is shortened first) is dropped; when the server cannot be
 * reached the local copy stays for the next visit. Returns how many were uploaded.
 */
async function uploadLegacy(key: string, onServer: readonly SavedView[]): Promise<number> {
  const local = readLegacy(key);
  if (local.length === 0) {
    if (window.localStorage.getItem(key) !== null) window.localStorage.removeItem(key);
    return 0;
  }
  const names = new Set(onServer.map((v) => v.name));
  let uploaded = 0;
  let retryLater = false;
  for (const v of local) {
    const input = savedViewInputSchema.safeParse({ page: 'ledger', name: v.name.trim().slice(0, 50), query: v.query });
    if (!input.success || names.has(input.data.name)) continue;
    try {
      await putSavedView(input.data);
      names.add(input.data.name);
      uploaded++;
    } catch (e) {
      // 4xx: the server will not take this one (e.g. the 50-view limit); anything else: try again next time
      if (!isApiError(e) || e.status === 0 || e.status >= 500) retryLater = true;
    }
  }
  if (!retryLater) window.localStorage.removeItem(key);
  return uploaded;
}

/**
 * 保存的视图: the signed-in user's named filter sets of the ledger list, kept on the server so they
 * follow the user to another computer or phone. Views left in this browser's localStorage by
 * earlier versions are uploaded once, then removed (`onMigrated` tells how many).
 */
export function useSavedViews(username: string | undefined, onMigrated?: (n: number) => void) {
  const queryClient = useQueryClient();
  const list = useSavedViewList('ledger', !!username);
  const saveView = useSaveView();
  const deleteView = useDeleteView('ledger');
  const migrated = useRef<string | null>(null);
  const views = list.data?.items ?? [];

  useEffect(() => {
    if (!username || !list.isSuccess || migrated.current === username) return;
    migrated.current = username;
    const key = LEGACY_PREFIX + username;
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(key);
    } catch {
      return; // storage disabled: nothing was ever kept there
    }
    if (stored === null) return;
    void uploadLegacy(key, list.data.items).then(async (n) => {
      if (n > 0) {
        await queryClient.invalidateQueries({ queryKey: savedViewKeys.page('ledger') });
        onMigrated?.(n);
      }
    });
  }, [username, list.isSuccess, list.data, queryClient, onMigrated]);

  return {
    views,
    list,
    /** Adds or replaces (same name) a view. */
    save: (v: { name: string; query: string }) => saveView.mutateAsync({ page: 'ledger', ...v }),
    saving: saveView.isPending,
    saveError: saveView.error,
    resetSave: () => saveView.reset(),
    remove: (id: string) => deleteView.mutateAsync(id),
  };
}
