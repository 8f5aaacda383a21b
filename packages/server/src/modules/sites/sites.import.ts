import type { Feature, FeatureCollection } from 'geojson';
import { siteAttributesSchema, type SiteGeometry, type SiteInput } from '@minewatch/core';
import { decodeKml, featureLabel, GeoImportError, parseCornerPoints, readGeoJson, readKml, readKmz, readShapefileZip, CornerPointError, type GeoIssue } from '@minewatch/geo';
import { unzipSync } from 'fflate';
import { AppError } from '../../errors.js';

export interface ImportOptions {
  fileName: string;
  regionCode: string;
  kind: string;
  /** Attribute values every imported site gets (the kind's required fields, e.g. 类别 of 废弃矿井). */
  attributes: Record<string, unknown>;
  /** Property holding each feature's name; otherwise the feature's id/名称/图斑编号, else "<file> #n". */
  nameField?: string | undefined;
  zone?: { width: 3 | 6; zone: number } | undefined;
}

const fail = (message: string, details: { path: string; message: string }[] = [{ path: 'body.file', message }]) => new AppError('VALIDATION', message, details);

function issuesToError(fileName: string, issues: GeoIssue[]): AppError {
  return fail(
    `${fileName}: ${new GeoImportError(issues).message}`,
    issues.slice(0, 200).map((i) => ({ path: `body.file.features.${i.feature}${i.ring !== undefined ? `.ring.${i.ring}` : ''}${i.vertex !== undefined ? `.vertex.${i.vertex}` : ''}`, message: `${i.label ? `(${i.label}) ` : ''}${i.message}` })),
  );
}

/** Reads the uploaded bytes with the reader its name (or content) calls for; lon/lat GeoJSON out. */
async function readAny(bytes: Uint8Array, o: ImportOptions): Promise<FeatureCollection> {
  const name = o.fileName.toLowerCase();
  try {
    if (name.endsWith('.zip')) {
      const entries = Object.keys(unzipSync(bytes, { filter: (f) => /\.(shp|kml)$/i.test(f.name) && !f.name.startsWith('__MACOSX') }));
      if (entries.some((e) => /\.shp$/i.test(e))) return await readShapefileZip(bytes, o.zone ? { zone: o.zone } : {});
      if (entries.some((e) => /\.kml$/i.test(e))) return readKmz(bytes);
      throw fail(`${o.fileName}: the zip holds neither a Shapefile (.shp) nor a .kml`);
    }
    if (name.endsWith('.kmz')) return readKmz(bytes);
    if (name.endsWith('.kml')) return readKml(decodeKml(bytes, o.fileName));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (name.endsWith('.geojson') || name.endsWith('.json')) return readGeoJson(text);
    if (name.endsWith('.txt') || name.endsWith('.csv')) {
      return { type: 'FeatureCollection', features: parseCornerPoints(text, o.zone ? { zone: o.zone } : {}) as Feature[] };
    }
    throw fail(`${o.fileName}: unsupported file type; use .zip (Shapefile), .kml/.kmz, .geojson or a corner-point .txt`);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof GeoImportError) throw issuesToError(o.fileName, e.issues);
    if (e instanceof CornerPointError) {
      throw fail(`${o.fileName}: ${e.message}`, e.issues.map((i) => ({ path: `body.file.line.${i.line}`, message: `${i.point ? `(point ${i.point}) ` : ''}${i.message}` })));
    }
    if (e instanceof TypeError && /decode|encoding/i.test(e.message)) throw fail(`${o.fileName}: the text is not UTF-8`);
    throw fail(`${o.fileName}: cannot be read (${(e as Error).message})`);
  }
}

/** Turns an uploaded file into site inputs, every one validated; any problem rejects the whole file. */
export async function parseImport(bytes: Uint8Array, o: ImportOptions): Promise<SiteInput[]> {
  const fc = await readAny(bytes, o);
  const attributes = siteAttributesSchema.safeParse({ ...o.attributes, kind: o.kind });
  if (!attributes.success) {
    throw fail(
      `attributes for every imported ${o.kind}: ${attributes.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      attributes.error.issues.map((i) => ({ path: `body.attributes.${i.path.join('.')}`, message: i.message })),
    );
  }
  const issues: GeoIssue[] = [];
  const out: SiteInput[] = [];
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    if (!g || !['Point', 'MultiPoint', 'Polygon', 'MultiPolygon'].includes(g.type)) {
      issues.push({ feature: i, message: `geometry type ${g?.type ?? 'none'} cannot be a site` });
      return;
    }
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const raw = o.nameField ? props[o.nameField] : (featureLabel(f) ?? props['name']);
    const name = (raw === undefined || raw === null || String(raw).trim() === '' ? `${o.fileName} #${i + 1}` : String(raw).trim()).slice(0, 200);
    out.push({ regionCode: o.regionCode, name, attributes: attributes.data, geometry: g as SiteGeometry });
  });
  if (issues.length) throw issuesToError(o.fileName, issues);
  if (out.length === 0) throw fail(`${o.fileName}: no features`);
  return out;
}
