import { createHash } from 'node:crypto';
import type { BoundaryLayer, RegionBoundary, RegionBoundaryInfo } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { changeWithAudit } from '../../db/transaction.js';
import { assertRegionInScope } from '../../auth/scope.js';
import { AppError, notFound } from '../../errors.js';
import { getRegion } from './regions.service.js';
import { degreesPerPixel, simplifyGeometry } from '../sites/map-simplify.js';
import { boundariesFromFeatures, readBoundaryFile, type BoundaryFileOptions } from './boundaries.import.js';
import * as repo from './boundaries.repository.js';

/** PostgreSQL prints a box as "(x2,y2),(x1,y1)"; back to [minLon, minLat, maxLon, maxLat]. */
function parseBox(text: string): [number, number, number, number] {
  const n = text.match(/-?\d+(\.\d+)?(e-?\d+)?/gi)!.map(Number) as [number, number, number, number];
  return [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
}

type InfoRow = Awaited<ReturnType<typeof repo.boundaryInfos>>[number];
const toInfo = (r: InfoRow): RegionBoundaryInfo => ({
  regionCode: r.region_code,
  regionName: r.region_name,
  level: r.level,
  source: r.source,
  fileName: r.file_name,
  bbox: parseBox(r.bbox),
  vertices: r.vertices,
  uploadedAt: r.uploaded_at.toISOString(),
  uploadedBy: r.uploaded_by,
});

export async function getBoundary(db: Db, actor: Actor, code: string): Promise<RegionBoundary> {
  assertRegionInScope(actor.scope, code);
  const r = await repo.getBoundary(db, actor.scope, code);
  if (!r) throw notFound(`boundary of region ${code}`);
  return { ...toInfo(r), geometry: r.geometry };
}

/** Most boundaries in one layer answer. */
export const LAYER_LIMIT = 1000;

/**
 * The base layer: boundaries of `region` (default: the actor's whole scope) and below, meeting the
 * view, simplified to half a pixel at `zoom`.
 */
export async function boundaryLayer(
  db: Db,
  actor: Actor,
  q: { region?: string | undefined; bbox?: [number, number, number, number] | undefined; zoom: number },
): Promise<BoundaryLayer> {
  if (q.region) await getRegion(db, actor, q.region);
  const rows = await repo.boundariesInView(db, actor.scope, q.region, q.bbox, LAYER_LIMIT);
  const tolerance = degreesPerPixel(q.zoom) / 2;
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      properties: { code: r.region_code, name: r.name, level: r.level },
      geometry: simplifyGeometry(r.geometry, tolerance),
    })),
  };
}

export interface BoundaryUpload extends BoundaryFileOptions {
  /** Who issued the data, e.g. "某县自然资源局 2023 年行政区划界线": shown on the map and kept with it. */
  source: string;
}

/**
 * Stores the boundary (or, with a code field, the boundaries) an uploaded official file gives for
 * `upload.regionCode` and the regions below it, replacing earlier ones; one audit event per region.
 */
export async function uploadBoundary(db: Db, actor: Actor, bytes: Uint8Array, upload: BoundaryUpload): Promise<{ updated: RegionBoundaryInfo[]; skipped: number }> {
  await getRegion(db, actor, upload.regionCode);
  const fc = await readBoundaryFile(bytes, upload);
  const { parts, skipped } = boundariesFromFeatures(fc, upload);
  const codes = parts.map((p) => p.regionCode);
  const known = new Set((await repo.knownRegions(db, codes)).map((r) => r.code));
  const unknown = parts.filter((p) => !known.has(p.regionCode));
  if (unknown.length) {
    throw new AppError(
      'VALIDATION',
      `${upload.fileName}: ${unknown.length} code(s) are not regions in the database: ${unknown.slice(0, 10).map((p) => p.regionCode).join(', ')}`,
      unknown.slice(0, 200).map((p) => ({ path: `body.file.features.${p.features[0]}`, message: `${upload.codeField} ${p.regionCode} is not a known region code (import the regions first, or correct the code)` })),
    );
  }
  return changeWithAudit(db, actor, async (trx) => {
    const before = new Map((await repo.boundaryInfos(trx, codes)).map((r) => [r.region_code, toInfo(r)]));
    await repo.upsertBoundaries(
      trx,
      parts.map((p) => ({ regionCode: p.regionCode, geometry: p.geometry, bbox: p.bbox, vertices: p.vertices, source: upload.source, fileName: upload.fileName, uploadedBy: actor.userId })),
    );
    const after = await repo.boundaryInfos(trx, codes);
    return {
      result: { updated: after.map(toInfo).sort((a, b) => a.regionCode.localeCompare(b.regionCode)), skipped },
      audit: parts.map((p) => {
        const was = before.get(p.regionCode);
        return {
          action: 'region.boundary' as const,
          entityType: 'region',
          entityId: p.regionCode,
          regionCode: p.regionCode,
          // the geometry itself can be megabytes: the audit keeps its digest, size and extent
          before: was ? { source: was.source, fileName: was.fileName, vertices: was.vertices, bbox: was.bbox } : null,
          after: {
            source: upload.source,
            fileName: upload.fileName,
            features: p.features.length,
            vertices: p.vertices,
            bbox: p.bbox,
            sha256: createHash('sha256').update(JSON.stringify(p.geometry)).digest('hex'),
          },
        };
      }),
    };
  });
}
