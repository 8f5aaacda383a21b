import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Scope } from '../../auth/scope.js';
import { filteredCount, filteredFull } from '../sites/sites.repository.js';
import type { SiteRow } from '../sites/sites.export.js';

/** A time filter in calendar days (YYYY-MM-DD, China time), either end open, on the attributes `keys` = [start, end]. */
export interface TimeFilter {
  from: string | null;
  to: string | null;
  keys: readonly [string, string];
}

export interface ItemsFilter {
  kind: string;
  /** One box, or two when the request crosses the antimeridian; [minLon, minLat, maxLon, maxLat] degrees. */
  boxes?: [number, number, number, number][];
  time?: TimeFilter;
}

const boxLiteral = (b: [number, number, number, number]) => `((${b[0]},${b[1]}),(${b[2]},${b[3]}))`;

/**
 * Scope and kind through the site list's own filter; boxes (GiST on site.bbox) and the time filter
 * here. A site whose interval is open at an end (null) extends that way; one with neither end has no
 * time and matches every datetime (OGC API Features, /req/core/fc-time-response C).
 */
function where<Q extends ReturnType<typeof filteredFull> | ReturnType<typeof filteredCount>>(q: Q, f: ItemsFilter): Q {
  let out = q as ReturnType<typeof filteredFull>;
  if (f.boxes?.length) {
    const boxes = f.boxes;
    out = out.where((eb) => eb.or(boxes.map((b) => sql<boolean>`site.bbox && ${boxLiteral(b)}::box`)));
  }
  const t = f.time;
  if (t?.to) out = out.where(sql<boolean>`(site.attributes->>${t.keys[0]} is null or site.attributes->>${t.keys[0]} <= ${t.to})`);
  if (t?.from) out = out.where(sql<boolean>`(site.attributes->>${t.keys[1]} is null or site.attributes->>${t.keys[1]} >= ${t.from})`);
  return out as unknown as Q;
}

/**
 * One page in id order: after `after`, or the page before `before` (returned in id order), or the
 * first. Reads limit + 1 rows so the caller knows whether there is more in that direction.
 */
export async function itemsPage(db: Db, scope: Scope, f: ItemsFilter, page: { after?: string | undefined; before?: string | undefined; limit: number }): Promise<SiteRow[]> {
  let q = where(filteredFull(db, scope, { kind: f.kind }), f);
  if (page.before) {
    const rows = await q.where('site.id', '<', page.before).orderBy('site.id', 'desc').limit(page.limit + 1).execute();
    return rows.reverse();
  }
  if (page.after) q = q.where('site.id', '>', page.after);
  return q.orderBy('site.id').limit(page.limit + 1).execute();
}

export async function countItems(db: Db, scope: Scope, f: ItemsFilter): Promise<number> {
  return (await where(filteredCount(db, scope, { kind: f.kind }), f).executeTakeFirstOrThrow()).n;
}

export async function item(db: Db, scope: Scope, kind: string, id: string): Promise<SiteRow | undefined> {
  return filteredFull(db, scope, { kind }).where('site.id', '=', id).executeTakeFirst();
}

/** Per kind in scope: how many sites, and the box around their boxes (degrees; null when none has geometry). */
export async function extents(db: Db, scope: Scope): Promise<{ kind: string; n: number; minx: number | null; miny: number | null; maxx: number | null; maxy: number | null }[]> {
  // A box's two corner points are box[0] and box[1]; least/greatest avoids relying on their order.
  return filteredCount(db, scope, {})
    .select([
      'site.kind',
      sql<number | null>`min(least((site.bbox[0])[0], (site.bbox[1])[0]))`.as('minx'),
      sql<number | null>`min(least((site.bbox[0])[1], (site.bbox[1])[1]))`.as('miny'),
      sql<number | null>`max(greatest((site.bbox[0])[0], (site.bbox[1])[0]))`.as('maxx'),
      sql<number | null>`max(greatest((site.bbox[0])[1], (site.bbox[1])[1]))`.as('maxy'),
    ])
    .groupBy('site.kind')
    .execute();
}
