import { PassThrough, Readable, type Writable } from 'node:stream';
import { once } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate } from 'fflate';
import type { Geometry } from 'geojson';
import {
  closureCategoryLabel,
  M2_PER_MU_VALUE,
  mineStatusLabel,
  miningMethodLabel,
  sealingStatusLabel,
  SITE_KINDS,
  siteKindLabel,
  type SiteKind,
} from '@minewatch/core';
import { CGCS2000_PRJ, centroid, ShapefileWriter, type DbfFieldDef, type ShapeLayer } from '@minewatch/geo';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/authorize.js';
import { assertRegionInScope } from '../../auth/scope.js';
import { notFound } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import { countByKind, exportBatch, type SiteQuery } from './sites.repository.js';
import { siteFilterFields } from './sites.routes.js';

/**
 * Exports of the registry: any set GET /api/sites can filter (kind, status, region, q, bbox), in
 * the caller's region, as GeoJSON, a zipped Shapefile or an Excel workbook. Rows are read in keyset
 * batches in the list's order, so memory stays bounded for GeoJSON and Excel (both streamed); the
 * Shapefile is assembled in memory as its output bytes (its headers hold totals), then streamed
 * through the zip compressor.
 */

type Label = { zh: string; en: string };
type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'bool';

export interface ExportColumn {
  /** Property name in GeoJSON and OGC API features. */
  prop: string;
  /** Column name in the .dbf: at most 10 bytes, so abbreviated; the zip's README maps them back. */
  dbf: string;
  label: Label;
  type: ColumnType;
  /** Digits after the decimal point (.dbf and Excel). */
  decimals?: number;
  /** Chinese labels of coded values (enums, booleans), used in Excel and listed in the README. */
  values?: Record<string, string>;
}

interface AttributeColumn extends ExportColumn {
  /** Key in the site's attributes (core siteAttributesSchema). */
  key: string;
}

const zh = <K extends string>(labels: Record<K, Label>) => Object.fromEntries(Object.entries<Label>(labels).map(([k, v]) => [k, v.zh])) as Record<K, string>;
const YES_NO = { true: '是', false: '否' };

// Labels of coded values that core does not hold (the web app's site-fields.ts shows the same words).
const SCALE = { large: '大型', medium: '中型', small: '小型' };
const POND_SAFETY = { normal: '正常库', ill: '病库', dangerous: '险库', critical: '危库' };
const RESTORATION = { not_started: '未修复', in_progress: '修复中', completed: '已修复' };
const DUMP_TYPE = { soil: '排土场', gangue: '排矸场' };
const PROTECTED_CATEGORY = { nature_reserve: '自然保护区', water_source: '水源地', scenic_area: '风景名胜区', forest_park: '森林公园', other: '其他' };
const LEVEL = { national: '国家级', provincial: '省级', prefecture: '市级', county: '县级' };
const TEMP_LAND_STATUS = { in_use: '使用中', reclaimed: '已复垦', returned: '已退还' };
const GREEN_STATUS = { listed: '在册', removed: '已移出' };

/** 状态 (core siteStatus) per kind, with its labels. */
const STATUS_VALUES: Partial<Record<SiteKind, Record<string, string>>> = {
  licensed_mine: zh(mineStatusLabel),
  abandoned_mine: zh(sealingStatusLabel),
  illegal_point: zh(sealingStatusLabel),
  tailings_pond: POND_SAFETY,
  tailing_pit: RESTORATION,
  temporary_land: TEMP_LAND_STATUS,
  green_mine_entry: GREEN_STATUS,
};

const col = (key: string, dbf: string, zhLabel: string, en: string, type: ColumnType, extra: Partial<ExportColumn> = {}): AttributeColumn => ({
  key,
  prop: key,
  dbf,
  label: { zh: zhLabel, en },
  type,
  ...extra,
});

/**
 * The typed attributes of each kind as columns. A licensed mine's `status` is not repeated: the
 * common 状态 column is that value (core siteStatus). A tailing pit's recorded `areaMu` becomes
 * `recordedAreaMu`, since `areaMu` is the area measured from the boundary.
 */
