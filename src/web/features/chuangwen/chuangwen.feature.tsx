/**
 * 创文: 清零看板, ranking, 通报, places, categories, the working-day calendar. Its pages read the
 * caller's scope (unit staff see their unit's board); the calendar is read-only without editCalendar.
 */
import { CalendarOutlined, DashboardOutlined, EnvironmentOutlined, NotificationOutlined, TagsOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature, need } from '../../lib/feature';

const read = need('chuangwen', 'read');

export const chuangwenFeature = defineFeature({
  name: 'chuangwen',
  menuGroups: [{ label: '创文', order: 30 }],
  pages: [
    { path: 'chuangwen/board', page: lazy(() => import('./BoardPage')), need: read },
    { path: 'chuangwen/measures', page: lazy(() => import('./MeasuresPage')), need: read },
    { path: 'chuangwen/bulletin', page: lazy(() => import('./BulletinPage')), need: read },
    { path: 'chuangwen/places', page: lazy(() => import('./PlacesPage')), need: read },
    { path: 'chuangwen/categories', page: lazy(() => import('./CategoriesPage')), need: read },
    { path: 'chuangwen/calendar', page: lazy(() => import('./CalendarPage')), need: read },
  ],
  menu: [
    { group: '创文', order: 10, key: '/chuangwen/board', icon: <DashboardOutlined />, label: '清零看板', need: read },
    { group: '创文', order: 30, key: '/chuangwen/measures', icon: <TrophyOutlined />, label: '考核排名', need: read },
    { group: '创文', order: 40, key: '/chuangwen/bulletin', icon: <NotificationOutlined />, label: '督导通报', need: read },
    { group: '创文', order: 50, key: '/chuangwen/places', icon: <EnvironmentOutlined />, label: '点位', need: read },
    { group: '创文', order: 60, key: '/chuangwen/categories', icon: <TagsOutlined />, label: '问题类别', need: read },
    { group: '创文', order: 70, key: '/chuangwen/calendar', icon: <CalendarOutlined />, label: '工作日历', need: need('chuangwen', 'editCalendar') },
  ],
});
