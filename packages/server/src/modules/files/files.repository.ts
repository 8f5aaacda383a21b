import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of the files context; every read goes through whereInScope on the file's region. */

const select = (db: Db | Tx) =>
  db
    .selectFrom('file')
    .leftJoin('app_user', 'app_user.id', 'file.uploaded_by')
    .select([
      'file.id',
      'file.sha256',
      'file.size',
      'file.mime',
      'file.original_name',
      'file.region_code',
      'app_user.username as uploaded_by',
      'file.created_at',
      'file.exif_lon',
      'file.exif_lat',
      'file.exif_taken_at',
    ]);
export type FileRow = NonNullable<Awaited<ReturnType<typeof getFile>>>;

export async function getFile(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(select(db).where('file.id', '=', id), 'file.region_code', scope).executeTakeFirst();
}

export async function getFiles(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return whereInScope(select(db).where('file.id', 'in', ids), 'file.region_code', scope).execute();
}

export async function findByContent(db: Db | Tx, regionCode: string, sha256: string) {
  return select(db).where('file.region_code', '=', regionCode).where('file.sha256', '=', sha256).executeTakeFirst();
}

export interface FileWrite {
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  regionCode: string;
  uploadedBy: string | null;
  exifLon: number | null;
  exifLat: number | null;
  exifTakenAt: Date | null;
}

/** Inserts the row unless the same bytes are already recorded for the region (then undefined). */
export async function insertFile(trx: Tx, f: FileWrite) {
  return trx
    .insertInto('file')
    .values({
      sha256: f.sha256,
      size: f.size,
      mime: f.mime,
      original_name: f.originalName,
      region_code: f.regionCode,
      uploaded_by: f.uploadedBy,
      exif_lon: f.exifLon,
      exif_lat: f.exifLat,
      exif_taken_at: f.exifTakenAt,
    })
    .onConflict((oc) => oc.columns(['region_code', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
}
