import { Spin } from 'antd';
import { useT } from '../i18n';

export function LoadingBlock() {
  const t = useT();
  return (
    <div className="loading-block" role="status" aria-live="polite">
      <Spin />
      <span className="sr-only">{t('common.loading')}</span>
    </div>
  );
}
