/** 检查记录: inspections in the caller's scope, newest first, with their result counts. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Pagination, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { INSPECTION_STATUS_LABELS, type TInspectionRow } from '../../../shared/contracts/checklists';
import { useInspections } from '../../api/checklists';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/useIsPhone';

function Counts({ r }: { r: TInspectionRow }) {
  const c = r.counts;
  const done = c.total - c.unchecked;
  return (
    <Space size={8} wrap style={{ fontSize: 13 }}>
      <Progress percent={c.total ? Math.round((done / c.total) * 100) : 0} size="small" style={{ width: 90, margin: 0 }} showInfo={false} />
      <span>
        {done}/{c.total}
      </span>
      {c.fail > 0 && <span style={{ color: '#cf1322' }}>不合格 {c.fail}</span>}
      {c.cases > 0 && <span>交办 {c.cases}</span>}
    </Space>
  );
}

function StatusTag({ status }: { status: TInspectionRow['status'] }) {
  return <Tag color={status === 'completed' ? 'green' : 'processing'}>{INSPECTION_STATUS_LABELS[status]}</Tag>;
}

/** Inspection list page. */
export default function InspectionsPage() {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const list = useInspections({ page, pageSize: 20, mine: scope === 'mine' ? 'true' : undefined });
  const data = list.data;

  return (
    <>
      <PageHeader
        title="检查记录"
        subTitle={data ? `共 ${data.total} 次` : undefined}
        extra={
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => navigate('/inspections/new')}>
            开始检查
          </Button>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={scope}
        onChange={(v) => {
          setScope(v as 'mine' | 'all');
          setPage(1);
        }}
        options={[
          { value: 'mine', label: '我的检查' },
          { value: 'all', label: '全部' },
        ]}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : isPhone ? (
        <>
          <List
            loading={list.isPending}
            dataSource={data?.items ?? []}
            locale={{ emptyText: '暂无检查记录' }}
            renderItem={(r) => (
              <Link to={`/inspections/${r.id}`} className="zl-case-card" style={{ marginBottom: 10 }}>
                <Space size={6} wrap>
                  <StatusTag status={r.status} />
                  <Typography.Text strong>{r.templateName}</Typography.Text>
                </Space>
                <div className="zl-case-card-meta" style={{ marginTop: 4 }}>
                  <span>{r.areaName}</span>
                  {r.place && <span>{r.place}</span>}
                  <span>
                    {r.inspectorName} · {formatDateTime(r.startedAt)}
                  </span>
                </div>
                <Counts r={r} />
              </Link>
            )}
          />
          {data && data.total > 20 && (
            <Pagination simple style={{ textAlign: 'center' }} current={page} pageSize={20} total={data.total} onChange={setPage} />
          )}
        </>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TInspectionRow>
            rowKey="id"
            loading={list.isFetching}
            dataSource={data?.items}
            locale={{ emptyText: '暂无检查记录' }}
            pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              {
                title: '检查表',
                dataIndex: 'templateName',
                render: (n: string, r) => <Link to={`/inspections/${r.id}`}>{n}</Link>,
              },
              { title: '区域', dataIndex: 'areaName', width: 140 },
              { title: '地点', dataIndex: 'place', width: 180, ellipsis: true, render: (p: string | null) => p ?? '—' },
              { title: '检查人', dataIndex: 'inspectorName', width: 100 },
              { title: '开始时间', dataIndex: 'startedAt', width: 150, render: formatDateTime },
              { title: '进度', key: 'counts', width: 240, render: (_: unknown, r) => <Counts r={r} /> },
              { title: '状态', dataIndex: 'status', width: 90, render: (s: TInspectionRow['status']) => <StatusTag status={s} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
