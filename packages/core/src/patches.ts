import { z } from 'zod';
import { freeText } from './org.js';
import { regionCodeSchema } from './region.js';

/**
 * M4: change patches (图斑) from satellite-image comparison, as the monitoring tables deliver them
 * (卫片执法 / 图斑核查): 图斑编号, 行政区代码, 前时相 / 后时相 (the two image dates), 面积 (as the
 * table gives it, in the unit it names), 中心坐标, and a geometry. Pure rules only: header mapping
 * and value parsing; the server reads files and checks regions.
 */
type Label = { zh: string; en: string };

export const PATCH_FIELDS = ['code', 'regionCode', 'beforeDate', 'afterDate', 'area', 'center', 'centerX', 'centerY', 'wkt'] as const;
export type PatchField = (typeof PATCH_FIELDS)[number];
export const patchFieldLabel: Record<PatchField, Label> = {
  code: { zh: '图斑编号', en: 'Patch number' },
  regionCode: { zh: '行政区代码', en: 'Administrative region code' },
  beforeDate: { zh: '前时相', en: 'Earlier image date' },
  afterDate: { zh: '后时相', en: 'Later image date' },
  area: { zh: '面积', en: 'Area (as given)' },
  center: { zh: '中心坐标', en: 'Centre coordinates' },
  centerX: { zh: '中心坐标X', en: 'Centre X / longitude' },
  centerY: { zh: '中心坐标Y', en: 'Centre Y / latitude' },
  wkt: { zh: 'WKT几何', en: 'WKT geometry' },
};

export const AREA_UNITS = ['mu', 'm2', 'ha', 'km2'] as const;
export type AreaUnit = (typeof AREA_UNITS)[number];
export const areaUnitLabel: Record<AreaUnit, Label> = {
  mu: { zh: '亩', en: 'mu' },
  m2: { zh: '平方米', en: 'm²' },
  ha: { zh: '公顷', en: 'hectare' },
  km2: { zh: '平方公里', en: 'km²' },
};
/** Square metres per unit; 1 亩 = 10000/15 m². */
export const M2_PER_AREA_UNIT: Record<AreaUnit, number> = { mu: 10000 / 15, m2: 1, ha: 10_000, km2: 1_000_000 };

/**
 * Header spellings per field, after normalisation (normHeader): Chinese headers of the monitoring
 * tables, their pinyin initials (TBBH 图斑编号, XZQDM 行政区代码, QSX 前时相, HSX 后时相, MJ 面积,
 * ZXZB 中心坐标) and plain English.
 */
const ALIASES: Record<PatchField, string[]> = {
  code: ['图斑编号', '图斑编码', '图斑号', '图斑id', '图斑标识码', '图斑序号', '编号', 'tbbh', 'tbbm', 'tbh', 'tbid', 'bh', 'patchno', 'patchcode', 'patchid', 'patchnumber', 'code'],
  regionCode: ['行政区代码', '行政区划代码', '行政区域代码', '行政代码', '区划代码', '县级行政区代码', '县级行政区划代码', '所在行政区代码', '县代码', 'xzqdm', 'xzqhdm', 'xzqh', 'xzqdm6', 'regioncode', 'adcode', 'admincode'],
  beforeDate: ['前时相', '前时相日期', '前时相时间', '前期时相', '前时相影像时间', '前时相影像日期', '前时相影像', 'qsx', 'qsxrq', 'qsxsj', 'beforedate', 'before', 'date1', 't1'],
  afterDate: ['后时相', '后时相日期', '后时相时间', '后期时相', '后时相影像时间', '后时相影像日期', '后时相影像', 'hsx', 'hsxrq', 'hsxsj', 'afterdate', 'after', 'date2', 't2'],
  area: ['面积', '图斑面积', '监测面积', '变化面积', '图斑监测面积', 'mj', 'tbmj', 'jcmj', 'area'],
  center: ['中心坐标', '中心点坐标', '中心点', '中心位置', '中心点位置', 'zxzb', 'zxdzb', 'center', 'centre', 'centroid'],
  centerX: ['中心坐标x', '中心点x', '中心x', '中心点x坐标', '中心x坐标', 'zxzbx', 'zxdx', 'zxdzbx', 'x', 'x坐标', 'centerx', 'centrex', '中心经度', '中心点经度', '经度', 'jd', 'lon', 'lng', 'longitude'],
  centerY: ['中心坐标y', '中心点y', '中心y', '中心点y坐标', '中心y坐标', 'zxzby', 'zxdy', 'zxdzby', 'y', 'y坐标', 'centery', 'centrey', '中心纬度', '中心点纬度', '纬度', 'wd', 'lat', 'latitude'],
  wkt: ['wkt', 'geometry', 'geom', 'wkt几何', '几何', '图形', '空间信息', '坐标串', 'geomwkt', 'shapewkt'],
};
const ALIAS_INDEX = new Map<string, PatchField>(PATCH_FIELDS.flatMap((f) => ALIASES[f].map((a) => [a, f] as const)));

