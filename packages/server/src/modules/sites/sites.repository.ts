import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';
import { jsonArrayBytes } from '../../db/json-array-bytes.js';

export interface SiteFilter {
  region?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  /** [minLon, minLat, maxLon, maxLat], degrees. */
  bbox?: [number, number, number, number] | undefined;
  limit: number;
  offset: number;
}

export interface SiteWrite {
  regionCode: string;
  kind: string;
  name: string;
  attributes: unknown;
  geometry: unknown | null;
  bbox: [number, number, number, number] | null;
  areaM2: number | null;
  status: string | null;
}

const boxLiteral = (b: [number, number, number, number] | null) => (b ? `((${b[0]},${b[1]}),(${b[2]},${b[3]}))` : null);

const select = (db: Db | Tx) =>
  db
    .selectFrom('site')
    .innerJoin('region', 'region.code', 'site.region_code')
    .select([
      'site.id',
      'site.region_code',
      'region.name as region_name',
      'site.kind',
      'site.name',
      'site.status',
      'site.area_m2',
      sql<string | null>`site.bbox::text`.as('bbox'),
      'site.version',
      'site.updated_at',
    ]);

function filtered<QB extends ReturnType<typeof select> | ReturnType<typeof counted>>(q: QB, scope: Scope, f: SiteFilter): QB {
  let out = whereInScope(q as ReturnType<typeof select>, 'site.region_code', scope, f.region);
  if (f.kind) out = out.where('site.kind', '=', f.kind);
  if (f.status) out = out.where('site.status', '=', f.status);
  if (f.q) {
    // Name, or the identifiers officials search by: licence number, right holder, approval number, enterprise.
    const like = '%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    out = out.where((eb) =>
      eb.or([
        eb('site.name', 'like', like),
        ...(['licenceNo', 'holder', 'rightHolder', 'approvalNo', 'enterprise'] as const).map((k) => eb(sql<string>`site.attributes->>${k}`, 'like', like)),
      ]),
    );
  }
  if (f.bbox) out = out.where(sql<boolean>`site.bbox && ${boxLiteral(f.bbox)}::box`);
  return out as unknown as QB;
}

const counted = (db: Db) => db.selectFrom('site').select(sql<number>`count(*)::int`.as('n'));

/** One page of sites and the number of all that match (two queries: a window count would sort every match). */
export async function listSites(db: Db, scope: Scope, f: SiteFilter) {
  const [rows, total] = await Promise.all([
    filtered(select(db), scope, f).orderBy('site.region_code').orderBy('site.name').orderBy('site.id').limit(f.limit).offset(f.offset).execute(),
    filtered(counted(db), scope, f).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function getSite(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(select(db).select(['site.attributes', 'site.geometry']).where('site.id', '=', id), 'site.region_code', scope).executeTakeFirst();
}

const siteRow = (s: SiteWrite) => ({
  region_code: s.regionCode,
  kind: s.kind,
  name: s.name,
  attributes: JSON.stringify(s.attributes),
  geometry: s.geometry === null ? null : JSON.stringify(s.geometry),
  bbox: boxLiteral(s.bbox),
  area_m2: s.areaM2,
  status: s.status,
});

export async function insertSite(trx: Tx, s: SiteWrite) {
  return trx.insertInto('site').values(siteRow(s)).returning('id').executeTakeFirstOrThrow();
}

/** Sites per INSERT: about a megabyte of JSON. */
const INSERT_BATCH = 1000;

/**
 * Inserts many sites with ids chosen by the caller (random UUIDs, as the column default makes):
 * one INSERT per 1,000, their rows sent as one JSON array (jsonArrayBytes, jsonb_to_recordset)
 * rather than 9,000 bound parameters. Stores exactly what insertSite stores (a null geometry or
 * area is SQL NULL).
 */
export async function insertSites(trx: Tx, sites: (SiteWrite & { id: string })[]): Promise<void> {
  for (let i = 0; i < sites.length; i += INSERT_BATCH) {
    const batch = sites.slice(i, i + INSERT_BATCH);
    const rows = jsonArrayBytes(batch.length, (k) => {
      const s = batch[k]!;
      return JSON.stringify({ id: s.id, region_code: s.regionCode, kind: s.kind, name: s.name, attributes: s.attributes, geometry: s.geometry, bbox: boxLiteral(s.bbox), area_m2: s.areaM2, status: s.status });
    });
    await sql`insert into site (id, region_code, kind, name, attributes, geometry, bbox, area_m2, status)
      select id, region_code, kind, name, attributes, geometry, bbox, area_m2, status
      from jsonb_to_recordset(convert_from(${rows}, 'UTF8')::jsonb)
        as r(id uuid, region_code text, kind text, name text, attributes jsonb, geometry jsonb, bbox box, area_m2 float8, status text)`.execute(trx);
  }
}

/** Updates only when the stored version is still `version`; returns undefined when someone else changed it first. */
export async function updateSite(trx: Tx, id: string, version: number, s: Omit<SiteWrite, 'regionCode' | 'kind'>) {
  return trx
    .updateTable('site')
    .set({
      name: s.name,
      attributes: JSON.stringify(s.attributes),
      geometry: s.geometry === null ? null : JSON.stringify(s.geometry),
      bbox: boxLiteral(s.bbox),
      area_m2: s.areaM2,
      status: s.status,
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function insertPreview(trx: Tx, p: { userId: string; regionCode: string; kind: string; fileName: string; items: unknown }) {
  return trx
    .insertInto('import_preview')
    .values({ user_id: p.userId, region_code: p.regionCode, kind: p.kind, file_name: p.fileName, items: JSON.stringify(p.items) })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** A preview is visible only to the user who made it, and only until it expires. */
export async function takePreview(trx: Tx, userId: string, id: string) {
  return trx
    .deleteFrom('import_preview')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** The list's filters without paging: what exports and the OGC API select by. */
export type SiteQuery = Omit<SiteFilter, 'limit' | 'offset'>;

/** The list's filter (scope, region, kind, status, q, bbox) over full rows, the geometry as GeoJSON text, for the OGC API and exports to page or batch. */
export const filteredFull = (db: Db, scope: Scope, f: SiteQuery) =>
  filtered(select(db), scope, { ...f, limit: 0, offset: 0 }).select(['site.attributes', sql<string | null>`site.geometry::text`.as('geometry_json')]);

/** count(*) as `n` under the list's filter. */
export const filteredCount = (db: Db, scope: Scope, f: SiteQuery) => filtered(counted(db), scope, { ...f, limit: 0, offset: 0 });

/** How many sites match, per kind. */
export async function countByKind(db: Db, scope: Scope, f: SiteQuery): Promise<{ kind: string; n: number }[]> {
  return filteredCount(db, scope, f).select('site.kind').groupBy('site.kind').orderBy('site.kind').execute();
}

/** One batch of an export in the list's order (region, name, id), after the last row of the previous batch: keyset paging on site_list_idx. */
export async function exportBatch(db: Db, scope: Scope, f: SiteQuery, after: { region: string; name: string; id: string } | null, n: number) {
  let q = filteredFull(db, scope, f);
  if (after) q = q.where(sql<boolean>`(site.region_code, site.name, site.id) > (${after.region}, ${after.name}, ${after.id}::uuid)`);
  return q.orderBy('site.region_code').orderBy('site.name').orderBy('site.id').limit(n).execute();
}
