import { sql, type ColumnType, type Generated } from 'kysely';
import type { PatchInput } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

/** Kysely types of migration 0009, added to the shared schema with withTables(). */
export type PatchTables = {
  patch: {
    id: Generated<string>;
    region_code: string;
    code: string;
    before_date: ColumnType<string | null, string | null, string | null>;
    after_date: ColumnType<string | null, string | null, string | null>;
    declared_area: number | null;
    declared_area_unit: string | null;
    center_lon: number;
    center_lat: number;
    geometry: ColumnType<unknown, string, string>;
    geometry_type: string;
    bbox: ColumnType<string, string, string>;
    area_m2: number | null;
    attributes: ColumnType<unknown, string, string>;
    import_id: string;
    source_file: string | null;
    classes: ColumnType<string[] | null, string[] | null, string[] | null>;
    overlay: Json;
    classified_at: ColumnType<Date | null, Date | null, Date | null>;
    classification_run_id: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  patch_import_preview: {
    id: Generated<string>;
    user_id: string;
    region_code: string;
    file_name: string;
    items: ColumnType<unknown, string, string>;
    created_at: Timestamp;
    expires_at: Timestamp;
  };
  patch_classification_run: {
    id: Generated<string>;
    region_code: string;
    user_id: string | null;
    patches: number;
    sites: number;
    counts: ColumnType<unknown, string, string>;
    areas: ColumnType<unknown, string, string>;
    changed: number;
    duration_ms: number;
    created_at: Timestamp;
  };
};

const t = (db: Db | Tx) => db.withTables<PatchTables>();
type PDb = ReturnType<typeof t>;

export type Box = [number, number, number, number];
const boxLiteral = (b: Box) => `((${b[0]},${b[1]}),(${b[2]},${b[3]}))`;

export interface PatchFilter {
  region?: string | undefined;
  /** A class of PATCH_CLASSES (patches carrying it), or 'unclassified'. */
  classification?: string | undefined;
  /** Part of the 图斑编号. */
  q?: string | undefined;
  bbox?: Box | undefined;
  /** 后时相 from / to, yyyy-mm-dd inclusive. */
  afterFrom?: string | undefined;
  afterTo?: string | undefined;
  limit: number;
  offset: number;
}

const summaryColumns = [
  'patch.id',
  'patch.code',
  'patch.region_code',
  'region.name as region_name',
  'patch.before_date',
  'patch.after_date',
  'patch.declared_area',
  'patch.declared_area_unit',
  'patch.area_m2',
  'patch.center_lon',
  'patch.center_lat',
  'patch.geometry_type',
  'patch.classes',
  'patch.classified_at',
  'patch.classification_run_id',
  'patch.source_file',
  'patch.created_at',
] as const;

const select = (db: PDb) =>
  db
    .selectFrom('patch')
    .innerJoin('region', 'region.code', 'patch.region_code')
    .select(summaryColumns)
    .select(sql<string>`patch.bbox::text`.as('bbox'));

function filtered<QB extends ReturnType<typeof select>>(q: QB, scope: Scope, f: Omit<PatchFilter, 'limit' | 'offset'>): QB {
  let out = whereInScope(q as ReturnType<typeof select>, 'patch.region_code', scope, f.region);
  if (f.classification === 'unclassified') out = out.where('patch.classes', 'is', null);
  else if (f.classification) out = out.where(sql<boolean>`patch.classes @> array[${f.classification}]::text[]`);
  if (f.q) out = out.where('patch.code', 'like', '%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  if (f.bbox) out = out.where(sql<boolean>`patch.bbox && ${boxLiteral(f.bbox)}::box`);
  if (f.afterFrom) out = out.where('patch.after_date', '>=', f.afterFrom);
  if (f.afterTo) out = out.where('patch.after_date', '<=', f.afterTo);
  return out as QB;
}

/** One page of patches and the number of all that match. */
export async function listPatches(db: Db, scope: Scope, f: PatchFilter) {
  const d = t(db);
  const count = filtered(select(d), scope, f).clearSelect().select(sql<number>`count(*)::int`.as('n'));
  const [rows, total] = await Promise.all([
    filtered(select(d), scope, f).orderBy('patch.region_code').orderBy('patch.code').orderBy('patch.id').limit(f.limit).offset(f.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function getPatch(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(select(t(db)).select(['patch.geometry', 'patch.attributes', 'patch.overlay']).where('patch.id', '=', id), 'patch.region_code', scope).executeTakeFirst();
}

/** Of these (region, 图斑编号) pairs, the ones already registered. */
export async function existingCodes(db: Db | Tx, pairs: { regionCode: string; code: string }[]): Promise<{ region_code: string; code: string; created_at: Date }[]> {
  const out: { region_code: string; code: string; created_at: Date }[] = [];
  for (let i = 0; i < pairs.length; i += 5000) {
    const chunk = pairs.slice(i, i + 5000);
    const rows = await sql<{ region_code: string; code: string; created_at: Date }>`
      select p.region_code, p.code, p.created_at from patch p
      join unnest(${chunk.map((c) => c.regionCode)}::text[], ${chunk.map((c) => c.code)}::text[]) as x(region_code, code)
        on p.region_code = x.region_code and p.code = x.code`.execute(db);
    out.push(...rows.rows);
  }
  return out;
}

export interface PatchWrite {
  input: PatchInput;
  bbox: Box;
  areaM2: number | null;
}

/** Inserts patches in multi-row batches; returns their ids in input order. */
export async function insertPatches(trx: Tx, importId: string, sourceFile: string, rows: PatchWrite[]): Promise<{ id: string; code: string; region_code: string }[]> {
  const out: { id: string; code: string; region_code: string }[] = [];
  const batch = 1000;
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map(({ input: p, bbox, areaM2 }) => ({
      region_code: p.regionCode,
      code: p.code,
      before_date: p.beforeDate,
      after_date: p.afterDate,
      declared_area: p.declaredArea,
      declared_area_unit: p.declaredAreaUnit,
      center_lon: p.center[0],
      center_lat: p.center[1],
      geometry: JSON.stringify(p.geometry),
      geometry_type: p.geometry.type,
      bbox: boxLiteral(bbox),
      area_m2: areaM2,
      attributes: JSON.stringify(p.attributes),
      import_id: importId,
      source_file: sourceFile,
    }));
    out.push(...(await t(trx).insertInto('patch').values(values).returning(['id', 'code', 'region_code']).execute()));
  }
  return out;
}

export async function insertPreview(trx: Tx, p: { userId: string; regionCode: string; fileName: string; items: unknown }) {
  return t(trx)
    .insertInto('patch_import_preview')
    .values({ user_id: p.userId, region_code: p.regionCode, file_name: p.fileName, items: JSON.stringify(p.items) })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** A preview is visible only to the user who made it, and only until it expires; taking it deletes it. */
export async function takePreview(trx: Tx, userId: string, id: string) {
  return t(trx)
    .deleteFrom('patch_import_preview')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Patches of a region (in scope) with what the overlay needs. */
export async function patchesForOverlay(db: Db, scope: Scope, region: string) {
  return whereInScope(
    t(db).selectFrom('patch').select(['id', 'code', 'region_code', 'geometry', 'geometry_type', 'after_date', 'classes', sql<string>`bbox::text`.as('bbox')]),
    'patch.region_code',
    scope,
    region,
  )
    .orderBy('id')
    .execute();
}

/** Registry polygons of the given kinds (in scope) whose box meets `extent`. */
export async function sitesForOverlay(db: Db, scope: Scope, kinds: readonly string[], extent: Box) {
  return whereInScope(
    db
      .selectFrom('site')
      .select(['site.id', 'site.kind', 'site.name', 'site.region_code', 'site.attributes', 'site.geometry', 'site.status'])
      .where('site.kind', 'in', [...kinds])
      .where('site.geometry', 'is not', null)
      .where(sql<boolean>`site.geometry->>'type' in ('Polygon', 'MultiPolygon')`)
      .where(sql<boolean>`site.bbox && ${boxLiteral(extent)}::box`),
    'site.region_code',
    scope,
  )
    .orderBy('site.id')
    .execute();
}

export interface ClassificationWrite {
  id: string;
  classes: string[];
  /** core patchOverlaySchema without 亩, classifiedAt and runId (those are columns). */
  overlay: unknown;
}

/** Stores each patch's classification in batches (one UPDATE … FROM jsonb_to_recordset per batch). */
export async function storeClassifications(trx: Tx, runId: string, at: Date, rows: ClassificationWrite[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({ id: r.id, c: r.classes, o: r.overlay }));
    const res = await sql`
      update patch p set classes = v.c, overlay = v.o, classified_at = ${at}, classification_run_id = ${runId}, updated_at = ${at}
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(id uuid, c text[], o jsonb)
      where p.id = v.id`.execute(trx);
    n += Number(res.numAffectedRows ?? 0);
  }
  return n;
}

export async function insertRun(trx: Tx, r: { regionCode: string; userId: string | null; patches: number; sites: number; counts: Record<string, number>; areas: Record<string, number>; changed: number; durationMs: number }) {
  return t(trx)
    .insertInto('patch_classification_run')
    .values({ region_code: r.regionCode, user_id: r.userId, patches: r.patches, sites: r.sites, counts: JSON.stringify(r.counts), areas: JSON.stringify(r.areas), changed: r.changed, duration_ms: r.durationMs })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}
