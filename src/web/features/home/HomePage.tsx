/** 首页: the headline counts, the open cases by module (chart loaded lazily) and a short 我的待办. */
import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { CASE_MODULE_LABELS } from '../../../shared/domain/case-vocab';
import { useCaseList, useHomeStats } from '../../api/cases';
import { useCurrentUser } from '../../api/session';
import { CaseCardList } from '../../components/CaseCardList';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../../lib/abilities';

const ModuleChart = lazy(() => import('./ModuleChart'));

/** Home page. */
export function HomePage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const canCreate = useCan('cases', 'create');
  const stats = useHomeStats();
  const todo = useCaseList({ mine: 'true', sort: 'deadline', order: 'asc', page: 1, pageSize: 5 });
  const s = stats.data;
  const rate = s?.onTimeCloseRate;

  return (
    <>
      <PageHeader
        title={`您好，${me.displayName}`}
        subTitle={me.unitName ? `${me.unitName} · ${me.areaName}` : me.areaName}
        extra={
          canCreate ? (
            <Button type="primary" size="large" onClick={() => navigate('/cases/new')}>
              新建事项
            </Button>
          ) : null
        }
      />
      {stats.isError ? (
        <QueryError error={stats.error} onRetry={() => stats.refetch()} />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <StatCard title="在办事项" value={s?.open} loading={stats.isPending} to="/cases?status=pending_assign,rectifying,extension_requested,pending_verify,returned" />
          </Col>
          <Col xs={12} md={6}>
            <StatCard title="超期未办" value={s?.overdue} loading={stats.isPending} danger to="/cases?overdue=true" />
          </Col>
          <Col xs={12} md={6}>
            <StatCard title="本周销号" value={s?.closedThisWeek} loading={stats.isPending} to="/cases?status=closed" />
          </Col>
          <Col xs={12} md={6}>
            <Card className="zl-stat-card" size="small">
              <Statistic
                title="按期销号率（近30天）"
                loading={stats.isPending}
                value={rate == null ? '—' : (rate * 100).toFixed(1)}
                suffix={rate == null ? undefined : '%'}
                valueStyle={{ color: rate != null && rate < 0.8 ? '#d46b08' : undefined }}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
          <Card title="各板块在办与超期" size="small" styles={{ body: { minHeight: 300 } }}>
            {s ? (
              s.byModule.some((m) => m.open > 0) ? (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                  <ModuleChart
                    data={s.byModule.map((m) => ({ name: CASE_MODULE_LABELS[m.module], open: m.open, overdue: m.overdue }))}
                  />
                </Suspense>
              ) : (
                <Empty description="暂无在办事项" />
              )
            ) : (
              <Skeleton active paragraph={{ rows: 6 }} />
            )}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
          <Card
            title={`我的待办${todo.data ? `（${todo.data.total}${todo.data.totalCapped ? '+' : ''}）` : ''}`}
            size="small"
            extra={
              <Link to="/todo">
                全部 <RightOutlined />
              </Link>
            }
          >
            {todo.isError ? (
              <QueryError error={todo.error} onRetry={() => todo.refetch()} />
            ) : todo.isPending ? (
              <Skeleton active />
            ) : todo.data.items.length ? (
              <CaseCardList items={todo.data.items} compact />
            ) : (
              <Empty description="暂无待办，辛苦了" />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function StatCard(props: { title: string; value?: number; loading: boolean; danger?: boolean; to: string }) {
  return (
    <Link to={props.to} aria-label={`${props.title}：${props.value ?? ''}`}>
      <Card className="zl-stat-card" size="small" hoverable>
        <Statistic
          title={props.title}
          value={props.value ?? 0}
          loading={props.loading}
          valueStyle={props.danger && (props.value ?? 0) > 0 ? { color: '#cf1322' } : undefined}
        />
      </Card>
    </Link>
  );
}
