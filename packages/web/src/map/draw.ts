import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeoJSONStoreFeatures, TerraDraw } from 'terra-draw';

type FeatureId = string | number;

/**
 * Drawing and editing of site geometry on a MapLibre map with Terra Draw (MIT; chosen over
 * mapbox-gl-draw because it supports MapLibre 5 through its own adapter, edits vertices and
 * midpoints of a selected polygon, and draws with circle/line/fill layers only, so it needs no
 * glyphs, sprites or network). Loaded on first use: the map chunk does not carry it.
 */

export type DrawKind = 'point' | 'polygon';
type Pos = number[];
export type DrawnGeometry =
  | { type: 'Point'; coordinates: Pos }
  | { type: 'Polygon'; coordinates: Pos[][] }
  | { type: 'MultiPolygon'; coordinates: Pos[][][] };

export interface Drawer {
  /** Starts drawing a new point or polygon; whatever was drawn before is removed when it finishes. */
  draw(kind: DrawKind): void;
  /** Loads a geometry for editing (vertices draggable); false when it cannot be edited here (holes, multipoints). */
  edit(geometry: unknown): boolean;
  /** What is on the map now: Point, Polygon, MultiPolygon (several polygons), or null. */
  geometry(): DrawnGeometry | null;
  clear(): void;
  destroy(): void;
}

/** Terra Draw keeps 9 decimals (≈0.1 mm); stored coordinates (e.g. converted from Gauss–Krüger) have more. */
const PRECISION = 9;
const round = (p: Pos): Pos => [Number(p[0]!.toFixed(PRECISION)), Number(p[1]!.toFixed(PRECISION))];

/** Whether a stored geometry can be edited on the map (Point, or polygons without holes). */
export function editable(geometry: unknown): boolean {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g) return true;
  if (g.type === 'Point') return true;
  if (g.type === 'Polygon') return (g.coordinates as Pos[][]).length === 1;
  if (g.type === 'MultiPolygon') return (g.coordinates as Pos[][][]).every((p) => p.length === 1);
  return false;
}

/**
 * A drawer on `map` (which must have loaded). `onChange` fires when a drawing finishes or an edit
 * moves, adds or deletes a vertex.
 */
export async function createDrawer(map: MapLibreMap, color: string, onChange: () => void): Promise<Drawer> {
  const [{ TerraDraw: Draw, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode, ValidateNotSelfIntersecting }, { TerraDrawMapLibreGLAdapter }] =
    await Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]);
  const hex = color as `#${string}`;
  const draw: TerraDraw = new Draw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
    modes: [
      new TerraDrawPointMode({ styles: { pointColor: hex, pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
      new TerraDrawPolygonMode({
        validation: (feature) => ValidateNotSelfIntersecting(feature),
        styles: { fillColor: hex, fillOpacity: 0.25, outlineColor: hex, outlineWidth: 2, closingPointColor: hex, closingPointWidth: 6 },
      }),
      new TerraDrawSelectMode({
        flags: {
          polygon: { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } },
          point: { feature: { draggable: true } },
        },
        styles: { selectedPolygonColor: hex, selectedPolygonOutlineColor: hex, selectionPointColor: '#ffffff', selectionPointOutlineColor: hex, selectionPointWidth: 6, selectionPointOutlineWidth: 2, midPointColor: hex, midPointWidth: 4 },
      }),
    ],
  });
  draw.start();
  let drawing = false;

  draw.on('finish', (id: FeatureId, context: { mode: string; action: string }) => {
    if (drawing && (context.mode === 'point' || context.mode === 'polygon')) {
      // a new drawing replaces what was there; keep editing it
      drawing = false;
      const others = draw.getSnapshot().filter((f) => f.id !== id).map((f) => f.id!);
      if (others.length) draw.removeFeatures(others);
      draw.setMode('select');
      draw.selectFeature(id);
    }
    onChange();
  });

  return {
    draw(kind) {
      drawing = true;
      draw.setMode(kind);
    },
    edit(geometry) {
      if (!editable(geometry)) return false;
      const g = geometry as DrawnGeometry | null;
      draw.clear();
      if (!g) return true;
      const features: GeoJSONStoreFeatures[] =
        g.type === 'Point'
          ? [{ type: 'Feature', properties: { mode: 'point' }, geometry: { type: 'Point', coordinates: round(g.coordinates) } }]
          : (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) => ({
              type: 'Feature' as const,
              properties: { mode: 'polygon' },
              geometry: { type: 'Polygon' as const, coordinates: rings.map((r) => r.map(round)) },
            }));
      const results = draw.addFeatures(features);
      const bad = results.find((r) => !r.valid);
      if (bad) throw new Error(`the stored geometry cannot be edited here: ${bad.reason ?? 'invalid'}`);
      draw.setMode('select');
      const first = results[0]?.id;
      if (first !== undefined) draw.selectFeature(first);
      return true;
    },
    geometry() {
      const snap = draw.getSnapshot().filter((f) => f.geometry.type === 'Point' || f.geometry.type === 'Polygon');
      const polys = snap.filter((f) => f.geometry.type === 'Polygon').map((f) => f.geometry.coordinates as Pos[][]);
      if (polys.length > 1) return { type: 'MultiPolygon', coordinates: polys };
      if (polys.length === 1) return { type: 'Polygon', coordinates: polys[0]! };
      const point = snap.find((f) => f.geometry.type === 'Point');
      return point ? { type: 'Point', coordinates: point.geometry.coordinates as Pos } : null;
    },
    clear() {
      drawing = false;
      draw.clear();
      draw.setMode('select');
    },
    destroy() {
      try {
        draw.stop();
      } catch {
        // the map may already be gone
      }
    },
  };
}
