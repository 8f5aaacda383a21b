import { useSearchParams } from 'react-router-dom';

/** Page sizes every paged list offers. */
export const PAGE_SIZES = [20, 50, 100];

const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * A paged list's state kept in the URL (`?page=&size=` plus the page's own filters), so a filtered
 * view can be bookmarked and shared. `update` sets or clears parameters; any change other than the
 * page itself returns to page 1.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const sizeParam = positive(params.get('size'), 20);
  const size = PAGE_SIZES.includes(sizeParam) ? sizeParam : 20;
  const page = positive(params.get('page'), 1);
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') p.delete(k);
          else p.set(k, v);
        }
        if (!('page' in changes)) p.delete('page');
        return p;
      },
      { replace: true },
    );
  /** Paging props of the list's Table (or Pagination), kept in the URL like the rest. */
  const pagination = (total: number, showTotal: (n: number) => string) => ({
    current: page,
    pageSize: size,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal,
    onChange: (p: number, s: number) => update({ page: p > 1 && s === size ? String(p) : null, size: s === 20 ? null : String(s) }),
  });
  return { params, setParams, size, page, update, pagination };
}
