import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { featureLabel, GeoImportError, type GeoIssue } from '../import-issues.js';
import { checkFeatureGeometry, rewind } from './geometry.js';
import { textDecoder } from './text.js';
import { listZip, unzipEntries } from './zip.js';

/** A node of fast-xml-parser's preserveOrder output: { tag: children, ':@': attributes } or { '#text': text }. */
type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true, // kml:Placemark, gx:Track …
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

const tagOf = (n: XNode) => Object.keys(n).find((k) => k !== ':@') ?? '';
const kids = (n: XNode): XNode[] => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
};
const attr = (n: XNode, name: string) => ((n[':@'] ?? {}) as Record<string, unknown>)[name];
const child = (n: XNode, tag: string) => kids(n).find((c) => tagOf(c) === tag);
const childrenNamed = (n: XNode, tag: string) => kids(n).filter((c) => tagOf(c) === tag);
const text = (n: XNode | undefined): string =>
  n
    ? kids(n)
        .map((c) => ('#text' in c ? String(c['#text']) : ''))
        .join('')
        .trim()
    : '';

const fail = (message: string): never => {
  throw new GeoImportError([{ feature: 0, message }]);
};

class KmlIssue extends Error {
  constructor(
    message: string,
    readonly ring?: number,
    readonly vertex?: number,
  ) {
    super(message);
  }
}

/** "lon,lat[,alt] lon,lat[,alt] …" → [lon, lat] positions (altitude dropped). */
function coordinates(el: XNode | undefined, what: string, ring?: number): Position[] {
  const c = el && child(el, 'coordinates');
  if (!c) throw new KmlIssue(`${what} has no <coordinates>`, ring);
  const tuples = text(c).replace(/\s*,\s*/g, ',').split(/\s+/).filter(Boolean);
  return tuples.map((t, k) => {
    const parts = t.split(',');
    const lon = Number(parts[0]), lat = Number(parts[1]);
    if (parts.length < 2 || parts.length > 3 || !Number.isFinite(lon) || !Number.isFinite(lat) || parts.some((p) => p === '')) {
      throw new KmlIssue(`coordinate "${t}" is not "longitude,latitude[,altitude]"`, ring, k);
    }
    return [lon, lat];
  });
}

function ring(boundary: XNode, ringNo: number): Position[] {
  const lr = child(boundary, 'LinearRing');
  if (!lr) throw new KmlIssue(`<${tagOf(boundary)}> has no <LinearRing>`, ringNo);
  return coordinates(lr, 'a LinearRing', ringNo);
}

const GEOMETRIES = new Set(['Point', 'LineString', 'LinearRing', 'Polygon', 'MultiGeometry', 'Model', 'Track', 'MultiTrack']);

function geometry(n: XNode): Geometry {
  const tag = tagOf(n);
  switch (tag) {
    case 'Point': {
      const pts = coordinates(n, 'a Point');
      if (pts.length !== 1) throw new KmlIssue(`a Point needs exactly one coordinate, got ${pts.length}`);
      return { type: 'Point', coordinates: pts[0]! };
    }
    case 'Polygon': {
      const outer = child(n, 'outerBoundaryIs');
      if (!outer) throw new KmlIssue('a Polygon has no <outerBoundaryIs>');
      const rings = [ring(outer, 0)];
      // Each innerBoundaryIs should hold one LinearRing; some writers put several in one.
      for (const inner of childrenNamed(n, 'innerBoundaryIs')) {
        const lrs = childrenNamed(inner, 'LinearRing');
        if (!lrs.length) throw new KmlIssue('<innerBoundaryIs> has no <LinearRing>', rings.length);
        for (const lr of lrs) rings.push(coordinates(lr, 'a LinearRing', rings.length));
      }
      return { type: 'Polygon', coordinates: rings };
    }
    case 'LineString':
    case 'LinearRing':
      return { type: 'LineString', coordinates: coordinates(n, `a ${tag}`) };
    case 'MultiGeometry': {
      const parts: Geometry[] = [];
      const flatten = (m: XNode) => {
        for (const c of kids(m)) {
          if (tagOf(c) === 'MultiGeometry') flatten(c);
          else if (GEOMETRIES.has(tagOf(c))) parts.push(geometry(c));
        }
      };
      flatten(n);
      const types = [...new Set(parts.map((p) => p.type))];
      if (!parts.length) throw new KmlIssue('the MultiGeometry is empty');
      if (types.length === 1 && types[0] === 'Polygon') return { type: 'MultiPolygon', coordinates: parts.map((p) => (p as { coordinates: Position[][] }).coordinates) };
      if (types.length === 1 && types[0] === 'Point') return { type: 'MultiPoint', coordinates: parts.map((p) => (p as { coordinates: Position }).coordinates) };
      throw new KmlIssue(`a MultiGeometry of ${types.join(' and ')} is not supported (all points or all polygons only)`);
    }
    default:
      throw new KmlIssue(`geometry ${tag} is not supported (points and polygons only)`);
  }
}

