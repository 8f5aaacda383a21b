import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isWithinRegion, type Region } from '@minewatch/core';

/** The URL search parameter that carries the current region code: `?region=533100`. */
export const REGION_PARAM = 'region';
const STORAGE_KEY = 'minewatch.region';

export interface RegionContextValue {
  /** Current region code (always within one of `roots`). */
  code: string;
  /** The regions the user may switch to. */
  roots: Region[];
  setCode: (code: string) => void;
  /** `path` with `?region=` of the current region appended, for links that keep the region. */
  withRegion: (path: string) => string;
}

const RegionContext = createContext<RegionContextValue | null>(null);

function inScope(code: string | null | undefined, roots: Region[]): code is string {
  if (!code) return false;
  try {
    return roots.some((root) => isWithinRegion(code, root.code));
  } catch {
    return false; // malformed code
  }
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(code: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // ignore: the URL still carries the region
  }
}

/**
 * Current region: the `?region=` URL parameter when it lies within the user's scope, else the last
 * region chosen (localStorage), else the first scope root. Switching writes both the URL parameter
 * and localStorage; a default is not forced into the URL (so `/` stays `/` after login).
 */
export function RegionProvider({ roots, children }: { roots: Region[]; children: ReactNode }) {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get(REGION_PARAM);
  const urlValid = inScope(fromUrl, roots);
  const stored = readStored();
  const code = urlValid ? fromUrl : inScope(stored, roots) ? stored : (roots[0]?.code ?? '');

  // A region opened by link becomes the remembered one.
  useEffect(() => {
    if (urlValid && fromUrl) store(fromUrl);
  }, [urlValid, fromUrl]);

  const setCode = useCallback(
    (next: string) => {
      store(next);
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        p.set(REGION_PARAM, next);
        return p;
      });
    },
    [setParams],
  );

  // Links carry the region only when the URL does; otherwise localStorage already keeps it.
  const withRegion = useCallback(
    (path: string) => {
      if (!urlValid || !fromUrl) return path;
      const sep = path.includes('?') ? '&' : '?';
      return `${path}${sep}${REGION_PARAM}=${encodeURIComponent(fromUrl)}`;
    },
    [urlValid, fromUrl],
  );

  const value = useMemo(() => ({ code, roots, setCode, withRegion }), [code, roots, setCode, withRegion]);
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useCurrentRegion(): RegionContextValue {
  const ctx = useContext(RegionContext);
  if (!ctx) throw new Error('useCurrentRegion must be used inside <RegionProvider>');
  return ctx;
}
