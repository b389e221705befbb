/** The providers (query cache, antd in Chinese) and the route table. */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { ME_KEY } from './api/session';
import { AppShell } from './components/AppShell';
import { FullPageSpin, RequireAuth, RequireRole } from './components/RequireAuth';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import './lib/format';

const TodoPage = lazy(() => import('./features/cases/TodoPage'));
const CaseListPage = lazy(() => import('./features/cases/CaseListPage'));
const CaseCreatePage = lazy(() => import('./features/cases/CaseCreatePage'));
const CaseDetailPage = lazy(() => import('./features/cases/CaseDetailPage'));
const ChecklistsPage = lazy(() => import('./features/checklists/ChecklistsPage'));
const InspectionsPage = lazy(() => import('./features/checklists/InspectionsPage'));
const InspectionNewPage = lazy(() => import('./features/checklists/InspectionNewPage'));
const InspectionPage = lazy(() => import('./features/checklists/InspectionPage'));
const AreasPage = lazy(() => import('./features/admin/AreasPage'));
const UnitsPage = lazy(() => import('./features/admin/UnitsPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const AuditPage = lazy(() => import('./features/admin/AuditPage'));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage'));
const NotFoundPage = lazy(() => import('./components/NotFoundPage'));
const CwBoardPage = lazy(() => import('./features/chuangwen/BoardPage'));
const CwMeasuresPage = lazy(() => import('./features/chuangwen/MeasuresPage'));
const CwBulletinPage = lazy(() => import('./features/chuangwen/BulletinPage'));
const CwPlacesPage = lazy(() => import('./features/chuangwen/PlacesPage'));
const CwCategoriesPage = lazy(() => import('./features/chuangwen/CategoriesPage'));
const CwCalendarPage = lazy(() => import('./features/chuangwen/CalendarPage'));
const HouseholdListPage = lazy(() => import('./features/households/HouseholdListPage'));
const HouseholdDetailPage = lazy(() => import('./features/households/HouseholdDetailPage'));
const HouseholdScreeningPage = lazy(() => import('./features/households/ScreeningPage'));
const HouseholdImportPage = lazy(() => import('./features/households/ImportPage'));
const HouseholdStatsPage = lazy(() => import('./features/household-work/StatsPage'));
const LeadListPage = lazy(() => import('./features/household-work/LeadListPage'));
const LeadDetailPage = lazy(() => import('./features/household-work/LeadDetailPage'));
const DepartmentImportPage = lazy(() => import('./features/household-work/DepartmentImportPage'));
const SlowPaymentsPage = lazy(() => import('./features/household-work/SlowPaymentsPage'));
const VisitStatsPage = lazy(() => import('./features/household-work/VisitStatsPage'));
const QualityPage = lazy(() => import('./features/household-work/QualityPage'));
const ArchiveCompletenessPage = lazy(() => import('./features/household-work/ArchiveCompletenessPage'));
const HardshipPage = lazy(() => import('./features/household-work/HardshipPage'));
const CitizenReportPage = lazy(() => import('./features/citizen/ReportPage'));
const CitizenTrackPage = lazy(() => import('./features/citizen/TrackPage'));
const CitizenReportsPage = lazy(() => import('./features/citizen/ReportsPage'));
const CitizenReportDetailPage = lazy(() => import('./features/citizen/ReportDetailPage'));
const Open311Page = lazy(() => import('./features/citizen/Open311Page'));
const VolunteerTeamsPage = lazy(() => import('./features/volunteers/TeamsPage'));
const VolunteerTeamPage = lazy(() => import('./features/volunteers/TeamDetailPage'));
const VolunteerHoursPage = lazy(() => import('./features/volunteers/HoursPage'));

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

const SUPERVISORS = ['leader', 'inspector'] as const;
const CHUANGWEN = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'] as const;
const HOUSEHOLDS = ['admin', 'leader', 'township_cadre', 'village_cadre', 'discipline'] as const;
const MODERATORS = ['leader', 'inspector', 'township_cadre'] as const;
const VOLUNTEERS = ['leader', 'inspector', 'township_cadre'] as const;