export const ATTRIBUTE_COLUMNS: Record<SiteKind, AttributeColumn[]> = {
  licensed_mine: [
    col('licenceNo', 'licence_no', '采矿许可证号', 'Mining licence no.', 'text'),
    col('holder', 'holder', '采矿权人', 'Licence holder', 'text'),
    col('mineral', 'mineral', '矿种', 'Mineral', 'text'),
    col('method', 'method', '开采方式', 'Mining method', 'text', { values: zh(miningMethodLabel) }),
    col('scale', 'scale', '生产规模', 'Production scale', 'text', { values: SCALE }),
    col('validFrom', 'valid_from', '有效期起', 'Valid from', 'date'),
    col('validTo', 'valid_to', '有效期止', 'Valid to', 'date'),
    col('licensedAreaKm2', 'lic_km2', '矿区面积（km²）', 'Licensed area (km²)', 'number', { decimals: 6 }),
    col('elevationTop', 'elev_top', '开采标高上限（米）', 'Mining elevation, top (m)', 'number', { decimals: 2 }),
    col('elevationBottom', 'elev_bot', '开采标高下限（米）', 'Mining elevation, bottom (m)', 'number', { decimals: 2 }),
  ],
  abandoned_mine: [
    col('category', 'category', '类别', 'Category', 'text', { values: zh(closureCategoryLabel) }),
    col('shaftCount', 'shafts', '井口数', 'Number of shafts', 'integer'),
    col('rightHolder', 'right_hldr', '矿业权人', 'Mining-right holder', 'text'),
    col('partyFixedAtClosure', 'party_fix', '关闭时确定的治理责任主体', 'Party fixed at closure', 'text'),
    col('closedOn', 'closed_on', '关闭日期', 'Closed on', 'date'),
    col('sealingStatus', 'sealing', '封堵状态', 'Sealing status', 'text', { values: zh(sealingStatusLabel) }),
  ],
  illegal_point: [
    col('mineral', 'mineral', '矿种', 'Mineral', 'text'),
    col('discoveredOn', 'discovered', '发现日期', 'Discovered on', 'date'),
    col('sealingStatus', 'sealing', '封堵状态', 'Sealing status', 'text', { values: zh(sealingStatusLabel) }),
  ],
  tailings_pond: [
    col('enterprise', 'enterprise', '所属企业', 'Enterprise', 'text'),
    col('capacity10kM3', 'cap_10km3', '全库容（万m³）', 'Total capacity (10⁴ m³)', 'number', { decimals: 4 }),
    col('damHeightM', 'dam_h_m', '坝高（m）', 'Dam height (m)', 'number', { decimals: 2 }),
    col('safetyStatus', 'safety', '安全状况', 'Safety status', 'text', { values: POND_SAFETY }),
  ],
  tailing_pit: [
    col('owned', 'owned', '有主/无主', 'Owned', 'bool', { values: { true: '有主', false: '无主' } }),
    col('owner', 'owner', '权属人', 'Owner', 'text'),
    { ...col('areaMu', 'rec_mu', '登记面积（亩）', 'Recorded area (mu)', 'number', { decimals: 4 }), prop: 'recordedAreaMu' },
    col('damagedForestGrassMu', 'dmg_fg_mu', '破坏林草地面积（亩）', 'Damaged forest/grassland (mu)', 'number', { decimals: 4 }),
    col('restoration', 'restore', '修复状态', 'Restoration', 'text', { values: RESTORATION }),
  ],
  dump_site: [
    col('type', 'dump_type', '场地类型', 'Dump type', 'text', { values: DUMP_TYPE }),
    col('approved', 'approved', '是否经审批', 'Approved', 'bool', { values: YES_NO }),
    col('approvedElevationTop', 'appr_elev', '批准堆放标高（米）', 'Approved top elevation (m)', 'number', { decimals: 2 }),
    col('currentElevationTop', 'cur_elev', '现状堆放标高（米）', 'Current top elevation (m)', 'number', { decimals: 2 }),
  ],
  temporary_land: [
    col('approvalNo', 'approval', '批准文号', 'Approval no.', 'text'),
    { ...col('holder', 'land_user', '用地单位', 'Land user', 'text'), prop: 'landUser' },
    col('approvedFrom', 'appr_from', '批准期限起', 'Approved from', 'date'),
    col('approvedTo', 'appr_to', '批准期限止', 'Approved to', 'date'),
    col('reclaimed', 'reclaimed', '是否已复垦', 'Reclaimed', 'bool', { values: YES_NO }),
    col('returned', 'returned', '是否已退还', 'Returned', 'bool', { values: YES_NO }),
  ],
  protected_area: [
    { ...col('category', 'prot_cat', '类别', 'Category', 'text', { values: PROTECTED_CATEGORY }), prop: 'protectedCategory' },
    col('level', 'prot_level', '级别', 'Level', 'text', { values: LEVEL }),
  ],
  green_mine_entry: [
    col('listLevel', 'list_level', '名录级别', 'List level', 'text', { values: { national: '国家级', provincial: '省级' } }),
    col('listedOn', 'listed_on', '入选日期', 'Listed on', 'date'),
    col('removedOn', 'removed_on', '移出日期', 'Removed on', 'date'),
    col('removalReason', 'rm_reason', '移出原因', 'Reason for removal', 'text'),
  ],
  camera: [
    col('deviceId', 'device_id', '设备编号', 'Device ID', 'text'),
    col('heightM', 'height_m', '安装高度（m）', 'Mounting height (m)', 'number', { decimals: 2 }),
    col('azimuthDeg', 'azimuth', '朝向（度，正北顺时针）', 'Azimuth (degrees from north)', 'number', { decimals: 2 }),
    col('rangeM', 'range_m', '监控距离（m）', 'Range (m)', 'number', { decimals: 2 }),
  ],
};

