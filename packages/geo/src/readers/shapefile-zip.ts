import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { openShp } from 'shapefile';
import { CrsError, projDef, zoneFromY, zoneOf, type GkZone, type ZoneWidth } from '../crs.js';
import { DatumError, describeTransform, LEGACY_DATUMS, legacyEpsg, legacyLonLatConverter, legacyPlaneConverter, legacyProjDef, zoneProjection, type DatumTransform } from '../datum.js';
import { featureLabel, GeoImportError, type GeoIssue } from '../import-issues.js';
import { cpgEncoding, DbfEncodingError, DbfFormatError, dbfDecodes, readDbf, type DbfTable } from './dbf.js';
import { checkFeatureGeometry, mapPositions, rewind } from './geometry.js';
import { parsePrj, PrjError, type PrjCrs } from './prj.js';
import { tmToLonLat } from './tm.js';
import { listZip, unzipEntries, type ZipEntry } from './zip.js';

export interface ShapefileOptions {
  /** The zone of projected coordinates whose Y (easting) has no zone prefix, used only when there is no .prj. */
  zone?: { width: ZoneWidth; zone: number };
  /** Attribute encoding (TextDecoder label, or a code page such as "936") when there is no .cpg. */
  encoding?: string;
  /**
   * The layer is Xi'an 1980 / Beijing 1954 and this transformation takes it to CGCS2000. Required
   * when the .prj names one of them (and must be from that datum); refused with a CGCS2000/WGS 84
   * .prj. Without a .prj it says the coordinates are in its source datum (zone as without a .prj).
   */
  datum?: DatumTransform;
}

/** How the archive was read: shown to the user so a wrong guess is visible. */
export interface ShapefileMeta {
  /** Path of the .shp inside the archive. */
  layer: string;
  /** TextDecoder encoding of the attributes. */
  encoding: string;
  encodingFrom: 'cpg' | 'option' | 'detected';
  /** The coordinates as read, e.g. "CGCS2000_3_Degree_GK_Zone_37" or "longitude/latitude (no .prj)". */
  crs: string;
  crsFrom: 'prj' | 'coordinates';
  epsg?: number;
  /** PROJ definition of the projection the coordinates were converted from. */
  proj?: string;
  /** The datum transformation applied (Xi'an 1980 / Beijing 1954 input only). */
  transformation?: string;
}

export type ShapefileCollection = FeatureCollection & { meta: ShapefileMeta };

const fail = (message: string, feature = 0): never => {
  throw new GeoImportError([{ feature, message }]);
};

/** Finds the layer's files: exactly one .shp, its .dbf, and the optional .prj and .cpg beside it. */
function pick(entries: ZipEntry[]): { shp: ZipEntry; dbf: ZipEntry; prj?: ZipEntry; cpg?: ZipEntry } {
  const shps = entries.filter((e) => /\.shp$/i.test(e.key));
  if (shps.length === 0) {
    const names = entries.slice(0, 10).map((e) => e.name).join(', ');
    fail(`the archive holds no .shp file${entries.length ? ` (it holds ${names}${entries.length > 10 ? ', …' : ''})` : ' (it is empty)'}`);
  }
  if (shps.length > 1) fail(`the archive holds ${shps.length} layers (${shps.map((e) => e.name).join(', ')}): zip one layer at a time`);
  const shp = shps[0]!;
  const base = shp.key.slice(0, -4).toLowerCase();
  const beside = (ext: string) => entries.find((e) => e.key.toLowerCase() === base + ext);
  const dbf = beside('.dbf');
  if (!dbf) fail(`the archive has ${shp.name} but no ${shp.name.slice(0, -4)}.dbf beside it: a Shapefile needs its .dbf (attributes)`);
  const prj = beside('.prj'), cpg = beside('.cpg');
  return { shp, dbf: dbf!, ...(prj ? { prj } : {}), ...(cpg ? { cpg } : {}) };
}

