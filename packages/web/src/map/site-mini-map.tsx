import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSourceSpecification } from 'maplibre-gl';
import type { SiteKind } from '@minewatch/core';
import { useT } from '../i18n';
import { KIND_COLORS } from '../pages/sites/site-fields';
import { baseStyle, fitBounds, geometryBounds, IS_POINT, IS_POLYGON, webglSupported } from './map-base';
import { NoWebgl } from './no-webgl';

/** A small map of one site's geometry (site page). Loaded lazily with maplibre-gl. */
export function SiteMiniMap({ geometry, kind }: { geometry: unknown; kind: SiteKind }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(() => (webglSupported() ? null : 'WebGL'));

  useEffect(() => {
    const container = ref.current;
    const bounds = geometryBounds(geometry);
    if (!container || failure || !bounds) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: baseStyle(),
        bounds: fitBounds(bounds),
        fitBoundsOptions: { padding: 32, maxZoom: 15 },
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
      const color = KIND_COLORS[kind];
      const data = { type: 'Feature', properties: {}, geometry } as GeoJSONSourceSpecification['data'];
      map.addSource('site', { type: 'geojson', data });
      map.addLayer({ id: 'site-fill', type: 'fill', source: 'site', filter: IS_POLYGON, paint: { 'fill-color': color, 'fill-opacity': 0.25 } });
      map.addLayer({ id: 'site-line', type: 'line', source: 'site', filter: IS_POLYGON, paint: { 'line-color': color, 'line-width': 2 } });
      map.addLayer({
        id: 'site-point',
        type: 'circle',
        source: 'site',
        filter: IS_POINT,
        paint: { 'circle-color': color, 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
      });
      // drawn: lets tests (and screenshots) wait for the first complete frame
      map.once('idle', () => container.setAttribute('data-ready', 'true'));
    });
    return () => map.remove();
  }, [geometry, kind, failure]);

  if (failure) return <NoWebgl detail={failure === 'WebGL' ? undefined : failure} />;
  return <div ref={ref} className="site-mini-map" role="img" aria-label={t('site.mapLabel')} />;
}