/** Columns every site has, before (head) and after (tail) the kind's own. */
const HEAD: ExportColumn[] = [
  { prop: 'name', dbf: 'name', label: { zh: '名称', en: 'Name' }, type: 'text' },
  { prop: 'kind', dbf: 'kind', label: { zh: '类型代码', en: 'Kind (code)' }, type: 'text' },
  { prop: 'kindName', dbf: 'kind_zh', label: { zh: '类型', en: 'Kind' }, type: 'text' },
  { prop: 'regionCode', dbf: 'region', label: { zh: '行政区划代码', en: 'Region code' }, type: 'text' },
  { prop: 'regionName', dbf: 'region_nm', label: { zh: '行政区划', en: 'Region' }, type: 'text' },
  { prop: 'status', dbf: 'status', label: { zh: '状态', en: 'Status' }, type: 'text' },
];
const TAIL: ExportColumn[] = [
  { prop: 'areaMu', dbf: 'area_mu', label: { zh: '面积（亩）', en: 'Area (mu)' }, type: 'number', decimals: 4 },
  { prop: 'areaM2', dbf: 'area_m2', label: { zh: '面积（m²）', en: 'Area (m²)' }, type: 'number', decimals: 2 },
  { prop: 'centroidLon', dbf: 'cen_lon', label: { zh: '中心点经度', en: 'Centre longitude' }, type: 'number', decimals: 8 },
  { prop: 'centroidLat', dbf: 'cen_lat', label: { zh: '中心点纬度', en: 'Centre latitude' }, type: 'number', decimals: 8 },
  { prop: 'updatedAt', dbf: 'updated', label: { zh: '更新时间', en: 'Updated at' }, type: 'text' },
  { prop: 'version', dbf: 'version', label: { zh: '版本', en: 'Version' }, type: 'integer' },
  { prop: 'id', dbf: 'id', label: { zh: '编号', en: 'ID' }, type: 'text' },
];

