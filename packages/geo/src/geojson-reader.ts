import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { geometryFromChinaOffset, mapGeometry, type ChinaOffsetCrs } from './china-offsets.js';
import { DatumError, LEGACY_DATUMS, legacyCrsOfEpsg, legacyLonLatConverter, type DatumTransform } from './datum.js';
import { checkGeometry, featureLabel, GeoImportError, type GeoIssue } from './import-issues.js';

export interface GeoJsonOptions {
  /**
   * The coordinates were taken from Amap/高德 or Tencent (GCJ-02) or Baidu (BD-09) maps: they are
   * converted to WGS 84 (≈ CGCS2000) inside China (china-offsets.ts). Only for a file that declares
   * no CRS or WGS 84 (CRS84 / EPSG:4326).
   */
  sourceCrs?: ChinaOffsetCrs;
  /**
   * The file's crs member names Xi'an 1980 or Beijing 1954 longitude/latitude (EPSG:4610 /
   * EPSG:4214): this 7-parameter transformation (from that datum) takes it to CGCS2000. Required
   * for such a file; refused for any other.
   */
  datum?: DatumTransform;
}

type Declared = { kind: 'lonlat' } | { kind: 'legacy'; datum: 'xian80' | 'beijing54'; projected: boolean } | { kind: 'other' };

/** What a (pre-RFC 7946) crs member names: "EPSG:4326", "urn:ogc:def:crs:EPSG::4610", "…CRS84". */
function declaredCrs(name: string): Declared {
  if (/(CRS84|WGS ?84|CGCS ?2000)/i.test(name)) return { kind: 'lonlat' };
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name.trim())?.[1];
  if (code === '4326' || code === '4490') return { kind: 'lonlat' };
  const legacy = code ? legacyCrsOfEpsg(Number(code)) : undefined;
  if (legacy) return { kind: 'legacy', datum: legacy.datum, projected: legacy.zone !== undefined };
  return { kind: 'other' };
}

const fail = (message: string): never => {
  throw new GeoImportError([{ feature: 0, message }]);
};

/**
 * Reads GeoJSON text (FeatureCollection, Feature or bare Geometry) in lon/lat degrees (RFC 7946;
 * CGCS2000 ≈ WGS 84). GCJ-02/BD-09 input is converted with opts.sourceCrs; Xi'an 1980 / Beijing
 * 1954 lon/lat (declared by a crs member) only with opts.datum. Projected GeoJSON is refused.
 * Every feature is checked after conversion; any problem throws GeoImportError listing all of
 * them, so nothing is half imported.
 */
export function readGeoJson(text: string, opts: GeoJsonOptions = {}): FeatureCollection {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new GeoImportError([{ feature: 0, message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const d = doc as { type?: string; features?: unknown; crs?: { properties?: { name?: string } } };
  const crs = d.crs?.properties?.name;
  const declared: Declared = typeof crs === 'string' && crs ? declaredCrs(crs) : { kind: 'lonlat' };
  if (opts.sourceCrs && opts.datum) fail(`choose either the map offset (${opts.sourceCrs}) or a datum transformation, not both`);
  let convert: ((g: Geometry | null, feature: number, label: string | undefined, issues: GeoIssue[]) => Geometry | null) | null = null;
  if (declared.kind === 'other') {
    fail(`declares CRS ${crs}; GeoJSON must be longitude/latitude (convert projected data first, or import it as a Shapefile with its .prj)`);
  } else if (declared.kind === 'legacy') {
    const name = LEGACY_DATUMS[declared.datum].name;
    if (declared.projected) fail(`declares CRS ${crs} (${name} Gauss–Krüger); GeoJSON must be longitude/latitude (import projected data as a Shapefile with its .prj, or as corner-point text, with the transformation)`);
    if (!opts.datum) fail(`declares CRS ${crs} (${name} longitude/latitude); converting it to CGCS2000 needs a 7-parameter transformation you supply; none is guessed`);
    if (opts.datum!.from !== declared.datum) fail(`declares CRS ${crs} (${name}), but the transformation supplied is from ${LEGACY_DATUMS[opts.datum!.from].name}`);
    if (opts.sourceCrs) fail(`declares CRS ${crs} (${name}); the map offset ${opts.sourceCrs} applies to WGS 84 longitude/latitude only`);
    let f: (lon: number, lat: number) => [number, number];
    try {
      f = legacyLonLatConverter(opts.datum!);
    } catch (e) {
      if (e instanceof DatumError) fail(e.message);
      throw e;
    }
    convert = (g, feature, label, issues) => {
      let problem: string | null = null;
      const out = mapGeometry(g, (p) => {
        try {
          const [lon, lat] = f(p[0]!, p[1]!);
          return p.length > 2 ? [lon, lat, ...p.slice(2)] : [lon, lat];
        } catch (e) {
          if (!(e instanceof DatumError)) throw e;
          problem ??= `${p[0]}, ${p[1]}: ${e.message}`;
          return p;
        }
      });
      if (problem) issues.push({ feature, ...(label ? { label } : {}), message: problem });
      return out;
    };
  } else if (opts.datum) {
    fail(`a transformation from ${LEGACY_DATUMS[opts.datum.from].name} was supplied, but the GeoJSON ${crs ? `declares CRS ${crs}` : 'declares no CRS (so it is WGS 84)'}: name the old datum in a crs member (EPSG:4610 Xi'an 1980, EPSG:4214 Beijing 1954) or remove the transformation`);
  } else if (opts.sourceCrs) {
    if (crs && /4490|CGCS/i.test(crs)) fail(`declares CRS ${crs} (CGCS2000); the map offset ${opts.sourceCrs} applies to WGS 84 longitude/latitude from Amap/Baidu only`);
    const from = opts.sourceCrs;
    convert = (g) => geometryFromChinaOffset(g, from);
  }
  let features: Feature[];
  if (d.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features as Feature[];
  else if (d.type === 'Feature') features = [doc as Feature];
  else if (typeof d.type === 'string' && d.type !== 'FeatureCollection') features = [{ type: 'Feature', properties: {}, geometry: doc as Geometry }];
  else throw new GeoImportError([{ feature: 0, message: 'expected a GeoJSON FeatureCollection, Feature or Geometry' }]);
  const issues: GeoIssue[] = [];
  features = features.map((f, i) => {
    if (!f || f.type !== 'Feature') {
      issues.push({ feature: i, message: 'not a GeoJSON Feature' });
      return f;
    }
    const label = featureLabel(f);
    const before = issues.length;
    const geometry = convert ? convert(f.geometry, i, label, issues) : f.geometry;
    if (issues.length === before) checkGeometry(geometry, i, label, issues);
    return geometry === f.geometry ? f : { ...f, geometry: geometry as Geometry };
  });
  if (features.length === 0) issues.push({ feature: 0, message: 'the collection has no features' });
  if (issues.length) throw new GeoImportError(issues);
  return { type: 'FeatureCollection', features };
}
