import {
  fileTypeLabel,
  isPhotoMime,
  isWithinRegion,
  mineStatusLabel,
  responsibilityGaps,
  responsibleLevelAccepts,
  responsibleLevelLabel,
  RESPONSIBLE_LEVELS,
  sealingStatusLabel,
  siteKindLabel,
  threeNoRemainPassed,
  type Attachment,
  type AttachmentInput,
  type AttachmentPurpose,
  type AttachmentRole,
  type Evidence,
  type FileMime,
  type MineStatus,
  type Responsibility,
  type ResponsibilityInput,
  type ResponsibleLevel,
  type SealingInput,
  type SealingRecord,
  type SealingResult,
  type SealingStatus,
  type SignStatus,
  type SiteKind,
  type ThreeNoRemainInput,
  type ThreeNoRemainRecord,
} from '@minewatch/core';
import { distanceToGeometry } from '@minewatch/geo';
import type { Geometry } from 'geojson';
import type { Db, Tx } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import { SYSTEM_ACTOR, type Actor } from '../../auth/actor.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { getFiles, type FileRow } from '../files/files.repository.js';
import { getPerson } from '../org/org.repository.js';
import { getGrid } from '../grids/grids.repository.js';
import { linkable } from '../grids/grids.service.js';
import { getSite as readSite } from './sites.service.js';
import { getSite as getSiteRow } from './sites.repository.js';
import * as repo from './site-records.repository.js';

/** Use cases of a site's records (一矿一档 attachments, O6, S2 sealing, S4 三不留). Actor first. */

export interface SiteRecordOptions {
  /** A photo taken farther than this from its site, km, is flagged. */
  photoMaxDistanceKm: number;
}

const userOf = (actor: Actor) => (actor === SYSTEM_ACTOR ? null : actor.userId);

async function lockedSite(trx: Tx, actor: Actor, id: string): Promise<repo.LockedSite> {
  const site = await repo.lockSite(trx, actor.scope, id);
  if (!site) throw notFound('site');
  return site;
}

/** A site the actor may read, or 404 (before listing its records). */
async function siteOrNotFound(db: Db, actor: Actor, id: string): Promise<void> {
  if (!(await getSiteRow(db, actor.scope, id))) throw notFound('site');
}

/**
 * Files named in a request: each must be readable by the actor and kept for the site's region or
 * below it, so that everyone who sees the site can open it. `photosOnly` refuses documents.
 */
async function filesFor(db: Db | Tx, actor: Actor, site: repo.LockedSite, ids: string[], field: (i: number) => string, photosOnly: boolean): Promise<FileRow[]> {
  const rows = await getFiles(db, actor.scope, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id, i) => {
    const f = byId.get(id);
    if (!f) throw invalid(field(i), `file ${id} not found in your region`);
    if (!isWithinRegion(f.region_code, site.region_code)) {
      throw invalid(field(i), `file ${f.original_name} is kept for region ${f.region_code}, outside the site's region ${site.region_code}; upload it with regionCode ${site.region_code}`);
    }
    if (photosOnly && !isPhotoMime(f.mime)) throw invalid(field(i), `${f.original_name} is a ${fileTypeLabel[f.mime as FileMime]?.en ?? f.mime}, not a photo`);
    return f;
  });
}

interface Placed {
  lon: number | null;
  lat: number | null;
  locationSource: 'exif' | 'given' | null;
  distanceM: number | null;
  far: boolean;
}

/** Where a photo was taken and how far that is from the site's geometry (metres). */
function place(site: repo.LockedSite, lon: number | null, lat: number | null, source: 'exif' | 'given' | null, o: SiteRecordOptions): Placed {
  if (lon === null || lat === null || !source) return { lon: null, lat: null, locationSource: null, distanceM: null, far: false };
  const g = site.geometry as Geometry | null;
  const d = g ? distanceToGeometry([lon, lat], g) : NaN;
  const distanceM = Number.isFinite(d) ? Math.round(d * 10) / 10 : null;
  return { lon, lat, locationSource: source, distanceM, far: distanceM !== null && distanceM > o.photoMaxDistanceKm * 1000 };
}

/**
 * Makes sure a file used as evidence is among the site's attachments (so the site's photos show
 * it with its position); returns where it was taken.
 */
