import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** SQL of a site's records: attachments, O6 responsibility, sealing and 三不留. Reads are scoped by the site's region. */

/** The site row a record is written against, locked until the transaction ends. */
export async function lockSite(trx: Tx, scope: Scope, id: string) {
  const q = trx.selectFrom('site').select(['id', 'region_code', 'kind', 'name', 'attributes', 'geometry', 'version']).where('id', '=', id);
  return whereInScope(q, 'site.region_code', scope).forUpdate().executeTakeFirst();
}
export type LockedSite = NonNullable<Awaited<ReturnType<typeof lockSite>>>;

/* ---------- attachments ---------- */

const attachmentSelect = (db: Db | Tx) =>
  db
    .selectFrom('site_attachment as a')
    .innerJoin('site', 'site.id', 'a.site_id')
    .innerJoin('file', 'file.id', 'a.file_id')
    .leftJoin('app_user', 'app_user.id', 'a.created_by')
    .select([
      'a.id',
      'a.site_id',
      'a.file_id',
      'a.role',
      'a.purpose',
      'a.caption',
      'a.taken_at',
      'a.lon',
      'a.lat',
      'a.location_source',
      'a.distance_m',
      'a.far',
      'a.created_at',
      'app_user.username as created_by',
      'file.original_name',
      'file.mime',
      'file.size',
      'file.sha256',
    ]);
export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export async function listAttachments(db: Db | Tx, scope: Scope, siteId: string) {
  return whereInScope(attachmentSelect(db).where('a.site_id', '=', siteId), 'site.region_code', scope).orderBy('a.created_at', 'desc').orderBy('a.id').execute();
}

export async function getAttachment(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(attachmentSelect(db).where('a.id', '=', id), 'site.region_code', scope).executeTakeFirst();
}

export async function findAttachment(trx: Tx, siteId: string, fileId: string) {
  return trx.selectFrom('site_attachment').select(['id', 'lon', 'lat', 'distance_m', 'far']).where('site_id', '=', siteId).where('file_id', '=', fileId).executeTakeFirst();
}

export interface AttachmentWrite {
  siteId: string;
  fileId: string;
  role: string;
  purpose: string;
  caption: string;
  takenAt: Date | null;
  lon: number | null;
  lat: number | null;
  locationSource: 'exif' | 'given' | null;
  distanceM: number | null;
  far: boolean;
  createdBy: string | null;
}

