/** 群众随手拍: the public report and tracking pages (no login), moderation, Open311 keys. */
import { ApiOutlined, CameraOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature, need } from '../../lib/feature';

const ReportPage = lazy(() => import('./ReportPage'));
const TrackPage = lazy(() => import('./TrackPage'));
const moderate = need('citizen', 'moderate');

export const citizenFeature = defineFeature({
  name: 'citizen',
  publicRoutes: [
    { path: '/report', element: <ReportPage /> },
    { path: '/track', element: <TrackPage /> },
    { path: '/track/:code', element: <TrackPage /> },
  ],
  pages: [
    { path: 'citizen/reports', page: lazy(() => import('./ReportsPage')), need: moderate },
    { path: 'citizen/reports/:id', page: lazy(() => import('./ReportDetailPage')), need: moderate },
    { path: 'admin/open311', page: lazy(() => import('./Open311Page')), need: need('citizen', 'administer') },
  ],
  menu: [
    { group: '创文', order: 20, key: '/citizen/reports', icon: <CameraOutlined />, label: '群众反映', need: moderate },
    { group: '系统管理', order: 40, key: '/admin/open311', icon: <ApiOutlined />, label: 'Open311 接口密钥', need: need('citizen', 'administer') },
  ],
});
