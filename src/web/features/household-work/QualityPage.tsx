/** 数据质量 (/household-leads/quality): data-quality issues per village, each linking to the household to fix. */
import { Card, Col, Collapse, Empty, Row, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQualityChecks } from '../../api/household-work';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';

/** 数据质量 page. */
export default function QualityPage() {
  const [areaId, setAreaId] = useState<number | undefined>();
  const q = useQualityChecks(areaId);

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader title="数据质量" subTitle={q.data ? `共发现 ${q.data.total} 个问题，点击农户去核实修正` : '按村列出数据问题'} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row>
          <Col xs={24} md={8}>
            <AreaSelect allowClear placeholder="全部区域" value={areaId} onChange={setAreaId} />
          </Col>
        </Row>
      </Card>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.villages.length === 0 ? (
        <Card>
          <Empty description="没有发现数据质量问题" />
        </Card>
      ) : (
        <Collapse
          defaultActiveKey={q.data.villages.slice(0, 3).map((v) => String(v.areaId))}
          items={q.data.villages.map((v) => ({
            key: String(v.areaId),
            label: (
              <span>
                {v.areaName} <Tag color="red" style={{ marginLeft: 6 }}>{v.issues.length}</Tag>
              </span>
            ),
            children: (
              <div className="zl-card-list">
                {v.issues.map((i, n) => (
                  <Link key={`${i.householdId}-${i.rule}-${n}`} to={`/households/${i.householdId}`} className="zl-case-card">
                    <Tag color="orange">{i.label}</Tag>
                    <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{i.householdCode}</span>
                    <div style={{ marginTop: 4, fontSize: 14 }}>{i.message}</div>
                  </Link>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}
