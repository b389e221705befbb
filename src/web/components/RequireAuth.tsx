/** Route guards: signed-in users only, and pages limited by the server's abilities. */
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import type { TAbilityModule, TAbilityName } from '../../shared/contracts/abilities';
import { useMe } from '../api/session';
import { can } from '../lib/abilities';

/** Renders children for a signed-in user; otherwise sends them to /login (remembering where they were). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  if (isError) {
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle="请检查网络后重试"
        extra={<Button type="primary" onClick={() => refetch()}>重试</Button>}
      />
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/**
 * Renders children only when the user has one of `names` of `module` (the server's abilities);
 * others see a polite refusal.
 */
export function RequireAbility<M extends TAbilityModule>({ module, names, children }: { module: M; names: TAbilityName<M>[]; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me || !can(me.abilities, module, ...names)) {
    return <NoAccess />;
  }
  return <>{children}</>;
}

/** The page a user sees when their abilities do not cover it. */
function NoAccess() {
  return (
    <Result
      status="403"
      title="没有访问权限"
      subTitle="您的角色不能使用此页面"
      extra={<Link to="/"><Button type="primary">返回首页</Button></Link>}
    />
  );
}

/** A centred spinner for whole-page loading. */
export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: 240, height: '100%' }}>
      <Spin size="large" />
    </div>
  );
}
