import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { isWithinRegion } from '@minewatch/core';
import { decodeKml, GeoImportError, readGeoJson, readKml, readKmz, readShapefileZip, type GeoIssue } from '@minewatch/geo';
import { AppError, type FieldIssue } from '../../errors.js';

/**
 * Reading an official boundary file for the map's base layer. The file (GeoJSON, zipped Shapefile
 * with its .prj, KML/KMZ) is read by packages/geo, which converts CGCS2000 Gauss–Krüger to lon/lat
 * and refuses what it cannot place. No boundary is ever made up: only the uploaded polygons are kept.
 */

export interface BoundaryFileOptions {
  fileName: string;
  /** The region the upload is for (the URL's code). */
  regionCode: string;
  /**
   * Attribute holding each feature's GB/T 2260 code, for a file with many regions (e.g. every county
   * of a province): features within `regionCode` become those regions' boundaries, the others are
   * skipped. Without it, every polygon of the file together is the boundary of `regionCode`.
   */
  codeField?: string | undefined;
  /** Gauss–Krüger zone when a Shapefile has no .prj and its Y carries no zone prefix. */
  zone?: { width: 3 | 6; zone: number } | undefined;
}

export interface BoundaryPart {
  regionCode: string;
  geometry: Polygon | MultiPolygon;
  /** 0-based indices of the file's features that make it up. */
  features: number[];
  vertices: number;
  bbox: [number, number, number, number];
}

/** Most vertices one region's boundary may have (a 1:10 000 county outline has tens of thousands). */
export const MAX_BOUNDARY_VERTICES = 1_000_000;

const fail = (message: string, details: FieldIssue[] = [{ path: 'body.file', message }]) => new AppError('VALIDATION', message, details);

function issuesError(fileName: string, issues: GeoIssue[]): AppError {
  return fail(
    `${fileName}: ${new GeoImportError(issues).message}`,
    issues.slice(0, 200).map((i) => ({ path: `body.file.features.${i.feature}${i.ring !== undefined ? `.ring.${i.ring}` : ''}${i.vertex !== undefined ? `.vertex.${i.vertex}` : ''}`, message: `${i.label ? `(${i.label}) ` : ''}${i.message}` })),
  );
}

/** The uploaded bytes as lon/lat GeoJSON, by the reader the file name calls for. */
export async function readBoundaryFile(bytes: Uint8Array, o: BoundaryFileOptions): Promise<FeatureCollection> {
  const name = o.fileName.toLowerCase();
  try {
    if (name.endsWith('.zip')) return await readShapefileZip(bytes, o.zone ? { zone: o.zone } : {});
    if (name.endsWith('.kmz')) return readKmz(bytes);
    if (name.endsWith('.kml')) return readKml(decodeKml(bytes, o.fileName));
    if (name.endsWith('.geojson') || name.endsWith('.json')) return readGeoJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    throw fail(`${o.fileName}: unsupported file type for a boundary; use .zip (Shapefile with .prj), .geojson/.json or .kml/.kmz`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof GeoImportError) throw issuesError(o.fileName, e.issues);
    if (e instanceof TypeError && /decode|encoding/i.test(e.message)) throw fail(`${o.fileName}: the text is not UTF-8`);
    throw fail(`${o.fileName}: cannot be read (${(e as Error).message})`);
  }
}

/**
 * A region code as boundary files write it → the stored form: digits only; 12-digit statistical
 * codes of counties/townships ("140929000000", "140929100000") lose their zero tails.
 */
export function normaliseCode(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let s = String(value).trim();
  if (!/^\d+$/.test(s)) return null;
  if (s.length === 12 && s.endsWith('000')) s = s.slice(0, 9);
  if (s.length === 9 && s.endsWith('000')) s = s.slice(0, 6);
  return s.length === 6 || s.length === 9 || s.length === 12 ? s : null;
}

const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function part(regionCode: string, polys: Position[][][], features: number[]): BoundaryPart {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, vertices = 0;
  for (const poly of polys) {
    for (const ring of poly) {
      vertices += ring.length;
      for (const p of ring) {
        if (p[0]! < minX) minX = p[0]!;
        if (p[0]! > maxX) maxX = p[0]!;
        if (p[1]! < minY) minY = p[1]!;
        if (p[1]! > maxY) maxY = p[1]!;
      }
    }
  }
  const geometry: Polygon | MultiPolygon = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
  return { regionCode, geometry, features, vertices, bbox: [minX, minY, maxX, maxY] };
}

/**
 * Groups the file's polygons into region boundaries (see BoundaryFileOptions.codeField). Points and
 * lines are refused, as is a feature without a usable code when a code field is named. Whether the
 * codes exist as regions is the service's check.
 */
export function boundariesFromFeatures(fc: FeatureCollection, o: BoundaryFileOptions): { parts: BoundaryPart[]; skipped: number } {
  const issues: GeoIssue[] = [];
  const groups = new Map<string, { polys: Position[][][]; features: number[] }>();
  let skipped = 0;
  const seen = new Set<string>();
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      issues.push({ feature: i, message: `geometry type ${g?.type ?? 'none'} cannot be a boundary (polygons only)` });
      return;
    }
    let code = o.regionCode;
    if (o.codeField) {
      const props = (f.properties ?? {}) as Record<string, unknown>;
      if (!(o.codeField in props)) {
        issues.push({ feature: i, message: `has no attribute ${o.codeField} (attributes: ${Object.keys(props).slice(0, 12).join(', ') || 'none'})` });
        return;
      }
      const c = normaliseCode(props[o.codeField]);
      if (!c) {
        issues.push({ feature: i, message: `${o.codeField} = ${JSON.stringify(props[o.codeField])} is not a GB/T 2260 code (6, 9 or 12 digits)` });
        return;
      }
      seen.add(c);
      if (!isWithinRegion(c, o.regionCode)) {
        skipped++;
        return;
      }
      code = c;
    }
    const group = groups.get(code) ?? { polys: [], features: [] };
    group.polys.push(...polygonsOf(g));
    group.features.push(i);
    groups.set(code, group);
  });
  if (issues.length) throw issuesError(o.fileName, issues);
  if (groups.size === 0) {
    const examples = [...seen].slice(0, 8).join(', ');
    throw fail(`${o.fileName}: no feature's ${o.codeField} lies within region ${o.regionCode}${examples ? ` (codes in the file: ${examples}${seen.size > 8 ? ', …' : ''})` : ''}`, [
      { path: 'body.codeField', message: `no feature within ${o.regionCode}` },
    ]);
  }
  const parts = [...groups].map(([code, g]) => part(code, g.polys, g.features));
  const big = parts.find((p) => p.vertices > MAX_BOUNDARY_VERTICES);
  if (big) throw fail(`${o.fileName}: the boundary of ${big.regionCode} has ${big.vertices} vertices, more than ${MAX_BOUNDARY_VERTICES}; simplify it first`);
  return { parts, skipped };
}
