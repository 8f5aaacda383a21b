import { lazy, Suspense, useState } from 'react';
import { Button } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { SiteDetail } from '@minewatch/core';
import { LoadingBlock } from '../ui/loading-block';
import { useMapText } from './map-text';

// maplibre-gl and Terra Draw load with the editor, not with the site page
const SiteGeometryEditor = lazy(() => import('./site-geometry-editor').then((m) => ({ default: m.SiteGeometryEditor })));

/** 编辑边界: opens the map editor of a site's point or outline (for users who may write sites). */
export function SiteGeometryButton({ site, onReload }: { site: SiteDetail; onReload: () => void }) {
  const t = useMapText();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
        {t('edit.button')}
      </Button>
      {open ? (
        <Suspense fallback={<LoadingBlock />}>
          <SiteGeometryEditor key={site.version} site={site} onClose={() => setOpen(false)} onReload={onReload} />
        </Suspense>
      ) : null}
    </>
  );
}
