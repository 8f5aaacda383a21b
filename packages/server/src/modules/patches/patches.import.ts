import { Readable } from 'node:stream';
import type { Feature, Geometry } from 'geojson';
import ExcelJS from 'exceljs';
import {
  isWithinRegion,
  M2_PER_AREA_UNIT,
  mapPatchHeaders,
  parseCoordinate,
  parseCoordinatePair,
  parseDeclaredArea,
  parsePatchDate,
  patchFieldLabel,
  patchInputSchema,
  type AreaUnit,
  type PatchColumns,
  type PatchField,
  type PatchGeometry,
  type PatchInput,
} from '@minewatch/core';
import {
  centroid,
  checkGeometry,
  CrsError,
  geodesicArea,
  GeoImportError,
  gkToLonLat,
  inChina,
  readGeoJson,
  readShapefileZip,
  readWkt,
  WktError,
  zoneFromY,
  zoneOf,
  M2_PER_MU,
  type GeoIssue,
  type GkZone,
} from '@minewatch/geo';
import { AppError, type FieldIssue } from '../../errors.js';

/**
 * What an upload of patches may be (state it exactly, the UI and the README quote this):
 *  - `.zip` holding one Shapefile layer (.shp/.dbf, .prj or a zone option, .cpg or detected
 *    UTF-8/GBK): polygons (or points), one patch per feature;
 *  - `.geojson` / `.json`: a FeatureCollection (or one Feature) in lon/lat;
 *  - `.xlsx`: the first sheet with a 图斑编号 column (or the sheet named by `sheet`); its header row
 *    is found among the first 30 rows (title rows above it are fine). Each row's geometry is the
 *    WKT column when present and filled (POINT/POLYGON/MULTIPOLYGON, lon/lat or Gauss–Krüger with
 *    a zone prefix or SRID=45xx;), else the point at 中心坐标 ("lon,lat" in one column, or X/Y —
 *    longitude/latitude columns in decimal degrees or 111°07′12″, or Gauss–Krüger metres with
 *    the zone prefix on the easting or the upload's zone).
 * Columns are recognised by name (Chinese headers, pinyin initials such as TBBH/XZQDM/QSX/HSX/MJ/
 * ZXZB, English); other columns are kept as attributes. A blank 行政区代码 means the upload's region.
 */
export interface PatchImportOptions {
  fileName: string;
  /** Region of the upload: every patch's 行政区代码 must lie in it. */
  regionCode: string;
  /** Unit of 面积 when neither the header nor the value names one. */
  areaUnit?: AreaUnit | undefined;
  /** Gauss–Krüger zone of coordinates whose easting has no zone prefix (Shapefile without .prj, X/Y columns). */
  zone?: { width: 3 | 6; zone: number } | undefined;
  /** xlsx: the sheet to read; otherwise the first with a 图斑编号 column. */
  sheet?: string | undefined;
}

/** One parsed patch and where it came from (for messages). */
export interface ParsedPatch {
  /** "rows.5" (xlsx row as Excel numbers it) or "features.3" (0-based feature). */
  at: string;
  input: PatchInput;
  /** Header of each field in the file, to name it in errors found later (regions, duplicates). */
  headers: Partial<Record<PatchField, string>>;
}

export interface ParsedPatchFile {
  format: 'shapefile' | 'geojson' | 'xlsx';
  patches: ParsedPatch[];
  /** field → header as found in the file. */
  columns: Partial<Record<PatchField, string>>;
  /** Columns kept verbatim as attributes. */
  otherColumns: string[];
  /** Unit of 面积 used when a value names none, and where it came from. */
  areaUnit: { unit: AreaUnit; from: 'header' | 'option' } | null;
  /** Findings that do not stop the import (e.g. declared area far from the outline's area). */
  warnings: string[];
}

const MAX_PATCHES = 100_000;
const MAX_DETAILS = 500;
type Cell = string | number | boolean | Date | null;

interface RawRecord {
  at: string;
  /** For messages: "row 5" / "feature 3". */
  where: string;
  values: Cell[];
  geometry?: Geometry | null;
}

