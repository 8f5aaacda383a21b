import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSourceSpecification } from 'maplibre-gl';
import { baseStyle, fitBounds, geometryBounds, IS_POINT, IS_POLYGON, webglSupported } from '../../map/map-base';
import { NoWebgl } from '../../map/no-webgl';
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
  const ref = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(() => (webglSupported() ? null : 'WebGL'));

  useEffect(() => {
    const container = ref.current;
    const b = geometryBounds(patch);
    if (!container || failure || !b) return;
    // some room around the patch so the licence edge it crosses is in view
    const dx = (b[2] - b[0]) * 0.4;
    const dy = (b[3] - b[1]) * 0.4;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: baseStyle(),
        bounds: fitBounds([b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy]),
        fitBoundsOptions: { padding: 24, maxZoom: 17 },
        scrollZoom: false,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return;
    }
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.on('load', () => {
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
      // drawn: lets tests (and screenshots) wait for the first complete frame
      map.once('idle', () => container.setAttribute('data-ready', 'true'));
    });
    return () => map.remove();
  }, [patch, licences, protectedAreas, temporaryLand, failure]);

  if (failure) return <NoWebgl detail={failure === 'WebGL' ? undefined : failure} />;
  return <div ref={ref} className="patch-mini-map" role="img" aria-label={t('detail.mapLabel')} />;
}
