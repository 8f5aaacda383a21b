import {
  FILE_SIZE_LIMIT,
  FILE_TYPES,
  fileTypeLabel,
  isPhotoMime,
  type FileInfo,
  type FilePurpose,
  type FileUploadResult,
} from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import { SYSTEM_ACTOR, type Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import { invalid, notFound } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import { detectType, HEAD_BYTES } from './files.detect.js';
import { readPhotoExif } from './files.exif.js';
import type { FileStore, Received } from './files.store.js';
import * as repo from './files.repository.js';

export const toFileInfo = (r: repo.FileRow): FileInfo => ({
  id: r.id,
  sha256: r.sha256,
  size: Number(r.size),
  mime: r.mime,
  name: r.original_name,
  regionCode: r.region_code,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at.toISOString(),
  exif: r.exif_lon === null && r.exif_lat === null && r.exif_taken_at === null ? null : { lon: r.exif_lon, lat: r.exif_lat, takenAt: r.exif_taken_at?.toISOString() ?? null },
});

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MiB`;
const typeList = (p: FilePurpose) => [...new Set(FILE_TYPES[p].map((m) => fileTypeLabel[m].ext.toUpperCase()))].join(', ');

/** Browsers may send a full client path (old IE) or control characters; keep a plain base name. */
export function cleanName(name: string, fallbackExt: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || `upload.${fallbackExt}`;
}

export interface UploadFields {
  purpose: FilePurpose;
  /** The region the file belongs to; the uploader's own region when omitted. */
  regionCode?: string | undefined;
}

class SameBytesRace extends Error {}

/**
 * Checks a received upload (size limit and allowed type for its purpose, by content), reads a
 * photo's EXIF, stores the bytes content-addressed and records the file for its region. The same
 * bytes already recorded for that region are answered with the existing record.
 */
export async function uploadFile(db: Db, store: FileStore, actor: Actor, fields: UploadFields, fileName: string, received: Received): Promise<{ file: FileUploadResult; created: boolean }> {
  try {
    const regionCode = fields.regionCode ?? actor.regionCode;
    if (!regionCode) throw invalid('body.regionCode', 'required: say which region the file belongs to');
    if (!(await regionExists(db, regionCode))) throw invalid('body.regionCode', `unknown region code ${regionCode}`);
    if (!inScope(actor.scope, regionCode)) throw invalid('body.regionCode', `region ${regionCode} is outside your region`);

    const limit = FILE_SIZE_LIMIT[fields.purpose];
    const shown = fileName || 'the file';
    if (received.truncated || received.size > limit) {
      throw invalid('body.file', `${shown} is larger than ${mib(limit)}, the limit for a ${fields.purpose}`);
    }
    if (received.size === 0) throw invalid('body.file', `${shown} is empty`);

    const head = await store.head(received.tempPath, HEAD_BYTES);
    const detected = await detectType(head, () => store.readAll(received.tempPath));
    const allowed = FILE_TYPES[fields.purpose];
    if (!detected.mime || !allowed.includes(detected.mime)) {
      const what = detected.mime ? `a ${fileTypeLabel[detected.mime].en}` : detected.found;
      throw invalid('body.file', `${shown} is ${what}; a ${fields.purpose} must be ${typeList(fields.purpose)} (told by its content, not its name)`);
    }
    const mime = detected.mime;
    const exif = isPhotoMime(mime) ? await readPhotoExif(await store.readAll(received.tempPath)) : null;
    const originalName = cleanName(fileName, fileTypeLabel[mime].ext);

    const existing = await repo.findByContent(db, regionCode, received.sha256);
    // The blob goes in first: a row never points at missing bytes (an orphan blob is harmless).
    await store.commit(received);
    if (existing) return { file: { ...toFileInfo(existing), deduplicated: true }, created: false };
    try {
      const file = await changeWithAudit(db, actor, async (trx) => {
        const row = await repo.insertFile(trx, {
          sha256: received.sha256,
          size: received.size,
          mime,
          originalName,
          regionCode,
          uploadedBy: actor === SYSTEM_ACTOR ? null : actor.userId,
          exifLon: exif?.lon ?? null,
          exifLat: exif?.lat ?? null,
          exifTakenAt: exif?.takenAt ?? null,
        });
        if (!row) throw new SameBytesRace();
        const info = toFileInfo((await repo.getFile(trx, { root: null }, row.id))!);
        return {
          result: info,
          audit: [{ action: 'file.upload', entityType: 'file', entityId: row.id, regionCode, after: { sha256: info.sha256, size: info.size, mime, name: originalName, exif: info.exif } }],
        };
      });
      return { file: { ...file, deduplicated: false }, created: true };
    } catch (e) {
      if (!(e instanceof SameBytesRace)) throw e;
      // someone recorded the same bytes for this region a moment ago
      const row = (await repo.findByContent(db, regionCode, received.sha256))!;
      return { file: { ...toFileInfo(row), deduplicated: true }, created: false };
    }
  } finally {
    await store.discard(received);
  }
}

export async function getFile(db: Db, actor: Actor, id: string): Promise<repo.FileRow> {
  const row = await repo.getFile(db, actor.scope, id);
  if (!row) throw notFound('file');
  return row;
}
