import { useCallback, useState } from 'react';

/** A named set of ledger filters: the list's URL query (without paging). */
export interface SavedView {
  name: string;
  query: string;
}

const PREFIX = 'minewatch.ledgerViews.';
/** Paging is not part of a view: a view opens at its first page. */
const NOT_SAVED = new Set(['page', 'region']);

/** The query of the current filters as a view stores it (sorted, so the same filters compare equal). */
export function viewQuery(params: URLSearchParams): string {
  const p = new URLSearchParams();
  [...params.entries()]
    .filter(([k, v]) => !NOT_SAVED.has(k) && v !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .forEach(([k, v]) => p.append(k, v));
  return p.toString();
}

function read(key: string): SavedView[] {
  try {
    const raw = window.localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.query === 'string');
  } catch {
    return [];
  }
}

/**
 * 保存的视图: named filter sets of the ledger list, kept per user in this browser's localStorage
 * (the server has no API for them), so they do not follow the user to another device.
 */
export function useSavedViews(username: string | undefined) {
  const key = PREFIX + (username ?? '');
  const [views, setViews] = useState<SavedView[]>(() => read(key));
  const [forKey, setForKey] = useState(key);
  if (forKey !== key) {
    // another user signed in on this page: their own views
    setForKey(key);
    setViews(read(key));
  }
  const write = useCallback(
    (next: SavedView[]) => {
      setViews(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // storage full or disabled: the views last for this page only
      }
    },
    [key],
  );
  /** Adds or replaces (same name) a view. */
  const save = useCallback((v: SavedView) => write([...read(key).filter((x) => x.name !== v.name), v]), [key, write]);
  const remove = useCallback((name: string) => write(read(key).filter((x) => x.name !== name)), [key, write]);
  return { views, save, remove };
}
