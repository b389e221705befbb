/** The providers (query cache, antd in Chinese) and the route table. */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { ME_KEY } from './api/session';
import { AppShell } from './components/AppShell';
import { RequireAuth } from './components/RequireAuth';
import { LoginPage } from './features/auth/LoginPage';
import { FEATURES } from './features';
import { publicRoutes, shellRoutes } from './lib/feature';
import './lib/format';

const NotFoundPage = lazy(() => import('./components/NotFoundPage'));

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
    },
  },
});

// A session that ended mid-work sends the user back to the login page.
setUnauthorizedHandler(() => queryClient.setQueryData(ME_KEY, null));

// The route table: sign-in, every feature's public pages, and every feature's pages inside the
// signed-in shell (each behind the ability it needs; see features/index.ts).
const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  ...publicRoutes(FEATURES),
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [...shellRoutes(FEATURES), { path: '*', element: <NotFoundPage /> }],
  },
]);

/** The whole web application. */
export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1d4ed8',
          borderRadius: 6,
          fontFamily:
            '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
