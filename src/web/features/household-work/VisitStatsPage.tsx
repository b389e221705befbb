/** 走访统计 (/household-leads/visit-stats): visits per cadre and per village over a period. */
import { Card, Col, DatePicker, Empty, Progress, Row, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useVisitStats, type TVisitStats } from '../../api/household-work';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { zoneToday } from '../../lib/format';

/** 走访统计 page. */
export default function VisitStatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [zoneToday().subtract(29, 'day'), zoneToday()]);
  const [areaId, setAreaId] = useState<number | undefined>();
  const q = useVisitStats({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), areaId });
  const total = q.data?.byCadre.reduce((s, r) => s + r.visits, 0) ?? 0;

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader title="走访统计" subTitle={q.data ? `${q.data.from} 至 ${q.data.to} 共走访 ${total} 次` : '干部走访情况'} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 8]}>
          <Col xs={24} md={10}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={range}
              allowClear={false}
              inputReadOnly
              disabledDate={(d) => d.isAfter(zoneToday(), 'day')}
              presets={[
                { label: '近 7 天', value: [zoneToday().subtract(6, 'day'), zoneToday()] },
                { label: '近 30 天', value: [zoneToday().subtract(29, 'day'), zoneToday()] },
                { label: '本年', value: [zoneToday().startOf('year'), zoneToday()] },
              ]}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Col>
          <Col xs={24} md={8}>
            <AreaSelect allowClear placeholder="全部区域" value={areaId} onChange={setAreaId} />
          </Col>
        </Row>
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={10}>
            <Card size="small" title="按干部" styles={{ body: { padding: 0 } }}>
              <Table<TVisitStats['byCadre'][number]>
                rowKey={(r) => String(r.visitorId ?? r.visitorName)}
                size="small"
                loading={q.isFetching}
                dataSource={q.data?.byCadre ?? []}
                pagination={false}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该期间没有走访记录" /> }}
                columns={[
                  { title: '走访人', dataIndex: 'visitorName' },
                  { title: '走访次数', dataIndex: 'visits', width: 90, align: 'right', sorter: (a, b) => a.visits - b.visits, defaultSortOrder: 'descend' },
                  { title: '户数', dataIndex: 'households', width: 70, align: 'right' },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title="按村" styles={{ body: { padding: 0 } }}>
              <Table<TVisitStats['byVillage'][number]>
                rowKey="areaId"
                size="small"
                loading={q.isFetching}
                dataSource={q.data?.byVillage ?? []}
                pagination={false}
                scroll={{ x: 460 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该期间没有走访记录" /> }}
                columns={[
                  { title: '村', dataIndex: 'areaName', width: 120 },
                  { title: '走访次数', dataIndex: 'visits', width: 80, align: 'right' },
                  { title: '走访户数', dataIndex: 'householdsVisited', width: 80, align: 'right' },
                  {
                    title: '监测户走访覆盖',
                    key: 'cov',
                    render: (_, r) =>
                      r.monitored ? (
                        <div style={{ minWidth: 120 }}>
                          <Progress percent={Math.round((r.monitoredVisited / r.monitored) * 100)} size="small" status={r.monitoredVisited < r.monitored ? 'exception' : 'success'} format={() => `${r.monitoredVisited}/${r.monitored}`} />
                        </div>
                      ) : (
                        <span style={{ color: 'rgba(0,0,0,0.45)' }}>无监测户</span>
                      ),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