const UNIT_WORDS: [RegExp, AreaUnit][] = [
  [/^(亩|mu)$/, 'mu'],
  [/^(平方米|平米|m2|sqm|squaremetres?|squaremeters?)$/, 'm2'],
  [/^(公顷|ha|hectares?)$/, 'ha'],
  [/^(平方公里|平方千米|km2)$/, 'km2'],
];
const unitOf = (s: string): AreaUnit | undefined => UNIT_WORDS.find(([re]) => re.test(s))?.[1];

/** Full-width to half-width (NFKC: "（亩）" → "(亩)", "㎡" → "m2"), lower case, no spaces or separators. */
export function normHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[\s_\-.:：/\\·*]+/g, '');
}

/** Field (and area unit, when the header names one, e.g. "面积(亩)", "MJ_M2") of one column header. */
export function matchPatchHeader(header: string): { field: PatchField; unit?: AreaUnit } | null {
  const n = normHeader(header);
  if (!n) return null;
  const direct = ALIAS_INDEX.get(n);
  if (direct) return { field: direct };
  // A note in brackets (面积(亩), 面积（平方米）, 前时相(yyyymmdd)) or a unit suffix (面积亩, MJ_M2, 面积㎡).
  const bracket = /^(.+?)[([【{](.+)[)\]】}]$/.exec(n);
  if (bracket) {
    const field = ALIAS_INDEX.get(bracket[1]!);
    const unit = field === 'area' ? unitOf(bracket[2]!) : undefined;
    if (field) return unit ? { field, unit } : { field };
  }
  const suffix = /^(.+?)(亩|mu|平方米|平米|m2|公顷|ha|平方公里|平方千米|km2)$/.exec(n);
  if (suffix && ALIAS_INDEX.get(suffix[1]!) === 'area') return { field: 'area', unit: unitOf(suffix[2]!)! };
  return null;
}

export interface PatchColumns {
  /** Column index of each recognised field. */
  fields: Partial<Record<PatchField, number>>;
  /** Unit named by the area header, if any. */
  areaUnit?: AreaUnit;
  /** Headers that are kept as attributes (not one of the fields). */
  other: { index: number; header: string }[];
  /** Problems with the header row itself: duplicates, missing 图斑编号. */
  problems: string[];
}

