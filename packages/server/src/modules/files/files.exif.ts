import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface PhotoExif {
  /** Degrees, WGS 84 as the GPS recorded them; null when the photo has no usable fix. */
  lon: number | null;
  lat: number | null;
  takenAt: Date | null;
}

const NONE: PhotoExif = { lon: null, lat: null, takenAt: null };

/** Cameras write local time without a zone unless OffsetTimeOriginal is set; our users are in China. */
const DEFAULT_OFFSET = '+08:00';

/** How long the EXIF reader may take before the photo is kept without EXIF. */
export const EXIF_TIMEOUT_MS = 3000;

function takenAt(dt: unknown, offset: unknown): Date | null {
  if (typeof dt !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(dt.trim());
  if (!m) return null;
  const off = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : DEFAULT_OFFSET;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${off}`);
  // "0000:00:00 00:00:00" and other placeholders are no date
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1990 ? null : d;
}

const coordinate = (v: unknown, max: number): number | null => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max ? v : null);

const EXIFR_PATH = createRequire(import.meta.url).resolve('exifr');

// exifr never returns on some malformed HEIC files (a box of size 0 after `ftyp` loops forever), so
// it runs in a worker that is terminated after EXIF_TIMEOUT_MS. Plain CommonJS source: it runs the
// same under tsx, Vitest and plain Node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const exifr = require(workerData.exifr);
exifr.parse(workerData.bytes, {
  tiff: true, exif: true, gps: true, ifd1: false, interop: false, xmp: false, icc: false, iptc: false,
  jfif: false, ihdr: false, reviveValues: false, translateValues: false,
}).then(
  (t) => parentPort.postMessage(t ? { latitude: t.latitude, longitude: t.longitude, DateTimeOriginal: t.DateTimeOriginal, CreateDate: t.CreateDate, OffsetTimeOriginal: t.OffsetTimeOriginal, OffsetTime: t.OffsetTime } : null),
  () => parentPort.postMessage(null),
);
`;

function parseInWorker(bytes: Uint8Array, timeoutMs: number): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { exifr: EXIFR_PATH, bytes }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    let settled = false;
    const done = (v: Record<string, unknown> | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    worker.once('message', (m: Record<string, unknown> | null) => done(m));
    worker.once('error', () => done(null));
    worker.once('exit', () => done(null));
  });
}

/**
 * Position and capture time from a photo's EXIF (JPEG, HEIC, PNG eXIf; WebP is not read). A
 * missing, unreadable, damaged or too slow EXIF block is "no EXIF", never an error: the photo is kept.
 */
export async function readPhotoExif(bytes: Uint8Array, timeoutMs = EXIF_TIMEOUT_MS): Promise<PhotoExif> {
  const tags = await parseInWorker(bytes, timeoutMs);
  if (!tags) return NONE;
  let lat = coordinate(tags.latitude, 90);
  let lon = coordinate(tags.longitude, 180);
  // 0/0 is what some cameras write without a fix; nothing supervised lies in the Gulf of Guinea
  if (lat === null || lon === null || (lat === 0 && lon === 0)) lat = lon = null;
  return { lon, lat, takenAt: takenAt(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal ?? tags.OffsetTime) };
}