function properties(pm: XNode): Record<string, string | null> {
  const p: Record<string, string | null> = {};
  const name = child(pm, 'name'), description = child(pm, 'description');
  if (name) p['name'] = text(name);
  if (description) p['description'] = text(description) || null;
  for (const ext of childrenNamed(pm, 'ExtendedData')) {
    const set = (k: unknown, v: string) => {
      if (typeof k === 'string' && k && !(k in p)) p[k] = v || null;
    };
    for (const d of childrenNamed(ext, 'Data')) set(attr(d, 'name'), text(child(d, 'value')));
    for (const sd of childrenNamed(ext, 'SchemaData')) for (const s of childrenNamed(sd, 'SimpleData')) set(attr(s, 'name'), text(s));
  }
  return p;
}

function parseDoc(input: string, name: string): XNode {
  const src = input.replace(/^\uFEFF/, '');
  if (!src.trim()) fail(`${name} is empty`);
  const valid = XMLValidator.validate(src);
  if (valid !== true) fail(`${name} is not well-formed XML (line ${valid.err.line}${valid.err.col ? `, column ${valid.err.col}` : ''}): ${valid.err.msg}`);
  const doc = parser.parse(src) as XNode[];
  const root = doc.find((n) => !tagOf(n).startsWith('#'));
  if (!root || !['kml', 'Document', 'Folder', 'Placemark'].includes(tagOf(root))) return fail(`${name} is not KML: the root element is <${root ? tagOf(root) : ''}>, not <kml>`);
  return root;
}

/**
 * The Placemarks under `n` in document order. A NetworkLink is followed when `follow` resolves its
 * href (in a KMZ, to another .kml in the archive: GDAL's LIBKML driver writes doc.kml that way).
 */
function placemarksOf(n: XNode, follow: (href: string) => XNode | undefined, out: XNode[] = []): XNode[] {
  const tag = tagOf(n);
  if (tag === 'Placemark') out.push(n);
  else if (tag === 'NetworkLink') {
    const href = text(child(child(n, 'Link') ?? child(n, 'Url') ?? {}, 'href'));
    const linked = href ? follow(href) : undefined;
    if (linked) placemarksOf(linked, follow, out);
  } else for (const c of kids(n)) placemarksOf(c, follow, out);
  return out;
}

function collection(placemarks: XNode[]): FeatureCollection {
  const issues: GeoIssue[] = [];
  const features: Feature[] = placemarks.map((pm, i) => {
    const props = properties(pm);
    const f: Feature = { type: 'Feature', properties: props, geometry: null as unknown as Geometry };
    const label = featureLabel(f);
    try {
      const geoms = kids(pm).filter((c) => GEOMETRIES.has(tagOf(c)));
      if (geoms.length > 1) throw new KmlIssue(`the placemark has ${geoms.length} geometries, but a placemark holds one (use a MultiGeometry)`);
      const g = geoms[0] ? geometry(geoms[0]) : null;
      checkFeatureGeometry(g, i, label, issues);
      if (g) f.geometry = g;
    } catch (e) {
      if (!(e instanceof KmlIssue)) throw e;
      issues.push({ feature: i, ...(label ? { label } : {}), ...(e.ring !== undefined ? { ring: e.ring } : {}), ...(e.vertex !== undefined ? { vertex: e.vertex } : {}), message: e.message });
    }
    return f;
  });
  if (issues.length) throw new GeoImportError(issues);
  for (const f of features) f.geometry = rewind(f.geometry);
  return { type: 'FeatureCollection', features };
}