/** Maps a header row to the patch fields; every problem is named with the headers involved. */
export function mapPatchHeaders(headers: string[]): PatchColumns {
  const out: PatchColumns = { fields: {}, other: [], problems: [] };
  const seen = new Map<PatchField, string>();
  headers.forEach((h, index) => {
    const header = String(h ?? '').trim();
    if (!header) return;
    const m = matchPatchHeader(header);
    if (!m) {
      out.other.push({ index, header });
      return;
    }
    const prior = seen.get(m.field);
    if (prior !== undefined) {
      out.problems.push(`columns "${prior}" and "${header}" both read as ${patchFieldLabel[m.field].zh} (${m.field}): rename or remove one`);
      return;
    }
    seen.set(m.field, header);
    out.fields[m.field] = index;
    if (m.unit) out.areaUnit = m.unit;
  });
  if (out.fields.code === undefined) {
    out.problems.push(`no ${patchFieldLabel.code.zh} column: expected a header such as 图斑编号, TBBH or patch_code (found ${headers.filter(Boolean).map((h) => `"${h}"`).join(', ') || 'none'})`);
  }
  if ((out.fields.centerX === undefined) !== (out.fields.centerY === undefined)) {
    out.problems.push(`${out.fields.centerX === undefined ? 'a centre Y / latitude column without an X / longitude column' : 'a centre X / longitude column without a Y / latitude column'}: give both, or one 中心坐标 column "lon,lat"`);
  }
  return out;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const err = (error: string): Parsed<never> => ({ ok: false, error });

const pad = (n: number) => String(n).padStart(2, '0');
function isoDay(y: number, m: number, d: number): Parsed<string> {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return err(`${y}-${pad(m)}-${pad(d)} is not a calendar date`);
  if (y < 1972 || y > 2100) return err(`year ${y} is outside 1972–2100 (the satellite-imagery era)`);
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

/**
 * An image date (前时相/后时相) → yyyy-mm-dd. Accepts a Date (spreadsheet date cell), an Excel
 * serial day number, and text: 2023-05-01, 2023/5/1, 2023.5.1, 20230501, 2023年5月1日; a month
 * alone (2023-05, 202305, 2023年5月) means its first day, as monitoring tables often give only the month.
 */
export function parsePatchDate(v: unknown): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return err('is not a valid date');
    return isoDay(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19720101 && v <= 21001231) return parsePatchDate(String(v));
    if (Number.isInteger(v) && v >= 197201 && v <= 210012) return parsePatchDate(String(v));
    // Excel serial day (1900 system): 1 = 1900-01-01, with Excel's phantom 1900-02-29.
    if (v >= 26299 && v < 73051) {
      const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
      return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    return err(`${v} is not a date (write it as 2023-05-01)`);
  }
  const s = String(v).normalize('NFKC').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), 1);
  return err(`"${s}" is not a date (write it as 2023-05-01, 2023/5/1, 20230501 or 2023年5月1日)`);
}

/**
 * 面积 as given → { value, unit }. A number, or text with an optional unit suffix ("12.5亩",
 * "8,333 平方米", "0.83公顷"); a unit in the value wins over the column's unit; without either the
 * caller's default applies, and with none at all the value is refused (the unit is never guessed).
 */
