import './map-extra.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Segmented, Space, Spin } from 'antd';
import { AimOutlined, BorderOutlined, CloseOutlined, EnvironmentOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import { useLocation, useNavigate } from 'react-router-dom';
import { can, SITE_KINDS, siteKindLabel, type BoundaryLayer, type SiteKind, type SiteMap } from '@minewatch/core';
import { useMe } from '../api/auth';
import { useRegion } from '../api/regions';
import { useI18n, useLabel } from '../i18n';
import { useCurrentRegion } from '../layout/region-context';
import { KIND_COLORS, statusLabelOf } from '../pages/sites/site-fields';
import { SiteFormModal } from '../pages/sites/site-form-modal';
import { ErrorResult } from '../ui/error-result';
import { LoadingBlock } from '../ui/loading-block';
import { PageTitle } from '../ui/page-title';
import { useMediaQuery } from '../ui/use-media-query';
import { BoundaryUploadModal } from './boundary-upload-modal';
import { createDrawer, type Drawer, type DrawKind, type DrawnGeometry } from './draw';
import { geometryBounds } from './geometry';
import { fetchSiteMap, useBoundaries, useMapConfig, useSiteMap } from './map-api';
import {
  baseStyle,
  CHINA_BOUNDS,
  fitBounds,
  IS_POLYGON,
  KIND_COLOR_EXPRESSION,
  setBaseLayer,
  unionBbox,
  webglSupported,
  type BaseLayer,
  type Bbox,
} from './map-base';
import { useMapText } from './map-text';
import { NoWebgl } from './no-webgl';

/** Above this zoom no clustering, and the centre markers of drawn areas give way to the areas. */
const CLUSTER_MAX_ZOOM = 10;
/** Outlines come with the layer from this zoom (the server's SHAPE_MIN_ZOOM). */
const SHAPE_MIN_ZOOM = 8;
const INTERACTIVE = ['site-points', 'area-markers', 'area-markers-drawn', 'shape-fill'];
const BASE_KEY = 'minewatch.map.base';

type View = { bbox: Bbox; zoom: number };
type Props = { id: string; name: string; kind: SiteKind; status: string; regionName: string };
/** Router state the import page passes: show only these sites. */
type FocusState = { ids?: string[]; kind?: SiteKind } | null;

const clampView = (b: Bbox): Bbox => [Math.max(-180, b[0]), Math.max(-85, b[1]), Math.min(180, b[2]), Math.min(85, b[3])];
const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** `/map` 一张图: the supervised objects of the current region over region boundaries, offline unless a Tianditu key is set. */
export function MapPage() {
  const t = useMapText();
  const { t: tt } = useI18n();
  const { code } = useCurrentRegion();
  const location = useLocation();
  const focus = (location.state ?? null) as FocusState;
  const ids = focus?.ids && focus.ids.length > 0 && focus.ids.length <= 300 ? focus.ids : undefined;
  const config = useMapConfig();
  // where to start: the extent of the region's sites (one light grid answer) and of its boundary
  const extent = useQuery({
    queryKey: ['sites', 'map', 'extent', code, ids?.join(',') ?? ''],
    queryFn: () => fetchSiteMap({ region: code, bbox: CHINA_BOUNDS, zoom: 4, ids }),
    enabled: !!code,
  });
  const boundary = useBoundaries(code, null, 6);
  const start = useMemo(() => {
    if (!extent.data) return undefined;
    const boxes: (Bbox | null)[] = [...extent.data.cells.map((c) => c.bbox as Bbox), ...extent.data.sites.map((s) => s.bbox as Bbox)];
    if (!ids) boxes.push(...(boundary.data?.features.filter((f) => f.properties.code === code).map((f) => geometryBounds(f.geometry)) ?? []));
    return unionBbox(boxes);
  }, [extent.data, boundary.data, code, ids]);

  const ready = extent.data && config.data && !boundary.isPending;
  return (
    <div className="map-page">
      {extent.isError ? (
        <>
          <PageTitle>{tt('map.title')}</PageTitle>
          <ErrorResult error={extent.error} onRetry={() => void extent.refetch()} />
        </>
      ) : config.isError ? (
        <>
          <PageTitle>{tt('map.title')}</PageTitle>
          <ErrorResult error={config.error} onRetry={() => void config.refetch()} />
        </>
      ) : !ready ? (
        <>
          <PageTitle>{tt('map.title')}</PageTitle>
          <LoadingBlock />
        </>
      ) : !webglSupported() ? (
        <>
          <PageTitle>{tt('map.title')}</PageTitle>
          <NoWebgl />
        </>
      ) : (
        <SitesMap
          key={`${code}|${ids?.join(',') ?? ''}`}
          region={code}
          start={start ?? null}
          empty={extent.data.total === 0}
          tiandituKey={config.data.tiandituKey}
          ids={ids}
          focusKind={ids ? focus?.kind : undefined}
          t={t}
        />
      )}
    </div>
  );
}

function SitesMap({
  region,
  start,
  empty,
  tiandituKey,
  ids,
  focusKind,
  t,
}: {
  region: string;
  start: Bbox | null;
  empty: boolean;
  tiandituKey: string | null;
  ids: string[] | undefined;
  focusKind: SiteKind | undefined;
  t: ReturnType<typeof useMapText>;
}) {
  const { t: tt } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const { withRegion } = useCurrentRegion();
  const me = useMe();
  const role = me.data?.role;
  const canWrite = role ? can(role, 'site.write') : false;
  const canUploadBoundary = role ? can(role, 'org.write') : false;
  const regionInfo = useRegion(region);
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const wrapRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const drawerRef = useRef<Drawer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [view, setView] = useState<View | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<SiteKind>>(() => new Set());
  const [base, setBase] = useState<BaseLayer>(() => {
    const stored = (typeof localStorage !== 'undefined' ? localStorage.getItem(BASE_KEY) : null) as BaseLayer | null;
    return tiandituKey && (stored === 'vec' || stored === 'img') ? stored : 'none';
  });
  const [drawing, setDrawing] = useState<DrawKind | null>(null);
  const [drawn, setDrawn] = useState<DrawnGeometry | null>(null);
  const [uploading, setUploading] = useState(false);
  const [showOnly, setShowOnly] = useState(!!ids);

  // The popup is built outside React; it reads the latest translations and routing through a ref.
  const ctx = useRef<PopupCtx>({ t: tt, label, navigate, withRegion, cell: t });
  ctx.current = { t: tt, label, navigate, withRegion, cell: t };

  useFillHeight(wrapRef);

  // while drawing, clicks belong to the drawing, not to popups and cluster zooms
  const drawerActive = useRef(false);
  drawerActive.current = drawing !== null || drawn !== null;

  // ---- the map itself, once ----
  useEffect(() => {
    const container = wrapRef.current?.querySelector<HTMLDivElement>('.map-canvas');
    if (!container) return;
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
        maxZoom: 19,
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
      timer = setTimeout(report, 250);
    });

    map.on('load', () => {
      map.addSource('boundaries', { type: 'geojson', data: EMPTY });
      map.addSource('shapes', { type: 'geojson', data: EMPTY });
      map.addSource('cells', { type: 'geojson', data: EMPTY });
      map.addSource('sites', { type: 'geojson', data: EMPTY, cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM, clusterRadius: 32 });
      // region boundaries: the region itself solid, the regions below it dashed
      map.addLayer({ id: 'boundary-fill', type: 'fill', source: 'boundaries', filter: ['==', ['get', 'code'], region], paint: { 'fill-color': '#1f5fa8', 'fill-opacity': 0.04 } });
      map.addLayer({
        id: 'boundary-inner',
        type: 'line',
        source: 'boundaries',
        filter: ['!=', ['get', 'code'], region],
        paint: { 'line-color': '#6b7c93', 'line-width': 1, 'line-dasharray': [3, 2] },
      });
      map.addLayer({ id: 'boundary-outer', type: 'line', source: 'boundaries', filter: ['==', ['get', 'code'], region], paint: { 'line-color': '#3d4f66', 'line-width': 2.2 } });
      map.addLayer({ id: 'shape-fill', type: 'fill', source: 'shapes', filter: IS_POLYGON, paint: { 'fill-color': KIND_COLOR_EXPRESSION, 'fill-opacity': 0.28 } });
      map.addLayer({ id: 'shape-line', type: 'line', source: 'shapes', filter: IS_POLYGON, paint: { 'line-color': KIND_COLOR_EXPRESSION, 'line-width': 1.6 } });
      // grid cells of a layer too large to send site by site (the server counted them)
      map.addLayer({
        id: 'cells',
        type: 'circle',
        source: 'cells',
        paint: {
          'circle-color': '#0f2f57',
          'circle-opacity': 0.7,
          'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 9, 10, 18, 40, 30],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
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
        paint: { 'circle-color': '#fff', 'circle-radius': 6, 'circle-stroke-color': KIND_COLOR_EXPRESSION, 'circle-stroke-width': 3 },
      });
      // areas with their outline drawn: the centre ring only until the outline is large enough to see
      map.addLayer({
        id: 'area-markers-drawn',
        type: 'circle',
        source: 'sites',
        maxzoom: CLUSTER_MAX_ZOOM + 1,
        filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'area'], true], ['==', ['get', 'drawn'], true]],
        paint: { 'circle-color': '#fff', 'circle-radius': 6, 'circle-stroke-color': KIND_COLOR_EXPRESSION, 'circle-stroke-width': 3 },
      });
      map.addLayer({
        id: 'site-points',
        type: 'circle',
        source: 'sites',
        filter: ['all', ['!', ['has', 'point_count']], ['!=', ['get', 'area'], true]],
        paint: { 'circle-color': KIND_COLOR_EXPRESSION, 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
      });

      map.on('click', 'clusters', (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
        if (drawerActive.current) return;
        const feature = e.features?.[0];
        const clusterId = feature?.properties.cluster_id as number | undefined;
        if (!feature || clusterId === undefined || feature.geometry.type !== 'Point') return;
        const center = feature.geometry.coordinates as [number, number];
        void (map.getSource('sites') as GeoJSONSource)
          .getClusterExpansionZoom(clusterId)
          .then((zoom) => map.easeTo({ center, zoom: Math.min(zoom, CLUSTER_MAX_ZOOM + 1) }));
      });
      map.on('click', 'cells', (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
        if (drawerActive.current) return;
        const b = JSON.parse(String(e.features?.[0]?.properties.bbox ?? 'null')) as Bbox | null;
        if (b) map.fitBounds(fitBounds(b), { padding: 60, maxZoom: map.getZoom() + 3 });
      });
      map.on('click', (e) => {
        if (drawerActive.current) return;
        const hit = map.queryRenderedFeatures(e.point, { layers: INTERACTIVE })[0];
        if (hit) openPopup(map, e.lngLat, hit.properties as unknown as Props, ctx.current);
      });
      for (const layer of [...INTERACTIVE, 'clusters', 'cells']) {
        map.on('mouseenter', layer, () => {
          if (!drawerActive.current) map.getCanvas().style.cursor = 'pointer';
        });
        map.on('mouseleave', layer, () => {
          if (!drawerActive.current) map.getCanvas().style.cursor = '';
        });
      }
      // a cluster's count (no text layers: they would need glyphs) shows on hover
      const hover = new Popup({ closeButton: false, closeOnClick: false, offset: 14, className: 'map-cluster-tip' });
      const tip = (key: 'point_count' | 'count', text: (n: number) => string) => (e: MapMouseEvent & { features?: MapGeoJSONFeature[] }) => {
        const f = e.features?.[0];
        if (!f || f.geometry.type !== 'Point') return;
        hover.setLngLat(f.geometry.coordinates as [number, number]).setText(text(Number(f.properties[key]))).addTo(map);
      };
      map.on('mousemove', 'clusters', tip('point_count', (n) => ctx.current.t('map.clusterCount', { n })));
      map.on('mousemove', 'cells', tip('count', (n) => ctx.current.cell('map.cellCount', { n })));
      map.on('mouseleave', 'clusters', () => hover.remove());
      map.on('mouseleave', 'cells', () => hover.remove());
      setReady(true);
      report();
    });

    return () => {
      clearTimeout(timer);
      drawerRef.current?.destroy();
      drawerRef.current = null;
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
    // `start` only sets the first view; later data arrives through setData below.
  }, []);

  // ---- base layer (Tianditu only with a key) ----
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    setBaseLayer(map, base, tiandituKey);
    try {
      localStorage.setItem(BASE_KEY, base);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, [ready, base, tiandituKey]);

  // ---- data: the layer for the view, and the boundaries ----
  const shownKinds = useMemo(() => (hidden.size ? SITE_KINDS.filter((k) => !hidden.has(k)) : undefined), [hidden]);
  const zoom = view ? Math.max(0, Math.floor(view.zoom)) : 0;
  const layer = useSiteMap({ region, bbox: view?.bbox ?? null, zoom, kinds: shownKinds, ids: showOnly ? ids : undefined });
  // the whole region's boundaries when zoomed out; from zoom 9 only those near the view (a wide
  // margin, rounded, so panning rarely asks again)
  const boundaryBox = useMemo<Bbox | null>(() => {
    if (!view || view.zoom < 9) return null;
    const [w, s, e, n] = view.bbox;
    const dx = e - w;
    const dy = n - s;
    const r = (v: number) => Math.round(v * 20) / 20;
    return [r(w - dx), r(s - dy), r(e + dx), r(n + dy)];
  }, [view]);
  const boundaries = useBoundaries(region, boundaryBox, Math.min(zoom, 14));

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !layer.data) return;
    const { sites, shapes, cells } = layerFeatures(layer.data);
    (map.getSource('sites') as GeoJSONSource | undefined)?.setData(sites);
    (map.getSource('shapes') as GeoJSONSource | undefined)?.setData(shapes);
    (map.getSource('cells') as GeoJSONSource | undefined)?.setData(cells);
  }, [ready, layer.data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !boundaries.data) return;
    (map.getSource('boundaries') as GeoJSONSource | undefined)?.setData(boundaries.data as BoundaryLayer as never);
  }, [ready, boundaries.data]);

  // ---- drawing a new site ----
  const startDrawing = useCallback(async (kind: DrawKind) => {
    const map = mapRef.current;
    if (!map) return;
    setDrawn(null);
    if (!drawerRef.current) {
      drawerRef.current = await createDrawer(map, '#d4380d', () => {
        const g = drawerRef.current?.geometry() ?? null;
        if (g) {
          setDrawing(null);
          setDrawn(g);
        }
      });
    }
    drawerRef.current.clear();
    drawerRef.current.draw(kind);
    setDrawing(kind);
  }, []);
  const stopDrawing = useCallback(() => {
    drawerRef.current?.destroy();
    drawerRef.current = null;
    setDrawing(null);
    setDrawn(null);
  }, []);

  const byKind = layer.data?.byKind ?? {};
  const inView = Object.values(byKind).reduce((s, n) => s + n, 0);
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
  const noBoundary = boundaries.data && !boundaries.data.features.some((f) => f.properties.code === region);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {tiandituKey ? (
              <Segmented<BaseLayer>
                aria-label={t('base.title')}
                value={base}
                onChange={setBase}
                options={[
                  { value: 'none', label: t('base.none') },
                  { value: 'vec', label: t('base.tdtVec') },
                  { value: 'img', label: t('base.tdtImg') },
                ]}
              />
            ) : null}
            {canUploadBoundary ? (
              <Button icon={<BorderOutlined />} onClick={() => setUploading(true)}>
                {t('boundary.upload')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button icon={<UploadOutlined />} onClick={() => void navigate(withRegion('/sites/import'))}>
                {t('map.import')}
              </Button>
            ) : null}
            {canWrite ? (
              <Dropdown
                disabled={!ready}
                menu={{
                  items: [
                    { key: 'point', icon: <EnvironmentOutlined />, label: t('draw.point') },
                    { key: 'polygon', icon: <AimOutlined />, label: t('draw.polygon') },
                  ],
                  onClick: ({ key }) => void startDrawing(key as DrawKind),
                }}
              >
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('draw.add')}
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        }
      >
        {tt('map.title')}
      </PageTitle>
      {/* data-view: the bounds in view (lon/lat), for tests that need to find a site on the canvas */}
      <div ref={wrapRef} className="map-wrap" data-view={view ? view.bbox.join(',') : undefined} data-zoom={view ? view.zoom.toFixed(2) : undefined}>
        {failure ? (
          <NoWebgl detail={failure} />
        ) : (
          <>
            <div className="map-canvas" role="region" aria-label={tt('map.title')} />
            {/* the legend counts what the server answered for this view: shown once it has */}
            {layer.data ? (
              <details className="map-legend" open={!isMobile}>
                <summary>
                  {tt('map.legend')} · {tt('map.inView', { n: inView })}
                </summary>
                <ul>
                  {SITE_KINDS.map((k) => (
                    <li key={k}>
                      <button
                        type="button"
                        className={hidden.has(k) ? 'legend-item legend-item-off' : 'legend-item'}
                        aria-pressed={!hidden.has(k)}
                        onClick={() => toggle(k)}
                        title={tt('map.toggleKind')}
                      >
                        <span className="legend-swatch" style={{ background: KIND_COLORS[k] }} />
                        <span className="legend-label">{label(siteKindLabel[k])}</span>
                        <span className="legend-count">{byKind[k] ?? 0}</span>
                      </button>
                    </li>
                  ))}
                </ul>
                <p className="legend-note">
                  <span className="legend-cluster" /> {tt('map.clusterNote')}
                </p>
                <p className="legend-note">
                  <span className="legend-ring" /> {tt('map.areaNote')}
                </p>
                <p className="legend-note">
                  <span className="legend-boundary" /> {t('boundary.legend')}
                  {noBoundary ? `（${t('boundary.none')}）` : null}
                </p>
                {layer.data?.mode === 'grid' ? <p className="legend-note">{t('map.gridNote')}</p> : null}
                {layer.data?.shapesOmitted && (view?.zoom ?? 0) >= SHAPE_MIN_ZOOM ? <p className="legend-note">{tt('map.zoomForShapes')}</p> : null}
                {!tiandituKey ? <p className="legend-note legend-offline">{t('base.offlineNote')}</p> : null}
                {base !== 'none' && tiandituKey ? <p className="legend-note">{t('base.attribution')}</p> : null}
              </details>
            ) : null}
            {ids ? (
              <Alert
                className="map-focus"
                type="success"
                showIcon
                title={showOnly ? t('map.onlyIds', { n: ids.length }) : null}
                action={
                  <Button size="small" onClick={() => setShowOnly((v) => !v)}>
                    {showOnly ? t('map.showAll') : t('map.onlyIds', { n: ids.length })}
                  </Button>
                }
              />
            ) : null}
            {drawing ? (
              <div className="map-draw-hint" role="status">
                {drawing === 'point' ? t('draw.hintPoint') : t('draw.hintPolygon')}
                <Button size="small" icon={<CloseOutlined />} onClick={stopDrawing}>
                  {t('draw.cancel')}
                </Button>
              </div>
            ) : null}
            {layer.isFetching || boundaries.isFetching ? (
              <div className="map-loading" role="status">
                <Spin size="small" /> {tt('common.loading')}
              </div>
            ) : null}
            {empty && !drawing ? <Alert className="map-notice" type="info" showIcon title={tt('map.empty')} /> : null}
          </>
        )}
      </div>
      {canWrite && regionInfo.data ? (
        <SiteFormModal mode="create" open={drawn !== null} onClose={stopDrawing} region={regionInfo.data} geometry={drawn} kind={focusKind} />
      ) : null}
      {canUploadBoundary ? <BoundaryUploadModal open={uploading} region={region} onClose={() => setUploading(false)} /> : null}
    </>
  );
}

/** The layer answer as GeoJSON for the three sources: site markers (clustered), outlines, grid cells. */
function layerFeatures(m: SiteMap) {
  const markers = m.sites.map((s) => ({
    type: 'Feature' as const,
    properties: { id: s.id, name: s.name, kind: s.kind, status: s.status ?? '', regionName: s.regionName, area: s.area, drawn: s.shape !== null },
    geometry: { type: 'Point' as const, coordinates: s.center },
  }));
  const outlines = m.sites
    .filter((s) => s.shape !== null)
    .map((s) => ({
      type: 'Feature' as const,
      properties: { id: s.id, name: s.name, kind: s.kind, status: s.status ?? '', regionName: s.regionName },
      geometry: s.shape as never,
    }));
  const cells = m.cells.map((c) => ({
    type: 'Feature' as const,
    properties: { count: c.count, bbox: JSON.stringify(c.bbox) },
    geometry: { type: 'Point' as const, coordinates: c.center },
  }));
  return {
    sites: { type: 'FeatureCollection' as const, features: markers },
    shapes: { type: 'FeatureCollection' as const, features: outlines },
    cells: { type: 'FeatureCollection' as const, features: cells },
  };
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
  cell: ReturnType<typeof useMapText>;
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