class Issues {
  readonly list: FieldIssue[] = [];
  add(at: string, header: string | undefined, message: string) {
    this.list.push({ path: `body.file.${at}${header ? `.${header}` : ''}`, message });
  }
}

const fail = (message: string, details: FieldIssue[] = [{ path: 'body.file', message }]) => new AppError('VALIDATION', message, details);

function rejectAll(fileName: string, issues: FieldIssue[]): never {
  const shown = issues.slice(0, 20).map((d) => `${d.path.replace(/^body\.file\./, '')}: ${d.message}`).join('; ');
  throw fail(`${fileName}: ${issues.length} problem${issues.length > 1 ? 's' : ''}, nothing was imported — ${shown}${issues.length > 20 ? `; … ${issues.length - 20} more` : ''}`, issues.slice(0, MAX_DETAILS));
}

/** ExcelJS cell values (rich text, formulas, hyperlinks, errors) down to plain values. */
function plainCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return plainCell(v.richText.map((p) => p.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return plainCell((v as { result?: ExcelJS.CellValue }).result);
    if ('text' in v && 'hyperlink' in v) return plainCell((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

const isBlank = (v: Cell | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

async function readXlsx(bytes: Uint8Array, o: PatchImportOptions): Promise<{ headers: string[]; records: RawRecord[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  const sheets: string[] = [];
  try {
    let n = 0;
    for await (const ws of reader) {
      n++;
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${n}`;
      sheets.push(name);
      if (o.sheet !== undefined && name !== o.sheet) {
        for await (const _ of ws as unknown as AsyncIterable<ExcelJS.Row>) void _; // drain: the stream must be read through
        continue;
      }
      let headers: string[] | null = null;
      const records: RawRecord[] = [];
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => plainCell(v));
        if (!headers) {
          if (row.number > 30) continue;
          const texts = values.map((v) => (typeof v === 'string' ? v : ''));
          if (mapPatchHeaders(texts).fields.code !== undefined) headers = texts;
          continue;
        }
        if (values.every(isBlank)) continue;
        records.push({ at: `rows.${row.number}`, where: `row ${row.number}`, values });
        if (records.length > MAX_PATCHES) throw fail(`${o.fileName}: more than ${MAX_PATCHES} rows; split the file`);
      }
      if (headers) {
        // Later sheets are not read once the patch sheet is found.
        return { headers, records };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fail(`${o.fileName}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  if (o.sheet !== undefined && !sheets.includes(o.sheet)) throw fail(`${o.fileName}: there is no sheet "${o.sheet}" (sheets: ${sheets.join(', ') || 'none'})`, [{ path: 'body.sheet', message: `no sheet "${o.sheet}"` }]);
  throw fail(
    `${o.fileName}: no sheet has a 图斑编号 column among its first 30 rows (expected a header such as 图斑编号, TBBH or patch_code; sheets: ${sheets.join(', ') || 'none'})`,
  );
}

function featuresToRecords(features: Feature[]): { headers: string[]; records: RawRecord[] } {
  const headers: string[] = [];
  const index = new Map<string, number>();
  for (const f of features) {
    for (const k of Object.keys(f.properties ?? {})) {
      if (!index.has(k)) {
        index.set(k, headers.length);
        headers.push(k);
      }
    }
  }
  const records = features.map((f, i) => {
    const values: Cell[] = headers.map(() => null);
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      values[index.get(k)!] = v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as Cell);
    }
    return { at: `features.${i}`, where: `feature ${i}`, values, geometry: f.geometry };
  });
  return { headers, records };
}

async function readRecords(bytes: Uint8Array, o: PatchImportOptions): Promise<{ format: ParsedPatchFile['format']; headers: string[]; records: RawRecord[] }> {
  const name = o.fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return { format: 'xlsx', ...(await readXlsx(bytes, o)) };
  try {
    if (name.endsWith('.zip')) return { format: 'shapefile', ...featuresToRecords((await readShapefileZip(bytes, o.zone ? { zone: o.zone } : {})).features) };
    if (name.endsWith('.geojson') || name.endsWith('.json')) {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw fail(`${o.fileName}: the text is not UTF-8`);
      }
      return { format: 'geojson', ...featuresToRecords(readGeoJson(text).features) };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof GeoImportError) rejectAll(o.fileName, geoIssues(e.issues));
    throw fail(`${o.fileName}: cannot be read (${(e as Error).message})`);
  }
  if (name.endsWith('.xls')) throw fail(`${o.fileName}: the old .xls format is not read; save the workbook as .xlsx`);
  throw fail(`${o.fileName}: unsupported file type; use .zip (Shapefile), .geojson or .xlsx`);
}

const geoIssues = (issues: GeoIssue[]): FieldIssue[] =>
  issues.map((i) => ({ path: `body.file.features.${i.feature}${i.ring !== undefined ? `.ring.${i.ring}` : ''}${i.vertex !== undefined ? `.vertex.${i.vertex}` : ''}`, message: `${i.label ? `(${i.label}) ` : ''}${i.message}` }));

/** GB/T 2260 statistical codes pad a county to 12 digits (140929000000); store the shortest form. */
function regionCodeOf(v: Cell): string | null {
  const s = (v instanceof Date ? '' : String(v)).normalize('NFKC').trim().replace(/\.0+$/, '');
  if (!/^\d+$/.test(s)) return null;
  if (s.length === 12 && s.endsWith('000000')) return s.slice(0, 6);
  if (s.length === 12 && s.endsWith('000')) return s.slice(0, 9);
  if (s.length === 9 && s.endsWith('000')) return s.slice(0, 6);
  return [6, 9, 12].includes(s.length) ? s : null;
}

/**
 * Two numbers of a centre point → [lon, lat]. Longitude (73–136) and latitude (3–54) ranges of
 * China do not overlap, so degrees are recognised in either order; metres are Gauss–Krüger: the
 * value with a zone prefix (≥ 13 000 000) or, given the upload's zone, the one of six integer digits
 * is the easting (Y in Chinese surveying), the other the northing.
 */
function resolveCenter(a: number, b: number, o: PatchImportOptions): [number, number] | string {
  if (inChina(a, b)) return [a, b];
  if (inChina(b, a)) return [b, a];
  const isNorthing = (v: number) => v > 200_000 && v < 6_200_000;
  try {
    for (const [easting, northing] of [[a, b], [b, a]] as const) {
      let zone: GkZone | null = null;
      if (easting >= 13_000_000) zone = zoneFromY(easting);
      else if (o.zone && easting > 0 && easting < 1_000_000 && northing >= 1_000_000) zone = zoneOf(o.zone.width, o.zone.zone, false);
      if (zone && isNorthing(northing)) {
        const p = gkToLonLat(northing, easting, zone);
        if (inChina(p[0], p[1])) return p;
      }
    }
  } catch (e) {
    if (e instanceof CrsError) return e.message;
    throw e;
  }
  if (Math.abs(a) > 1000 || Math.abs(b) > 1000) return `${a}, ${b} look like Gauss–Krüger metres without a zone: write the easting with its zone prefix (e.g. 37512345.6) or choose the zone for the upload`;
  return `${a}, ${b} is not a longitude/latitude in China`;
}

function attributeValue(v: Cell): string | number | boolean | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return v;
}

/**
 * Reads an upload into patches, checking every row; any problem (a bad date, an unknown unit, a
 * region outside the upload's, a duplicate 图斑编号, a bad ring) rejects the whole file with every
 * problem named by row/feature and column. Region existence and duplicates against the database
 * are the service's job.
 */
export async function parsePatchFile(bytes: Uint8Array, o: PatchImportOptions): Promise<ParsedPatchFile> {
  const { format, headers, records } = await readRecords(bytes, o);
  const cols: PatchColumns = mapPatchHeaders(headers);
  if (cols.problems.length) throw fail(`${o.fileName}: ${cols.problems.join('; ')}`, cols.problems.map((p) => ({ path: 'body.file.header', message: p })));
  if (records.length === 0) throw fail(`${o.fileName}: no patches (the file has a header but no rows or features)`);
  if (records.length > MAX_PATCHES) throw fail(`${o.fileName}: more than ${MAX_PATCHES} patches; split the file`);
  const headerOf = (f: PatchField) => (cols.fields[f] === undefined ? undefined : headers[cols.fields[f]!]);
  const columns = Object.fromEntries(Object.keys(cols.fields).map((f) => [f, headerOf(f as PatchField)!])) as Partial<Record<PatchField, string>>;
  const areaUnit = cols.areaUnit ? { unit: cols.areaUnit, from: 'header' as const } : o.areaUnit ? { unit: o.areaUnit, from: 'option' as const } : null;
  const issues = new Issues();
  const warnings: string[] = [];
  const patches: ParsedPatch[] = [];
  const firstAt = new Map<string, string>();

  for (const r of records) {
    const cell = (f: PatchField): Cell => (cols.fields[f] === undefined ? null : (r.values[cols.fields[f]!] ?? null));
    const before = issues.list.length;
    const bad = (f: PatchField | undefined, message: string) => issues.add(r.at, f ? headerOf(f) : undefined, f ? `${patchFieldLabel[f].zh} (${headerOf(f)}): ${message}` : message);

    const codeCell = cell('code');
    const code = isBlank(codeCell) ? '' : String(codeCell instanceof Date ? codeCell.toISOString().slice(0, 10) : codeCell).trim();
    if (!code) bad('code', 'is empty; every patch needs its number');
    else if (code.length > 60) bad('code', `"${code.slice(0, 20)}…" is longer than 60 characters`);

    let regionCode = o.regionCode;
    const rc = cell('regionCode');
    if (!isBlank(rc)) {
      const c = regionCodeOf(rc);
      if (!c) bad('regionCode', `"${String(rc)}" is not a GB/T 2260 region code (6, 9 or 12 digits)`);
      else if (!isWithinRegion(c, o.regionCode)) bad('regionCode', `${c} is outside the region of this upload (${o.regionCode})`);
      else regionCode = c;
    }

    const dates: Record<'beforeDate' | 'afterDate', string | null> = { beforeDate: null, afterDate: null };
    for (const f of ['beforeDate', 'afterDate'] as const) {
      const v = cell(f);
      if (isBlank(v)) continue;
      const d = parsePatchDate(v);
      if (d.ok) dates[f] = d.value;
      else bad(f, d.error);
    }
    if (dates.beforeDate && dates.afterDate && dates.afterDate < dates.beforeDate) bad('afterDate', `${dates.afterDate} is before 前时相 ${dates.beforeDate}`);

    let declaredArea: number | null = null;
    let declaredAreaUnit: AreaUnit | null = null;
    const av = cell('area');
    if (!isBlank(av)) {
      const a = parseDeclaredArea(av, areaUnit?.unit);
      if (a.ok) {
        declaredArea = a.value.value;
        declaredAreaUnit = a.value.unit;
      } else bad('area', a.error);
    }

    // 中心坐标: one "lon,lat" column, or an X and a Y column.
    let center: [number, number] | null = null;
    const cv = cell('center');
    const field: PatchField = !isBlank(cv) ? 'center' : 'centerX';
    let pair: [number, number] | null = null;
    if (!isBlank(cv)) {
      const p = parseCoordinatePair(cv);
      if (p.ok) pair = p.value;
      else bad('center', p.error);
    } else if (!isBlank(cell('centerX')) || !isBlank(cell('centerY'))) {
      const x = parseCoordinate(cell('centerX') ?? ''), y = parseCoordinate(cell('centerY') ?? '');
      if (isBlank(cell('centerX')) || isBlank(cell('centerY'))) bad(isBlank(cell('centerX')) ? 'centerX' : 'centerY', 'is empty while the other centre coordinate is given');
      else if (!x.ok) bad('centerX', x.error);
      else if (!y.ok) bad('centerY', y.error);
      else pair = [x.value, y.value];
    }
    if (pair) {
      const c = resolveCenter(pair[0], pair[1], o);
      if (typeof c === 'string') bad(field, c);
      else center = c;
    }

    // Geometry: the feature's own, else WKT, else the centre point.
    let geometry: PatchGeometry | null = null;
    const wkt = cell('wkt');
    if (r.geometry) {
      if (r.geometry.type === 'Polygon' || r.geometry.type === 'MultiPolygon' || r.geometry.type === 'Point') geometry = r.geometry as PatchGeometry;
      else bad(undefined, `geometry type ${r.geometry.type} cannot be a patch (polygons, or a point)`);
    } else if (!isBlank(wkt)) {
      try {
        geometry = readWkt(String(wkt)) as PatchGeometry;
      } catch (e) {
        if (!(e instanceof WktError)) throw e;
        bad('wkt', e.message);
      }
    } else if (center) geometry = { type: 'Point', coordinates: center };
    else if (issues.list.length === before) {
      bad(undefined, format === 'xlsx' ? 'no geometry: fill the WKT column or 中心坐标 (lon,lat or X/Y)' : 'the feature has no geometry and no 中心坐标');
    }
    // The Shapefile and GeoJSON readers have checked their rings already; WKT and centre points are checked here.
    if (geometry && !r.geometry) {
      const gi: GeoIssue[] = [];
      checkGeometry(geometry, 0, undefined, gi);
      for (const i of gi) bad(cols.fields.wkt !== undefined && !isBlank(wkt) ? 'wkt' : undefined, `geometry${i.ring !== undefined ? ` ring ${i.ring}` : ''}${i.vertex !== undefined ? ` vertex ${i.vertex}` : ''}: ${i.message}`);
      if (gi.length) geometry = null;
    }

    if (issues.list.length > before || !geometry) {
      if (issues.list.length > MAX_DETAILS) break;
      continue;
    }

    const key = `${regionCode}\u0000${code}`;
    const prior = firstAt.get(key);
    if (prior) {
      bad('code', `"${code}" appears twice in ${regionCode} (also at ${prior.replace('.', ' ')})`);
      continue;
    }
    firstAt.set(key, r.at);

    const finalCenter = center ?? (centroid(geometry) as [number, number]);
    if (geometry.type !== 'Point') {
      const m2 = geodesicArea(geometry).m2;
      if (center) {
        const b = bboxOf(geometry);
        const slack = 0.01; // ≈ 1 km
        if (center[0] < b[0] - slack || center[0] > b[2] + slack || center[1] < b[1] - slack || center[1] > b[3] + slack) {
          warnings.push(`${r.where} (${code}): 中心坐标 ${center[0].toFixed(6)}, ${center[1].toFixed(6)} lies more than 1 km outside the patch outline`);
        }
      }
      if (declaredArea !== null && declaredAreaUnit && m2 > 0) {
        const given = declaredArea * M2_PER_AREA_UNIT[declaredAreaUnit];
        if (Math.abs(given - m2) / m2 > 0.1) warnings.push(`${r.where} (${code}): 面积 ${declaredArea} ${declaredAreaUnit} differs from the outline's ${(m2 / M2_PER_MU).toFixed(2)} 亩 by more than 10 % (wrong unit?)`);
      }
    }
    const attributes: Record<string, string | number | boolean | null> = {};
    for (const { index, header } of cols.other) attributes[header] = attributeValue(r.values[index] ?? null);
    const parsed = patchInputSchema.safeParse({ code, regionCode, ...dates, declaredArea, declaredAreaUnit, center: finalCenter, geometry, attributes });
    if (!parsed.success) {
      for (const i of parsed.error.issues) bad(undefined, `${i.path.join('.')}: ${i.message}`);
      continue;
    }
    patches.push({ at: r.at, input: parsed.data, headers: { code: headerOf('code'), regionCode: headerOf('regionCode') } });
  }
  if (issues.list.length) rejectAll(o.fileName, issues.list);
  return { format, patches, columns, otherColumns: cols.other.map((c) => c.header), areaUnit, warnings };
}

export function bboxOf(g: PatchGeometry): [number, number, number, number] {
  const pts = g.type === 'Point' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of pts) {
    if (p[0]! < minX) minX = p[0]!;
    if (p[0]! > maxX) maxX = p[0]!;
    if (p[1]! < minY) minY = p[1]!;
    if (p[1]! > maxY) maxY = p[1]!;
  }
  return [minX, minY, maxX, maxY];
}