/** A public page (no login, no app shell), loaded on demand. */
const pub = (page: React.ReactNode) => <Suspense fallback={<FullPageSpin />}>{page}</Suspense>;

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Citizens' pages: no login, phone-first, outside the app shell.
  { path: '/report', element: pub(<CitizenReportPage />) },
  { path: '/track', element: pub(<CitizenTrackPage />) },
  { path: '/track/:code', element: pub(<CitizenTrackPage />) },
  // 困难申报: a household (or someone for it) reports hardship; no login.
  { path: '/hardship', element: pub(<HardshipPage />) },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'todo', element: <TodoPage /> },
      { path: 'cases', element: <CaseListPage /> },
      {
        path: 'cases/new',
        element: (
          <RequireRole roles={['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre', 'discipline']}>
            <CaseCreatePage />
          </RequireRole>
        ),
      },
      { path: 'cases/:id', element: <CaseDetailPage /> },
      { path: 'checklists', element: <RequireRole roles={SUPERVISORS}><ChecklistsPage /></RequireRole> },
      { path: 'inspections', element: <RequireRole roles={SUPERVISORS}><InspectionsPage /></RequireRole> },
      { path: 'inspections/new', element: <RequireRole roles={SUPERVISORS}><InspectionNewPage /></RequireRole> },
      { path: 'inspections/:id', element: <RequireRole roles={SUPERVISORS}><InspectionPage /></RequireRole> },
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      { path: 'admin/areas', element: <RequireRole roles={['admin']}><AreasPage /></RequireRole> },
      { path: 'admin/units', element: <RequireRole roles={['admin']}><UnitsPage /></RequireRole> },
      { path: 'admin/users', element: <RequireRole roles={['admin']}><UsersPage /></RequireRole> },
      { path: 'admin/audit', element: <RequireRole roles={['admin', 'discipline']}><AuditPage /></RequireRole> },
      { path: 'account/password', element: <ChangePasswordPage /> },
      // The 清零 board is open to unit staff too: the server scopes it to their unit.
      { path: 'chuangwen/board', element: <CwBoardPage /> },
      { path: 'chuangwen/measures', element: <RequireRole roles={CHUANGWEN}><CwMeasuresPage /></RequireRole> },
      { path: 'chuangwen/bulletin', element: <RequireRole roles={CHUANGWEN}><CwBulletinPage /></RequireRole> },
      { path: 'chuangwen/places', element: <RequireRole roles={CHUANGWEN}><CwPlacesPage /></RequireRole> },
      { path: 'chuangwen/categories', element: <RequireRole roles={CHUANGWEN}><CwCategoriesPage /></RequireRole> },
      { path: 'chuangwen/calendar', element: <RequireRole roles={CHUANGWEN}><CwCalendarPage /></RequireRole> },
      { path: 'households', element: <RequireRole roles={HOUSEHOLDS}><HouseholdListPage /></RequireRole> },
      { path: 'households/screening', element: <RequireRole roles={HOUSEHOLDS}><HouseholdScreeningPage /></RequireRole> },
      { path: 'households/import', element: <RequireRole roles={HOUSEHOLDS}><HouseholdImportPage /></RequireRole> },
      { path: 'households/stats', element: <RequireRole roles={HOUSEHOLDS}><HouseholdStatsPage /></RequireRole> },
      { path: 'households/:id', element: <RequireRole roles={HOUSEHOLDS}><HouseholdDetailPage /></RequireRole> },
      { path: 'household-leads', element: <RequireRole roles={HOUSEHOLDS}><LeadListPage /></RequireRole> },
      { path: 'household-leads/import', element: <RequireRole roles={HOUSEHOLDS}><DepartmentImportPage /></RequireRole> },
      { path: 'household-leads/slow-payments', element: <RequireRole roles={HOUSEHOLDS}><SlowPaymentsPage /></RequireRole> },
      { path: 'household-leads/visit-stats', element: <RequireRole roles={HOUSEHOLDS}><VisitStatsPage /></RequireRole> },
      { path: 'household-leads/quality', element: <RequireRole roles={HOUSEHOLDS}><QualityPage /></RequireRole> },
      { path: 'household-leads/archives', element: <RequireRole roles={HOUSEHOLDS}><ArchiveCompletenessPage /></RequireRole> },
      { path: 'household-leads/:id', element: <RequireRole roles={HOUSEHOLDS}><LeadDetailPage /></RequireRole> },
      { path: 'citizen/reports', element: <RequireRole roles={MODERATORS}><CitizenReportsPage /></RequireRole> },
      { path: 'citizen/reports/:id', element: <RequireRole roles={MODERATORS}><CitizenReportDetailPage /></RequireRole> },
      { path: 'admin/open311', element: <RequireRole roles={['admin']}><Open311Page /></RequireRole> },
      { path: 'volunteers', element: <RequireRole roles={VOLUNTEERS}><VolunteerTeamsPage /></RequireRole> },
      { path: 'volunteers/hours', element: <RequireRole roles={VOLUNTEERS}><VolunteerHoursPage /></RequireRole> },
      { path: 'volunteers/teams/:id', element: <RequireRole roles={VOLUNTEERS}><VolunteerTeamPage /></RequireRole> },
      { path: '*', element: <NotFoundPage /> },
    ],
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
