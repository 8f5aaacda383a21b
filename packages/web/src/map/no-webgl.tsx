import { Alert } from 'antd';
import { useT } from '../i18n';

/** Shown instead of a map when the browser cannot give MapLibre a WebGL context. */
export function NoWebgl({ detail }: { detail?: string | undefined }) {
  const t = useT();
  return (
    <Alert
      className="map-no-webgl"
      type="warning"
      showIcon
      title={t('map.noWebgl')}
      description={detail ? `${t('map.noWebglSub')}（${detail}）` : t('map.noWebglSub')}
    />
  );
}
