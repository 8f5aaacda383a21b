import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BorderOuterOutlined,
  BankOutlined,
  CalendarOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  ProfileOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  GlobalOutlined,
  DatabaseOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n';

export type NavItem = { path: string; label: MessageKey; icon: ReactNode };

/** Entries of the side menu, in order. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'nav.overview', icon: <DashboardOutlined /> },
  { path: '/org/regions', label: 'nav.regions', icon: <EnvironmentOutlined /> },
  { path: '/org/units', label: 'nav.units', icon: <BankOutlined /> },
  { path: '/org/people', label: 'nav.people', icon: <TeamOutlined /> },
  { path: '/org/bodies', label: 'nav.bodies', icon: <ApartmentOutlined /> },
  { path: '/org/duties', label: 'nav.duties', icon: <UnorderedListOutlined /> },
  { path: '/org/cadence', label: 'nav.cadence', icon: <CalendarOutlined /> },
  { path: '/sites', label: 'nav.sites', icon: <DatabaseOutlined /> },
  { path: '/sites/import', label: 'nav.siteImport', icon: <UploadOutlined /> },
  { path: '/contracts', label: 'nav.contracts', icon: <FlagOutlined /> },
  { path: '/grids', label: 'nav.grids', icon: <BorderOuterOutlined /> },
  { path: '/campaigns', label: 'nav.campaigns', icon: <ProfileOutlined /> },
  { path: '/problems', label: 'nav.ledger', icon: <AuditOutlined /> },
  { path: '/problems/sign-off', label: 'nav.signOff', icon: <CheckSquareOutlined /> },
  { path: '/checklists', label: 'nav.checklists', icon: <CheckSquareOutlined /> },
  { path: '/hazards', label: 'nav.hazards', icon: <AuditOutlined /> },
  { path: '/patches', label: 'nav.patches', icon: <BorderOuterOutlined /> },
  { path: '/map', label: 'nav.map', icon: <GlobalOutlined /> },
];

/** The menu entry a pathname belongs to (longest matching prefix). */
export function navKeyOf(pathname: string): string {
  let best = '/';
  for (const item of NAV_ITEMS) {
    if (item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`))) {
      if (item.path.length > best.length) best = item.path;
    }
  }
  return best;
}
