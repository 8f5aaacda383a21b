import { Suspense, useState } from 'react';
import { Button, Drawer, Layout, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { roleLabel, type Me } from '@minewatch/core';
import { useLogout, useMe } from '../api/auth';
import { useRegionRoots } from '../api/regions';
import { useLabel, useT } from '../i18n';
import { ErrorResult } from '../ui/error-result';
import { LoadingBlock } from '../ui/loading-block';
import { NoAccessResult } from '../ui/no-access-result';
import { useMediaQuery } from '../ui/use-media-query';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from '../pages/notifications/notification-bell';
import { RegionProvider, useCurrentRegion } from './region-context';
import { RegionSwitcher } from './region-switcher';
import { SideMenu } from './side-menu';

/** Signed-in shell: requires a session, provides the current region, renders header + menu + page. */
export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === undefined) return <LoadingBlock />;
  if (me.data === null) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <ScopedShell me={me.data} />;
}

function ScopedShell({ me }: { me: Me }) {
  const roots = useRegionRoots();
  if (roots.isError) return <ErrorResult error={roots.error} onRetry={() => void roots.refetch()} />;
  const list = roots.data ?? (me.scopeRoots.length > 0 ? me.scopeRoots : undefined);
  if (!list) return <LoadingBlock />;
  if (list.length === 0) return <NoAccessResult />;
  return (
    <RegionProvider roots={list}>
      <Shell me={me} />
    </RegionProvider>
  );
}

function Shell({ me }: { me: Me }) {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const logout = useLogout();
  const { code, withRegion } = useCurrentRegion();
  const isMobile = useMediaQuery('(max-width: 767.98px)');
  const [drawerOpen, setDrawerOpen] = useState(false);

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Layout className="app-shell">
      <Layout.Header className={isMobile ? 'app-header app-header-mobile' : 'app-header'}>
        {isMobile ? (
          <Button
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-expanded={drawerOpen}
            className="header-button"
          >
            {t('header.menu')}
          </Button>
        ) : null}
        <Link to={withRegion('/')} className="app-name">
          {t('app.name')}
        </Link>
        <RegionSwitcher compact={isMobile} />
        <div className="header-right">
          <span className="header-user" title={t('header.user')}>
            <Typography.Text strong className="header-user-name">
              {me.displayName || me.username}
            </Typography.Text>
            <Tag className="header-role" color="blue">
              {label(roleLabel[me.role])}
            </Tag>
          </span>
          <NotificationBell />
          <LanguageSwitch />
          <Button
            type="text"
            icon={<LogoutOutlined />}
            onClick={onLogout}
            loading={logout.isPending}
            className="header-button"
          >
            {t('header.logout')}
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.name')}
            size={260}
            styles={{ body: { padding: 0 } }}
          >
            <SideMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider width={208} theme="light" className="app-sider">
            <SideMenu />
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          <main>
            <Suspense fallback={<LoadingBlock />}>
              {/* key: a region switch starts the page fresh (local filters, selection) */}
              <Outlet key={code} />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