export function parseDeclaredArea(v: unknown, columnUnit: AreaUnit | undefined): Parsed<{ value: number; unit: AreaUnit }> {
  let n: number;
  let unit = columnUnit;
  if (typeof v === 'number') n = v;
  else {
    const s = String(v).normalize('NFKC').trim().replace(/,/g, '');
    const m = /^(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s*([^\d\s].*)?$/i.exec(s);
    if (!m) return err(`"${s}" is not a number`);
    n = Number(m[1]);
    if (m[2]) {
      const u = unitOf(normHeader(m[2]));
      if (!u) return err(`"${m[2]}" is not an area unit (亩, 平方米, 公顷, 平方公里)`);
      unit = u;
    }
  }
  if (!Number.isFinite(n)) return err('is not a finite number');
  if (n < 0) return err(`${n} is negative`);
  if (!unit) return err('the unit is unknown: name it in the header (面积(亩), MJ_M2) or choose areaUnit for the upload');
  return ok({ value: n, unit });
}

/** One coordinate: a number, decimal text, or degrees-minutes-seconds (111°07′12.5″E, 38度27分00秒). */
export function parseCoordinate(v: unknown): Parsed<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : err('is not a finite number');
  const s = String(v).normalize('NFKC').trim().replace(/^[ENSW]\s*|\s*[ENSW]$/gi, '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return ok(Number(s));
  const m = /^(\d{1,3})\s*[°度d]\s*(?:(\d{1,2}(?:\.\d+)?)\s*['′’分m]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*(?:["″”]|''|′′|秒|s)?)?$/i.exec(s);
  if (m) {
    const min = Number(m[2] ?? 0), sec = Number(m[3] ?? 0);
    if (min >= 60 || sec >= 60) return err(`"${String(v)}": minutes and seconds must be below 60`);
    return ok(Number(m[1]) + min / 60 + sec / 3600);
  }
  return err(`"${String(v)}" is not a coordinate (decimal degrees, 111°07′12.5″ or metres)`);
}

/** A coordinate pair in one cell: "111.12,38.45", "111.12 38.45", "(111.12, 38.45)", "POINT(111.12 38.45)", DMS pairs. */
export function parseCoordinatePair(v: unknown): Parsed<[number, number]> {
  const s = String(v).normalize('NFKC').trim().replace(/^point\s*z?\s*\(|^\(|^\[|\)$|\]$/gi, '').trim();
  const parts = s.split(/\s*[,;，；]\s*|\s+(?=[-\d])/).filter(Boolean);
  if (parts.length !== 2) return err(`"${String(v)}" is not a coordinate pair (write "111.12,38.45")`);
  const a = parseCoordinate(parts[0]), b = parseCoordinate(parts[1]);
  if (!a.ok) return a;
  if (!b.ok) return b;
  return ok([a.value, b.value]);
}

const day = z.iso.date();
const position = z.tuple([z.number().finite(), z.number().finite()]);
const ring = z.array(position).min(4).max(100_000);
/** Geometry of a patch in lon/lat degrees: the polygon, or only its centre point when the table has no outline. */
export const patchGeometrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(1000) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1).max(1000)).min(1).max(1000) }),
  z.strictObject({ type: z.literal('Point'), coordinates: position }),
]);
export type PatchGeometry = z.infer<typeof patchGeometrySchema>;

