import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import {
  closureCategoryLabel,
  freeText,
  mineStatusLabel,
  miningMethodLabel,
  parseLedgerDate,
  sealingStatusLabel,
  siteAttributesSchema,
  type SiteGeometry,
  type SiteInput,
  type SiteKind,
} from '@minewatch/core';
import {
  checkGeometry,
  decodeKml,
  featureLabel,
  GeoImportError,
  geometryFromChinaOffset,
  parseCornerPoints,
  readGeoJson,
  readKml,
  readKmz,
  readShapefileZip,
  CornerPointError,
  type ChinaOffsetCrs,
  type DatumTransform,
  type GeoIssue,
} from '@minewatch/geo';
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
  /**
   * Per-feature attributes: attribute key → the column (Shapefile field, GeoJSON/KML property) it is
   * read from, e.g. { licenceNo: '许可证号' }. A non-empty cell overrides `attributes`; an empty one
   * leaves the shared value (or the schema default).
   */
  fieldMap?: Record<string, string> | undefined;
  zone?: { width: 3 | 6; zone: number } | undefined;
  /** Xi'an 80 / Beijing 54 input (Shapefile, corner-point text, GeoJSON declaring EPSG:4610/4214): the transformation to CGCS2000. */
  datum?: DatumTransform | undefined;
  /** Longitude/latitude taken from Amap/Tencent (GCJ-02) or Baidu (BD-09) maps (GeoJSON, KML/KMZ). */
  sourceCrs?: ChinaOffsetCrs | undefined;
}

const fail = (message: string, details: { path: string; message: string }[] = [{ path: 'body.file', message }]) => new AppError('VALIDATION', message, details);

function issuesToError(fileName: string, issues: GeoIssue[]): AppError {
  return fail(
    `${fileName}: ${new GeoImportError(issues).message}`,
    issues.slice(0, 200).map((i) => ({ path: `body.file.features.${i.feature}${i.ring !== undefined ? `.ring.${i.ring}` : ''}${i.vertex !== undefined ? `.vertex.${i.vertex}` : ''}`, message: `${i.label ? `(${i.label}) ` : ''}${i.message}` })),
  );
}

const onlyFor = (field: 'datum' | 'sourceCrs', fileName: string, why: string) => fail(`${fileName}: ${why}`, [{ path: `body.${field}`, message: why }]);

/** KML is WGS 84 by definition: a map offset may apply (coordinates digitised on Amap/Baidu), a datum transformation never. */
function kml(fc: FeatureCollection, o: ImportOptions): FeatureCollection {
  if (o.datum) throw onlyFor('datum', o.fileName, 'KML is WGS 84 longitude/latitude by definition: a Xi\'an 80 / Beijing 54 transformation does not apply');
  const from = o.sourceCrs;
  if (!from) return fc;
  const features = fc.features.map((f) => ({ ...f, geometry: geometryFromChinaOffset(f.geometry, from) }));
  // the offsets move points by up to ~1.5 km: check the converted geometry as the reader checked the original
  const issues: GeoIssue[] = [];
  features.forEach((f, i) => checkGeometry(f.geometry, i, featureLabel(f), issues));
  if (issues.length) throw new GeoImportError(issues);
  return { ...fc, features };
}

