/** 督办事项: home, 我的待办, the case list, detail and create. */
import { FileAddOutlined, HomeOutlined, ScheduleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature, need } from '../../lib/feature';
import { HomePage } from '../home/HomePage';

export const casesFeature = defineFeature({
  name: 'cases',
  pages: [
    { index: true, page: HomePage },
    { path: 'todo', page: lazy(() => import('./TodoPage')) },
    { path: 'cases', page: lazy(() => import('./CaseListPage')) },
    { path: 'cases/new', page: lazy(() => import('./CaseCreatePage')), need: need('cases', 'create') },
    { path: 'cases/:id', page: lazy(() => import('./CaseDetailPage')) },
  ],
  menu: [
    { key: '/', icon: <HomeOutlined />, label: '首页', order: 10 },
    { key: '/todo', icon: <ScheduleOutlined />, label: '我的待办', order: 20 },
    { key: '/cases', icon: <UnorderedListOutlined />, label: '督办事项', order: 30 },
    { key: '/cases/new', icon: <FileAddOutlined />, label: '新建事项', order: 40, need: need('cases', 'create') },
  ],
});
