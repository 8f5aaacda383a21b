import { useCallback, useMemo } from 'react';
import type { GeoJSONSourceSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { SiteKind } from '@minewatch/core';
import { useT } from '../i18n';
import { MiniMap } from './mini-map';
import { KIND_COLORS } from '../pages/sites/site-fields';
import { geometryBounds, IS_POINT, IS_POLYGON } from './map-base';

/** A small map of one site's geometry (site page). Loaded lazily with maplibre-gl. */
export function SiteMiniMap({ geometry, kind }: { geometry: unknown; kind: SiteKind }) {
  const t = useT();
  const bounds = useMemo(() => geometryBounds(geometry), [geometry]);
  const draw = useCallback(
    (map: MapLibreMap) => {
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
    },
    [geometry, kind],
  );
  return <MiniMap bounds={bounds} padding={32} maxZoom={15} draw={draw} className="site-mini-map" label={t('site.mapLabel')} />;
}
