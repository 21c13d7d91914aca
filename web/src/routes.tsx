import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { NATIONAL } from './api/types';
import { useMe } from './api/use-me';
import { RequireAuth } from './auth/require-auth';
import { PageLoading } from './components/page-loading';
import { RouteError } from './components/route-error';

// Every page is its own chunk: a phone downloads only what it shows.
const LoginPage = lazy(() => import('./pages/login/login-page'));
const AppShell = lazy(() => import('./pages/shell/app-shell'));
const RegionBrowserPage = lazy(() => import('./pages/regions/region-browser-page'));
const NotFoundPage = lazy(() => import('./pages/shell/not-found-page'));

function page(node: ReactNode, fullScreen = false) {
  return <Suspense fallback={<PageLoading fullScreen={fullScreen} />}>{node}</Suspense>;
}

/** `/` → the user's own region (the country root for national users). */
function HomeRedirect() {
  const me = useMe();
  const code = me.data?.regionCode;
  return <Navigate to={!code || code === NATIONAL ? '/wilayah' : `/wilayah/${code}`} replace />;
}

export const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />, true), errorElement: <RouteError /> },
  {
    path: '/',
    element: <RequireAuth>{page(<AppShell />, true)}</RequireAuth>,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      // One route for the root and every region, so drilling down keeps the page (and its search) mounted.
      { path: 'wilayah/:code?', element: page(<RegionBrowserPage />) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
