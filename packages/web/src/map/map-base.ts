import 'maplibre-gl/dist/maplibre-gl.css';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { SITE_KINDS } from '@minewatch/core';
import { KIND_COLORS } from '../pages/sites/site-fields';
import type { Bbox } from './geometry';

export { boxesOverlap, fitBounds, geometryBounds, unionBbox, type Bbox } from './geometry';

/**
 * Shared pieces of the MapLibre maps. Everything is drawn from local GeoJSON: the style has no tile
 * source, no glyphs and no sprite, so the map never fetches anything from the network (only
 * circle/fill/line layers are used; text layers would need glyphs).
 */

/** China's extent, the initial view when there is nothing to fit. */
export const CHINA_BOUNDS: [number, number, number, number] = [73, 18, 135, 54];


/** ["match", kind, …colours] for paint properties. */
export const KIND_COLOR_EXPRESSION = [
  'match',
  ['get', 'kind'],
  ...SITE_KINDS.flatMap((k) => [k, KIND_COLORS[k]]),
  '#595959',
] as unknown as ExpressionSpecification;

/** Layer filters by geometry type (the multi types count too). */
export const IS_POLYGON = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false] as unknown as ExpressionSpecification;
export const IS_POINT = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false] as unknown as ExpressionSpecification;

type LineFeature = { type: 'Feature'; properties: { major: boolean }; geometry: { type: 'LineString'; coordinates: number[][] } };

/** Meridians and parallels over China (every degree; every 0.1° drawn at closer zooms). */
function graticule(step: number, extent: Bbox): { type: 'FeatureCollection'; features: LineFeature[] } {
  const features: LineFeature[] = [];
  const [w, s, e, n] = extent;
  const ticks = (from: number, to: number) => {
    const out: number[] = [];
    for (let i = Math.ceil(from / step); i * step <= to + 1e-9; i++) out.push(Math.round(i * step * 1000) / 1000);
    return out;
  };
  const major = (v: number) => Math.abs(v - Math.round(v)) < 1e-9;
  for (const x of ticks(w, e)) features.push({ type: 'Feature', properties: { major: major(x) }, geometry: { type: 'LineString', coordinates: [[x, s], [x, n]] } });
  for (const y of ticks(s, n)) features.push({ type: 'Feature', properties: { major: major(y) }, geometry: { type: 'LineString', coordinates: [[w, y], [e, y]] } });
  return { type: 'FeatureCollection', features };
}

/** A plain background with a graticule; sources of type geojson only. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      graticule: { type: 'geojson', data: graticule(1, [70, 15, 140, 56]) as never },
      'graticule-fine': { type: 'geojson', data: graticule(0.1, [70, 15, 140, 56]) as never },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
      {
        id: 'graticule-fine',
        type: 'line',
        source: 'graticule-fine',
        minzoom: 8,
        filter: ['!', ['get', 'major']],
        paint: { 'line-color': '#d5dde7', 'line-width': 0.6 },
      },
      {
        id: 'graticule',
        type: 'line',
        source: 'graticule',
        paint: { 'line-color': '#c3cfdc', 'line-width': 1 },
      },
    ],
  };
}

let webgl: boolean | undefined;

/** Whether this browser can give MapLibre a WebGL context (probed once; the probe's context is released). */
export function webglSupported(): boolean {
  if (webgl !== undefined) return webgl;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    webgl = !!gl;
  } catch {
    webgl = false;
  }
  return webgl;
}

// ---- Tianditu (天地图) base layers: only added when the deployment configured a key ----

export type BaseLayer = 'none' | 'vec' | 'img';
type TdtLayer = 'vec' | 'cva' | 'img' | 'cia';

/** WMTS tile URLs of a Tianditu layer in Web Mercator (`_w` services, TILEMATRIXSET=w) over its eight hosts t0–t7. */
export function tiandituTiles(layer: TdtLayer, key: string): string[] {
  return Array.from(
    { length: 8 },
    (_, i) =>
      `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

const TDT_LAYERS: Record<Exclude<BaseLayer, 'none'>, [TdtLayer, TdtLayer]> = { vec: ['vec', 'cva'], img: ['img', 'cia'] };
const TDT_IDS = ['tdt-vec', 'tdt-cva', 'tdt-img', 'tdt-cia'];

/**
 * Shows the chosen base under everything drawn from our data: Tianditu vector or imagery with its
 * annotation (注记) layer, or none (graticule only). Without a key nothing is added, so nothing is
 * requested from outside.
 */
export function setBaseLayer(map: import('maplibre-gl').Map, base: BaseLayer, key: string | null): void {
  for (const id of TDT_IDS) {
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
  const online = base !== 'none' && !!key;
  for (const id of ['graticule', 'graticule-fine']) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', online ? 'none' : 'visible');
  if (!online) return;
  // first layer above the background and graticule: the base goes below it
  const before = map.getStyle().layers.find((l) => !['background', 'graticule', 'graticule-fine'].includes(l.id))?.id;
  for (const layer of TDT_LAYERS[base]) {
    const id = `tdt-${layer}`;
    map.addSource(id, { type: 'raster', tiles: tiandituTiles(layer, key), tileSize: 256, maxzoom: 18, attribution: '天地图' });
    map.addLayer({ id, type: 'raster', source: id }, before);
  }
}