/**
 * Reads KML text into a GeoJSON FeatureCollection in lon/lat degrees: every Placemark in document
 * order (inside Document/Folder nesting at any depth; kml: and other namespace prefixes are
 * tolerated) with a Point, Polygon (outer ring and holes) or MultiGeometry of polygons
 * (→ MultiPolygon) or of points (→ MultiPoint). Properties: name, description and ExtendedData
 * (Data/value and SchemaData/SimpleData), as text. Rings must be closed, as KML requires; every
 * feature is checked and all problems are thrown together (GeoImportError) naming the placemark's
 * index and name. Polygons come out in RFC 7946 orientation. NetworkLinks are not fetched.
 */
export function readKml(input: string): FeatureCollection {
  const placemarks = placemarksOf(parseDoc(input, 'the KML document'), () => undefined);
  if (!placemarks.length) fail('the KML document has no placemarks');
  return collection(placemarks);
}

/**
 * Decodes the bytes of a .kml file: a byte-order mark, else the encoding in the XML declaration
 * (KML from Chinese software is sometimes GB2312/GBK), else UTF-8. Invalid bytes are an error.
 */
export function decodeKml(bytes: Uint8Array, name = 'the KML file'): string {
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const head = String.fromCharCode(...bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
    if (declared) label = declared;
  }
  let dec: InstanceType<typeof TextDecoder>;
  try {
    dec = textDecoder(label, true);
  } catch {
    return fail(`${name} declares the encoding "${label}", which is not known`);
  }
  try {
    return dec.decode(bytes);
  } catch {
    return fail(`${name} is not valid ${label.toUpperCase()} text`);
  }
}

/** "a/b/../c.kml" → "a/c.kml"; null when it leaves the archive. */
function joinPath(dir: string, href: string): string | null {
  const out: string[] = [];
  for (const part of (dir + href).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.pop()) return null;
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * Reads a KMZ (zipped KML): its doc.kml at the top level, else the first .kml in it. NetworkLinks
 * to other .kml files inside the archive are followed (each file once); links elsewhere are not.
 */
export function readKmz(zip: Uint8Array): FeatureCollection {
  const entries = listZip(zip, 'KMZ').filter((e) => /\.kml$/i.test(e.key));
  const main = entries.find((e) => e.key.toLowerCase() === 'doc.kml') ?? entries[0];
  if (!main) return fail('the KMZ holds no .kml file');
  const files = unzipEntries(zip, entries.map((e) => e.key), 'KMZ');
  const seen = new Set<string>();
  const out: XNode[] = [];
  // Collects the placemarks of one file, inlining linked files where their NetworkLink stands.
  const walk = (key: string): void => {
    const entry = entries.find((e) => e.key.toLowerCase() === key.toLowerCase());
    const bytes = entry && files.get(entry.key);
    if (!entry || !bytes || seen.has(entry.key)) return;
    seen.add(entry.key);
    const root = parseDoc(decodeKml(bytes, entry.name), entry.name);
    const dir = entry.key.slice(0, entry.key.lastIndexOf('/') + 1);
    placemarksOf(root, (href) => {
      // Only relative links stay inside the archive (not http:, file:, #fragment).
      if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#')) {
        const path = href.split(/[?#]/)[0]!;
        let target: string | null;
        try {
          target = joinPath(dir, decodeURIComponent(path));
        } catch {
          target = joinPath(dir, path); // a stray "%"
        }
        if (target !== null) walk(target);
      }
      return undefined;
    }, out);
  };
  walk(main.key);
  const placemarks = out;
  if (!placemarks.length) fail(`the KMZ (${main.name}) has no placemarks`);
  return collection(placemarks);
}