/** The columns of an export holding the given kinds: common ones around the union of the kinds' own (merged by .dbf name). */
export function exportColumns(kinds: readonly SiteKind[]): ExportColumn[] {
  const own = new Map<string, ExportColumn>();
  for (const k of SITE_KINDS.filter((x) => kinds.includes(x))) {
    for (const c of ATTRIBUTE_COLUMNS[k]) {
      const seen = own.get(c.dbf);
      own.set(c.dbf, seen ? { ...seen, values: seen.values || c.values ? { ...seen.values, ...c.values } : undefined } : c);
    }
  }
  return [...HEAD, ...own.values(), ...TAIL];
}

/** A row as the export and OGC repositories return it. */
export interface SiteRow {
  id: string;
  region_code: string;
  region_name: string;
  kind: string;
  name: string;
  status: string | null;
  area_m2: number | null;
  version: number;
  updated_at: Date;
  attributes: unknown;
  geometry_json: string | null;
}

/**
 * The flat properties of a site as GeoJSON and OGC API features carry them: the summary fields and
 * every typed attribute of its kind (names as ATTRIBUTE_COLUMNS give them), null when unset.
 */
export function featureProperties(r: SiteRow): Record<string, unknown> {
  const kind = r.kind as SiteKind;
  const a = (r.attributes ?? {}) as Record<string, unknown>;
  const p: Record<string, unknown> = {
    name: r.name,
    kind: r.kind,
    kindName: siteKindLabel[kind]?.zh ?? r.kind,
    regionCode: r.region_code,
    regionName: r.region_name,
    status: r.status,
  };
  for (const c of ATTRIBUTE_COLUMNS[kind] ?? []) p[c.prop] = a[c.key] ?? null;
  p['areaM2'] = r.area_m2;
  p['areaMu'] = r.area_m2 === null ? null : r.area_m2 / M2_PER_MU_VALUE;
  p['version'] = r.version;
  p['updatedAt'] = r.updated_at.toISOString();
  return p;
}

/** One GeoJSON Feature as text; the geometry is the stored GeoJSON, not parsed and re-serialised. */
export function featureJson(r: SiteRow, properties = featureProperties(r)): string {
  return `{"type":"Feature","id":${JSON.stringify(r.id)},"geometry":${r.geometry_json ?? 'null'},"properties":${JSON.stringify(properties)}}`;
}

/** Rows per database round trip. */
const BATCH = 1000;

/** Every row matching the filter in the list's order, batch by batch. */
async function* batches(db: Db, actor: Actor, f: SiteQuery): AsyncGenerator<SiteRow[]> {
  let after: { region: string; name: string; id: string } | null = null;
  for (;;) {
    const rows: SiteRow[] = await exportBatch(db, actor.scope, f, after, BATCH);
    if (rows.length) yield rows;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { region: last.region_code, name: last.name, id: last.id };
  }
}

async function checkRegion(db: Db, actor: Actor, f: SiteQuery): Promise<void> {
  if (!f.region) return;
  assertRegionInScope(actor.scope, f.region);
  if (!(await regionExists(db, f.region))) throw notFound(`region ${f.region}`);
}

