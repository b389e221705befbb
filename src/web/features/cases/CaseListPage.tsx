/**
 * 督办事项: filters in the URL, server paging and sorting, overdue in red, and for those who
 * may assign or verify (the server's abilities) row selection with bulk 交办 / 复核销号 that
 * reports per-row failures.
 */
import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Pagination, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TCaseRow } from '../../../shared/contracts/cases';
import { CASE_MODULE_LABELS, CASE_SOURCE_LABELS } from '../../../shared/domain/case-vocab';
import { useCaseList } from '../../api/cases';
import { CaseCardList } from '../../components/CaseCardList';
import { DeadlineText, SeverityTag, StatusTag } from '../../components/CaseBits';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/abilities';
import { useIsPhone } from '../../lib/useIsPhone';
import { BulkActions } from './BulkActions';
import { CaseFilters } from './CaseFilters';
import { useCaseFilters } from './useCaseFilters';

/** Case list page. */
export default function CaseListPage() {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const filters = useCaseFilters();
  const { query, update } = filters;
  const list = useCaseList(query);
  const [showFilters, setShowFilters] = useState(!isPhone || filters.activeCount > 0);
  const [selected, setSelected] = useState<TCaseRow[]>([]);
  const [search, setSearch] = useState(String(query.q ?? ''));
  const canCreate = useCan('cases', 'create');
  const canAssign = useCan('cases', 'assign');
  const canVerify = useCan('cases', 'verify');
  const canBulk = canAssign || canVerify;

  const sortOrder = (key: string) =>
    query.sort === key ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableProps<TCaseRow>['columns'] = [
    {
      title: '事项',
      dataIndex: 'title',
      key: 'id',
      ellipsis: true,
      render: (title: string, r) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            <Link to={`/cases/${r.id}`} title={title}>
              {title}
            </Link>
          </div>
          <Space size={4} style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            <span>{r.code}</span>
            <span>· {CASE_SOURCE_LABELS[r.source]}</span>
            <SeverityTag severity={r.severity} />
            {r.returnCount > 0 && <span style={{ color: '#c41d7f' }}>退回 {r.returnCount} 次</span>}
          </Space>
        </div>
      ),
    },
    { title: '板块', dataIndex: 'module', width: 64, render: (m: TCaseRow['module']) => CASE_MODULE_LABELS[m] },
    { title: '区域', dataIndex: 'areaName', width: 120, ellipsis: true },
    { title: '责任单位', dataIndex: 'unitName', width: 180, ellipsis: true, render: (u: string | null) => u ?? '—' },
    { title: '状态', dataIndex: 'status', width: 92, render: (s: TCaseRow['status']) => <StatusTag status={s} /> },
    {
      title: '整改期限',
      dataIndex: 'deadline',
      key: 'deadline',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('deadline'),
      render: (_: unknown, r) => <DeadlineText deadline={r.deadline} isOverdue={r.isOverdue} status={r.status} />,
    },
    {
      title: '发现时间',
      dataIndex: 'foundAt',
      key: 'foundAt',
      width: 104,
      sorter: true,
      sortOrder: sortOrder('foundAt'),
      render: (v: string) => formatDate(v),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 140,
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (v: string) => formatDateTime(v),
    },
  ];

  const total = list.data?.total ?? 0;
  const totalText = list.data ? `共 ${total}${list.data.totalCapped ? '+' : ''} 条` : '';
  const selectedIds = selected.map((r) => r.id);

  return (
    <>
      <PageHeader
        title="督办事项"
        subTitle={totalText}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')}>
              新建事项
            </Button>
          ) : null
        }
      />
      <Card size="small" styles={{ body: { paddingBottom: showFilters ? 0 : 12 } }} style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', gap: 8, marginBottom: showFilters ? 12 : 0 }}>
          <Input.Search
            aria-label="搜索事项"
            placeholder="搜索标题、编号或地点"
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ flex: 1 }}
          />
          <Badge count={filters.activeCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters}>
              筛选
            </Button>
          </Badge>
        </div>
        {showFilters && <CaseFilters filters={filters} />}
      </Card>

      {canBulk && (
        <BulkActions selected={selected} canAssign={canAssign} canVerify={canVerify} onDone={() => setSelected([])} onClear={() => setSelected([])} />
      )}

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : isPhone ? (
        <>
          {list.isPending ? (
            <Card loading />
          ) : list.data.items.length ? (
            <CaseCardList
              items={list.data.items}
              selectedIds={canBulk ? selectedIds : undefined}
              onToggle={
                canBulk
                  ? (row, checked) => setSelected((s) => (checked ? [...s, row] : s.filter((r) => r.id !== row.id)))
                  : undefined
              }
            />
          ) : (
            <Card>
              <Typography.Text type="secondary">没有符合条件的事项</Typography.Text>
            </Card>
          )}
          <Pagination
            style={{ marginTop: 12, textAlign: 'center' }}
            simple
            current={Number(query.page)}
            pageSize={Number(query.pageSize)}
            total={total}
            onChange={(page) => update({ page }, { resetPage: false })}
          />
        </>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TCaseRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 1150 }}
            rowSelection={
              canBulk
                ? {
                    selectedRowKeys: selectedIds,
                    preserveSelectedRowKeys: true,
                    onChange: (_keys, rows) =>
                      setSelected((prev) => {
                        const byId = new Map(prev.map((r) => [r.id, r]));
                        for (const r of rows) if (r) byId.set(r.id, r);
                        const keep = new Set(_keys as number[]);
                        return [...byId.values()].filter((r) => keep.has(r.id));
                      }),
                  }
                : undefined
            }
            locale={{ emptyText: '没有符合条件的事项' }}
            rowClassName={(r) => (r.isOverdue ? 'zl-row-overdue' : '')}
            onChange={(pagination, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const sortKey = s?.order ? String(s.columnKey) : undefined;
              const sortChanged = (sortKey ?? 'foundAt') !== query.sort || (s?.order === 'ascend' ? 'asc' : 'desc') !== query.order;
              update(
                {
                  page: sortChanged ? 1 : pagination.current,
                  pageSize: pagination.pageSize,
                  sort: sortKey,
                  order: s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : undefined,
                },
                { resetPage: false },
              );
            }}
            pagination={{
              current: Number(query.page),
              pageSize: Number(query.pageSize),
              total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: () => totalText,
            }}
          />
        </Card>
      )}
    </>
  );
}
