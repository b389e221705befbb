/**
 * 统计分析 (/households/stats): households by township with expandable village rows — 户类型,
 * 监测户 by category, eliminations this year, leads in progress and overdue, open screening flags,
 * the latest year's average 人均纯收入 and the share below the line — and a lazily loaded chart of
 * monitored and flagged households per village.
 */
import { Card, Col, Row, Skeleton, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { THouseholdStatsFigures } from '../../../shared/contracts/households-work';
import { useHouseholdStats } from '../../api/household-work';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { yuan } from './bits';

const VillageChart = lazy(() => import('./VillageChart'));

type TRow = THouseholdStatsFigures & { areaId: number; areaName: string; children?: TRow[] };

const pct = (v: number | null) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);
const num = (v: number) => (v ? v.toLocaleString('zh-CN') : <span style={{ color: '#bbb' }}>0</span>);

/** 统计分析 page. */
export default function StatsPage() {
  const [areaId, setAreaId] = useState<number | undefined>();
  const q = useHouseholdStats(areaId);
  const d = q.data;
  const rows = useMemo<TRow[]>(() => d?.townships.map((t) => ({ ...t, children: t.villages })) ?? [], [d]);
  const chartData = useMemo(
    () => d?.townships.flatMap((t) => t.villages).map((v) => ({ name: v.areaName, monitored: v.monitored, flagged: v.flaggedHouseholds })) ?? [],
    [d],
  );

  const columns: ColumnsType<TRow> = [
    { title: '乡镇 / 村（社区）', dataIndex: 'areaName', fixed: 'left', width: 170 },
    { title: '户数', dataIndex: 'households', width: 70, align: 'right', render: num },
    { title: '人数', dataIndex: 'members', width: 70, align: 'right', render: num },
    {
      title: '户类型',
      children: [
        { title: '一般农户', key: 'ordinary', width: 80, align: 'right', render: (_, r) => num(r.byType.ordinary) },
        { title: '脱贫户', key: 'lifted', width: 70, align: 'right', render: (_, r) => num(r.byType.lifted) },
        { title: '监测户', key: 'monitoredType', width: 70, align: 'right', render: (_, r) => num(r.byType.monitored) },
      ],
    },
    {
      title: '在监测（按类别）',
      children: [
        { title: '合计', dataIndex: 'monitored', width: 60, align: 'right', render: num },
        { title: '脱贫不稳定', key: 'unstable', width: 86, align: 'right', render: (_, r) => num(r.monitoredByCategory.unstable) },
        { title: '边缘易致贫', key: 'marginal', width: 86, align: 'right', render: (_, r) => num(r.monitoredByCategory.marginal) },
        { title: '突发严重困难', key: 'sudden', width: 96, align: 'right', render: (_, r) => num(r.monitoredByCategory.sudden) },
      ],
    },
    { title: '今年消除', dataIndex: 'eliminatedThisYear', width: 80, align: 'right', render: num },
    {
      title: '线索',
      children: [
        { title: '办理中', dataIndex: 'leadsInProgress', width: 70, align: 'right', render: num },
        {
          title: '超期',
          dataIndex: 'leadsOverdue',
          width: 60,
          align: 'right',
          render: (v: number) => (v ? <span className="zl-overdue">{v}</span> : num(0)),
        },
      ],
    },
    {
      title: '筛查预警',
      children: [
        { title: '未处理', dataIndex: 'openFlags', width: 70, align: 'right', render: num },
        { title: '涉及户', dataIndex: 'flaggedHouseholds', width: 70, align: 'right', render: num },
      ],
    },
    {
      title: `${d?.year ?? ''} 年收入`,
      children: [
        { title: '人均纯收入', dataIndex: 'avgPerCapita', width: 96, align: 'right', render: (v: number | null) => (v == null ? '—' : yuan(v)) },
        {
          title: '低于监测线',
          key: 'below',
          width: 110,
          align: 'right',
          render: (_, r) => (
            <Tooltip title={`有收入记录 ${r.withIncome} 户，其中 ${r.belowLine} 户低于监测线`}>
              <span>
                {r.belowLine} 户 · {pct(r.belowLineShare)}
              </span>
            </Tooltip>
          ),
        },
      ],
    },
  ];

  return (
    <div style={{ maxWidth: 1400 }}>
      <PageHeader title="统计分析" subTitle="按乡镇和村统计农户、监测对象、线索、预警与收入" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={6}>
            <AreaSelect allowClear placeholder="全部区域" value={areaId} onChange={setAreaId} />
          </Col>
          {d && (
            <>
              <Col xs={8} md={3}>
                <Statistic title="农户" value={d.totals.households} />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title="人口" value={d.totals.members} />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title="在监测户" value={d.totals.monitored} />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title="今年消除风险" value={d.totals.eliminatedThisYear} />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title="超期线索" value={d.totals.leadsOverdue} valueStyle={d.totals.leadsOverdue ? { color: '#cf1322' } : undefined} />
              </Col>
              <Col xs={8} md={3}>
                <Statistic title="低于监测线" value={pct(d.totals.belowLineShare)} />
              </Col>
            </>
          )}
        </Row>
        {d?.year != null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            收入为 {d.year} 年数据{d.incomeLine != null ? `，全区监测线 ${yuan(d.incomeLine)} 元（部分区域可另设）` : ''}；线索超过 {d.limitDays} 天未办结为超期。
          </Typography.Text>
        )}
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending || !d ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" title="按乡镇、村统计" style={{ marginBottom: 12 }}>
            <Table<TRow>
              size="small"
              bordered
              rowKey="areaId"
              dataSource={rows}
              columns={columns}
              pagination={false}
              scroll={{ x: 1500 }}
              expandable={{ defaultExpandedRowKeys: rows.length === 1 ? [rows[0].areaId] : [] }}
              summary={() =>
                rows.length > 1 ? (
                  <Table.Summary fixed>
                    <Table.Summary.Row style={{ fontWeight: 600 }}>
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      {[
                        d.totals.households,
                        d.totals.members,
                        d.totals.byType.ordinary,
                        d.totals.byType.lifted,
                        d.totals.byType.monitored,
                        d.totals.monitored,
                        d.totals.monitoredByCategory.unstable,
                        d.totals.monitoredByCategory.marginal,
                        d.totals.monitoredByCategory.sudden,
                        d.totals.eliminatedThisYear,
                        d.totals.leadsInProgress,
                        d.totals.leadsOverdue,
                        d.totals.openFlags,
                        d.totals.flaggedHouseholds,
                      ].map((v, k) => (
                        <Table.Summary.Cell key={k} index={k + 1} align="right">
                          {v.toLocaleString('zh-CN')}
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={15} align="right">
                        {d.totals.avgPerCapita == null ? '—' : yuan(d.totals.avgPerCapita)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={16} align="right">
                        {d.totals.belowLine} 户 · {pct(d.totals.belowLineShare)}
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  </Table.Summary>
                ) : null
              }
            />
          </Card>
          {chartData.length > 0 && (
            <Card size="small" title="各村监测户与有预警户">
              <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                <VillageChart data={chartData} />
              </Suspense>
            </Card>
          )}
        </>
      )}
    </div>
  );
}