/** Decodes the .dbf in the encoding from the .cpg, the option, or detection (UTF-8, else GBK). */
function attributes(dbf: Uint8Array, cpgText: string | undefined, opts: ShapefileOptions): { table: DbfTable; from: ShapefileMeta['encodingFrom'] } {
  let encoding: string | null | undefined = null;
  let from: ShapefileMeta['encodingFrom'] = 'detected';
  let said = '';
  if (cpgText !== undefined) {
    encoding = cpgEncoding(cpgText);
    if (encoding === undefined) fail(`the .cpg names the encoding "${cpgText.trim()}", which is not known: fix the .cpg or remove it`);
    if (encoding) {
      from = 'cpg';
      said = `the .cpg says "${cpgText.trim()}"`;
    }
  }
  if (!encoding && opts.encoding) {
    encoding = cpgEncoding(opts.encoding);
    if (!encoding) fail(`the encoding "${opts.encoding}" is not known`);
    from = 'option';
    said = `the encoding chosen is "${opts.encoding}"`;
  }
  try {
    if (!encoding) {
      from = 'detected';
      encoding = dbfDecodes(dbf, 'utf-8') ? 'utf-8' : 'gbk';
      said = encoding === 'utf-8' ? 'detected' : 'nor UTF-8: detection tried both';
    }
    return { table: readDbf(dbf, encoding), from };
  } catch (e) {
    if (e instanceof DbfFormatError) return fail(e.message);
    if (!(e instanceof DbfEncodingError)) throw e;
    // Name the record by the label the bytes have in the other likely encoding, when they have one.
    const other = encoding === 'utf-8' ? 'gbk' : 'utf-8';
    let alt: DbfTable | undefined;
    try {
      alt = readDbf(dbf, other);
    } catch {
      alt = undefined;
    }
    const rec = e.record === null ? undefined : (alt ?? readDbf(dbf, e.encoding, false)).records[e.record];
    const label = rec ? labelOf(rec) : undefined;
    const altName = alt?.fields[e.field]?.name;
    const where = e.record === null ? `field name #${e.field + 1} (${altName ? `"${altName}" in ${other.toUpperCase()}` : `"${e.fieldName}"`})` : `field "${e.fieldName}"`;
    const hint = from === 'detected' ? 'give the encoding (a .cpg file or the encoding option)' : alt ? `the bytes are valid ${other.toUpperCase()}: if the data is ${other.toUpperCase()}, correct or remove the .cpg / encoding` : 'check the .cpg / encoding';
    throw new GeoImportError([
      { feature: e.record ?? 0, ...(label ? { label } : {}), message: `bad encoding: ${where} is not valid ${e.encoding.toUpperCase()} (${said}) — ${hint}` },
    ]);
  }
}

class ConvertIssue extends Error {}

const labelOf = (properties: Record<string, unknown>) => featureLabel({ type: 'Feature', properties } as Feature);

function firstPosition(g: Geometry): Position | undefined {
  switch (g.type) {
    case 'Point':
      return g.coordinates;
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates[0];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates[0]?.[0];
    case 'MultiPolygon':
      return g.coordinates[0]?.[0]?.[0];
    default:
      return undefined;
  }
}

const zoneName = (z: GkZone) => `${z.width}° zone ${z.zone}${z.prefixed ? '' : ` (CM ${z.centralMeridian}°E, no prefix)`}`;

/**
 * Reads a zipped Shapefile layer (.shp + .dbf, with .prj and .cpg when present) into a GeoJSON
 * FeatureCollection in CGCS2000 lon/lat degrees (outer rings counter-clockwise, RFC 7946).
 *
 * - Encoding of the attributes: the .cpg, else opts.encoding, else UTF-8 if every name and value is
 *   valid UTF-8, else GBK. Bytes invalid in that encoding are an error ("bad encoding").
 * - Coordinates: per the .prj (CGCS2000/WGS 84 lon/lat or Gauss–Krüger; Xi'an 1980 / Beijing 1954
 *   only with opts.datum, refused without). Without a .prj, values all within ±180 are lon/lat;
 *   larger ones are Gauss–Krüger with the zone from the Y (easting = Shapefile x) prefix, or
 *   opts.zone when Y has none; with opts.datum they are in its source datum. A layer in more than
 *   one zone is an error.
 * - All-or-nothing: every feature is checked (closed rings, in China, no self-intersection) and all
 *   problems are thrown together as a GeoImportError naming the feature index and label.
 */
