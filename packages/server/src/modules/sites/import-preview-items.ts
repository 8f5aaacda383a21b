import type { SiteAttributes, SiteGeometry } from '@minewatch/core';

/** A checked site of a geometry import, measured at preview (bbox degrees [minLon, minLat, maxLon, maxLat], area m²). */
export interface PreviewSite {
  regionCode: string;
  name: string;
  attributes: SiteAttributes;
  geometry: SiteGeometry | null;
  bbox: [number, number, number, number] | null;
  areaM2: number | null;
}

/** The outline of a packed geometry: its type and how many positions each part has. */
type Shape =
  | { type: 'Point' | 'MultiPoint'; dims: number; n: number }
  | { type: 'Polygon'; dims: number; rings: number[] }
  | { type: 'MultiPolygon'; dims: number; polygons: number[][] };

interface StoredRow {
  name: string;
  /** Packed geometry (its numbers are in `coordinates`), or the geometry as given when it cannot be packed. */
  shape?: Shape;
  geometry?: SiteGeometry | null;
  bbox: [number, number, number, number] | null;
  areaM2: number | null;
  /** Only when the sites do not all share one. */
  regionCode?: string;
  attributes?: SiteAttributes;
}

/**
 * import_preview.items as written by encodePreviewItems. A 20,000-polygon preview as plain GeoJSON
 * is 21 MB of JSON that PostgreSQL turns into a jsonb tree of 1.3 million numerics and back
 * (measured: 3–4 s to store, 1.5–2.5 s to take); packed, it is 16 MB, 14 MB of it one base64
 * string that jsonb stores and returns without parsing numbers (about 1 s and 0.1 s).
 */
interface StoredItems {
  format: 2;
  regionCode: string | null;
  attributes: SiteAttributes | null;
  rows: StoredRow[];
  /** Every packed geometry's numbers in order, float64 little-endian, base64: exact, bit for bit. */
  coordinates: string;
}

/** Positions of a packable geometry: exactly {type, coordinates}, every position `dims` finite numbers. */
function shapeOf(g: SiteGeometry): { shape: Shape; count: number } | null {
  const keys = Object.keys(g);
  if (keys.length !== 2 || !keys.includes('type') || !keys.includes('coordinates')) return null;
  let dims = -1;
  const ok = (positions: number[][]) => {
    for (const p of positions) {
      if (!Array.isArray(p) || (dims !== -1 && p.length !== dims) || p.length < 2) return false;
      dims = p.length;
      for (const v of p) if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    }
    return true;
  };
  switch (g.type) {
    case 'Point':
      return ok([g.coordinates]) ? { shape: { type: 'Point', dims, n: 1 }, count: dims } : null;
    case 'MultiPoint':
      return g.coordinates.length > 0 && ok(g.coordinates) ? { shape: { type: 'MultiPoint', dims, n: g.coordinates.length }, count: dims * g.coordinates.length } : null;
    case 'Polygon': {
      if (!g.coordinates.every(ok) || dims === -1) return null;
      const rings = g.coordinates.map((r) => r.length);
      return { shape: { type: 'Polygon', dims, rings }, count: dims * rings.reduce((s, n) => s + n, 0) };
    }
    case 'MultiPolygon': {
      if (!g.coordinates.every((poly) => poly.every(ok)) || dims === -1) return null;
      const polygons = g.coordinates.map((poly) => poly.map((r) => r.length));
      return { shape: { type: 'MultiPolygon', dims, polygons }, count: dims * polygons.flat().reduce((s, n) => s + n, 0) };
    }
    default:
      return null;
  }
}

/** Writes the sites of a preview compactly (see StoredItems); decodePreviewItems gives them back equal. */
export function encodePreviewItems(sites: PreviewSite[]): StoredItems {
  const first = sites[0];
  const regionCode = first && sites.every((s) => s.regionCode === first.regionCode) ? first.regionCode : null;
  const firstAttributes = first && JSON.stringify(first.attributes);
  const attributes = first && sites.every((s) => s.attributes === first.attributes || JSON.stringify(s.attributes) === firstAttributes) ? first.attributes : null;
  const shapes = sites.map((s) => (s.geometry ? shapeOf(s.geometry) : null));
  const view = new DataView(new ArrayBuffer(8 * shapes.reduce((n, x) => n + (x?.count ?? 0), 0)));
  let at = 0;
  const put = (positions: number[][]) => {
    for (const p of positions) {
      for (const v of p) {
        view.setFloat64(at, v, true);
        at += 8;
      }
    }
  };
  const rows = sites.map((s, k): StoredRow => {
    const packed = shapes[k];
    const g = s.geometry;
    if (packed && g) {
      if (g.type === 'Point') put([g.coordinates]);
      else if (g.type === 'MultiPoint') put(g.coordinates);
      else if (g.type === 'Polygon') g.coordinates.forEach(put);
      else g.coordinates.forEach((poly) => poly.forEach(put));
    }
    return {
      name: s.name,
      ...(packed ? { shape: packed.shape } : { geometry: g }),
      bbox: s.bbox,
      areaM2: s.areaM2,
      ...(regionCode === null ? { regionCode: s.regionCode } : {}),
      ...(attributes === null ? { attributes: s.attributes } : {}),
    };
  });
  return { format: 2, regionCode, attributes, rows, coordinates: Buffer.from(view.buffer).toString('base64') };
}

/** Whether import_preview.items was written by encodePreviewItems (earlier previews held a plain SiteInput[]). */
export const isEncodedPreview = (items: unknown): boolean => typeof items === 'object' && items !== null && (items as { format?: unknown }).format === 2;

/** The sites of a preview written by encodePreviewItems, in order. */
export function decodePreviewItems(items: unknown): PreviewSite[] {
  return [...decodePreviewBatches(items, Infinity)].flat();
}

/**
 * The sites of a preview written by encodePreviewItems, in order, `size` at a time: only the
 * batch being written needs its geometries as objects (a 20,000-polygon preview has 1.3 million
 * positions).
 */
export function* decodePreviewBatches(items: unknown, size: number): Generator<PreviewSite[]> {
  const p = items as StoredItems;
  const bytes = Buffer.from(p.coordinates, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const next = () => {
    const v = view.getFloat64(at, true);
    at += 8;
    return v;
  };
  const take = (n: number, dims: number): number[][] => {
    const out: number[][] = [];
    for (let k = 0; k < n; k++) {
      if (dims === 2) out.push([next(), next()]);
      else out.push(Array.from({ length: dims }, next));
    }
    return out;
  };
  const geometryOf = (r: StoredRow): SiteGeometry | null => {
    const s = r.shape;
    if (!s) return r.geometry ?? null;
    switch (s.type) {
      case 'Point':
        return { type: 'Point', coordinates: take(1, s.dims)[0]! } as SiteGeometry;
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: take(s.n, s.dims) } as SiteGeometry;
      case 'Polygon':
        return { type: 'Polygon', coordinates: s.rings.map((n) => take(n, s.dims)) } as SiteGeometry;
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: s.polygons.map((poly) => poly.map((n) => take(n, s.dims))) } as SiteGeometry;
    }
  };
  for (let i = 0; i < p.rows.length; i += size) {
    yield p.rows.slice(i, i + size).map((r) => ({
      regionCode: r.regionCode ?? p.regionCode!,
      name: r.name,
      attributes: r.attributes ?? p.attributes!,
      geometry: geometryOf(r),
      bbox: r.bbox,
      areaM2: r.areaM2,
    }));
  }
  if (at !== bytes.byteLength) throw new Error(`import preview: ${bytes.byteLength - at} bytes of coordinates left over (damaged preview)`);
}
