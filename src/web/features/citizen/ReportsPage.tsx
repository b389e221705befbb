/**
 * 群众反映 (moderation list): citizens' reports in the moderator's area, pending first,
 * filtered by status; a row opens the report to accept, merge or reject it.
 */
import { Card, Image, Pagination, Segmented, Tag, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import { REPORT_STATUS_LABELS, REPORT_STATUSES, type TReportRow, type TReportStatus } from '../../../shared/contracts/citizen';
import { useReports } from '../../api/citizen';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';

export const REPORT_STATUS_COLORS: Record<TReportStatus, string> = {
  pending: 'orange',
  accepted: 'blue',
  merged: 'cyan',
  rejected: 'default',
};

/** The status of a report as a tag. */
export function ReportStatusTag({ status }: { status: TReportStatus }) {
  return <Tag color={REPORT_STATUS_COLORS[status]}>{REPORT_STATUS_LABELS[status]}</Tag>;
}

/** 群众反映 list page. */
export default function ReportsPage() {
  const [params, update] = useUrlFilters();
  const navigate = useNavigate();
  const status = (params.get('status') ?? '') as TReportStatus | '';
  const page = Number(params.get('page') ?? 1) || 1;
  const query = { status: status || undefined, page, pageSize: 20 };
  const list = useReports(query);

  const columns: TableProps<TReportRow>['columns'] = [
    {
      title: '反映内容',
      key: 'what',
      render: (_: unknown, r) => (
        <div style={{ display: 'flex', gap: 10, alignItems: 'flex-start' }}>
          {r.photo ? (
            <Image width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} src={r.photo.thumbUrl ?? r.photo.url} preview={{ src: r.photo.url }} />
          ) : (
            <div style={{ width: 48, height: 48, background: '#f3f5f9', borderRadius: 4, flex: 'none' }} />
          )}
          <div style={{ minWidth: 0 }}>
            <Link to={`/citizen/reports/${r.id}`} style={{ fontWeight: 500 }}>
              {r.categoryName}
            </Link>
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', overflow: 'hidden', textOverflow: 'ellipsis', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}>
              {r.description}
            </div>
          </div>
        </div>
      ),
    },
    {
      title: '位置',
      key: 'where',
      width: 220,
      render: (_: unknown, r) => (
        <div style={{ fontSize: 13 }}>
          <div>{r.areaName}</div>
          <div style={{ color: 'rgba(0,0,0,0.45)' }}>{r.address || (r.lat != null ? '已定位' : '—')}</div>
        </div>
      ),
    },
    { title: '反映时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_: unknown, r) => (
        <div>
          <ReportStatusTag status={r.status} />
          {r.reopenCount > 0 && <Tag color="red">重新反映 {r.reopenCount}</Tag>}
          {r.caseCode && (
            <div style={{ fontSize: 12, marginTop: 2 }}>
              <Link to={`/cases/${r.caseId}`}>{r.caseCode}</Link>
            </div>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="群众反映" subTitle={list.data ? `共 ${list.data.total} 条` : '群众随手拍反映的问题，审核后受理为督办事项'} />
      <div style={{ marginBottom: 12, overflowX: 'auto' }}>
        <Segmented<string>
          aria-label="状态"
          value={status}
          onChange={(v) => update({ status: v })}
          options={[{ value: '', label: '全部' }, ...REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }))]}
        />
      </div>
      <QueryTable<TReportRow>
        query={list}
        phoneView={
          <div className="zl-card-list">
            {list.data?.items.map((r) => (
              <a
                key={r.id}
                className="zl-case-card"
                href={`/citizen/reports/${r.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/citizen/reports/${r.id}`);
                }}
              >
                <div style={{ display: 'flex', gap: 10 }}>
                  {r.photo && <img src={r.photo.thumbUrl ?? r.photo.url} alt="" style={{ width: 56, height: 56, objectFit: 'cover', borderRadius: 6, flex: 'none' }} />}
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 6 }}>
                      <span style={{ fontWeight: 500 }}>{r.categoryName}</span>
                      <ReportStatusTag status={r.status} />
                    </div>
                    <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.description}</div>
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                      {r.areaName} · {formatDateTime(r.createdAt)}
                    </div>
                  </div>
                </div>
              </a>
            ))}
            {list.data && list.data.items.length === 0 && <Card size="small">没有符合条件的反映</Card>}
            {list.data && list.data.total > list.data.pageSize && (
              <Pagination simple current={page} pageSize={20} total={list.data.total} onChange={(p) => update({ page: p })} style={{ textAlign: 'center' }} />
            )}
          </div>
        }
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        locale={{ emptyText: '没有符合条件的反映' }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/citizen/reports/${r.id}`) })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
      />
    </>
  );
}
