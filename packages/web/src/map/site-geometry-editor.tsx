import './map-extra.css';
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Modal, Segmented, Space, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource } from 'maplibre-gl';
import type { SiteDetail, SiteUpdate } from '@minewatch/core';
import { isApiError } from '../api/client';
import { useUpdateSite } from '../api/sites';
import { useT } from '../i18n';
import { KIND_COLORS } from '../pages/sites/site-fields';
import { ApiErrorAlert } from '../ui/api-error-alert';
import { createDrawer, editable, type Drawer } from './draw';
import { useBoundaries, useMapConfig } from './map-api';
import { baseStyle, CHINA_BOUNDS, fitBounds, geometryBounds, setBaseLayer, webglSupported, type BaseLayer } from './map-base';
import { useMapText } from './map-text';
import { NoWebgl } from './no-webgl';

const r9 = (v: unknown): unknown => (typeof v === 'number' ? Number(v.toFixed(9)) : Array.isArray(v) ? v.map(r9) : v);
/** Geometries compared at Terra Draw's precision (9 decimals), so loading and saving unchanged is no change. */
const same = (a: unknown, b: unknown) => JSON.stringify(r9((a as { coordinates?: unknown } | null)?.coordinates ?? null)) === JSON.stringify(r9((b as { coordinates?: unknown } | null)?.coordinates ?? null)) && (a as { type?: string } | null)?.type === (b as { type?: string } | null)?.type;

/**
 * The map editor of one site's geometry: drag vertices, insert them at edge midpoints, move the
 * whole shape, or draw a new point or area; saved with PATCH /api/sites/{id} and the version the
 * page showed, so a concurrent change is a 409 with a reload instead of an overwrite.
 */
export function SiteGeometryEditor({ site, onClose, onReload }: { site: SiteDetail; onClose: () => void; onReload: () => void }) {
  const t = useMapText();
  const tt = useT();
  const { message } = App.useApp();
  const config = useMapConfig();
  const key = config.data?.tiandituKey ?? null;
  const boundaries = useBoundaries(site.regionCode, null, 10);
  const update = useUpdateSite(site.id);
  // a state, not a ref: the modal mounts its body after the first effects run
  const [wrap, setWrap] = useState<HTMLDivElement | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const drawerRef = useRef<Drawer | null>(null);
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(() => (webglSupported() ? null : 'WebGL'));
  const [unsupported] = useState(() => !editable(site.geometry));
  const [editError, setEditError] = useState<string | null>(null);
  const [hasGeometry, setHasGeometry] = useState(!!site.geometry);
  const [base, setBase] = useState<BaseLayer>('none');
  const [view, setView] = useState<string | undefined>();
  const conflict = isApiError(update.error) && update.error.status === 409 ? update.error : null;

  useEffect(() => {
    const container = wrap?.querySelector<HTMLDivElement>('.map-canvas');
    if (!container || failure) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container,
        style: baseStyle(),
        bounds: fitBounds(geometryBounds(site.geometry) ?? CHINA_BOUNDS),
        fitBoundsOptions: { padding: 60, maxZoom: 17 },
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        maxZoom: 19,
      });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return;
    }
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const report = () => {
      const b = map.getBounds();
      setView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(','));
    };
    map.on('moveend', report);
    let cancelled = false;
    map.on('load', () => {
      map.addSource('boundaries', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'boundary-line', type: 'line', source: 'boundaries', paint: { 'line-color': '#6b7c93', 'line-width': 1.2, 'line-dasharray': [3, 2] } });
      createDrawer(map, KIND_COLORS[site.kind], () => setHasGeometry(!!drawerRef.current?.geometry())).then((d) => {
        if (cancelled) return d.destroy();
        drawerRef.current = d;
        try {
          if (!unsupported) d.edit(site.geometry);
        } catch (e) {
          // the stored shape is refused by the editor: say why; redrawing still works
          setEditError(e instanceof Error ? e.message : String(e));
          setHasGeometry(false);
        }
        report();
        // drawn: tests and screenshots wait for the editable shape
        map.once('idle', () => wrap?.setAttribute('data-ready', 'true'));
        map.triggerRepaint();
        setReady(true);
      }, (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
    });
    return () => {
      cancelled = true;
      drawerRef.current?.destroy();
      drawerRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, [wrap, failure]);

  useEffect(() => {
    const map = mapRef.current;
    if (map && ready) setBaseLayer(map, base, key);
  }, [ready, base, key]);
  useEffect(() => {
    const map = mapRef.current;
    if (map && ready && boundaries.data) (map.getSource('boundaries') as GeoJSONSource | undefined)?.setData(boundaries.data as never);
  }, [ready, boundaries.data]);

  const save = () => {
    const geometry = drawerRef.current?.geometry() ?? null;
    if (!geometry) {
      void message.warning(t('edit.nothing'));
      return;
    }
    if (same(geometry, site.geometry)) {
      void message.info(t('edit.unchanged'));
      return;
    }
    update.mutate({ version: site.version, geometry } as unknown as SiteUpdate, {
      onSuccess: (saved) => {
        void message.success(t('edit.saved', { version: saved.version }));
        onClose();
      },
    });
  };

  return (
    <Modal open onCancel={onClose} title={t('edit.title', { name: site.name })} width={960} footer={null} destroyOnHidden>
      <div className="geometry-editor-bar">
        <Button icon={<EnvironmentOutlined />} disabled={!ready} onClick={() => drawerRef.current?.draw('point')}>
          {t('edit.redrawPoint')}
        </Button>
        <Button icon={<AimOutlined />} disabled={!ready} onClick={() => drawerRef.current?.draw('polygon')}>
          {t('edit.redrawPolygon')}
        </Button>
        {key ? (
          <Segmented<BaseLayer>
            size="small"
            value={base}
            onChange={setBase}
            options={[
              { value: 'none', label: t('base.none') },
              { value: 'vec', label: t('base.tdtVec') },
              { value: 'img', label: t('base.tdtImg') },
            ]}
          />
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t('edit.hint')}</Typography.Paragraph>
      {unsupported ? <Alert type="warning" showIcon title={t('draw.unsupported')} style={{ marginBottom: 8 }} /> : null}
      {editError ? <Alert type="warning" showIcon title={editError} style={{ marginBottom: 8 }} /> : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('edit.conflict')}
          description={conflict.message}
          action={
            <Button size="small" onClick={onReload}>
              {t('edit.reload')}
            </Button>
          }
          style={{ marginBottom: 8 }}
        />
      ) : (
        <ApiErrorAlert error={update.error} />
      )}
      {failure ? (
        <NoWebgl detail={failure === 'WebGL' ? undefined : failure} />
      ) : (
        <div ref={setWrap} className="geometry-editor" data-view={view}>
          <div className="map-canvas" role="region" aria-label={t('edit.button')} />
        </div>
      )}
      <Space className="form-actions" style={{ marginTop: 12 }}>
        <Button onClick={onClose}>{tt('common.cancel')}</Button>
        <Button type="primary" onClick={save} loading={update.isPending} disabled={!ready || !hasGeometry}>
          {t('edit.save')}
        </Button>
      </Space>
    </Modal>
  );
}
