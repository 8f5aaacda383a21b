import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** The map's questions: always a view box (degrees), optionally a region under the scope and the kinds shown. */
export interface MapFilter {
  bbox: [number, number, number, number];
  region?: string | undefined;
  /** Kinds shown; undefined = all. */
  kinds?: readonly string[] | undefined;
  /** Only these sites (e.g. the ones just imported). */
  ids?: readonly string[] | undefined;
}

const boxLiteral = (b: [number, number, number, number]) => `((${b[0]},${b[1]}),(${b[2]},${b[3]}))`;

/** Sites whose extent meets the view (GiST index on site.bbox), in scope, of the kinds shown unless `allKinds`. */
function inView(db: Db, scope: Scope, f: MapFilter, allKinds = false) {
  let q = whereInScope(db.selectFrom('site').where(sql<boolean>`site.bbox && ${boxLiteral(f.bbox)}::box`), 'site.region_code', scope, f.region);
  if (f.ids) q = q.where('site.id', 'in', [...f.ids]);
  if (allKinds || f.kinds === undefined) return q;
  // no kind shown: a filter nothing matches
  return q.where('site.kind', 'in', f.kinds.length ? [...f.kinds] : ['-']);
}

/** Count per kind in the view, and how many of them are areas (polygons have an area). */
export async function countByKind(db: Db, scope: Scope, f: MapFilter) {
  return inView(db, scope, f, true)
    .select(['site.kind', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where site.area_m2 is not null))::int`.as('areas')])
    .groupBy('site.kind')
    .execute();
}

/** The sites themselves (at most `limit`); outlines only when `withShapes`. */
export async function sitesInView(db: Db, scope: Scope, f: MapFilter, limit: number, withShapes: boolean) {
  return inView(db, scope, f)
    .innerJoin('region', 'region.code', 'site.region_code')
    .select([
      'site.id',
      'site.kind',
      'site.name',
      'site.status',
      'site.region_code',
      'region.name as region_name',
      sql<number>`(@@ site.bbox)[0]`.as('x'),
      sql<number>`(@@ site.bbox)[1]`.as('y'),
      sql<number>`(site.bbox[1])[0]`.as('min_x'),
      sql<number>`(site.bbox[1])[1]`.as('min_y'),
      sql<number>`(site.bbox[0])[0]`.as('max_x'),
      sql<number>`(site.bbox[0])[1]`.as('max_y'),
      sql<boolean>`site.area_m2 is not null`.as('area'),
      sql<unknown>`case when ${withShapes} and site.area_m2 is not null then site.geometry end`.as('geometry'),
    ])
    .orderBy('site.id')
    .limit(limit)
    .execute();
}

/** Centres of the sites in view counted on a grid of `cell` degrees. */
export async function gridInView(db: Db, scope: Scope, f: MapFilter, cell: number) {
  const centres = inView(db, scope, f).select([sql<number>`(@@ site.bbox)[0]`.as('x'), sql<number>`(@@ site.bbox)[1]`.as('y')]);
  return db
    .selectFrom(centres.as('c'))
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`avg(c.x)`.as('x'),
      sql<number>`avg(c.y)`.as('y'),
      sql<number>`min(c.x)`.as('min_x'),
      sql<number>`min(c.y)`.as('min_y'),
      sql<number>`max(c.x)`.as('max_x'),
      sql<number>`max(c.y)`.as('max_y'),
    ])
    .groupBy([sql`floor(c.x / ${cell})`, sql`floor(c.y / ${cell})`])
    .execute();
}
