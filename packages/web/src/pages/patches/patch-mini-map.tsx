import { useCallback, useMemo } from 'react';
import type { GeoJSONSourceSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { geometryBounds, IS_POINT, IS_POLYGON, type Bbox } from '../../map/map-base';
import { MiniMap } from '../../map/mini-map';
import { PATCH_MAP_COLORS } from './patch-tags';
import { usePatchText } from './patches-text';

type Geometry = unknown;
const collection = (geometries: readonly Geometry[]) =>
  ({ type: 'FeatureCollection', features: geometries.map((g) => ({ type: 'Feature', properties: {}, geometry: g })) }) as GeoJSONSourceSpecification['data'];

/**
 * The patch with the licences, protected areas and temporary land it meets. The patch is filled red
 * and the licences are drawn over it in an opaque fill, so what stays red is exactly the patch
 * outside those licences (the 越界 / 无证 part) — drawn, not computed: the API returns areas, not
 * that geometry. Loaded lazily with maplibre-gl.
 */
export function PatchMiniMap({
  patch,
  licences,
  protectedAreas,
  temporaryLand,
}: {
  patch: Geometry;
  licences: readonly Geometry[];
  protectedAreas: readonly Geometry[];
  temporaryLand: readonly Geometry[];
}) {
  const t = usePatchText();
  // some room around the patch so the licence edge it crosses is in view
  const bounds = useMemo<Bbox | null>(() => {
    const b = geometryBounds(patch);
    if (!b) return null;
    const dx = (b[2] - b[0]) * 0.4;
    const dy = (b[3] - b[1]) * 0.4;
    return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
  }, [patch]);
  const draw = useCallback(
    (map: MapLibreMap) => {
      const c = PATCH_MAP_COLORS;
      map.addSource('patch', { type: 'geojson', data: collection([patch]) });
      map.addSource('licences', { type: 'geojson', data: collection(licences) });
      map.addSource('protected', { type: 'geojson', data: collection(protectedAreas) });
      map.addSource('temporary', { type: 'geojson', data: collection(temporaryLand) });
      map.addLayer({ id: 'patch-fill', type: 'fill', source: 'patch', filter: IS_POLYGON, paint: { 'fill-color': c.outside, 'fill-opacity': 0.55 } });
      map.addLayer({ id: 'licence-fill', type: 'fill', source: 'licences', filter: IS_POLYGON, paint: { 'fill-color': c.licenceFill, 'fill-opacity': 1 } });
      map.addLayer({ id: 'licence-line', type: 'line', source: 'licences', filter: IS_POLYGON, paint: { 'line-color': c.licenceLine, 'line-width': 2 } });
      map.addLayer({ id: 'temporary-line', type: 'line', source: 'temporary', filter: IS_POLYGON, paint: { 'line-color': c.temporary, 'line-width': 2, 'line-dasharray': [3, 2] } });
      map.addLayer({ id: 'protected-line', type: 'line', source: 'protected', filter: IS_POLYGON, paint: { 'line-color': c.protected, 'line-width': 2, 'line-dasharray': [1, 1.5] } });
      map.addLayer({ id: 'patch-line', type: 'line', source: 'patch', filter: IS_POLYGON, paint: { 'line-color': c.patchLine, 'line-width': 2 } });
      map.addLayer({
        id: 'patch-point',
        type: 'circle',
        source: 'patch',
        filter: IS_POINT,
        paint: { 'circle-color': c.outside, 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
      });
    },
    [patch, licences, protectedAreas, temporaryLand],
  );
  return <MiniMap bounds={bounds} padding={24} maxZoom={17} draw={draw} className="patch-mini-map" label={t('detail.mapLabel')} />;
}