export async function readShapefileZip(zip: Uint8Array, opts: ShapefileOptions = {}): Promise<ShapefileCollection> {
  const entries = listZip(zip, 'upload');
  const files = pick(entries);
  const bytes = unzipEntries(zip, [files.shp.key, files.dbf.key, ...(files.prj ? [files.prj.key] : []), ...(files.cpg ? [files.cpg.key] : [])], 'upload');
  const get = (e: ZipEntry) => bytes.get(e.key) ?? fail(`cannot extract ${e.name}`);
  const text = (e: ZipEntry) => new TextDecoder('utf-8').decode(get(e));

  const { table, from: encodingFrom } = attributes(get(files.dbf), files.cpg && text(files.cpg), opts);

  let prj: PrjCrs | undefined;
  const prjText = files.prj ? text(files.prj) : '';
  if (prjText.trim()) {
    try {
      prj = parsePrj(prjText, opts.datum ? { datum: opts.datum } : {});
    } catch (e) {
      if (e instanceof PrjError) fail(e.message);
      throw e;
    }
  }
  const datum = opts.datum;
  let chosen: GkZone | undefined;
  if (!prj && opts.zone) {
    try {
      chosen = zoneOf(opts.zone.width, opts.zone.zone, false);
    } catch (e) {
      if (e instanceof CrsError) fail(e.message);
      throw e;
    }
  }

  let source;
  try {
    source = await openShp(get(files.shp));
  } catch (e) {
    return fail(`${files.shp.name} is not a readable .shp: ${(e as Error).message}`);
  }
  const [xmin = 0, ymin = 0, xmax = 0, ymax = 0] = source.bbox;
  // Degrees, or metres? Gauss–Krüger coordinates in China are hundreds of kilometres; ±180 leaves
  // room for swapped lon/lat, which checkGeometry then names.
  const lonLatLooking = Math.max(Math.abs(xmin), Math.abs(xmax), Math.abs(ymin), Math.abs(ymax)) <= 180;

  // Per-layer conversion, and the check that the first vertex fits what the .prj says.
  let convert: ((p: Position) => Position) | null = null;
  let fits: ((p: Position) => string | null) | null = null;
  let layerZone: { zone: GkZone; feature: number } | undefined;
  let feature = 0;
  // Old-datum conversions throw DatumError for an implausible shift; it becomes the feature's issue.
  const guarded = (f: (a: number, b: number) => [number, number]) => (p: Position) => {
    try {
      return f(p[0]!, p[1]!);
    } catch (e) {
      if (e instanceof DatumError) throw new ConvertIssue(`${p[0]}, ${p[1]}: ${e.message}`);
      throw e;
    }
  };
  const prefixFits = (fe: number) => {
    const gk = fe === 500_000 || (fe > 1_000_000 && (fe - 500_000) % 1_000_000 === 0);
    return (p: Position) =>
      gk && (fe >= 1_000_000) !== (Math.abs(p[0]!) >= 1_000_000)
        ? `Y (easting) ${p[0]} ${fe >= 1_000_000 ? 'has no zone prefix' : 'carries a zone prefix'} but the .prj's false easting is ${fe}: the .prj does not belong to these coordinates`
        : null;
  };
  const lonLatFits = (p: Position) =>
    Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90 ? `the .prj says longitude/latitude but the coordinates are ${p[0]}, ${p[1]} (metres?): the .prj does not belong to these coordinates` : null;
  if (prj?.kind === 'tm') {
    const f = tmToLonLat(prj.proj);
    convert = (p) => f(p[0]!, p[1]!);
    fits = prefixFits(prj.params.falseEasting);
  } else if (prj?.kind === 'legacy-tm') {
    convert = guarded(legacyPlaneConverter(prj.params, prj.transform));
    fits = prefixFits(prj.params.falseEasting);
  } else if (prj?.kind === 'lonlat') {
    fits = lonLatFits;
  } else if (prj?.kind === 'legacy-lonlat') {
    convert = guarded(legacyLonLatConverter(prj.transform));
    fits = lonLatFits;
  } else if (datum && lonLatLooking) {
    // No .prj, values within ±180 and an old-datum transformation: old-datum longitude/latitude.
    try {
      convert = guarded(legacyLonLatConverter(datum));
    } catch (e) {
      if (e instanceof DatumError) fail(`there is no .prj and the coordinates look like longitude/latitude: ${e.message}`);
      throw e;
    }
  } else if (!lonLatLooking) {
    const toLonLat = new Map<number, (e: number, n: number) => [number, number]>();
    convert = (p) => {
      const x = p[0]!;
      let z: GkZone | null;
      try {
        z = zoneFromY(x);
      } catch (e) {
        if (e instanceof CrsError) throw new ConvertIssue(`there is no .prj and ${e.message}`);
        throw e;
      }
      if (z && chosen && (z.zone !== chosen.zone || z.width !== chosen.width)) throw new ConvertIssue(`Y (easting) ${x} carries the prefix of zone ${z.zone} but ${zoneName(chosen)} was chosen`);
      if (!z) z = chosen ?? null;
      if (!z) throw new ConvertIssue(`there is no .prj and Y (easting) ${x} has no zone prefix: choose the zone (3° or 6° and its number)`);
      if (!layerZone) layerZone = { zone: z, feature };
      else if (layerZone.zone.epsg !== z.epsg) throw new ConvertIssue(`mixed zones: Y (easting) ${x} is in ${zoneName(z)} but feature ${layerZone.feature} is in ${zoneName(layerZone.zone)}`);
      let f = toLonLat.get(z.epsg);
      if (!f) toLonLat.set(z.epsg, (f = datum ? legacyPlaneConverter(zoneProjection(z), datum) : tmToLonLat(projDef(z))));
      return datum ? guarded(f)(p) : f(x, p[1]!);
    };
  }

  const features: Feature[] = [];
  const issues: GeoIssue[] = [];
  for (;;) {
    let r;
    try {
      r = await source.read();
    } catch (e) {
      issues.push({ feature, message: `the .shp is damaged at this record: ${(e as Error).message}` });
      break;
    }
    if (r.done) break;
    const properties = table.records[feature] ?? {};
    const raw = r.value as Geometry | null;
    const label = labelOf(properties);
    const at = { feature, ...(label ? { label } : {}) };
    let geometry: Geometry | null = raw;
    try {
      const first = raw && firstPosition(raw);
      const misfit = first && fits?.(first);
      if (misfit) throw new ConvertIssue(misfit);
      if (raw && convert) geometry = mapPositions(raw, convert);
      checkFeatureGeometry(geometry, feature, label, issues);
    } catch (e) {
      if (!(e instanceof ConvertIssue)) throw e;
      issues.push({ ...at, message: e.message });
    }
    features.push({ type: 'Feature', properties, geometry: geometry as Geometry }); // null only with an issue recorded
    feature++;
  }
  if (feature !== table.records.length) {
    issues.push({ feature: Math.min(feature, table.records.length), message: `the .shp has ${feature} shapes but the .dbf has ${table.records.length} records: the files do not belong together` });
  }
  if (feature === 0) issues.push({ feature: 0, message: 'the layer has no features' });
  if (issues.length) throw new GeoImportError(issues);

  for (const f of features) f.geometry = rewind(f.geometry);
  const z = layerZone?.zone;
  const sourceDatum = datum ? LEGACY_DATUMS[datum.from].name : 'CGCS2000';
  const meta: ShapefileMeta = {
    layer: files.shp.name,
    encoding: table.encoding,
    encodingFrom,
    ...(prj
      ? {
          crs: prj.name || (prj.kind === 'lonlat' || prj.kind === 'legacy-lonlat' ? `${prj.kind === 'lonlat' ? prj.datum : LEGACY_DATUMS[prj.datum].name} longitude/latitude` : prj.proj),
          crsFrom: 'prj' as const,
          ...(prj.epsg !== undefined ? { epsg: prj.epsg } : {}),
          ...(prj.kind === 'tm' || prj.kind === 'legacy-tm' ? { proj: prj.proj } : {}),
        }
      : z
        ? {
            crs: `${sourceDatum} ${z.width}° Gauss–Krüger zone ${z.zone}${z.prefixed ? ' (from the Y prefix)' : ' (zone chosen)'}`,
            crsFrom: 'coordinates' as const,
            epsg: datum ? legacyEpsg(datum.from, z) : z.epsg,
            proj: datum ? legacyProjDef(zoneProjection(z), datum.from) : projDef(z),
          }
        : { crs: `${datum ? `${sourceDatum} ` : ''}longitude/latitude (no .prj)`, crsFrom: 'coordinates' as const, ...(datum ? { epsg: LEGACY_DATUMS[datum.from].geographicEpsg } : {}) }),
    ...(datum ? { transformation: describeTransform(datum) } : {}),
  };
  return { type: 'FeatureCollection', features, meta };
}

