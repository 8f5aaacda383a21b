import { lazy, useEffect, useState, type ComponentType } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { meKey } from './api/auth';
import { isApiError, setUnauthorizedHandler } from './api/client';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './pages/not-found-page';

/** Lazily loaded page (named export), so heavy pages (tables, forms, trees) are separate chunks. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const LoginPage = page(() => import('./pages/login-page'), 'LoginPage');
const OverviewPage = page(() => import('./pages/org/overview-page'), 'OverviewPage');
const RegionsPage = page(() => import('./pages/org/regions-page'), 'RegionsPage');
const UnitsPage = page(() => import('./pages/org/units-page'), 'UnitsPage');
const PeoplePage = page(() => import('./pages/org/people-page'), 'PeoplePage');
const BodiesPage = page(() => import('./pages/org/bodies-page'), 'BodiesPage');
const BodyPage = page(() => import('./pages/org/body-page'), 'BodyPage');
const DutiesPage = page(() => import('./pages/org/duties-page'), 'DutiesPage');
const CadencePage = page(() => import('./pages/org/cadence-page'), 'CadencePage');
const SitesPage = page(() => import('./pages/sites/sites-page'), 'SitesPage');
const SitePage = page(() => import('./pages/sites/site-page'), 'SitePage');
const MapPage = page(() => import('./map/map-page'), 'MapPage');

function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache(),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers are final; retry only network/5xx failures, twice.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
}

function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: <AppLayout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: 'org/regions', element: <RegionsPage /> },
        { path: 'org/units', element: <UnitsPage /> },
        { path: 'org/people', element: <PeoplePage /> },
        { path: 'org/bodies', element: <BodiesPage /> },
        { path: 'org/bodies/:id', element: <BodyPage /> },
        { path: 'org/duties', element: <DutiesPage /> },
        { path: 'org/cadence', element: <CadencePage /> },
        { path: 'sites', element: <SitesPage /> },
        { path: 'sites/:id', element: <SitePage /> },
        { path: 'sites/import', lazy: () => import('./pages/sites/site-import-page').then((m) => ({ Component: m.SiteImportPage })) },
        { path: 'contracts/*', lazy: () => import('./pages/contracts/contracts-routes').then((m) => ({ Component: m.ContractsRoutes })) },
        { path: 'grids', lazy: () => import('./pages/grids/grids-page').then((m) => ({ Component: m.GridsPage })) },
        { path: 'grids/:id', lazy: () => import('./pages/grids/grid-page').then((m) => ({ Component: m.GridPage })) },
        { path: 'campaigns/*', lazy: () => import('./pages/campaigns/campaigns-routes').then((m) => ({ Component: m.CampaignsRoutes })) },
        { path: 'problems/*', lazy: () => import('./pages/problems/problems-routes').then((m) => ({ Component: m.ProblemsRoutes })) },
        { path: 'notifications/*', lazy: () => import('./pages/notifications/notifications-routes').then((m) => ({ Component: m.NotificationsRoutes })) },
        { path: 'hazards/*', lazy: () => import('./pages/hazards/hazards-routes').then((m) => ({ Component: m.HazardsRoutes })) },
        { path: 'checklists/*', lazy: () => import('./pages/checklists/checklists-routes').then((m) => ({ Component: m.ChecklistsRoutes })) },
        { path: 'penalties/:problemId', lazy: () => import('./pages/penalties/penalties-page').then((m) => ({ Component: m.PenaltiesPage })) },
        { path: 'patches/*', lazy: () => import('./pages/patches/patches-routes').then((m) => ({ Component: m.PatchesRoutes })) },
        { path: 'map', element: <MapPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

function Themed({ router }: { router: ReturnType<typeof createRouter> }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      // keep button text as written: "登录", not "登 录" (role/name locators depend on it)
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 6 } }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);

  useEffect(() => {
    // A 401 on any call means the session is gone: forget the user; the layout sends them to /login.
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(meKey, null);
      if (router.state.location.pathname !== '/login') {
        const { pathname, search } = router.state.location;
        void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}` } });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, router]);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed router={router} />
      </I18nProvider>
    </QueryClientProvider>
  );
}
