import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { Alert, Spin } from 'antd';
import { useQueries } from '@tanstack/react-query';
import {
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import { useNavigate } from 'react-router-dom';
import { SITE_KINDS, siteKindLabel, type SiteDetail, type SiteKind, type SiteSummary } from '@minewatch/core';
import { fetchSite, siteKeys, useSites, type SiteList } from '../api/sites';
import { useI18n, useLabel } from '../i18n';
import { useCurrentRegion } from '../layout/region-context';
import { KIND_COLORS, statusLabelOf } from '../pages/sites/site-fields';
import { ErrorResult } from '../ui/error-result';
import { LoadingBlock } from '../ui/loading-block';
import { PageTitle } from '../ui/page-title';
import { useMediaQuery } from '../ui/use-media-query';
import {
  baseStyle,
  boxesOverlap,
  CHINA_BOUNDS,
  fitBounds,
  IS_POLYGON,
  KIND_COLOR_EXPRESSION,
  unionBbox,
  webglSupported,
  type Bbox,
} from './map-base';
import { NoWebgl } from './no-webgl';

const LIMIT = 1000;
/** Outlines are fetched (one detail request each) only when this few areas are in view. */
const MAX_SHAPES = 100;
/** Above this zoom no clustering, and the centre markers of drawn areas give way to the areas. */
const CLUSTER_MAX_ZOOM = 10;
/** Outlines are drawn (and fetched) from this zoom; below it an area is only its centre ring. */
const SHAPE_MIN_ZOOM = 8;
const INTERACTIVE = ['site-points', 'area-markers', 'area-markers-drawn', 'shape-fill'];

type View = { bbox: Bbox; zoom: number };
type Props = { id: string; name: string; kind: SiteKind; status: string; regionName: string };

const isPoint = (b: Bbox) => b[0] === b[2] && b[1] === b[3];
const bboxParam = (b: Bbox) => b.map((v) => v.toFixed(5)).join(',');
const clampView = (b: Bbox): Bbox => [
  Math.max(-180, b[0]),
  Math.max(-85, b[1]),
  Math.min(180, b[2]),
  Math.min(85, b[3]),
];

/** `/map` 一张图: the supervised objects of the current region on a MapLibre map without online tiles. */
export function MapPage() {
  const { t } = useI18n();
  const { code } = useCurrentRegion();
  // every site of the region (up to 1000): the initial view fits them
  const regionSites = useSites({ region: code, limit: LIMIT });
  return (
    <div className="map-page">
      <PageTitle>{t('map.title')}</PageTitle>
      {regionSites.isError ? (
        <ErrorResult error={regionSites.error} onRetry={() => void regionSites.refetch()} />
      ) : !regionSites.data ? (
        <LoadingBlock />
      ) : !webglSupported() ? (
        <NoWebgl />
      ) : (
        <SitesMap region={code} initial={regionSites.data} />
      )}
    </div>
  );
}

function SitesMap({ region, initial }: { region: string; initial: SiteList }) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const wrapRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [view, setView] = useState<View | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<SiteKind>>(() => new Set());

  // The popup is built outside React; it reads the latest translations and routing through a ref.
  const ctx = useRef<PopupCtx>({ t, label, navigate, withRegion });
  ctx.current = { t, label, navigate, withRegion };

  useFillHeight(wrapRef);

  // ---- the map itself, once ----
  useEffect(() => {
    const container = wrapRef.current?.querySelector<HTMLDivElement>('.map-canvas');
    if (!container) return;
    const start = unionBbox(initial.items.map((s) => s.bbox));
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: baseStyle(),
        bounds: fitBounds(start ?? CHINA_BOUNDS),
        // keep the sites clear of the legend (top left, open on wide screens)
        fitBoundsOptions: { padding: isMobile ? 40 : { top: 50, bottom: 50, left: 280, right: 70 }, maxZoom: 15 },
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        maxPitch: 0,
      });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return;
    }
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');

    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = () => {
      const b = map.getBounds();
      setView({ bbox: clampView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]), zoom: map.getZoom() });
    };
    map.on('moveend', () => {
      clearTimeout(timer);
      timer = setTimeout(report, 300);
    });

    map.on('load', () => {
      const empty = { type: 'FeatureCollection' as const, features: [] };
      map.addSource('shapes', { type: 'geojson', data: empty });
      map.addSource('sites', {
        type: 'geojson',
        data: empty,
        cluster: true,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
        clusterRadius: 32,
      });
      map.addLayer({
        id: 'shape-fill',
        type: 'fill',
        source: 'shapes',
        minzoom: SHAPE_MIN_ZOOM,
        filter: IS_POLYGON,
        paint: { 'fill-color': KIND_COLOR_EXPRESSION, 'fill-opacity': 0.28 },
      });
      map.addLayer({
        id: 'shape-line',
        type: 'line',
        source: 'shapes',
        minzoom: SHAPE_MIN_ZOOM,
        filter: IS_POLYGON,
        paint: { 'line-color': KIND_COLOR_EXPRESSION, 'line-width': 1.6 },
      });
      map.addLayer({
        id: 'clusters',
        type: 'circle',
        source: 'sites',
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': '#0f2f57',
          'circle-opacity': 0.78,
          'circle-radius': ['step', ['get', 'point_count'], 10, 5, 13, 10, 16, 50, 21, 200, 27],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
      // areas whose outline is not drawn (yet): a ring at the centre of their extent
      map.addLayer({
        id: 'area-markers',
        type: 'circle',
        source: 'sites',
        filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'area'], true], ['!=', ['get', 'drawn'], true]],
        paint: {
          'circle-color': '#fff',
          'circle-radius': 6,
          'circle-stroke-color': KIND_COLOR_EXPRESSION,
          'circle-stroke-width': 3,
        },
      });
      // areas with their outline drawn: the centre ring only until the outline is large enough to see
      map.addLayer({
        id: 'area-markers-drawn',
        type: 'circle',
        source: 'sites',
        maxzoom: CLUSTER_MAX_ZOOM + 1,
        filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'area'], true], ['==', ['get', 'drawn'], true]],
        paint: {
          'circle-color': '#fff',
          'circle-radius': 6,
          'circle-stroke-color': KIND_COLOR_EXPRESSION,
          'circle-stroke-width': 3,
        },
      });
      map.addLayer({
        id: 'site-points',
        type: 'circle',
        source: 'sites',
        filter: ['all', ['!', ['has', 'point_count']], ['!=', ['get', 'area'], true]],
        paint: {
          'circle-color': KIND_COLOR_EXPRESSION,
          'circle-radius': 7,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });

      map.on('click', 'clusters', (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
        const feature = e.features?.[0];
        const clusterId = feature?.properties.cluster_id as number | undefined;
        if (!feature || clusterId === undefined || feature.geometry.type !== 'Point') return;
        const center = feature.geometry.coordinates as [number, number];
        void (map.getSource('sites') as GeoJSONSource)
          .getClusterExpansionZoom(clusterId)
          .then((zoom) => map.easeTo({ center, zoom: Math.min(zoom, CLUSTER_MAX_ZOOM + 1) }));
      });
      map.on('click', (e) => {
        const hit = map.queryRenderedFeatures(e.point, { layers: INTERACTIVE })[0];
        if (hit) openPopup(map, e.lngLat, hit.properties as unknown as Props, ctx.current);
      });
      for (const layer of [...INTERACTIVE, 'clusters']) {
        map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
      }
      // a cluster's count (no text layers: they would need glyphs) shows on hover
      const hover = new Popup({ closeButton: false, closeOnClick: false, offset: 14, className: 'map-cluster-tip' });
      map.on('mousemove', 'clusters', (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
        const f = e.features?.[0];
        if (!f || f.geometry.type !== 'Point') return;
        const n = Number(f.properties.point_count);
        hover
          .setLngLat(f.geometry.coordinates as [number, number])
          .setText(ctx.current.t('map.clusterCount', { n }))
          .addTo(map);
      });
      map.on('mouseleave', 'clusters', () => hover.remove());
      setReady(true);
      report();
    });

    return () => {
      clearTimeout(timer);
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
    // `initial` only sets the first view; later data arrives through setData below.
  }, []);

  // ---- data: the sites in view (debounced moveend) plus the region's list ----
  const inView = useSites({ region, bbox: view ? bboxParam(view.bbox) : null, limit: LIMIT }, !!view);
  const sites = useMemo(() => {
    const byId = new Map<string, SiteSummary>();
    for (const s of initial.items) byId.set(s.id, s);
    for (const s of inView.data?.items ?? []) byId.set(s.id, s);
    return [...byId.values()].filter((s) => s.bbox !== null);
  }, [initial, inView.data]);

  const visible = useMemo(
    () => (view ? sites.filter((s) => s.bbox && boxesOverlap(s.bbox, view.bbox)) : sites),
    [sites, view],
  );
  const areasInView = useMemo(
    () => visible.filter((s) => s.bbox && !isPoint(s.bbox) && !hidden.has(s.kind)),
    [visible, hidden],
  );
  const shapeQueries = useQueries({
    queries: (view && view.zoom >= SHAPE_MIN_ZOOM && areasInView.length <= MAX_SHAPES ? areasInView : []).map((s) => ({
      queryKey: siteKeys.one(s.id),
      queryFn: () => fetchSite(s.id),
      staleTime: 5 * 60_000,
    })),
  });
  const shapes = useMemo(() => {
    const out = new Map<string, SiteDetail>();
    for (const q of shapeQueries) if (q.data) out.set(q.data.id, q.data);
    return out;
  }, [shapeQueries]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const shown = sites.filter((s) => !hidden.has(s.kind));
    const markers = shown.map((s) => {
      const b = s.bbox!;
      const area = !isPoint(b);
      const props = { id: s.id, name: s.name, kind: s.kind, status: s.status ?? '', regionName: s.regionName, area, drawn: area && shapes.has(s.id) };
      return { type: 'Feature' as const, properties: props, geometry: { type: 'Point' as const, coordinates: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] } };
    });
    const outlines = shown.flatMap((s) => {
      const d = shapes.get(s.id);
      const g = d?.geometry as { type?: string } | null | undefined;
      if (!d || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return [];
      return [{ type: 'Feature' as const, properties: { id: s.id, name: s.name, kind: s.kind, status: s.status ?? '', regionName: s.regionName }, geometry: g as never }];
    });
    (map.getSource('sites') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: markers });
    (map.getSource('shapes') as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: outlines });
  }, [ready, sites, shapes, hidden]);

  const counts = useMemo(() => {
    const m = new Map<SiteKind, number>();
    for (const s of visible) m.set(s.kind, (m.get(s.kind) ?? 0) + 1);
    return m;
  }, [visible]);

  const toggle = useCallback(
    (kind: SiteKind) =>
      setHidden((prev) => {
        const next = new Set(prev);
        if (next.has(kind)) next.delete(kind);
        else next.add(kind);
        return next;
      }),
    [],
  );

  const truncated = inView.data && inView.data.total > inView.data.items.length;
  const loading = inView.isFetching || shapeQueries.some((q) => q.isFetching);

  return (
    // data-view: the bounds in view (lon/lat), for tests that need to find a site on the canvas
    <div ref={wrapRef} className="map-wrap" data-view={view ? view.bbox.join(',') : undefined}>
      {failure ? (
        <NoWebgl detail={failure} />
      ) : (
        <>
          <div className="map-canvas" role="region" aria-label={t('map.title')} />
          <details className="map-legend" open={!isMobile}>
            <summary>
              {t('map.legend')} · {t('map.inView', { n: visible.length })}
            </summary>
            <ul>
              {SITE_KINDS.map((k) => (
                <li key={k}>
                  <button
                    type="button"
                    className={hidden.has(k) ? 'legend-item legend-item-off' : 'legend-item'}
                    aria-pressed={!hidden.has(k)}
                    onClick={() => toggle(k)}
                    title={t('map.toggleKind')}
                  >
                    <span className="legend-swatch" style={{ background: KIND_COLORS[k] }} />
                    <span className="legend-label">{label(siteKindLabel[k])}</span>
                    <span className="legend-count">{counts.get(k) ?? 0}</span>
                  </button>
                </li>
              ))}
            </ul>
            <p className="legend-note">
              <span className="legend-cluster" /> {t('map.clusterNote')}
            </p>
            <p className="legend-note">
              <span className="legend-ring" /> {t('map.areaNote')}
            </p>
            {areasInView.length > MAX_SHAPES ? <p className="legend-note">{t('map.zoomForShapes')}</p> : null}
          </details>
          {truncated ? (
            <Alert
              className="map-notice"
              type="info"
              showIcon
              title={t('map.truncated', { total: inView.data.total, n: inView.data.items.length })}
            />
          ) : null}
          {loading ? (
            <div className="map-loading" role="status">
              <Spin size="small" /> {t('common.loading')}
            </div>
          ) : null}
          {initial.items.length === 0 ? (
            <Alert className="map-notice" type="info" showIcon title={t('map.empty')} />
          ) : null}
        </>
      )}
    </div>
  );
}

