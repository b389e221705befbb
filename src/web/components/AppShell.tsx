/**
 * The signed-in frame: a side menu chosen by the user's abilities (a drawer behind a hamburger on phones),
 * a header with the user's name, role, area, change password and logout, and the page.
 */
import { EnvironmentOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, OrderedListOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { TAbilities } from '../../shared/contracts/abilities';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { useCurrentUser, useLogout } from '../api/session';
import { FEATURES } from '../features';
import { menuFor } from '../lib/feature';
import { useIsPhone } from '../lib/useIsPhone';
import { FullPageSpin } from './RequireAuth';

type TMenuItem = Required<MenuProps>['items'][number];

/** The menu entries this user may use: every feature's entries, by the abilities the server sent with /api/auth/me. */
function menuItems(abilities: TAbilities): TMenuItem[] {
  return menuFor(FEATURES, abilities).flatMap((g): TMenuItem[] => {
    const items = g.entries.map((e) => ({ key: e.key, icon: e.icon, label: e.label }));
    return g.label == null ? items : [{ type: 'group', label: g.label, children: items }];
  });
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
