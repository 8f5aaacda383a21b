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