/** Reads the uploaded bytes with the reader its name (or content) calls for; lon/lat GeoJSON out. */
async function readAny(bytes: Uint8Array, o: ImportOptions): Promise<FeatureCollection> {
  const name = o.fileName.toLowerCase();
  const noOffset = () => {
    if (o.sourceCrs) throw onlyFor('sourceCrs', o.fileName, `the map offset ${o.sourceCrs} applies to longitude/latitude taken from Amap/Baidu (GeoJSON, KML/KMZ), not to surveyed Shapefiles or corner points`);
  };
  try {
    if (name.endsWith('.zip')) {
      const entries = Object.keys(unzipSync(bytes, { filter: (f) => /\.(shp|kml)$/i.test(f.name) && !f.name.startsWith('__MACOSX') }));
      if (entries.some((e) => /\.shp$/i.test(e))) {
        noOffset();
        return await readShapefileZip(bytes, { ...(o.zone ? { zone: o.zone } : {}), ...(o.datum ? { datum: o.datum } : {}) });
      }
      if (entries.some((e) => /\.kml$/i.test(e))) return kml(readKmz(bytes), o);
      throw fail(`${o.fileName}: the zip holds neither a Shapefile (.shp) nor a .kml`);
    }
    if (name.endsWith('.kmz')) return kml(readKmz(bytes), o);
    if (name.endsWith('.kml')) return kml(readKml(decodeKml(bytes, o.fileName)), o);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (name.endsWith('.geojson') || name.endsWith('.json')) return readGeoJson(text, { ...(o.datum ? { datum: o.datum } : {}), ...(o.sourceCrs ? { sourceCrs: o.sourceCrs } : {}) });
    if (name.endsWith('.txt') || name.endsWith('.csv')) {
      noOffset();
      return { type: 'FeatureCollection', features: parseCornerPoints(text, { ...(o.zone ? { zone: o.zone } : {}), ...(o.datum ? { datum: o.datum } : {}) }) as Feature[] };
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

/** The uploaded file's sites, plus the property names (columns) seen in it, for the preview's field mapping. */
export type ImportedSites = SiteInput[] & { columns: string[] };

type Kind = 'text' | 'date' | 'number' | 'integer' | 'boolean' | 'enum';
interface AttrSpec {
  kind: Kind;
  options?: readonly string[];
  required: boolean;
}

type Def = { type: string; format?: string; innerType?: Schema; in?: Schema; checks?: { _zod: { def: { check: string; format?: string } } }[] };
type Schema = { def: Def; options?: readonly string[] };

/** The attribute keys of a kind and what each takes, read from core's siteAttributesSchema (the one source of truth). */
function attributeSpecs(kind: SiteKind): Map<string, AttrSpec> {
  const variant = (siteAttributesSchema as unknown as { options: { shape: Record<string, Schema> }[] }).options.find(
    (o) => (o.shape['kind'] as unknown as { def: { values: string[] } }).def.values[0] === kind,
  );
  const specs = new Map<string, AttrSpec>();
  for (const [key, schema] of Object.entries(variant?.shape ?? {})) {
    if (key === 'kind') continue;
    let s: Schema | undefined = schema;
    let required = true;
    while (s && ['default', 'nullable', 'pipe', 'optional'].includes(s.def.type)) {
      if (s.def.type !== 'pipe') required = false;
      s = s.def.innerType ?? s.def.in;
    }
    if (!s) continue;
    const int = s.def.type === 'number' && (s.def.format === 'safeint' || (s.def.checks ?? []).some((c) => c._zod.def.format === 'safeint'));
    const k: Kind = s.def.type === 'string' ? (s.def.format === 'date' ? 'date' : 'text') : s.def.type === 'number' ? (int ? 'integer' : 'number') : s.def.type === 'boolean' ? 'boolean' : 'enum';
    specs.set(key, { kind: k, required, ...(k === 'enum' ? { options: s.options ?? [] } : {}) });
  }
  return specs;
}

type Label = { zh: string; en: string };
/** Chinese (and English) words accepted for enum codes in files, per attribute; codes themselves are always accepted. */
const ENUM_WORDS: Record<string, Record<string, Label>> = {
  method: miningMethodLabel,
  status: mineStatusLabel,
  category: { ...closureCategoryLabel, nature_reserve: { zh: '自然保护区', en: 'Nature reserve' }, water_source: { zh: '水源地', en: 'Water-source area' }, scenic_area: { zh: '风景名胜区', en: 'Scenic area' }, forest_park: { zh: '森林公园', en: 'Forest park' }, other: { zh: '其他', en: 'Other' } },
  sealingStatus: sealingStatusLabel,
  scale: { large: { zh: '大型', en: 'Large' }, medium: { zh: '中型', en: 'Medium' }, small: { zh: '小型', en: 'Small' } },
  safetyStatus: { normal: { zh: '正常库', en: 'Normal' }, ill: { zh: '病库', en: 'Defective' }, dangerous: { zh: '险库', en: 'Dangerous' }, critical: { zh: '危库', en: 'Critical' } },
  restoration: { not_started: { zh: '未修复', en: 'Not started' }, in_progress: { zh: '修复中', en: 'In progress' }, completed: { zh: '已修复', en: 'Restored' } },
  type: { soil: { zh: '排土场', en: 'Waste-soil dump' }, gangue: { zh: '排矸场', en: 'Gangue dump' } },
  level: { national: { zh: '国家级', en: 'National' }, provincial: { zh: '省级', en: 'Provincial' }, prefecture: { zh: '市级', en: 'Prefecture' }, county: { zh: '县级', en: 'County' } },
  listLevel: { national: { zh: '国家级', en: 'National' }, provincial: { zh: '省级', en: 'Provincial' } },
};

const CONTROL = /[\u0000-\u001f\u007f]/;
const TRUE_WORDS = new Set(['是', '有', 'true', 'yes', 'y', 't', '1', '√']);
const FALSE_WORDS = new Set(['否', '无', 'false', 'no', 'n', 'f', '0', '×']);
/** Units officials append to figures in attribute tables; dropped before reading the number. */
const UNITS = /(平方公里|平方千米|km2|km²|万m3|万m³|万立方米|立方米|m3|m³|平方米|m2|m²|亩|公里|千米|km|米|m|个|口|座|度|°)$/i;

type Coerced = { ok: true; value: unknown } | { ok: false; why: string };

/** A cell value as the attribute's type wants it; empty cells are `undefined` (the shared value or default applies). */
function coerce(spec: AttrSpec, key: string, raw: unknown): Coerced {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: undefined };
  const text = typeof raw === 'string' ? raw.normalize('NFKC').trim() : String(raw);
  switch (spec.kind) {
    case 'text':
      if (CONTROL.test(text)) return { ok: false, why: 'contains control characters (line breaks, tabs or other invisible characters)' };
      return { ok: true, value: text };
    case 'number':
    case 'integer': {
      if (typeof raw === 'number') return { ok: true, value: raw };
      const s = text.replace(/[\s,]/g, '').replace(UNITS, '');
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, why: `"${text}" is not a number` };
      return { ok: true, value: Number(s) };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const w = text.toLowerCase();
      if (TRUE_WORDS.has(w)) return { ok: true, value: true };
      if (FALSE_WORDS.has(w)) return { ok: true, value: false };
      return { ok: false, why: `"${text}" is not yes/no (write 是 or 否)` };
    }
    case 'date': {
      // a dBASE N field holding 20221231 is a yyyymmdd date, not an Excel serial
      const v = typeof raw === 'number' && /^\d{8}$/.test(String(raw)) ? String(raw) : typeof raw === 'number' ? raw : text;
      const d = parseLedgerDate(v);
      return d.ok ? { ok: true, value: d.date } : { ok: false, why: d.messageEn.replace(/ and the campaign year is unknown$/, '') };
    }
    case 'enum': {
      const options = spec.options ?? [];
      const words = ENUM_WORDS[key] ?? {};
      const w = text.toLowerCase();
      const hit = options.find((o) => o === w || words[o]?.zh === text || words[o]?.en.toLowerCase() === w);
      if (hit) return { ok: true, value: hit };
      const allowed = options.map((o) => (words[o] ? `${words[o].zh} (${o})` : o)).join(', ');
      return { ok: false, why: `"${text}" is not one of ${allowed}` };
    }
  }
}

/** Property names in the order first seen across the features. */
function columnsOf(fc: FeatureCollection): string[] {
  const seen = new Set<string>();
  for (const f of fc.features) for (const k of Object.keys(f.properties ?? {})) seen.add(k);
  return [...seen];
}

type Detail = { path: string; message: string };

/** A point strictly inside a polygon (outer ring, not in a hole); planar in lon/lat, fine at licence scale. */
function strictlyInside(pt: Position, poly: Position[][]): boolean {
  const inRing = (r: Position[]): 'in' | 'out' | 'edge' => {
    let inside = false;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i] as [number, number], [xj, yj] = r[j] as [number, number];
      const cross = (xj - xi) * (pt[1]! - yi) - (yj - yi) * (pt[0]! - xi);
      if (Math.abs(cross) < 1e-12 && Math.min(xi, xj) - 1e-12 <= pt[0]! && pt[0]! <= Math.max(xi, xj) + 1e-12 && Math.min(yi, yj) - 1e-12 <= pt[1]! && pt[1]! <= Math.max(yi, yj) + 1e-12) return 'edge';
      if (yi > pt[1]! !== yj > pt[1]! && pt[0]! < ((xj - xi) * (pt[1]! - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? 'in' : 'out';
  };
  if (inRing(poly[0]!) !== 'in') return false;
  return poly.slice(1).every((h) => inRing(h) === 'out');
}

function properlyCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o = (p: Position, q: Position, r: Position) => Math.sign((q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!));
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Whether two polygons share interior (touching along an edge or at a corner is not overlapping). */
function polygonsOverlap(p: Position[][], q: Position[][]): boolean {
  const edges = (poly: Position[][]) => poly.flatMap((r) => r.slice(0, -1).map((v, k) => [v, r[k + 1]!] as const));
  const ep = edges(p), eq = edges(q);
  for (const [a, b] of ep) for (const [c, d] of eq) if (properlyCross(a, b, c, d)) return true;
  const probes = (poly: Position[][]) => [...poly[0]!, ...edges(poly).map(([a, b]) => [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2]), centroid(poly[0]!)];
  return probes(p).some((v) => strictlyInside(v, q)) || probes(q).some((v) => strictlyInside(v, p));
}

function centroid(r: Position[]): Position {
  let a = 0, x = 0, y = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const f = r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
    a += f;
    x += (r[i]![0]! + r[i + 1]![0]!) * f;
    y += (r[i]![1]! + r[i + 1]![1]!) * f;
  }
  return a === 0 ? r[0]! : [x / (3 * a), y / (3 * a)];
}

/**
 * Corner-point text carries one licence (the 采矿权 registry layout lists its 块段, each with its
 * own 开采标高): for a licensed mine its blocks become ONE site, a MultiPolygon, named after the
 * file, with the licence's elevation range (highest top, lowest bottom). Blocks stacked over each
 * other in plan cannot be one valid MultiPolygon and are refused, naming both.
 */
function mergeLicenceBlocks(fc: FeatureCollection, fileName: string): FeatureCollection {
  if (fc.features.length < 2) return fc;
  const polys: { poly: Position[][]; block: string }[] = [];
  fc.features.forEach((f, i) => {
    const g = f.geometry as Polygon | MultiPolygon;
    const block = String((f.properties as { name?: string } | null)?.name || `block ${i + 1}`);
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) polys.push({ poly, block });
  });
  const issues: Detail[] = [];
  for (let i = 0; i < polys.length; i++) for (let j = i + 1; j < polys.length; j++) {
    if (polys[i]!.block !== polys[j]!.block && polygonsOverlap(polys[i]!.poly, polys[j]!.poly)) {
      issues.push({ path: 'body.file.features.0', message: `blocks ${polys[i]!.block} and ${polys[j]!.block} of this licence overlap in plan (stacked at different 开采标高); one site cannot hold overlapping polygons: import the blocks as separate files or merge their outlines` });
    }
  }
  if (issues.length) throw fail(`${fileName}: ${issues.map((i) => i.message).join('; ')}`, issues);
  const nums = (k: 'elevationTop' | 'elevationBottom') => fc.features.map((f) => (f.properties as Record<string, unknown>)[k]).filter((v): v is number => typeof v === 'number');
  const tops = nums('elevationTop'), bottoms = nums('elevationBottom');
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').trim();
  const first = fc.features[0]!.properties ?? {};
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: polys.map((p) => p.poly) },
        properties: {
          ...first,
          name: stem || fileName,
          blocks: fc.features.map((f) => (f.properties as { name?: string } | null)?.name ?? '').join('、'),
          elevationTop: tops.length ? Math.max(...tops) : null,
          elevationBottom: bottoms.length ? Math.min(...bottoms) : null,
        },
      },
    ],
  };
}