/** Keeps the map as tall as the window leaves below it. */
function useFillHeight(ref: RefObject<HTMLDivElement | null>) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      el.style.height = `${Math.max(360, window.innerHeight - top - 16)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [ref]);
}

type PopupCtx = {
  t: ReturnType<typeof useI18n>['t'];
  label: ReturnType<typeof useLabel>;
  navigate: ReturnType<typeof useNavigate>;
  withRegion: (path: string) => string;
};

/** The popup of a site: name, kind, status, region and a link to its page (built with DOM calls, no HTML strings). */
function openPopup(map: MapLibreMap, at: { lng: number; lat: number }, p: Props, c: PopupCtx) {
  const box = document.createElement('div');
  box.className = 'map-popup';
  const title = document.createElement('strong');
  title.className = 'map-popup-title';
  title.textContent = p.name;
  const kind = document.createElement('div');
  const swatch = document.createElement('span');
  swatch.className = 'legend-swatch';
  swatch.style.background = KIND_COLORS[p.kind] ?? '#595959';
  kind.append(swatch, ` ${c.label(siteKindLabel[p.kind])}`);
  const status = statusLabelOf(p.kind, p.status || null);
  if (status) kind.append(` · ${c.label(status)}`);
  const region = document.createElement('div');
  region.className = 'map-popup-region';
  region.textContent = p.regionName;
  const link = document.createElement('a');
  const href = c.withRegion(`/sites/${p.id}`);
  link.href = href;
  link.textContent = c.t('map.openSite');
  link.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void c.navigate(href);
  });
  box.append(title, kind, region, link);
  new Popup({ closeButton: true, maxWidth: '280px' }).setLngLat(at).setDOMContent(box).addTo(map);
}