async function ensureAttached(trx: Tx, actor: Actor, site: repo.LockedSite, f: FileRow, purpose: AttachmentPurpose, caption: string, o: SiteRecordOptions): Promise<Placed> {
  const existing = await repo.findAttachment(trx, site.id, f.id);
  if (existing) return { lon: existing.lon, lat: existing.lat, locationSource: existing.lon === null ? null : 'exif', distanceM: existing.distance_m, far: existing.far };
  const p = place(site, f.exif_lon, f.exif_lat, f.exif_lon === null ? null : 'exif', o);
  await repo.insertAttachment(trx, {
    siteId: site.id,
    fileId: f.id,
    role: isPhotoMime(f.mime) ? 'photo' : 'document',
    purpose,
    caption,
    takenAt: f.exif_taken_at,
    ...p,
    createdBy: userOf(actor),
  });
  return p;
}

const evidenceNote = (f: FileRow, p: Placed) => ({ file: f.original_name, sha256: f.sha256, ...(p.distanceM !== null ? { distanceM: p.distanceM } : {}), ...(p.far ? { far: true } : {}) });

/* ---------- attachments ---------- */

const toAttachment = (r: repo.AttachmentRow): Attachment => ({
  id: r.id,
  siteId: r.site_id,
  fileId: r.file_id,
  role: r.role as AttachmentRole,
  purpose: r.purpose as AttachmentPurpose,
  caption: r.caption,
  name: r.original_name,
  mime: r.mime,
  size: Number(r.size),
  sha256: r.sha256,
  takenAt: r.taken_at?.toISOString() ?? null,
  lon: r.lon,
  lat: r.lat,
  locationSource: r.location_source as Attachment['locationSource'],
  distanceM: r.distance_m,
  far: r.far,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

export async function listAttachments(db: Db, actor: Actor, siteId: string): Promise<Attachment[]> {
  await siteOrNotFound(db, actor, siteId);
  return (await repo.listAttachments(db, actor.scope, siteId)).map(toAttachment);
}

export async function attach(db: Db, actor: Actor, o: SiteRecordOptions, siteId: string, input: AttachmentInput): Promise<Attachment> {
  const id = await changeWithAudit(db, actor, async (trx) => {
    const site = await lockedSite(trx, actor, siteId);
    const [f] = await filesFor(trx, actor, site, [input.fileId], () => 'body.fileId', false);
    const file = f!;
    if (input.role === 'photo' && !isPhotoMime(file.mime)) throw invalid('body.role', `${file.original_name} is a ${fileTypeLabel[file.mime as FileMime]?.en ?? file.mime}; attach it as a document`);
    const hasExif = file.exif_lon !== null && file.exif_lat !== null;
    if (input.lon !== undefined) {
      if (input.role !== 'photo') throw invalid('body.lon', 'only a photo has a position');
      if (hasExif) throw invalid('body.lon', `the photo carries its own GPS position (${file.exif_lon}, ${file.exif_lat}); a given position is only for photos without one`);
    }
    if (await repo.findAttachment(trx, site.id, file.id)) throw new AppError('CONFLICT', `${file.original_name} is already attached to this site`);
    const p =
      input.role !== 'photo'
        ? place(site, null, null, null, o)
        : hasExif
          ? place(site, file.exif_lon, file.exif_lat, 'exif', o)
          : place(site, input.lon ?? null, input.lat ?? null, input.lon !== undefined ? 'given' : null, o);
    const takenAt = input.role === 'photo' ? (file.exif_taken_at ?? (input.takenAt ? new Date(input.takenAt) : null)) : null;
    const { id } = await repo.insertAttachment(trx, { siteId: site.id, fileId: file.id, role: input.role, purpose: 'general', caption: input.caption, takenAt, ...p, createdBy: userOf(actor) });
    return {
      result: id,
      audit: [{
        action: 'site.attach',
        entityType: 'site',
        entityId: site.id,
        regionCode: site.region_code,
        after: {
          attachment: { role: input.role, ...evidenceNote(file, p), ...(input.caption ? { caption: input.caption } : {}), ...(p.lon !== null ? { lon: p.lon, lat: p.lat, locationSource: p.locationSource } : {}) },
        },
      }],
    };
  });
  return toAttachment((await repo.getAttachment(db, actor.scope, id))!);
}

/* ---------- O6 responsibility ---------- */

const NO_SIGN = { status: 'none' as SignStatus, photoFileId: null, checkedOn: null };

async function loadResponsibility(db: Db | Tx, actor: Actor, siteId: string): Promise<Responsibility> {
  const r = await repo.getResponsibility(db, actor.scope, siteId);
  if (!r) {
    const empty = { grid: null, people: { county: null, township: null, village: null }, signs: { warning: NO_SIGN, responsibility: NO_SIGN } };
    return { siteId, version: 0, ...empty, missing: responsibilityGaps(empty), updatedAt: null };
  }
  const ids = [r.county_person_id, r.township_person_id, r.village_person_id].filter((x): x is string => !!x);
  const people = new Map((await repo.peopleByIds(db, ids)).map((p) => [p.id, p]));
  const personAt = (id: string | null, phone: string | null) => {
    const p = id ? people.get(id) : undefined;
    return p ? { personId: p.id, name: p.name, position: p.position, unitName: p.unit_name, regionCode: p.region_code, phone: phone ?? '' } : null;
  };
  const base = {
    grid: r.grid_id ? { id: r.grid_id, name: r.grid_name ?? '' } : null,
    people: {
      county: personAt(r.county_person_id, r.county_phone),
      township: personAt(r.township_person_id, r.township_phone),
      village: personAt(r.village_person_id, r.village_phone),
    },
    signs: {
      warning: { status: r.warning_sign_status as SignStatus, photoFileId: r.warning_sign_file_id, checkedOn: r.warning_sign_checked_on },
      responsibility: { status: r.resp_sign_status as SignStatus, photoFileId: r.resp_sign_file_id, checkedOn: r.resp_sign_checked_on },
    },
  };
  return { siteId, version: r.version, ...base, missing: responsibilityGaps(base), updatedAt: r.updated_at.toISOString() };
}

export async function getResponsibility(db: Db, actor: Actor, siteId: string): Promise<Responsibility> {
  await siteOrNotFound(db, actor, siteId);
  return loadResponsibility(db, actor, siteId);
}

/** The O6 record in words for the history: who (phone) per level, grid, signs. */
function describe(r: Responsibility) {
  const who = (p: Responsibility['people']['county']) => (p ? `${p.name}（${p.phone}）` : null);
  const sign = (s: Responsibility['signs']['warning']) => ({ status: s.status, ...(s.checkedOn ? { checkedOn: s.checkedOn } : {}), ...(s.photoFileId ? { photoFileId: s.photoFileId } : {}) });
  return {
    grid: r.grid?.name ?? null,
    countyPerson: who(r.people.county),
    townshipPerson: who(r.people.township),
    villagePerson: who(r.people.village),
    warningSign: sign(r.signs.warning),
    responsibilitySign: sign(r.signs.responsibility),
  };
}

export async function setResponsibility(db: Db, actor: Actor, o: SiteRecordOptions, siteId: string, input: ResponsibilityInput): Promise<Responsibility> {
  await changeWithAudit(db, actor, async (trx) => {
    const site = await lockedSite(trx, actor, siteId);
    const before = await loadResponsibility(trx, actor, siteId);
    if (input.version !== before.version) {
      throw new AppError('CONFLICT', `The responsibility record was changed by someone else (you edited version ${input.version}, it is now ${before.version}); reload and apply your change again`);
    }
    if (input.gridId) {
      const grid = await getGrid(trx, actor.scope, input.gridId);
      if (!grid) throw invalid('body.gridId', 'no such grid in your region');
      if (!linkable(grid.region_code, site.region_code)) throw invalid('body.gridId', `grid ${grid.name} covers region ${grid.region_code}, which is neither above nor below the site's region ${site.region_code}`);
    }
    const people: repo.ResponsibilityWrite['people'] = { county: null, township: null, village: null };
    for (const level of RESPONSIBLE_LEVELS) {
      const a = input.people[level];
      if (!a) continue;
      const field = `body.people.${level}`;
      const person = await getPerson(trx, actor.scope, a.personId);
      if (!person) throw invalid(`${field}.personId`, 'no such person in your region');
      if (!linkable(site.region_code, person.region_code)) throw invalid(`${field}.personId`, `${person.name} belongs to region ${person.region_code}, which is neither above nor below the site's region ${site.region_code}`);
      if (!responsibleLevelAccepts(level as ResponsibleLevel, person.region_code)) {
        throw invalid(`${field}.personId`, `${person.name} belongs to region ${person.region_code}, below the level of a ${responsibleLevelLabel[level].en.toLowerCase()}`);
      }
      const phone = a.phone ?? person.phone;
      if (!phone) throw invalid(`${field}.phone`, `required: ${person.name} has no phone number on record; give the number for this duty`);
      people[level] = { personId: person.id, phone };
    }
    const signFiles = await Promise.all(
      (['warning', 'responsibility'] as const).map(async (k) => {
        const s = input.signs[k];
        if (!s.photoFileId) return null;
        const [f] = await filesFor(trx, actor, site, [s.photoFileId], () => `body.signs.${k}.photoFileId`, true);
        return f!;
      }),
    );
    const version = await repo.saveResponsibility(trx, site.id, input.version, {
      gridId: input.gridId,
      people,
      warning: { status: input.signs.warning.status, fileId: input.signs.warning.photoFileId, checkedOn: input.signs.warning.checkedOn },
      responsibility: { status: input.signs.responsibility.status, fileId: input.signs.responsibility.photoFileId, checkedOn: input.signs.responsibility.checkedOn },
    });
    if (version === undefined) throw new AppError('CONFLICT', 'The responsibility record was changed by someone else at the same moment; reload and apply your change again');
    const signPhotos: Record<string, unknown> = {};
    for (const [i, f] of signFiles.entries()) {
      if (f) signPhotos[i === 0 ? 'warningSignPhoto' : 'responsibilitySignPhoto'] = evidenceNote(f, await ensureAttached(trx, actor, site, f, 'sign', i === 0 ? '警示标识牌' : '监管责任牌', o));
    }
    const after = await loadResponsibility(trx, actor, siteId);
    return {
      result: null,
      audit: [{
        action: 'site.responsibility',
        entityType: 'site',
        entityId: site.id,
        regionCode: site.region_code,
        before: { responsibilityVersion: before.version, ...describe(before) },
        after: { responsibilityVersion: after.version, ...describe(after), ...signPhotos },
      }],
    };
  });
  return loadResponsibility(db, actor, siteId);
}

/* ---------- S2 sealing ---------- */

const SEALABLE: SiteKind[] = ['abandoned_mine', 'illegal_point'];

type Ev = Awaited<ReturnType<typeof repo.evidenceOf>>[number];
const toEvidence = (e: Ev): Evidence => ({ fileId: e.file.id, name: e.file.original_name, mime: e.file.mime, lon: e.file.lon, lat: e.file.lat, distanceM: e.file.distance_m, far: e.file.far ?? false });

async function sealingRecords(db: Db | Tx, actor: Actor, siteId: string, id?: string): Promise<SealingRecord[]> {
  const rows = await repo.listSealing(db, actor.scope, siteId, id);
  const ev = await repo.evidenceOf(db, 'sealing', siteId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    status: r.status as SealingStatus,
    previousStatus: r.previous_status as SealingStatus,
    on: r.on_date,
    note: r.note,
    evidence: ev.filter((e) => e.recordId === r.id).map(toEvidence),
    recordedBy: r.recorded_by,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function listSealing(db: Db, actor: Actor, siteId: string): Promise<SealingRecord[]> {
  await siteOrNotFound(db, actor, siteId);
  return sealingRecords(db, actor, siteId);
}

/**
 * Records a sealing observation and makes it the site's sealingStatus, in one transaction with the
 * audit row (entity: the site, so its history shows it). 封堵不彻底 makes sealing due again.
 */
export async function recordSealing(db: Db, actor: Actor, o: SiteRecordOptions, siteId: string, input: SealingInput): Promise<SealingResult> {
  const recordId = await changeWithAudit(db, actor, async (trx) => {
    const site = await lockedSite(trx, actor, siteId);
    if (!SEALABLE.includes(site.kind as SiteKind)) {
      throw new AppError('VALIDATION', `sealing is recorded for 废弃矿井 and 盗采点 only; this site is a ${siteKindLabel[site.kind as SiteKind]?.zh ?? site.kind}`, [{ path: 'params.id', message: 'not a shaft or illegal point' }]);
    }
    const previous = ((site.attributes as { sealingStatus?: SealingStatus }).sealingStatus ?? 'unsealed') as SealingStatus;
    const files = await filesFor(trx, actor, site, input.photoFileIds, (i) => `body.photoFileIds.${i}`, true);
    const { version } = await repo.setSealingStatus(trx, site.id, input.status);
    const { id } = await repo.insertSealing(trx, { siteId: site.id, status: input.status, previousStatus: previous, on: input.on, note: input.note, recordedBy: userOf(actor), fileIds: files.map((f) => f.id) });
    const photos = [];
    for (const f of files) photos.push(evidenceNote(f, await ensureAttached(trx, actor, site, f, 'sealing', `${sealingStatusLabel[input.status].zh} ${input.on}`, o)));
    return {
      result: id,
      audit: [{
        action: 'site.sealing',
        entityType: 'site',
        entityId: site.id,
        regionCode: site.region_code,
        before: { version: site.version, attributes: { sealingStatus: previous } },
        after: {
          version,
          attributes: { sealingStatus: input.status },
          sealingOn: input.on,
          ...(input.note ? { note: input.note } : {}),
          ...(photos.length ? { photos } : {}),
          ...(input.status === 'incomplete' ? { reopened: true } : {}),
        },
      }],
    };
  });
  const [record] = await sealingRecords(db, actor, siteId, recordId);
  return { record: record!, site: await readSite(db, actor, siteId) };
}

/* ---------- S4 三不留 ---------- */

const CHECKED_STATUSES: MineStatus[] = ['expired', 'cancelled'];

async function checks(db: Db | Tx, actor: Actor, siteId: string, id?: string): Promise<ThreeNoRemainRecord[]> {
  const rows = await repo.listThreeNoRemain(db, actor.scope, siteId, id);
  const ev = await repo.evidenceOf(db, 'three_no_remain', siteId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    noPersonnel: r.no_personnel,
    noEquipment: r.no_equipment,
    noBuildings: r.no_buildings,
    passed: r.no_personnel && r.no_equipment && r.no_buildings,
    checkedOn: r.checked_on,
    note: r.note,
    evidence: ev.filter((e) => e.recordId === r.id).map(toEvidence),
    recordedBy: r.recorded_by,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function listThreeNoRemain(db: Db, actor: Actor, siteId: string): Promise<ThreeNoRemainRecord[]> {
  await siteOrNotFound(db, actor, siteId);
  return checks(db, actor, siteId);
}

/** 004: an expired or cancelled licensed mine is checked for "三不留" (no personnel, equipment, buildings), with evidence. */
export async function recordThreeNoRemain(db: Db, actor: Actor, o: SiteRecordOptions, siteId: string, input: ThreeNoRemainInput): Promise<ThreeNoRemainRecord> {
  const id = await changeWithAudit(db, actor, async (trx) => {
    const site = await lockedSite(trx, actor, siteId);
    const status = (site.attributes as { status?: MineStatus }).status;
    if (site.kind !== 'licensed_mine' || !status || !CHECKED_STATUSES.includes(status)) {
      const what = site.kind === 'licensed_mine' && status ? `a ${mineStatusLabel[status].zh} mine` : `a ${siteKindLabel[site.kind as SiteKind]?.zh ?? site.kind}`;
      throw new AppError('ILLEGAL_TRANSITION', `三不留 is checked for expired (过期) or cancelled (注销) licensed mines; this site is ${what}`);
    }
    const files = await filesFor(trx, actor, site, input.evidenceFileIds, (i) => `body.evidenceFileIds.${i}`, false);
    const { id } = await repo.insertThreeNoRemain(trx, { siteId: site.id, noPersonnel: input.noPersonnel, noEquipment: input.noEquipment, noBuildings: input.noBuildings, checkedOn: input.checkedOn, note: input.note, recordedBy: userOf(actor), fileIds: files.map((f) => f.id) });
    const evidence = [];
    for (const f of files) evidence.push(evidenceNote(f, await ensureAttached(trx, actor, site, f, 'three_no_remain', `三不留 ${input.checkedOn}`, o)));
    return {
      result: id,
      audit: [{
        action: 'site.three_no_remain',
        entityType: 'site',
        entityId: site.id,
        regionCode: site.region_code,
        after: {
          threeNoRemain: { noPersonnel: input.noPersonnel, noEquipment: input.noEquipment, noBuildings: input.noBuildings, passed: threeNoRemainPassed({ ...input, evidenceFileIds: [] }) },
          checkedOn: input.checkedOn,
          ...(input.note ? { note: input.note } : {}),
          evidence,
        },
      }],
    };
  });
  return (await checks(db, actor, siteId, id))[0]!;
}
