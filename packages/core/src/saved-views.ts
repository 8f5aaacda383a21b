import { z } from 'zod';
import { freeText } from './org.js';

/**
 * Saved views (保存的视图): named filter sets of a list page, kept on the server per user so they
 * follow the official from one device to another. A view is the list's URL query without paging
 * and region (those belong to the moment, not to the view).
 */

/** List pages that keep saved views. */
export const SAVED_VIEW_PAGES = ['ledger'] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

/** At most this many views per user and page. */
export const SAVED_VIEW_LIMIT = 50;

/** Query keys a view never keeps. */
export const SAVED_VIEW_EXCLUDED_KEYS = ['page', 'region'] as const;

/** The query of the current filters as a view stores it: without paging and region, sorted, so the same filters compare equal. */
export function savedViewQuery(params: URLSearchParams): string {
  const p = new URLSearchParams();
  [...params.entries()]
    .filter(([k, v]) => !(SAVED_VIEW_EXCLUDED_KEYS as readonly string[]).includes(k) && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .forEach(([k, v]) => p.append(k, v));
  return p.toString();
}

const viewQuery = z
  .string()
  .max(2000, 'a view query is at most 2,000 characters')
  .regex(/^[A-Za-z0-9%&=+._~*-]+$/, 'the URL-encoded query of the list (as URLSearchParams writes it), without a leading ?')
  .refine((q) => ![...new URLSearchParams(q).keys()].some((k) => (SAVED_VIEW_EXCLUDED_KEYS as readonly string[]).includes(k)), 'a view keeps the filters, not page or region');

export const savedViewInputSchema = z.strictObject({
  page: z.enum(SAVED_VIEW_PAGES),
  /** Unique per user and page: saving under an existing name replaces that view. */
  name: freeText(50).pipe(z.string().min(1, 'name the view')),
  query: viewQuery,
});
export type SavedViewInput = z.infer<typeof savedViewInputSchema>;

export const savedViewQuerySchema = z.strictObject({ page: z.enum(SAVED_VIEW_PAGES) });

export const savedViewSchema = z.object({
  id: z.string(),
  page: z.enum(SAVED_VIEW_PAGES),
  name: z.string(),
  query: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListSchema = z.object({ items: z.array(savedViewSchema), limit: z.number() });
export type SavedViewList = z.infer<typeof savedViewListSchema>;