/**
 * Turns an uploaded file into site inputs, every one validated; any problem rejects the whole file,
 * and every feature's problems are reported together. Attributes = the shared `attributes`, then
 * per feature the `fieldMap` columns (coerced to each attribute's type), then for a licensed mine
 * read from corner-point text the 开采标高 of its blocks where not given.
 */
export async function parseImport(bytes: Uint8Array, o: ImportOptions): Promise<ImportedSites> {
  const kind = o.kind as SiteKind;
  const specs = attributeSpecs(kind);
  const fieldMap = o.fieldMap ?? {};
  const unknownKeys = Object.keys(fieldMap).filter((k) => !specs.has(k));
  if (unknownKeys.length) {
    throw fail(
      `fieldMap: ${kind} has no attribute ${unknownKeys.join(', ')} (its attributes: ${[...specs.keys()].join(', ')})`,
      unknownKeys.map((k) => ({ path: `body.fieldMap.${k}`, message: `${kind} has no attribute "${k}"` })),
    );
  }
  // The shared attributes are checked first, except for values the file supplies per feature.
  const shared = siteAttributesSchema.safeParse({ ...o.attributes, kind: o.kind });
  if (!shared.success) {
    const fromFile = (key: unknown) => typeof key === 'string' && key in fieldMap && (o.attributes[key] === undefined || o.attributes[key] === null);
    const left = shared.error.issues.filter((i) => !fromFile(i.path[0]));
    if (left.length) {
      throw fail(
        `attributes for every imported ${o.kind}: ${left.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        left.map((i) => ({ path: `body.attributes.${i.path.join('.')}`, message: i.message })),
      );
    }
  }

  let fc = await readAny(bytes, o);
  const corner = /\.(txt|csv)$/i.test(o.fileName);
  if (corner && kind === 'licensed_mine') fc = mergeLicenceBlocks(fc, o.fileName);
  const columns = columnsOf(fc);
  const missing = Object.entries(fieldMap).filter(([, col]) => !columns.includes(col)).map(([k, col]) => ({ path: `body.fieldMap.${k}`, col }));
  if (o.nameField !== undefined && !columns.includes(o.nameField)) missing.push({ path: 'body.nameField', col: o.nameField });
  if (missing.length) {
    const have = columns.length ? columns.join(', ') : 'none';
    throw fail(
      `${o.fileName}: no column ${missing.map((m) => `"${m.col}"`).join(', ')} in the file (its columns: ${have})`,
      missing.map((m) => ({ path: m.path, message: `no column "${m.col}" in the file (its columns: ${have})` })),
    );
  }

  const perFeature = Object.keys(fieldMap).length > 0 || (corner && kind === 'licensed_mine');
  const geoIssues: GeoIssue[] = [];
  const details: Detail[] = [];
  const out: SiteInput[] = [];
  fc.features.forEach((f, i) => {
    const g = f.geometry;
    const props = (f.properties ?? {}) as Record<string, unknown>;
    if (!g || !['Point', 'MultiPoint', 'Polygon', 'MultiPolygon'].includes(g.type)) {
      geoIssues.push({ feature: i, message: `geometry type ${g?.type ?? 'none'} cannot be a site` });
      return;
    }
    const raw = o.nameField ? props[o.nameField] : (featureLabel(f) ?? props['name']);
    const rawName = raw === undefined || raw === null ? '' : String(raw).trim();
    const name = (rawName === '' ? `${o.fileName} #${i + 1}` : rawName).slice(0, 200);
    const at = `body.file.features.${i}`;
    const who = `feature ${i + 1} (${name.replace(CONTROL, '?')})`;
    if (CONTROL.test(name) || !freeText(200).safeParse(name).success) {
      details.push({ path: `${at}.name`, message: `${who}: the name${o.nameField ? ` from column "${o.nameField}"` : ''} contains control characters (line breaks, tabs or other invisible characters)` });
    }
    if (!perFeature && shared.success) {
      // every site shares one attributes object (the preview stores it once)
      out.push({ regionCode: o.regionCode, name, attributes: shared.data, geometry: g as SiteGeometry });
      return;
    }
    const attrs: Record<string, unknown> = { ...o.attributes };
    for (const [key, col] of Object.entries(fieldMap)) {
      const c = coerce(specs.get(key)!, key, props[col]);
      if (!c.ok) details.push({ path: `${at}.attributes.${key}`, message: `${who}: ${key} from column "${col}": ${c.why}` });
      else if (c.value !== undefined) attrs[key] = c.value;
    }
    if (corner && kind === 'licensed_mine') {
      // 开采标高 of the licence's blocks, unless the form gave them
      for (const k of ['elevationTop', 'elevationBottom'] as const) {
        if ((attrs[k] === undefined || attrs[k] === null) && typeof props[k] === 'number') attrs[k] = props[k];
      }
    }
    if (attrs['sealingStatus'] === 'sealed') {
      details.push({ path: `${at}.attributes.sealingStatus`, message: `${who}: 已封堵 needs photo evidence: register the site, then record the sealing through POST /api/sites/{id}/sealing` });
    }
    const parsed = siteAttributesSchema.safeParse({ ...attrs, kind: o.kind });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (details.some((d) => d.path === `${at}.attributes.${key}`)) continue; // already explained by the coercion
        const col = fieldMap[key];
        const source = col ? ` from column "${col}"${props[col] === undefined || props[col] === null || props[col] === '' ? ' (empty)' : ` = "${String(props[col])}"`}` : ' (shared attribute)';
        details.push({ path: `${at}.attributes.${issue.path.join('.')}`, message: `${who}: ${key || 'attributes'}${source}: ${issue.message}` });
      }
      return;
    }
    out.push({ regionCode: o.regionCode, name, attributes: parsed.data, geometry: g as SiteGeometry });
  });
  if (geoIssues.length) throw issuesToError(o.fileName, geoIssues);
  if (details.length) {
    const features = new Set(details.map((d) => d.path.split('.')[3]));
    const shown = details.slice(0, 10).map((d) => d.message).join('; ');
    throw fail(`${o.fileName}: ${details.length} problem${details.length > 1 ? 's' : ''} in ${features.size} feature${features.size > 1 ? 's' : ''}; nothing was stored: ${shown}${details.length > 10 ? '; …' : ''}`, details.slice(0, 500));
  }
  if (out.length === 0) throw fail(`${o.fileName}: no features`);
  return Object.assign(out, { columns });
}