/** Writes, waiting while the reader is behind, so a slow download does not pile the export up in memory. */
async function write(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** GeoJSON FeatureCollection (RFC 7946: CGCS2000 lon/lat, which RFC 7946 readers take as WGS 84 to within centimetres), streamed. */
export async function exportGeoJson(db: Db, actor: Actor, f: SiteQuery): Promise<Readable> {
  await checkRegion(db, actor, f);
  async function* text() {
    yield '{"type":"FeatureCollection","name":"minewatch-sites","features":[';
    let first = true;
    for await (const rows of batches(db, actor, f)) {
      yield (first ? '' : ',') + rows.map((r) => featureJson(r)).join(',');
      first = false;
    }
    yield ']}\n';
  }
  return Readable.from(text(), { objectMode: false });
}

/** Values of a row by column prop, including the centre point (parsed from the geometry). */
function rowValues(r: SiteRow): Record<string, unknown> {
  const p = featureProperties(r);
  const c = centroid(r.geometry_json ? (JSON.parse(r.geometry_json) as Geometry) : null);
  p['centroidLon'] = c?.[0] ?? null;
  p['centroidLat'] = c?.[1] ?? null;
  p['id'] = r.id;
  return p;
}

const dbfType = (t: ColumnType): DbfFieldDef['type'] => (t === 'number' || t === 'integer' ? 'N' : t === 'bool' ? 'L' : t === 'date' ? 'D' : 'C');

/** The README.txt of a Shapefile export: layers, the .dbf column names and what they mean, truncations. */
function shapefileReadme(columns: ExportColumn[], layers: [string, number][], truncated: { feature: number; field: string }[], names: string[]): string {
  const lines = [
    'Minewatch 矿产资源执法监管平台 — 监管对象导出 / supervised-object export',
    '',
    '坐标系 CRS: CGCS2000 经纬度 (EPSG:4490)；属性编码 UTF-8 (.cpg)。',
    'A Shapefile holds one geometry type, so there is one layer per type present:',
    ...layers.map(([file, n]) => `  ${file}: ${n}`),
    '',
    '字段对照 / columns (.dbf name → property, 中文, English; codes → 中文):',
    ...columns.map((c) => {
      const codes = c.values ? ` [${Object.entries(c.values).map(([k, v]) => `${k}=${v}`).join(', ')}]` : '';
      return `  ${c.dbf.padEnd(10)} ${c.prop}  ${c.label.zh}  ${c.label.en}${codes}`;
    }),
  ];
  if (truncated.length) {
    lines.push('', `.dbf text is limited to 254 bytes; ${truncated.length} value(s) were cut (the GeoJSON and Excel exports carry them whole):`);
    for (const t of truncated.slice(0, 1000)) lines.push(`  ${names[t.feature] ?? t.feature}: ${t.field}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Shapefile layers (sites_point, sites_multipoint, sites_polygon; sites_none.dbf for sites without
 * geometry) with .prj (CGCS2000, EPSG:4490) and .cpg (UTF-8), and a README.txt mapping the
 * 10-byte .dbf column names, zipped and streamed.
 */
export async function exportShapefileZip(db: Db, actor: Actor, f: SiteQuery): Promise<Readable> {
  await checkRegion(db, actor, f);
  const kinds = (await countByKind(db, actor.scope, f)).map((k) => k.kind as SiteKind);
  const columns = exportColumns(kinds.length ? kinds : f.kind ? [f.kind as SiteKind] : []);
  const w = new ShapefileWriter({
    fields: columns.map((c) => ({ name: c.dbf, type: dbfType(c.type), decimals: c.type === 'number' ? (c.decimals ?? 6) : 0, value: (feat) => feat.properties?.[c.prop] ?? null })),
    prj: CGCS2000_PRJ,
  });
  const names: string[] = [];
  for await (const rows of batches(db, actor, f)) {
    for (const r of rows) {
      names.push(r.name);
      w.add({ type: 'Feature', properties: rowValues(r), geometry: r.geometry_json ? (JSON.parse(r.geometry_json) as Geometry) : null });
    }
  }
  const out = w.finish();
  const files: [string, Uint8Array][] = [];
  const order: ShapeLayer[] = ['point', 'multipoint', 'polyline', 'polygon', 'none'];
  const layerList: [string, number][] = [];
  for (const layer of order) {
    const l = out.layers[layer];
    if (!l) continue;
    const base = `sites_${layer}`;
    layerList.push([`${base}.${l.shp ? 'shp' : 'dbf'}`, l.count]);
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const) if (l[ext]) files.push([`${base}.${ext}`, l[ext]]);
  }
  files.push(['README.txt', new TextEncoder().encode(shapefileReadme(columns, layerList, out.truncated, names))]);
  return zipStream(files);
}

/** Zips the files into a stream, compressing in 1 MiB steps and yielding to the event loop between them. */
function zipStream(files: [string, Uint8Array][]): Readable {
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const STEP = 1 << 20;
  void (async () => {
    try {
      for (const [name, bytes] of files) {
        const entry = new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        if (bytes.length === 0) entry.push(new Uint8Array(0), true);
        for (let i = 0; i < bytes.length; i += STEP) {
          entry.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
          if (out.writableNeedDrain) await once(out, 'drain');
          else await yieldToLoop();
        }
      }
      zip.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

/** A worksheet name for a kind: Excel forbids / \ ? * [ ] : in sheet names. */
const sheetName = (k: SiteKind) => siteKindLabel[k].zh.replace(/[/\\?*[\]:]/g, '、');

function cellValue(c: ExportColumn, v: unknown, kind: SiteKind): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  const values = c.prop === 'status' ? STATUS_VALUES[kind] : c.values;
  if (values && (typeof v === 'string' || typeof v === 'boolean')) return values[String(v)] ?? String(v);
  if (typeof v === 'boolean') return YES_NO[`${v}`];
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * Excel workbook, one sheet per kind present (its own attribute columns, Chinese headers, coded
 * values as their Chinese labels), one row per site with area in 亩 and m² and the centre point.
 * Written with ExcelJS's streaming WorkbookWriter, kind by kind, so memory stays bounded.
 */
export async function exportXlsx(db: Db, actor: Actor, f: SiteQuery): Promise<Readable> {
  await checkRegion(db, actor, f);
  const present = new Set((await countByKind(db, actor.scope, f)).map((k) => k.kind));
  const kinds = SITE_KINDS.filter((k) => present.has(k));
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Minewatch';
  wb.created = new Date();
  const addSheet = (kind: SiteKind | null) => {
    const cols = exportColumns(kind ? [kind] : []).filter((c) => c.prop !== 'kind');
    const ws = wb.addWorksheet(kind ? sheetName(kind) : '监管对象', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = cols.map((c) => ({
      header: c.label.zh,
      key: c.prop,
      width: c.prop === 'id' ? 38 : c.type === 'text' ? 24 : 16,
      ...(c.type === 'number' ? { style: { numFmt: `0.${'0'.repeat(c.decimals ?? 2)}` } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    return { ws, cols };
  };
  void (async () => {
    try {
      if (kinds.length === 0) addSheet(null).ws.commit();
      for (const kind of kinds) {
        const { ws, cols } = addSheet(kind);
        for await (const rows of batches(db, actor, { ...f, kind })) {
          for (const r of rows) {
            const v = rowValues(r);
            ws.addRow(cols.map((c) => cellValue(c, v[c.prop], kind))).commit();
          }
          if (out.writableNeedDrain) await once(out, 'drain');
        }
        ws.commit();
      }
      await wb.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

function download(reply: FastifyReply, type: string, ext: string, body: Readable) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="minewatch-sites-${stamp()}.${ext}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export function siteExportRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const querystring = z.strictObject(siteFilterFields);
  const tags = ['sites'];
  r.get('/api/sites/export.geojson', {
    schema: { tags, summary: 'Export the filtered sites (same filters as GET /api/sites) as a GeoJSON FeatureCollection, CGCS2000 lon/lat', querystring, produces: ['application/geo+json'] },
  }, async (req, reply) => download(reply, 'application/geo+json', 'geojson', await exportGeoJson(db, authorize(req, 'site.read'), req.query)));
  r.get('/api/sites/export.zip', {
    schema: { tags, summary: 'Export the filtered sites as a zipped Shapefile: one layer per geometry type, CGCS2000 (EPSG:4490) .prj, UTF-8 .cpg, README.txt mapping the .dbf column names', querystring, produces: ['application/zip'] },
  }, async (req, reply) => download(reply, 'application/zip', 'zip', await exportShapefileZip(db, authorize(req, 'site.read'), req.query)));
  r.get('/api/sites/export.xlsx', {
    schema: { tags, summary: 'Export the filtered sites as an Excel workbook: one sheet per kind, Chinese headers, area in 亩 and m², centre point', querystring, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  }, async (req, reply) => download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', await exportXlsx(db, authorize(req, 'site.read'), req.query)));
}
