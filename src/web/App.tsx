/** The providers (query cache, antd in Chinese) and the route table. */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import type { TAbilityModule, TAbilityName } from '../shared/contracts/abilities';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { ME_KEY } from './api/session';
import { AppShell } from './components/AppShell';
import { FullPageSpin, RequireAbility, RequireAuth } from './components/RequireAuth';
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

/** A page for users with one of `names` of `module` (the server's abilities); others see a refusal. */
function allow<M extends TAbilityModule>(module: M, names: TAbilityName<M>[], page: ReactNode) {
  return (
    <RequireAbility module={module} names={names}>
      {page}
    </RequireAbility>
  );
}

/** A public page (no login, no app shell), loaded on demand. */
const pub = (page: ReactNode) => <Suspense fallback={<FullPageSpin />}>{page}</Suspense>;

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
      { path: 'cases/new', element: allow('cases', ['create'], <CaseCreatePage />) },
      { path: 'cases/:id', element: <CaseDetailPage /> },
      { path: 'checklists', element: allow('checklists', ['inspect', 'editTemplates'], <ChecklistsPage />) },
      { path: 'inspections', element: allow('checklists', ['inspect'], <InspectionsPage />) },
      { path: 'inspections/new', element: allow('checklists', ['inspect'], <InspectionNewPage />) },
      { path: 'inspections/:id', element: allow('checklists', ['inspect'], <InspectionPage />) },
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      { path: 'admin/areas', element: allow('admin', ['manage'], <AreasPage />) },
      { path: 'admin/units', element: allow('admin', ['manage'], <UnitsPage />) },
      { path: 'admin/users', element: allow('admin', ['manage'], <UsersPage />) },
      { path: 'admin/audit', element: allow('audit', ['read'], <AuditPage />) },
      { path: 'account/password', element: <ChangePasswordPage /> },
      // 创文 pages read the caller's scope (unit staff see their unit's board); the calendar
      // page shows the calendar read-only to those who may not edit it.
      { path: 'chuangwen/board', element: allow('chuangwen', ['read'], <CwBoardPage />) },
      { path: 'chuangwen/measures', element: allow('chuangwen', ['read'], <CwMeasuresPage />) },
      { path: 'chuangwen/bulletin', element: allow('chuangwen', ['read'], <CwBulletinPage />) },
      { path: 'chuangwen/places', element: allow('chuangwen', ['read'], <CwPlacesPage />) },
      { path: 'chuangwen/categories', element: allow('chuangwen', ['read'], <CwCategoriesPage />) },
      { path: 'chuangwen/calendar', element: allow('chuangwen', ['read'], <CwCalendarPage />) },
      { path: 'households', element: allow('households', ['read'], <HouseholdListPage />) },
      { path: 'households/screening', element: allow('households', ['read'], <HouseholdScreeningPage />) },
      { path: 'households/import', element: allow('households', ['read'], <HouseholdImportPage />) },
      { path: 'households/stats', element: allow('households', ['read'], <HouseholdStatsPage />) },
      { path: 'households/:id', element: allow('households', ['read'], <HouseholdDetailPage />) },
      { path: 'household-leads', element: allow('householdLeads', ['read'], <LeadListPage />) },
      { path: 'household-leads/import', element: allow('householdLeads', ['read'], <DepartmentImportPage />) },
      { path: 'household-leads/slow-payments', element: allow('householdLeads', ['read'], <SlowPaymentsPage />) },
      { path: 'household-leads/visit-stats', element: allow('householdLeads', ['read'], <VisitStatsPage />) },
      { path: 'household-leads/quality', element: allow('householdLeads', ['read'], <QualityPage />) },
      { path: 'household-leads/archives', element: allow('householdLeads', ['read'], <ArchiveCompletenessPage />) },
      { path: 'household-leads/:id', element: allow('householdLeads', ['read'], <LeadDetailPage />) },
      { path: 'citizen/reports', element: allow('citizen', ['moderate'], <CitizenReportsPage />) },
      { path: 'citizen/reports/:id', element: allow('citizen', ['moderate'], <CitizenReportDetailPage />) },
      { path: 'admin/open311', element: allow('citizen', ['administer'], <Open311Page />) },
      { path: 'volunteers', element: allow('volunteers', ['manage'], <VolunteerTeamsPage />) },
      { path: 'volunteers/hours', element: allow('volunteers', ['manage'], <VolunteerHoursPage />) },
      { path: 'volunteers/teams/:id', element: allow('volunteers', ['manage'], <VolunteerTeamPage />) },
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
