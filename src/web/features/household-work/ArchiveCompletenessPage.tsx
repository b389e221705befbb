/**
 * 档案完整度 (/household-leads/archives): per village, the share of households whose archive holds
 * every required document and how many miss each document; below, the households missing
 * something, each linking to its page to upload what is missing.
 */
import { Card, Col, Progress, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useArchiveCompleteness } from '../../api/household-work';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';

/** 档案完整度 page. */
export default function ArchiveCompletenessPage() {
  const [areaId, setAreaId] = useState<number | undefined>();
  const q = useArchiveCompleteness(areaId);
  const d = q.data;

  return (
    <div style={{ maxWidth: 1200 }}>
      <PageHeader title="档案完整度" subTitle="一户一档：按村统计必备材料是否齐全" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={8}>
            <AreaSelect allowClear placeholder="全部区域" value={areaId} onChange={setAreaId} />
          </Col>
          {d && (
            <>
              <Col xs={8} md={5}>
                <Statistic title="须建档户数" value={d.households} />
              </Col>
              <Col xs={8} md={5}>
                <Statistic title="材料齐全" value={d.complete} />
              </Col>
              <Col xs={8} md={5}>
                <Statistic title="齐全率" value={d.households ? Math.round((d.complete / d.households) * 1000) / 10 : 100} suffix="%" />
              </Col>
            </>
          )}
        </Row>
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending || !d ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" title="按村统计" style={{ marginBottom: 12 }}>
            <Table
              size="small"
              rowKey="areaId"
              dataSource={d.villages}
              pagination={false}
              scroll={{ x: 600 + d.documents.length * 90 }}
              columns={[
                { title: '行政村', dataIndex: 'areaName', fixed: 'left', width: 120 },
                { title: '须建档', dataIndex: 'households', width: 80 },
                { title: '齐全', dataIndex: 'complete', width: 70 },
                { title: '齐全率', dataIndex: 'share', width: 140, render: (v: number) => <Progress size="small" percent={Math.round(v * 100)} /> },
                ...d.documents.map((doc) => ({
                  title: <span style={{ fontSize: 12 }}>缺{doc.name}</span>,
                  key: doc.code,
                  width: 90,
                  render: (_: unknown, v: (typeof d.villages)[number]) => (v.missing[doc.code] ? <Tag color="red">{v.missing[doc.code]}</Tag> : <span style={{ color: '#999' }}>0</span>),
                })),
              ]}
            />
          </Card>
          <Card size="small" title={`材料不齐的农户（${d.households - d.complete} 户）`}>
            {d.isTruncated && <Typography.Paragraph type="secondary">仅列出前 {d.incomplete.length} 户，请按区域筛选查看其余农户。</Typography.Paragraph>}
            <Table
              size="small"
              rowKey="householdId"
              dataSource={d.incomplete}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '户编号', dataIndex: 'householdCode', width: 170, render: (code: string, r) => <Link to={`/households/${r.householdId}`}>{code}</Link> },
                { title: '行政村', dataIndex: 'areaName', width: 120 },
                { title: '缺少材料', dataIndex: 'missing', render: (m: string[]) => m.map((x) => <Tag key={x} color="orange">{x}</Tag>) },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
