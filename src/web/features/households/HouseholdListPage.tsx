/**
 * 农户列表: the registry of the caller's scope with filters in the URL (area, 户类型, 监测类别,
 * risk type, 帮扶责任人, flagged), server paging; ID numbers and phones as the API masks them.
 */
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Input, Pagination, Row, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { THouseholdRow } from '../../../shared/contracts/households';
import {
  HOUSEHOLD_TYPE_LABELS,
  HOUSEHOLD_TYPES,
  MONITORING_CATEGORIES,
  MONITORING_CATEGORY_LABELS,
  RISK_TYPE_LABELS,
  RISK_TYPES,
} from '../../../shared/domain/households/vocab';
import { useHouseholds } from '../../api/households';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UserSelect } from '../../components/UserSelect';
import { formatDate } from '../../lib/format';
import { useIsPhone } from '../../lib/useIsPhone';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { optionsOf } from './labels';

const FILTERS = ['areaId', 'type', 'category', 'riskType', 'cadreUserId', 'flagged', 'flagRule', 'hasOpenLead', 'q'] as const;
const TYPE_COLORS = { ordinary: undefined, lifted: 'blue', monitored: 'orange' } as const;
const csv = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** 农户列表 page. */
export default function HouseholdListPage() {
  const isPhone = useIsPhone();
  const [params, update] = useUrlFilters();
  const query: Record<string, string | number> = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) query[k] = v;
  }
  query.page = Number(params.get('page') ?? 1) || 1;
  query.pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useHouseholds(query);
  const activeCount = FILTERS.filter((k) => k !== 'q' && params.get(k)).length;
  const [showFilters, setShowFilters] = useState(!isPhone || activeCount > 0);
  const cadreName = params.get('cadreUserId') ? list.data?.items.find((r) => String(r.cadreUserId) === params.get('cadreUserId'))?.cadreName : null;

  const columns: TableProps<THouseholdRow>['columns'] = [
    {
      title: '户主 / 户编号',
      dataIndex: 'headName',
      fixed: 'left',
      width: 180,
      render: (name: string | null, r) => (
        <div>
          <Link to={`/households/${r.id}`}>{name ?? '（无户主）'}</Link>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{r.code}</div>
        </div>
      ),
    },
    { title: '区域', key: 'area', width: 150, render: (_: unknown, r) => `${r.areaName}${r.hamlet ? ` · ${r.hamlet}` : ''}` },
    { title: '人口', dataIndex: 'memberCount', width: 60, align: 'right' },
    {
      title: '户类型',
      dataIndex: 'type',
      width: 150,
      render: (t: THouseholdRow['type'], r) => (
        <Space size={2} wrap>
          <Tag color={TYPE_COLORS[t]}>{HOUSEHOLD_TYPE_LABELS[t]}</Tag>
          {r.monitoringCategory && <Tag>{MONITORING_CATEGORY_LABELS[r.monitoringCategory]}</Tag>}
        </Space>
      ),
    },
    {
      title: '风险类型',
      dataIndex: 'riskTypes',
      width: 150,
      render: (rs: THouseholdRow['riskTypes']) => (rs.length ? rs.map((r) => RISK_TYPE_LABELS[r]).join('、') : '—'),
    },
    {
      title: '帮扶责任人',
      dataIndex: 'cadreName',
      width: 110,
      render: (n: string | null, r) =>
        n && r.cadreUserId ? (
          <a onClick={() => update({ cadreUserId: r.cadreUserId! })} title="只看此责任人的农户">
            {n}
          </a>
        ) : (
          n ?? '—'
        ),
    },
    { title: '联系电话', dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
    {
      title: '风险提示',
      dataIndex: 'openFlags',
      width: 90,
      render: (n: number) => (n ? <Tag color="red">{n} 项</Tag> : <Typography.Text type="secondary">无</Typography.Text>),
    },
    { title: '更新', dataIndex: 'updatedAt', width: 104, render: (v: string) => formatDate(v) },
  ];
  const total = list.data?.total ?? 0;
  const totalText = list.data ? `共 ${total}${list.data.totalCapped ? '+' : ''} 户` : '';

  return (
    <>
      <PageHeader title="农户列表" subTitle={totalText} />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: showFilters ? 0 : 12 } }}>
        <div style={{ display: 'flex', gap: 8, marginBottom: showFilters ? 12 : 0 }}>
          <Input.Search
            aria-label="搜索农户"
            placeholder="户编号或成员姓名"
            allowClear
            defaultValue={params.get('q') ?? ''}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ flex: 1 }}
          />
          <Badge count={activeCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters}>
              筛选
            </Button>
          </Badge>
        </div>
        {showFilters && (
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} sm={12} lg={6}>
              <AreaSelect allowClear placeholder="区域（乡镇 / 村）" value={query.areaId ? Number(query.areaId) : undefined} onChange={(v) => update({ areaId: v })} />
            </Col>
            {(
              [
                ['type', '户类型', optionsOf(HOUSEHOLD_TYPES, HOUSEHOLD_TYPE_LABELS)],
                ['category', '监测类别', optionsOf(MONITORING_CATEGORIES, MONITORING_CATEGORY_LABELS)],
                ['riskType', '风险类型', optionsOf(RISK_TYPES, RISK_TYPE_LABELS)],
              ] as const
            ).map(([key, label, options]) => (
              <Col xs={24} sm={12} lg={6} key={key}>
                <Select
                  aria-label={label}
                  mode="multiple"
                  allowClear
                  placeholder={label}
                  maxTagCount="responsive"
                  style={{ width: '100%' }}
                  value={csv(params.get(key))}
                  onChange={(v: string[]) => update({ [key]: v.join(',') })}
                  options={[...options]}
                />
              </Col>
            ))}
            <Col xs={24} sm={12} lg={6}>
              <UserSelect
                aria-label="帮扶责任人"
                allowClear
                placeholder="帮扶责任人（可搜索姓名）"
                value={params.get('cadreUserId') ? Number(params.get('cadreUserId')) : undefined}
                valueLabel={cadreName}
                onChange={(v) => update({ cadreUserId: v })}
              />
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Select
                aria-label="风险提示"
                allowClear
                placeholder="风险提示"
                style={{ width: '100%' }}
                value={params.get('flagged') ?? undefined}
                onChange={(v?: string) => update({ flagged: v })}
                options={[
                  { value: 'true', label: '有风险提示' },
                  { value: 'false', label: '无风险提示' },
                ]}
              />
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Select
                aria-label="办理中的线索"
                allowClear
                placeholder="办理中的线索"
                style={{ width: '100%' }}
                value={params.get('hasOpenLead') ?? undefined}
                onChange={(v?: string) => update({ hasOpenLead: v })}
                options={[
                  { value: 'false', label: '无办理中的线索' },
                  { value: 'true', label: '有办理中的线索' },
                ]}
              />
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Button block onClick={() => update(Object.fromEntries(FILTERS.map((k) => [k, undefined])))}>
                清空筛选
              </Button>
            </Col>
          </Row>
        )}
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : isPhone ? (
        <>
          <div className="zl-card-list">
            {list.isPending && <Card loading />}
            {list.data?.items.map((r) => (
              <Link key={r.id} to={`/households/${r.id}`} className="zl-case-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span className="zl-case-card-title" style={{ margin: 0 }}>
                    {r.headName ?? '（无户主）'} <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', fontWeight: 400 }}>{r.memberCount} 人</span>
                  </span>
                  <Tag color={TYPE_COLORS[r.type]} style={{ marginInlineEnd: 0 }}>
                    {HOUSEHOLD_TYPE_LABELS[r.type]}
                  </Tag>
                </div>
                <div className="zl-case-card-meta">
                  <span>{r.code}</span>
                  <span>
                    {r.areaName}
                    {r.hamlet ? ` · ${r.hamlet}` : ''}
                  </span>
                  {r.cadreName && <span>责任人 {r.cadreName}</span>}
                  {r.openFlags > 0 && <span style={{ color: '#cf1322' }}>风险提示 {r.openFlags} 项</span>}
                </div>
              </Link>
            ))}
            {list.data && !list.data.items.length && (
              <Card>
                <Typography.Text type="secondary">没有符合条件的农户</Typography.Text>
              </Card>
            )}
          </div>
          <Pagination
            style={{ marginTop: 12, textAlign: 'center' }}
            simple
            current={Number(query.page)}
            pageSize={Number(query.pageSize)}
            total={total}
            onChange={(page) => update({ page })}
          />
        </>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<THouseholdRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 1130 }}
            rowClassName={(r) => (r.openFlags ? 'zl-row-overdue' : '')}
            locale={{ emptyText: '没有符合条件的农户' }}
            pagination={{
              current: Number(query.page),
              pageSize: Number(query.pageSize),
              total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: () => totalText,
              onChange: (page, pageSize) => update({ page, pageSize }),
            }}
          />
        </Card>
      )}
    </>
  );
}
