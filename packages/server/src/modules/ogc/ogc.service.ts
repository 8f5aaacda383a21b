import { SITE_KINDS, siteKindLabel, type SiteKind } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { notFound } from '../../errors.js';
import { featureJson, featureProperties } from '../sites/sites.export.js';
import * as repo from './ogc.repository.js';

/**
 * OGC API – Features – Part 1: Core over the site registry: one collection per site kind, items as
 * GeoJSON, always limited to the caller's region (the repository applies the scope). Coordinates
 * are stored in CGCS2000 longitude/latitude and served as CRS84 (WGS 84 lon/lat): the two frames
 * differ by centimetres, below the accuracy of any boundary in the registry.
 */

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** What is implemented: Core and the GeoJSON encoding. Not claimed: HTML, and OpenAPI 3.0 (see ogc.routes.ts). */
export const CONFORMANCE = ['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson'] as const;

const JSON_TYPE = 'application/json';
const GEOJSON_TYPE = 'application/geo+json';

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/** The attributes that give a kind its time (an interval of calendar days); kinds not listed have none. */
export const TEMPORAL: Partial<Record<SiteKind, { keys: readonly [string, string]; label: string }>> = {
  licensed_mine: { keys: ['validFrom', 'validTo'], label: '采矿许可证有效期 validFrom–validTo' },
  temporary_land: { keys: ['approvedFrom', 'approvedTo'], label: '批准期限 approvedFrom–approvedTo' },
  green_mine_entry: { keys: ['listedOn', 'removedOn'], label: '名录在册期间 listedOn–removedOn' },
};