export async function insertAttachment(trx: Tx, a: AttachmentWrite) {
  return trx
    .insertInto('site_attachment')
    .values({
      site_id: a.siteId,
      file_id: a.fileId,
      role: a.role,
      purpose: a.purpose,
      caption: a.caption,
      taken_at: a.takenAt,
      lon: a.lon,
      lat: a.lat,
      location_source: a.locationSource,
      distance_m: a.distanceM,
      far: a.far,
      created_by: a.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/* ---------- O6 responsibility ---------- */

export async function getResponsibility(db: Db | Tx, scope: Scope, siteId: string) {
  const q = db
    .selectFrom('site_responsibility as r')
    .innerJoin('site', 'site.id', 'r.site_id')
    .leftJoin('grid', 'grid.id', 'r.grid_id')
    .selectAll('r')
    .select(['grid.name as grid_name'])
    .where('r.site_id', '=', siteId);
  return whereInScope(q, 'site.region_code', scope).executeTakeFirst();
}
export type ResponsibilityRow = NonNullable<Awaited<ReturnType<typeof getResponsibility>>>;

export async function peopleByIds(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person')
    .leftJoin('unit', 'unit.id', 'person.unit_id')
    .select(['person.id', 'person.name', 'person.position', 'person.region_code', 'unit.name as unit_name'])
    .where('person.id', 'in', ids)
    .execute();
}

export interface ResponsibilityWrite {
  gridId: string | null;
  people: Record<'county' | 'township' | 'village', { personId: string; phone: string } | null>;
  warning: { status: string; fileId: string | null; checkedOn: string | null };
  responsibility: { status: string; fileId: string | null; checkedOn: string | null };
}

const responsibilityColumns = (w: ResponsibilityWrite) => ({
  grid_id: w.gridId,
  county_person_id: w.people.county?.personId ?? null,
  county_phone: w.people.county?.phone ?? null,
  township_person_id: w.people.township?.personId ?? null,
  township_phone: w.people.township?.phone ?? null,
  village_person_id: w.people.village?.personId ?? null,
  village_phone: w.people.village?.phone ?? null,
  warning_sign_status: w.warning.status,
  warning_sign_file_id: w.warning.fileId,
  warning_sign_checked_on: w.warning.checkedOn,
  resp_sign_status: w.responsibility.status,
  resp_sign_file_id: w.responsibility.fileId,
  resp_sign_checked_on: w.responsibility.checkedOn,
});

/**
 * Writes the O6 record when its stored version is still `version` (0: none stored yet); returns
 * the new version, or undefined when someone else wrote first.
 */
export async function saveResponsibility(trx: Tx, siteId: string, version: number, w: ResponsibilityWrite): Promise<number | undefined> {
  if (version === 0) {
    const row = await trx
      .insertInto('site_responsibility')
      .values({ site_id: siteId, ...responsibilityColumns(w) })
      .onConflict((oc) => oc.column('site_id').doNothing())
      .returning('version')
      .executeTakeFirst();
    return row?.version;
  }
  const row = await trx
    .updateTable('site_responsibility')
    .set({ ...responsibilityColumns(w), version: sql`version + 1`, updated_at: new Date() })
    .where('site_id', '=', siteId)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

/* ---------- S2 sealing ---------- */

/** Sets only `sealingStatus` in the site's attributes (other attributes stay as they are) and bumps its version. */
export async function setSealingStatus(trx: Tx, siteId: string, status: string) {
  return trx
    .updateTable('site')
    .set({
      attributes: sql`jsonb_set(attributes, '{sealingStatus}', to_jsonb(${status}::text))`,
      status,
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', siteId)
    .returning('version')
    .executeTakeFirstOrThrow();
}

export async function insertSealing(trx: Tx, s: { siteId: string; status: string; previousStatus: string; on: string; note: string; recordedBy: string | null; fileIds: string[] }) {
  const row = await trx
    .insertInto('site_sealing')
    .values({ site_id: s.siteId, status: s.status, previous_status: s.previousStatus, on_date: s.on, note: s.note, recorded_by: s.recordedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (s.fileIds.length) await trx.insertInto('site_sealing_file').values(s.fileIds.map((f, i) => ({ sealing_id: row.id, file_id: f, sort_order: i }))).execute();
  return row;
}

export async function listSealing(db: Db | Tx, scope: Scope, siteId: string, id?: string) {
  let q = db
    .selectFrom('site_sealing as s')
    .innerJoin('site', 'site.id', 's.site_id')
    .leftJoin('app_user', 'app_user.id', 's.recorded_by')
    .select(['s.id', 's.site_id', 's.status', 's.previous_status', 's.on_date', 's.note', 's.created_at', 'app_user.username as recorded_by'])
    .where('s.site_id', '=', siteId);
  if (id) q = q.where('s.id', '=', id);
  return whereInScope(q, 'site.region_code', scope).orderBy('s.created_at', 'desc').orderBy('s.id').limit(500).execute();
}

/* ---------- S4 三不留 ---------- */

export async function insertThreeNoRemain(trx: Tx, c: { siteId: string; noPersonnel: boolean; noEquipment: boolean; noBuildings: boolean; checkedOn: string; note: string; recordedBy: string | null; fileIds: string[] }) {
  const row = await trx
    .insertInto('site_three_no_remain')
    .values({ site_id: c.siteId, no_personnel: c.noPersonnel, no_equipment: c.noEquipment, no_buildings: c.noBuildings, checked_on: c.checkedOn, note: c.note, recorded_by: c.recordedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('site_three_no_remain_file').values(c.fileIds.map((f, i) => ({ check_id: row.id, file_id: f, sort_order: i }))).execute();
  return row;
}

export async function listThreeNoRemain(db: Db | Tx, scope: Scope, siteId: string, id?: string) {
  let q = db
    .selectFrom('site_three_no_remain as c')
    .innerJoin('site', 'site.id', 'c.site_id')
    .leftJoin('app_user', 'app_user.id', 'c.recorded_by')
    .select(['c.id', 'c.site_id', 'c.no_personnel', 'c.no_equipment', 'c.no_buildings', 'c.checked_on', 'c.note', 'c.created_at', 'app_user.username as recorded_by'])
    .where('c.site_id', '=', siteId);
  if (id) q = q.where('c.id', '=', id);
  return whereInScope(q, 'site.region_code', scope).orderBy('c.created_at', 'desc').orderBy('c.id').limit(500).execute();
}

/** Evidence of sealing records or 三不留 checks, with the file and the site attachment that placed it. */
export async function evidenceOf(db: Db | Tx, kind: 'sealing' | 'three_no_remain', siteId: string, recordIds: string[]) {
  if (recordIds.length === 0) return [];
  const base =
    kind === 'sealing'
      ? db.selectFrom('site_sealing_file as e').select(['e.sealing_id as record_id', 'e.file_id', 'e.sort_order']).where('e.sealing_id', 'in', recordIds)
      : db.selectFrom('site_three_no_remain_file as e').select(['e.check_id as record_id', 'e.file_id', 'e.sort_order']).where('e.check_id', 'in', recordIds);
  const rows = await base.execute();
  if (rows.length === 0) return [];
  const files = await db
    .selectFrom('file')
    .leftJoin('site_attachment as a', (j) => j.onRef('a.file_id', '=', 'file.id').on('a.site_id', '=', siteId))
    .select(['file.id', 'file.original_name', 'file.mime', 'a.lon', 'a.lat', 'a.distance_m', 'a.far'])
    .where('file.id', 'in', [...new Set(rows.map((r) => r.file_id))])
    .execute();
  const byId = new Map(files.map((f) => [f.id, f]));
  return rows.sort((a, b) => a.sort_order - b.sort_order).map((r) => ({ recordId: r.record_id, file: byId.get(r.file_id)! }));
}
