import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import { baseStyle, fitBounds, webglSupported, type Bbox } from './map-base';
import { NoWebgl } from './no-webgl';

/**
 * A small map (a site's, a patch's) fitted to `bounds`: zoom buttons and a scale, no scroll zoom or
 * rotation; `draw` adds the sources and layers once the base style has loaded, and `data-ready` is
 * set on the first complete frame (tests and screenshots wait for it). Without WebGL, or when the
 * map cannot start, a notice instead. A new `bounds` or `draw` draws the map again, so callers keep
 * them with useMemo/useCallback. Loaded lazily with maplibre-gl.
 */
export function MiniMap({
  bounds,
  padding,
  maxZoom,
  draw,
  className,
  label,
}: {
  bounds: Bbox | null;
  padding: number;
  maxZoom: number;
  draw: (map: MapLibreMap) => void;
  className: string;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(() => (webglSupported() ? null : 'WebGL'));

  useEffect(() => {
    const container = ref.current;
    if (!container || failure || !bounds) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: baseStyle(),
        bounds: fitBounds(bounds),
        fitBoundsOptions: { padding, maxZoom },
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
      draw(map);
      // drawn: lets tests (and screenshots) wait for the first complete frame
      map.once('idle', () => container.setAttribute('data-ready', 'true'));
    });
    return () => map.remove();
  }, [bounds, padding, maxZoom, draw, failure]);

  if (failure) return <NoWebgl detail={failure === 'WebGL' ? undefined : failure} />;
  return <div ref={ref} className={className} role="img" aria-label={label} />;
}