/** One patch ready to store (the import produces these; every field already checked). */
export const patchInputSchema = z
  .strictObject({
    code: freeText(60).pipe(z.string().min(1, '图斑编号 is empty')),
    regionCode: regionCodeSchema,
    beforeDate: day.nullable(),
    afterDate: day.nullable(),
    declaredArea: z.number().finite().min(0).nullable(),
    declaredAreaUnit: z.enum(AREA_UNITS).nullable(),
    /** 中心坐标 [lon, lat], as given or (for a polygon without one) the centroid. */
    center: position,
    geometry: patchGeometrySchema,
    /** The row's other columns, verbatim. */
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .superRefine((p, ctx) => {
    if (p.beforeDate && p.afterDate && p.afterDate < p.beforeDate) ctx.addIssue({ code: 'custom', path: ['afterDate'], message: `后时相 ${p.afterDate} is before 前时相 ${p.beforeDate}` });
    if ((p.declaredArea === null) !== (p.declaredAreaUnit === null)) ctx.addIssue({ code: 'custom', path: ['declaredAreaUnit'], message: 'an area needs its unit' });
  });
export type PatchInput = z.infer<typeof patchInputSchema>;

/**
 * Overlay classes of a patch (M4), as the overlay engine (geo classifyPatches) names them; a patch
 * carries several (e.g. 越界 and 保护区). Exactly one of the first four applies to a classified
 * patch; 'error' marks one that could not be overlaid (e.g. only a centre point, no outline).
 */
export const PATCH_CLASSES = [
  'inside_licence',
  'over_boundary',
  'no_licence',
  'approved_temporary_land',
  'protected_area',
  'temporary_unapproved',
  'temporary_exceeds',
  'temporary_elsewhere',
  'error',
] as const;
export type PatchClass = (typeof PATCH_CLASSES)[number];
export const patchClassLabel: Record<PatchClass, Label> = {
  inside_licence: { zh: '证内', en: 'Inside the licence boundary' },
  over_boundary: { zh: '越界', en: 'Over the licence boundary' },
  no_licence: { zh: '无证', en: 'No licence' },
  approved_temporary_land: { zh: '已批临时用地', en: 'On approved temporary land' },
  protected_area: { zh: '保护区/水源地', en: 'In a protected or water-source area' },
  temporary_unapproved: { zh: '未批先占', en: 'Occupied before (or without) approval' },
  temporary_exceeds: { zh: '批小占大', en: 'Occupied beyond the approved extent' },
  temporary_elsewhere: { zh: '批东占西', en: 'Occupied elsewhere than approved' },
  error: { zh: '无法处理', en: 'Could not be overlaid' },
};

const areaOut = z.object({ m2: z.number(), mu: z.number() });
/** What the last classification found for one patch; areas ellipsoidal, m² and 亩. */
export const patchOverlaySchema = z.object({
  classes: z.array(z.enum(PATCH_CLASSES)),
  error: z.string().nullable(),
  /** Parts smaller than this were not counted (digitising slivers), m². */
  toleranceM2: z.number(),
  area: areaOut,
  /** Patch ∩ licences valid on 后时相, per licence. */
  inside: areaOut.extend({ licences: z.array(areaOut.extend({ siteId: z.string(), name: z.string().nullable(), holder: z.string().nullable() })) }),
  /** Patch − licences. */
  outside: areaOut,
  /** Outside − valid temporary-land approvals (what 越界 / 无证 / 批小占大 measure). */
  unapproved: areaOut,
  protectedAreas: z.array(areaOut.extend({ siteId: z.string(), name: z.string().nullable(), category: z.string().nullable() })),
  protectedTotal: areaOut,
  holders: z.array(z.string()),
  temporaryLand: z.object({
    overlapping: z.array(areaOut.extend({ siteId: z.string(), name: z.string().nullable(), status: z.enum(['valid', 'future', 'expired']) })),
    beforeApproval: areaOut,
    beyondApproval: areaOut,
    elsewhere: areaOut.extend({ approvals: z.array(z.object({ siteId: z.string(), name: z.string().nullable(), distanceM: z.number() })) }),
  }),
  classifiedAt: z.string(),
  runId: z.string(),
});
export type PatchOverlay = z.infer<typeof patchOverlaySchema>;

export const patchSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  beforeDate: z.string().nullable(),
  afterDate: z.string().nullable(),
  declaredArea: z.number().nullable(),
  declaredAreaUnit: z.enum(AREA_UNITS).nullable(),
  /** Ellipsoidal area of the outline (null for a point patch), m² and 亩. */
  areaM2: z.number().nullable(),
  areaMu: z.number().nullable(),
  center: z.tuple([z.number(), z.number()]),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  geometryType: z.enum(['Polygon', 'MultiPolygon', 'Point']),
  /** Classes of the last classification; null until classified. */
  classes: z.array(z.enum(PATCH_CLASSES)).nullable(),
  classifiedAt: z.string().nullable(),
  sourceFile: z.string().nullable(),
  createdAt: z.string(),
});
export type PatchSummary = z.infer<typeof patchSummarySchema>;

export const patchDetailSchema = patchSummarySchema.extend({
  geometry: patchGeometrySchema,
  attributes: z.record(z.string(), z.unknown()),
  overlay: patchOverlaySchema.nullable(),
});
export type PatchDetail = z.infer<typeof patchDetailSchema>;

/** Answer of POST /api/patches/classify. */
export const classificationRunSchema = z.object({
  runId: z.string(),
  regionCode: z.string(),
  patches: z.number(),
  /** Registry polygons compared (licensed mines, temporary land, protected areas in your region near the patches). */
  sites: z.object({ licensed_mine: z.number(), temporary_land: z.number(), protected_area: z.number() }),
  /** Registry objects left out, and why (bad geometry, closed or cancelled licence). */
  skippedSites: z.array(z.object({ siteId: z.string(), reason: z.string() })),
  /** Patches per class (a patch counts in each of its classes). */
  counts: z.record(z.string(), z.number()),
  /** Area per class, m² and 亩: the extent each class measures (see the overlay doc). */
  areas: z.record(z.string(), areaOut),
  /** Patches whose classes changed since their previous classification. */
  changed: z.number(),
  durationMs: z.object({ overlay: z.number(), total: z.number() }),
});
export type ClassificationRun = z.infer<typeof classificationRunSchema>;
