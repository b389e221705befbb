/** 系统管理: areas, units, users, the audit log; changing one's own password. */
import { ApartmentOutlined, AuditOutlined, BankOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { Navigate } from 'react-router';
import { defineFeature, need } from '../../lib/feature';

const manage = need('admin', 'manage');

export const adminFeature = defineFeature({
  name: 'admin',
  menuGroups: [{ label: '系统管理', order: 90 }],
  pages: [
    { path: 'admin', element: <Navigate to="/admin/users" replace /> },
    { path: 'admin/areas', page: lazy(() => import('./AreasPage')), need: manage },
    { path: 'admin/units', page: lazy(() => import('./UnitsPage')), need: manage },
    { path: 'admin/users', page: lazy(() => import('./UsersPage')), need: manage },
    { path: 'admin/audit', page: lazy(() => import('./AuditPage')), need: need('audit', 'read') },
    { path: 'account/password', page: lazy(() => import('../auth/ChangePasswordPage')) },
  ],
  menu: [
    { group: '系统管理', order: 10, key: '/admin/areas', icon: <ApartmentOutlined />, label: '区域管理', need: manage },
    { group: '系统管理', order: 20, key: '/admin/units', icon: <BankOutlined />, label: '单位管理', need: manage },
    { group: '系统管理', order: 30, key: '/admin/users', icon: <TeamOutlined />, label: '用户管理', need: manage },
    { group: '系统管理', order: 50, key: '/admin/audit', icon: <AuditOutlined />, label: '审计日志', need: need('audit', 'read') },
  ],
});
