/** 帮扶资金 (/household-leads/slow-payments): measures with money allocated and not paid for too long. */
import { Card, Col, Empty, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSlowPayments, type TSlowPayments } from '../../api/household-work';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useIsPhone } from '../../lib/useIsPhone';
import { yuan } from './bits';

type TRow = TSlowPayments['items'][number];

/** 帮扶资金 page. */
export default function SlowPaymentsPage() {
  const [areaId, setAreaId] = useState<number | undefined>();
  const q = useSlowPayments(areaId);
  const isPhone = useIsPhone();
  const items = q.data?.items ?? [];
  const unpaid = items.reduce((s, r) => s + (r.allocated - r.paid), 0);

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader
        title="帮扶资金"
        subTitle={q.data ? `资金已下达超过 ${q.data.days} 天仍未足额拨付的帮扶措施` : '资金拨付进度'}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 8]} align="middle">
          <Col xs={24} md={8}>
            <AreaSelect allowClear placeholder="全部区域" value={areaId} onChange={setAreaId} />
          </Col>
          <Col xs={24} md={16} style={{ color: 'rgba(0,0,0,0.65)' }}>
            {q.data && (
              <span>
                共 {items.length} 项，待拨付 <strong className={unpaid ? 'zl-overdue' : undefined}>{yuan(unpaid)}</strong> 元
              </span>
            )}
          </Col>
        </Row>
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : isPhone ? (
        <div className="zl-card-list">
          {q.isPending ? (
            <Card loading />
          ) : items.length === 0 ? (
            <Empty description="没有拨付缓慢的资金" />
          ) : (
            items.map((r) => (
              <Link key={r.measureId} to={`/households/${r.householdId}`} className="zl-case-card">
                <Tag>{r.typeLabel}</Tag>
                <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                  {r.householdCode} · {r.areaName}
                </span>
                <div className="zl-case-card-title">{r.content}</div>
                <div className="zl-case-card-meta">
                  <span>下达 {yuan(r.allocated)} 元</span>
                  <span>已拨 {yuan(r.paid)} 元</span>
                  <span className="zl-overdue">已等 {r.daysWaiting} 天</span>
                </div>
              </Link>
            ))
          )}
        </div>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TRow>
            rowKey="measureId"
            loading={q.isFetching}
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description="没有拨付缓慢的资金" /> }}
            columns={[
              { title: '农户', dataIndex: 'householdCode', width: 170, render: (v: string, r) => <Link to={`/households/${r.householdId}`}>{v}</Link> },
              { title: '村', dataIndex: 'areaName', width: 120 },
              { title: '措施', dataIndex: 'typeLabel', width: 110, render: (v: string) => <Tag>{v}</Tag> },
              { title: '内容', dataIndex: 'content', ellipsis: true },
              { title: '下达（元）', dataIndex: 'allocated', width: 110, align: 'right', render: yuan },
              { title: '已拨（元）', dataIndex: 'paid', width: 110, align: 'right', render: yuan },
              { title: '首次下达', dataIndex: 'firstAllocatedOn', width: 110 },
              {
                title: '已等待',
                dataIndex: 'daysWaiting',
                width: 90,
                sorter: (a, b) => a.daysWaiting - b.daysWaiting,
                defaultSortOrder: 'descend',
                render: (v: number) => <span className="zl-overdue">{v} 天</span>,
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
