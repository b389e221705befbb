/** 现场检查: inspections and checklist templates. */
import { CheckSquareOutlined, ProfileOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { defineFeature, need } from '../../lib/feature';

const inspect = need('checklists', 'inspect');

export const checklistsFeature = defineFeature({
  name: 'checklists',
  menuGroups: [{ label: '现场检查', order: 20 }],
  pages: [
    { path: 'checklists', page: lazy(() => import('./ChecklistsPage')), need: need('checklists', 'inspect', 'editTemplates') },
    { path: 'inspections', page: lazy(() => import('./InspectionsPage')), need: inspect },
    { path: 'inspections/new', page: lazy(() => import('./InspectionNewPage')), need: inspect },
    { path: 'inspections/:id', page: lazy(() => import('./InspectionPage')), need: inspect },
  ],
  menu: [
    { group: '现场检查', key: '/inspections', icon: <CheckSquareOutlined />, label: '检查记录', need: inspect },
    { group: '现场检查', key: '/checklists', icon: <ProfileOutlined />, label: '检查表模板', need: need('checklists', 'inspect', 'editTemplates') },
  ],
});
