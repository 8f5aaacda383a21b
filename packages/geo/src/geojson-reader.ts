import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { checkGeometry, featureLabel, GeoImportError, type GeoIssue } from './import-issues.js';

/**
 * Reads GeoJSON text (FeatureCollection, Feature or bare Geometry) in lon/lat degrees (RFC 7946;
 * CGCS2000 ≈ WGS 84). Every feature is checked; any problem throws GeoImportError listing all of
 * them, so nothing is half imported.
 */
export function readGeoJson(text: string): FeatureCollection {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new GeoImportError([{ feature: 0, message: `not valid JSON: ${(e as Error).message}` }]);
  }
  const d = doc as { type?: string; features?: unknown; crs?: { properties?: { name?: string } } };
  const crs = d.crs?.properties?.name;
  if (crs && !/(CRS84|4326|4490|WGS ?84|CGCS ?2000)/i.test(crs)) {
    throw new GeoImportError([{ feature: 0, message: `declares CRS ${crs}; GeoJSON must be longitude/latitude (convert projected data first, or import it as a Shapefile with its .prj)` }]);
  }
  let features: Feature[];
  if (d.type === 'FeatureCollection' && Array.isArray(d.features)) features = d.features as Feature[];
  else if (d.type === 'Feature') features = [doc as Feature];
  else if (typeof d.type === 'string' && d.type !== 'FeatureCollection') features = [{ type: 'Feature', properties: {}, geometry: doc as Geometry }];
  else throw new GeoImportError([{ feature: 0, message: 'expected a GeoJSON FeatureCollection, Feature or Geometry' }]);
  const issues: GeoIssue[] = [];
  features.forEach((f, i) => {
    if (!f || f.type !== 'Feature') issues.push({ feature: i, message: 'not a GeoJSON Feature' });
    else checkGeometry(f.geometry, i, featureLabel(f), issues);
  });
  if (features.length === 0) issues.push({ feature: 0, message: 'the collection has no features' });
  if (issues.length) throw new GeoImportError(issues);
  return { type: 'FeatureCollection', features };
}
