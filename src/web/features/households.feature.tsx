/**
 * 防返贫监测: the registry, screening, import/export, statistics; leads and procedures, funds,
 * visits, data quality, archives; the public 困难申报 page.
 */
import {
  AlertOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  MoneyCollectOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature, need } from '../lib/feature';

const HardshipPage = lazy(() => import('./household-work/HardshipPage'));
const read = need('households', 'read');
const leads = need('householdLeads', 'read');
const group = '防返贫监测';

export const householdsFeature = defineFeature({
  name: 'households',
  menuGroups: [{ label: group, order: 50 }],
  publicRoutes: [{ path: '/hardship', element: <HardshipPage /> }],
  pages: [
    { path: 'households', page: lazy(() => import('./households/HouseholdListPage')), need: read },
    { path: 'households/screening', page: lazy(() => import('./households/ScreeningPage')), need: read },
    { path: 'households/import', page: lazy(() => import('./households/ImportPage')), need: read },
    { path: 'households/stats', page: lazy(() => import('./household-work/StatsPage')), need: read },
    { path: 'households/:id', page: lazy(() => import('./households/HouseholdDetailPage')), need: read },
    { path: 'household-leads', page: lazy(() => import('./household-work/LeadListPage')), need: leads },
    { path: 'household-leads/import', page: lazy(() => import('./household-work/DepartmentImportPage')), need: leads },
    { path: 'household-leads/slow-payments', page: lazy(() => import('./household-work/SlowPaymentsPage')), need: leads },
    { path: 'household-leads/visit-stats', page: lazy(() => import('./household-work/VisitStatsPage')), need: leads },
    { path: 'household-leads/quality', page: lazy(() => import('./household-work/QualityPage')), need: leads },
    { path: 'household-leads/archives', page: lazy(() => import('./household-work/ArchiveCompletenessPage')), need: leads },
    { path: 'household-leads/:id', page: lazy(() => import('./household-work/LeadDetailPage')), need: leads },
  ],
  menu: [
    { group, key: '/households', icon: <HomeOutlined />, label: '农户列表', need: read },
    { group, key: '/households/screening', icon: <AlertOutlined />, label: '风险筛查', need: read },
    { group, key: '/households/import', icon: <SwapOutlined />, label: '导入导出', need: read },
    { group, key: '/household-leads', icon: <SolutionOutlined />, label: '线索与认定', need: leads },
    { group, key: '/household-leads/import', icon: <CloudUploadOutlined />, label: '部门数据比对', need: leads },
    { group, key: '/household-leads/slow-payments', icon: <MoneyCollectOutlined />, label: '帮扶资金', need: leads },
    { group, key: '/household-leads/visit-stats', icon: <BarChartOutlined />, label: '走访统计', need: leads },
    { group, key: '/household-leads/quality', icon: <SafetyCertificateOutlined />, label: '数据质量', need: leads },
    { group, key: '/household-leads/archives', icon: <FolderOpenOutlined />, label: '档案完整度', need: leads },
    { group, key: '/households/stats', icon: <PieChartOutlined />, label: '统计分析', need: read },
  ],
});
