/**
 * 考核排名: the measures of domain.md per unit or per place for a period (应结案数 … 得分, 排名),
 * and for admin/leader the editor of the score's deductions.
 */
import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Form, InputNumber, Segmented, Select, Space, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TMeasures } from '../../../shared/contracts/chuangwen';
import { CASE_SOURCE_LABELS, CASE_SOURCES } from '../../../shared/domain/case-vocab';
import { useMeasures, useMeasureSettings, useSaveMeasureSettings, type TMeasureSettings } from '../../api/chuangwen';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { useCan } from '../../lib/abilities';
import { useIsPhone } from '../../lib/useIsPhone';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { hoursLabel, pct, PeriodPicker, usePeriod } from './period';

type TRow = TMeasures['rows'][number];

/** 考核排名 page. */
export default function MeasuresPage() {
  const [period, setPeriod] = usePeriod();
  const [params, update] = useUrlFilters();
  const groupBy = params.get('groupBy') === 'place' ? 'place' : 'unit';
  const q = useMeasures({ from: period.from, to: period.to, groupBy });
  const [editing, setEditing] = useState(false);
  // The score's deductions are kept by those who keep the problem categories.
  const canEdit = useCan('chuangwen', 'editCategories');
  const isPhone = useIsPhone();

  const rate = (title: string, key: keyof TRow, bad = false): NonNullable<TableProps<TRow>['columns']>[number] => ({
    title,
    dataIndex: key,
    align: 'right',
    width: 84,
    sorter: (a, b) => ((a[key] as number | null) ?? -1) - ((b[key] as number | null) ?? -1),
    render: (v: number | null) => <span className={bad && v ? 'zl-overdue' : undefined}>{pct(v)}</span>,
  });
  const num = (title: string, key: keyof TRow): NonNullable<TableProps<TRow>['columns']>[number] => ({
    title,
    dataIndex: key,
    align: 'right',
    width: 72,
    sorter: (a, b) => (a[key] as number) - (b[key] as number),
  });
  const columns: TableProps<TRow>['columns'] = [
    { title: '排名', dataIndex: 'rank', width: isPhone ? 48 : 60, fixed: 'left', align: 'center', sorter: (a, b) => a.rank - b.rank },
    {
      title: groupBy === 'unit' ? '责任单位' : '点位',
      dataIndex: 'name',
      fixed: 'left',
      width: isPhone ? 120 : 170,
      ellipsis: true,
      render: (name: string, r) =>
        groupBy === 'unit' ? (
          <Link to={`/cases?module=chuangwen&unitId=${r.groupId}&from=${period.from}&to=${period.to}`}>{name}</Link>
        ) : (
          name
        ),
    },
    num('应结案数', 'due'),
    num('结案数', 'closed'),
    num('按期结案数', 'closedOnTime'),
    rate('结案率', 'closeRate'),
    rate('按期结案率', 'onTimeRate'),
    rate('返工率', 'returnRate', true),
    rate('延期率', 'extensionRate'),
    {
      ...num('超期数', 'overdue'),
      render: (v: number) => <span className={v ? 'zl-overdue' : undefined}>{v}</span>,
    },
    {
      title: '平均整改时长',
      dataIndex: 'avgRectifyHours',
      align: 'right',
      width: 100,
      render: (h: number | null) => hoursLabel(h),
    },
    {
      title: '得分',
      dataIndex: 'score',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.score - b.score,
      render: (v: number, r) => (
        <span title={r.deductions ? `扣 ${r.deductions} 分` : undefined} style={{ fontWeight: 600 }}>
          {v.toFixed(1)}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="考核排名"
        subTitle={q.data ? `${q.data.from} 至 ${q.data.to} · 共 ${q.data.rows.length} 个${groupBy === 'unit' ? '单位' : '点位'}` : undefined}
        extra={
          canEdit ? (
            <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>
              扣分设置
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[16, 8]}>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Segmented
            aria-label="统计对象"
            value={groupBy}
            options={[
              { value: 'unit', label: '按单位' },
              { value: 'place', label: '按点位' },
            ]}
            onChange={(v) => update({ groupBy: v })}
          />
        </Space>
      </Card>
      <QueryTable<TRow>
        query={q}
        rowKey="groupId"
        size="small"
        columns={columns}
        dataSource={q.data?.rows}
        loading={q.isFetching}
        pagination={false}
        scroll={{ x: 1150 }}
        locale={{ emptyText: '本期没有应结案或已结案的问题' }}
      />
      {q.data && <SettingsNote settings={q.data.settings} />}
      {canEdit && <SettingsModal open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}

function SettingsNote({ settings: s }: { settings: TMeasureSettings }) {
  const doubled = s.doubleSources.map((k) => CASE_SOURCE_LABELS[k as keyof typeof CASE_SOURCE_LABELS] ?? k).join('、');
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
      得分 = 100 − 扣分：每退回 1 次扣 {s.perReturned} 分（退回 {s.returnedManyThreshold} 次及以上每次扣 {s.perReturnedMany} 分），
      每超期 1 件扣 {s.perOverdue} 分{doubled ? `；来源为${doubled}的问题按 ${s.doubleWeight} 倍计` : ''}。
    </Typography.Paragraph>
  );
}

function SettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const settings = useMeasureSettings();
  const save = useSaveMeasureSettings();
  return (
    <FormModal<TMeasureSettings>
      open={open}
      title="扣分设置"
      successMessage="扣分设置已保存，排名已按新规则重新计算"
      onClose={onClose}
      isLoading={settings.isPending}
      initialValues={settings.data}
      onSubmit={(v) => save.mutateAsync(v)}
    >
      <Space wrap>
        <Form.Item label="每退回 1 次扣分" name="perReturned" rules={[{ required: true }]}>
          <InputNumber min={0} max={100} step={0.1} />
        </Form.Item>
        <Form.Item label="多次退回阈值（次）" name="returnedManyThreshold" rules={[{ required: true }]}>
          <InputNumber min={2} max={20} />
        </Form.Item>
        <Form.Item label="达到阈值后每次扣分" name="perReturnedMany" rules={[{ required: true }]}>
          <InputNumber min={0} max={100} step={0.1} />
        </Form.Item>
        <Form.Item label="每超期 1 件扣分" name="perOverdue" rules={[{ required: true }]}>
          <InputNumber min={0} max={100} step={0.1} />
        </Form.Item>
      </Space>
      <Form.Item label="加倍计分的来源" name="doubleSources" extra="如领导交办的问题，扣分按倍数计算">
        <Select mode="multiple" options={CASE_SOURCES.map((k) => ({ value: k, label: CASE_SOURCE_LABELS[k] }))} />
      </Form.Item>
      <Form.Item label="倍数" name="doubleWeight" rules={[{ required: true }]}>
        <InputNumber min={1} max={10} step={0.5} />
      </Form.Item>
    </FormModal>
  );
}
