import { sql, type ColumnType } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** region_boundary (migration 0008), typed here so the shared schema file stays untouched. */
interface RegionBoundaryTable {
  region_code: string;
  geometry: ColumnType<unknown, string, string>;
  bbox: ColumnType<string, string, string>;
  vertices: number;
  source: string;
  file_name: string;
  uploaded_by: string | null;
  uploaded_at: ColumnType<Date, Date | undefined, Date>;
}
type WithBoundary = { region_boundary: RegionBoundaryTable };
const tables = (db: Db | Tx) => db.withTables<WithBoundary>();

export interface BoundaryWrite {
  regionCode: string;
  geometry: unknown;
  bbox: [number, number, number, number];
  vertices: number;
  source: string;
  fileName: string;
  uploadedBy: string | null;
}

const boxLiteral = (b: [number, number, number, number]) => `((${b[0]},${b[1]}),(${b[2]},${b[3]}))`;

const info = (db: Db | Tx) =>
  tables(db)
    .selectFrom('region_boundary as b')
    .innerJoin('region', 'region.code', 'b.region_code')
    .leftJoin('app_user', 'app_user.id', 'b.uploaded_by')
    .select([
      'b.region_code',
      'region.name as region_name',
      'region.level',
      'b.source',
      'b.file_name',
      sql<string>`b.bbox::text`.as('bbox'),
      'b.vertices',
      'b.uploaded_at',
      'app_user.username as uploaded_by',
    ]);

/** One region's boundary with its geometry, if stored and in scope. */
export async function getBoundary(db: Db, scope: Scope, code: string) {
  return whereInScope(info(db).select('b.geometry').where('b.region_code', '=', code), 'b.region_code', scope).executeTakeFirst();
}

/** What is stored now for these codes (the audit's "before"). */
export async function boundaryInfos(db: Db | Tx, codes: string[]) {
  if (codes.length === 0) return [];
  return info(db).where('b.region_code', 'in', codes).execute();
}

/**
 * Boundaries of `region` and the regions below it (in scope) meeting the view box, coarsest level
 * first, at most `limit`.
 */
export async function boundariesInView(db: Db, scope: Scope, region: string | undefined, bbox: [number, number, number, number] | undefined, limit: number) {
  let q = whereInScope(
    tables(db)
      .selectFrom('region_boundary as b')
      .innerJoin('region', 'region.code', 'b.region_code')
      .select(['b.region_code', 'region.name', 'region.level', 'b.geometry', 'b.vertices']),
    'b.region_code',
    scope,
    region,
  );
  if (bbox) q = q.where(sql<boolean>`b.bbox && ${boxLiteral(bbox)}::box`);
  return q.orderBy(sql`length(b.region_code)`).orderBy('b.region_code').limit(limit).execute();
}

/** Inserts or replaces the boundary of each region. */
export async function upsertBoundaries(trx: Tx, rows: BoundaryWrite[]): Promise<void> {
  for (const r of rows) {
    await tables(trx)
      .insertInto('region_boundary')
      .values({
        region_code: r.regionCode,
        geometry: JSON.stringify(r.geometry),
        bbox: boxLiteral(r.bbox),
        vertices: r.vertices,
        source: r.source,
        file_name: r.fileName,
        uploaded_by: r.uploadedBy,
      })
      .onConflict((oc) =>
        oc.column('region_code').doUpdateSet({
          geometry: JSON.stringify(r.geometry),
          bbox: boxLiteral(r.bbox),
          vertices: r.vertices,
          source: r.source,
          file_name: r.fileName,
          uploaded_by: r.uploadedBy,
          uploaded_at: new Date(),
        }),
      )
      .execute();
  }
}

/** Which of these codes are regions, with their names. */
export async function knownRegions(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
}
