/**
 * The signed-in frame: a side menu chosen by the user's abilities (a drawer behind a hamburger on phones),
 * a header with the user's name, role, area, change password and logout, and the page.
 */
import {
  AlertOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  MoneyCollectOutlined,
  FolderOpenOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  ApiOutlined,
  CameraOutlined,
  FieldTimeOutlined,
  HeartOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  NotificationOutlined,
  SwapOutlined,
  TagsOutlined,
  TrophyOutlined,
  ApartmentOutlined,
  BankOutlined,
  EnvironmentOutlined,
  CheckSquareOutlined,
  FileAddOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { TAbilities, TAbilityModule, TAbilityName } from '../../shared/contracts/abilities';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { useCurrentUser, useLogout } from '../api/session';
import { can } from '../lib/abilities';
import { useIsPhone } from '../lib/useIsPhone';
import { FullPageSpin } from './RequireAuth';

type TMenuItem = Required<MenuProps>['items'][number];

/** A menu group, left out when none of its entries is allowed. */
function group(label: string, children: (TMenuItem | false)[]): TMenuItem[] {
  const allowed = children.filter((c): c is TMenuItem => c !== false);
  return allowed.length ? [{ type: 'group', label, children: allowed }] : [];
}

/** The menu entries this user may use, by the abilities the server sent with /api/auth/me. */
function menuItems(abilities: TAbilities): TMenuItem[] {
  const may = <M extends TAbilityModule>(module: M, ...names: TAbilityName<M>[]) => can(abilities, module, ...names);
  return [
    { key: '/', icon: <HomeOutlined />, label: '首页' },
    { key: '/todo', icon: <ScheduleOutlined />, label: '我的待办' },
    { key: '/cases', icon: <UnorderedListOutlined />, label: '督办事项' },
    ...(may('cases', 'create') ? [{ key: '/cases/new', icon: <FileAddOutlined />, label: '新建事项' }] : []),
    ...group('现场检查', [
      may('checklists', 'inspect') && { key: '/inspections', icon: <CheckSquareOutlined />, label: '检查记录' },
      may('checklists', 'inspect', 'editTemplates') && { key: '/checklists', icon: <ProfileOutlined />, label: '检查表模板' },
    ]),
    ...group('创文', [
      may('chuangwen', 'read') && { key: '/chuangwen/board', icon: <DashboardOutlined />, label: '清零看板' },
      may('citizen', 'moderate') && { key: '/citizen/reports', icon: <CameraOutlined />, label: '群众反映' },
      may('chuangwen', 'read') && { key: '/chuangwen/measures', icon: <TrophyOutlined />, label: '考核排名' },
      may('chuangwen', 'read') && { key: '/chuangwen/bulletin', icon: <NotificationOutlined />, label: '督导通报' },
      may('chuangwen', 'read') && { key: '/chuangwen/places', icon: <EnvironmentOutlined />, label: '点位' },
      may('chuangwen', 'read') && { key: '/chuangwen/categories', icon: <TagsOutlined />, label: '问题类别' },
      may('chuangwen', 'editCalendar') && { key: '/chuangwen/calendar', icon: <CalendarOutlined />, label: '工作日历' },
    ]),
    ...group('志愿服务', [
      may('volunteers', 'manage') && { key: '/volunteers', icon: <HeartOutlined />, label: '志愿服务队' },
      may('volunteers', 'manage') && { key: '/volunteers/hours', icon: <FieldTimeOutlined />, label: '服务时长统计' },
    ]),
    ...group('防返贫监测', [
      may('households', 'read') && { key: '/households', icon: <HomeOutlined />, label: '农户列表' },
      may('households', 'read') && { key: '/households/screening', icon: <AlertOutlined />, label: '风险筛查' },
      may('households', 'read') && { key: '/households/import', icon: <SwapOutlined />, label: '导入导出' },
      may('householdLeads', 'read') && { key: '/household-leads', icon: <SolutionOutlined />, label: '线索与认定' },
      may('householdLeads', 'read') && { key: '/household-leads/import', icon: <CloudUploadOutlined />, label: '部门数据比对' },
      may('householdLeads', 'read') && { key: '/household-leads/slow-payments', icon: <MoneyCollectOutlined />, label: '帮扶资金' },
      may('householdLeads', 'read') && { key: '/household-leads/visit-stats', icon: <BarChartOutlined />, label: '走访统计' },
      may('householdLeads', 'read') && { key: '/household-leads/quality', icon: <SafetyCertificateOutlined />, label: '数据质量' },
      may('householdLeads', 'read') && { key: '/household-leads/archives', icon: <FolderOpenOutlined />, label: '档案完整度' },
      may('households', 'read') && { key: '/households/stats', icon: <PieChartOutlined />, label: '统计分析' },
    ]),
    ...group('系统管理', [
      may('admin', 'manage') && { key: '/admin/areas', icon: <ApartmentOutlined />, label: '区域管理' },
      may('admin', 'manage') && { key: '/admin/units', icon: <BankOutlined />, label: '单位管理' },
      may('admin', 'manage') && { key: '/admin/users', icon: <TeamOutlined />, label: '用户管理' },
      may('citizen', 'administer') && { key: '/admin/open311', icon: <ApiOutlined />, label: 'Open311 接口密钥' },
      may('audit', 'read') && { key: '/admin/audit', icon: <AuditOutlined />, label: '审计日志' },
    ]),
  ];
}

/** The menu key that matches a path (the longest prefix wins). */
function selectedKey(pathname: string, keys: string[]): string {
  if (pathname === '/') return '/';
  if (pathname === '/cases/new') return keys.includes('/cases/new') ? '/cases/new' : '/cases';
  let best = '';
  for (const k of keys) if (k !== '/' && (pathname === k || pathname.startsWith(`${k}/`)) && k.length > best.length) best = k;
  return best;
}

function flatKeys(items: TMenuItem[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    if (!it) continue;
    if ('children' in it && it.children) out.push(...flatKeys(it.children as TMenuItem[]));
    else if (it.key) out.push(String(it.key));
  }
  return out;
}

/** Layout of every signed-in page. */
export function AppShell() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items = useMemo(() => menuItems(me.abilities), [me.abilities]);
  const current = selectedKey(location.pathname, flatKeys(items));

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[current]}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div style={{ lineHeight: 1.5 }}>
            <div style={{ color: 'rgba(0,0,0,0.88)' }}>{me.displayName}</div>
            <div style={{ fontSize: 12 }}>
              {ROLE_LABELS[me.role]} · {me.unitName ?? me.areaName}
            </div>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/account/password');
      if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider width={208} theme="light" className="zl-sider" breakpoint="lg" collapsible={false}>
          <Brand />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="zl-header">
          <div className="zl-header-left">
            {isPhone && (
              <Button
                type="text"
                aria-label="打开菜单"
                icon={<MenuOutlined style={{ fontSize: 20 }} />}
                onClick={() => setDrawerOpen(true)}
                style={{ width: 44, height: 44 }}
              />
            )}
            {isPhone ? (
              <span style={{ fontWeight: 600, fontSize: 16 }}>智理</span>
            ) : (
              <span className="zl-header-area">
                <EnvironmentOutlined /> {me.areaName}
              </span>
            )}
          </div>
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button type="text" className="zl-user-button" aria-label={`用户菜单：${me.displayName}`}>
              <UserOutlined />
              <span className="zl-user-name">{me.displayName}</span>
              {!isPhone && <Typography.Text type="secondary">{ROLE_LABELS[me.role]}</Typography.Text>}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="zl-content">
          {me.mustChangePassword && location.pathname !== '/account/password' && <MustChangePassword />}
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isPhone && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          width={260}
          title={<Brand compact />}
          styles={{ body: { padding: 0 } }}
        >
          <div style={{ padding: '12px 24px', borderBottom: '1px solid #f0f0f0' }}>
            <div>{me.displayName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {ROLE_LABELS[me.role]} · {me.unitName ?? me.areaName}
            </Typography.Text>
          </div>
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}

function Brand({ compact }: { compact?: boolean }) {
  return (
    <div className={compact ? undefined : 'zl-brand'}>
      <OrderedListOutlined style={{ color: '#1d4ed8', marginRight: 8 }} />
      <span style={{ fontWeight: 600 }}>智理</span>
      <span style={{ color: 'rgba(0,0,0,0.45)', fontWeight: 400, marginLeft: 6, fontSize: 12 }}>示范区智慧治理</span>
    </div>
  );
}

function MustChangePassword() {
  const navigate = useNavigate();
  return (
    <div className="zl-banner" role="alert">
      为了账号安全，请先修改初始密码。
      <Button type="link" size="small" onClick={() => navigate('/account/password')}>
        去修改
      </Button>
    </div>
  );
}
