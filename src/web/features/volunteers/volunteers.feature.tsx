/** 志愿服务: teams, members, activities and hours. */
import { FieldTimeOutlined, HeartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature, need } from '../../lib/feature';

const manage = need('volunteers', 'manage');

export const volunteersFeature = defineFeature({
  name: 'volunteers',
  menuGroups: [{ label: '志愿服务', order: 40 }],
  pages: [
    { path: 'volunteers', page: lazy(() => import('./TeamsPage')), need: manage },
    { path: 'volunteers/hours', page: lazy(() => import('./HoursPage')), need: manage },
    { path: 'volunteers/teams/:id', page: lazy(() => import('./TeamDetailPage')), need: manage },
  ],
  menu: [
    { group: '志愿服务', key: '/volunteers', icon: <HeartOutlined />, label: '志愿服务队', need: manage },
    { group: '志愿服务', key: '/volunteers/hours', icon: <FieldTimeOutlined />, label: '服务时长统计', need: manage },
  ],
});
