import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useT } from '../i18n';
import { NAV_ITEMS, navKeyOf } from './nav-items';
import { useCurrentRegion } from './region-context';

/** Navigation menu; each entry is a real link that keeps the current region. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const { withRegion } = useCurrentRegion();
  return (
    <nav aria-label={t('header.menu')}>
      <Menu
        mode="inline"
        selectedKeys={[navKeyOf(pathname)]}
        style={{ borderInlineEnd: 'none' }}
        items={NAV_ITEMS.map((item) => ({
          key: item.path,
          icon: item.icon,
          label: (
            <Link to={withRegion(item.path)} onClick={onNavigate}>
              {t(item.label)}
            </Link>
          ),
        }))}
      />
    </nav>
  );
}