export interface ItemsQuery {
  limit: number;
  boxes?: [number, number, number, number][] | undefined;
  /** Calendar days in China time, either end open. */
  time?: { from: string | null; to: string | null } | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

export function landingPage(base: string) {
  return {
    title: 'Minewatch 矿产资源执法监管平台 — OGC API Features',
    description: '监管对象（一矿一档）按类型分集合，仅含您所辖区域。Supervised objects of the registry, one collection per kind, limited to your region.',
    links: [
      { href: `${base}/ogc`, rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: `${base}/api/docs/json`, rel: 'service-desc', type: JSON_TYPE, title: 'The API definition (OpenAPI 3.0, JSON)' },
      { href: `${base}/api/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: `${base}/ogc/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes implemented' },
      { href: `${base}/ogc/collections`, rel: 'data', type: JSON_TYPE, title: 'The collections (one per site kind)' },
    ] satisfies Link[],
  };
}

export const conformance = () => ({ conformsTo: [...CONFORMANCE] });

const isKind = (id: string): id is SiteKind => (SITE_KINDS as readonly string[]).includes(id);

function collectionOf(base: string, kind: SiteKind, e: { n: number; minx: number | null; miny: number | null; maxx: number | null; maxy: number | null } | undefined) {
  const label = siteKindLabel[kind];
  const t = TEMPORAL[kind];
  const n = e?.n ?? 0;
  return {
    id: kind,
    title: `${label.zh} ${label.en}`,
    description:
      `${label.zh}（${label.en}）：您所辖区域内 ${n} 个 / ${n} in your region. ` +
      'CGCS2000 经纬度，按 CRS84 提供 / CGCS2000 lon/lat served as CRS84 (they differ by centimetres).' +
      (t ? ` datetime 参数按${t.label}筛选 / datetime filters on ${t.keys.join('–')}.` : ' 无时间属性：datetime 参数不排除任何对象 / no time property: datetime excludes none.'),
    links: [
      { href: `${base}/ogc/collections/${kind}`, rel: 'self', type: JSON_TYPE, title: label.zh },
      { href: `${base}/ogc/collections/${kind}/items`, rel: 'items', type: GEOJSON_TYPE, title: `${label.zh} (GeoJSON)` },
    ] satisfies Link[],
    ...(e && e.minx !== null && e.miny !== null && e.maxx !== null && e.maxy !== null
      ? { extent: { spatial: { bbox: [[e.minx, e.miny, e.maxx, e.maxy]], crs: CRS84 } } }
      : {}),
    itemType: 'feature',
    crs: [CRS84],
  };
}

export async function collections(db: Db, actor: Actor, base: string) {
  const byKind = new Map((await repo.extents(db, actor.scope)).map((e) => [e.kind, e]));
  return {
    links: [{ href: `${base}/ogc/collections`, rel: 'self', type: JSON_TYPE, title: 'Collections' }] satisfies Link[],
    collections: SITE_KINDS.map((k) => collectionOf(base, k, byKind.get(k))),
  };
}

function kindOf(id: string): SiteKind {
  if (!isKind(id)) throw notFound(`collection ${id} (collections are ${SITE_KINDS.join(', ')})`);
  return id;
}

export async function collection(db: Db, actor: Actor, base: string, id: string) {
  const kind = kindOf(id);
  const e = (await repo.extents(db, actor.scope)).find((x) => x.kind === kind);
  return collectionOf(base, kind, e);
}

/**
 * One page of a collection as a GeoJSON FeatureCollection (text), in id order, with next/prev links
 * that carry the same query and a cursor (after/before = the id at the page's edge), so following
 * next from the first page visits every matching feature once even while sites are added.
 */
export async function items(db: Db, actor: Actor, base: string, id: string, q: ItemsQuery, requestUrl: string): Promise<string> {
  const kind = kindOf(id);
  const t = TEMPORAL[kind];
  const f: repo.ItemsFilter = { kind, ...(q.boxes ? { boxes: q.boxes } : {}), ...(q.time && t ? { time: { ...q.time, keys: t.keys } } : {}) };
  const [rows, matched] = await Promise.all([repo.itemsPage(db, actor.scope, f, q), repo.countItems(db, actor.scope, f)]);
  let page = rows;
  let more = false;
  if (q.before) {
    more = rows.length > q.limit;
    if (more) page = rows.slice(1);
  } else {
    more = rows.length > q.limit;
    if (more) page = rows.slice(0, q.limit);
  }
  const self = new URL(requestUrl);
  const cursor = (c: { after?: string; before?: string }) => {
    const u = new URL(self);
    u.searchParams.delete('after');
    u.searchParams.delete('before');
    u.searchParams.set('limit', String(q.limit));
    if (c.after) u.searchParams.set('after', c.after);
    if (c.before) u.searchParams.set('before', c.before);
    return u.href;
  };
  const links: Link[] = [
    { href: self.href, rel: 'self', type: GEOJSON_TYPE, title: 'This page' },
    { href: `${base}/ogc/collections/${kind}`, rel: 'collection', type: JSON_TYPE, title: siteKindLabel[kind].zh },
  ];
  const first = page[0]?.id, last = page[page.length - 1]?.id;
  if (q.before) {
    if (more && first) links.push({ href: cursor({ before: first }), rel: 'prev', type: GEOJSON_TYPE, title: 'Previous page' });
    links.push({ href: last ? cursor({ after: last }) : cursor({}), rel: 'next', type: GEOJSON_TYPE, title: 'Next page' });
  } else {
    if (q.after) links.push({ href: cursor({ before: first ?? q.after }), rel: 'prev', type: GEOJSON_TYPE, title: 'Previous page' });
    if (more && last) links.push({ href: cursor({ after: last }), rel: 'next', type: GEOJSON_TYPE, title: 'Next page' });
  }
  return (
    `{"type":"FeatureCollection","numberMatched":${matched},"numberReturned":${page.length},"timeStamp":${JSON.stringify(new Date().toISOString())},` +
    `"links":${JSON.stringify(links)},"features":[${page.map((r) => featureJson(r)).join(',')}]}`
  );
}

/** One feature (GeoJSON text) with its self and collection links; a site outside the caller's region or of another kind is not found. */
export async function feature(db: Db, actor: Actor, base: string, id: string, featureId: string): Promise<string> {
  const kind = kindOf(id);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(featureId) ? featureId.toLowerCase() : null;
  const row = uuid ? await repo.item(db, actor.scope, kind, uuid) : undefined;
  if (!row) throw notFound(`feature ${featureId} in collection ${kind}`);
  const links: Link[] = [
    { href: `${base}/ogc/collections/${kind}/items/${row.id}`, rel: 'self', type: GEOJSON_TYPE, title: row.name },
    { href: `${base}/ogc/collections/${kind}`, rel: 'collection', type: JSON_TYPE, title: siteKindLabel[kind].zh },
  ];
  const text = featureJson(row, featureProperties(row));
  return `${text.slice(0, -1)},"links":${JSON.stringify(links)}}`;
}
