import { useT } from '../i18n';
import { useCurrentRegion } from './region-context';
import { RegionTreeSelect } from './region-tree-select';

/** Header control 当前区域 / Region: the scope roots, drillable down to villages. */
export function RegionSwitcher({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { code, roots, setCode } = useCurrentRegion();
  return (
    <div className="region-switcher">
      <label htmlFor="region-switcher" className={compact ? 'sr-only' : 'region-switcher-label'}>
        {t('header.region')}
      </label>
      <RegionTreeSelect
        id="region-switcher"
        aria-label={t('header.region')}
        roots={roots}
        value={code}
        onChange={setCode}
        className="region-switcher-select"
        popupMatchSelectWidth={false}
      />
    </div>
  );
}
