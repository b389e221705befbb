/** 审计日志: search every write and personal-data read; each row expands to its before/after JSON. */
import { Col, DatePicker, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import type { TAuditEntry } from '../../../shared/contracts/admin';
import { useAuditLog } from '../../api/admin';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { formatDateTime, toDateParam } from '../../lib/format';
import { AUDIT_ENTITY_LABELS, auditActionLabel } from './auditLabels';

function Json({ value }: { value: unknown }) {
  if (value == null) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 12, borderRadius: 4 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Audit log page. */
export default function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const log = useAuditLog({ ...filters, page, pageSize });
  const set = (k: string, v: string | undefined) => {
    setFilters((f) => ({ ...f, [k]: v?.trim() || undefined }));
    setPage(1);
  };

  return (
    <>
      <PageHeader title="审计日志" subTitle={log.data ? `共 ${log.data.total} 条` : undefined} />
      <FilterBar>
        <Col xs={24} sm={12} lg={5}>
          <Input.Search aria-label="用户名" placeholder="用户名" allowClear onSearch={(v) => set('username', v)} />
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Select
            aria-label="对象类型"
            placeholder="对象类型"
            allowClear
            style={{ width: '100%' }}
            onChange={(v?: string) => set('entity', v)}
            options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Input.Search aria-label="对象编号" placeholder="对象编号" allowClear onSearch={(v) => set('entityId', v)} />
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Input.Search aria-label="操作" placeholder="操作代码" allowClear onSearch={(v) => set('action', v)} />
        </Col>
        <Col xs={24} lg={6}>
          <DatePicker.RangePicker
            aria-label="日期范围"
            style={{ width: '100%' }}
            allowEmpty={[true, true]}
            inputReadOnly
            onChange={(r) => {
              setFilters((f) => ({ ...f, from: toDateParam(r?.[0]), to: toDateParam(r?.[1]) }));
              setPage(1);
            }}
          />
        </Col>
      </FilterBar>
      <QueryTable<TAuditEntry>
        query={log}
        rowKey="id"
        size="middle"
        loading={log.isFetching}
        dataSource={log.data?.items}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (e) => e.before != null || e.after != null || !!e.detail,
          expandedRowRender: (e) => (
            <Row gutter={12}>
              {e.detail && (
                <Col span={24} style={{ marginBottom: 8 }}>
                  {e.detail}
                </Col>
              )}
              <Col xs={24} md={12}>
                <Typography.Text strong>变更前</Typography.Text>
                <Json value={e.before} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>变更后</Typography.Text>
                <Json value={e.after} />
              </Col>
            </Row>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
          { title: '用户', dataIndex: 'username', width: 110, render: (v: string | null) => v ?? '系统' },
          {
            title: '操作',
            dataIndex: 'action',
            width: 180,
            render: (a: string) => (
              <span title={a}>
                {auditActionLabel(a)}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                  {a}
                </Typography.Text>
              </span>
            ),
          },
          { title: '对象', dataIndex: 'entity', width: 110, render: (e: string) => AUDIT_ENTITY_LABELS[e] ?? e },
          { title: '对象编号', dataIndex: 'entityId', width: 110, render: (v: string | null) => v ?? '—' },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          { title: '说明', dataIndex: 'detail', ellipsis: true, render: (v: string | null) => v ?? '' },
        ]}
      />
    </>
  );
}
