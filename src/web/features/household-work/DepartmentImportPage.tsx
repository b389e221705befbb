/**
 * 部门数据比对 (/household-leads/import): choose the department (医保/教育/民政/残联/应急), upload
 * its list as .xlsx (姓名, 证件号码, 金额, 说明), and see what the match did: rows, matched,
 * leads raised, skipped (already monitored or a lead in progress), unmatched, and row errors.
 */
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TDepartmentImportResult } from '../../../shared/contracts/households-work';
import { DEPARTMENT_SOURCE_LABELS, DEPARTMENT_SOURCES, type TDepartmentSource } from '../../../shared/domain/households/vocab';
import { useDepartmentImport } from '../../api/household-work';
import { useCurrentUser } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler } from '../../lib/useErrorHandler';

const CREATOR_ROLES = ['admin', 'leader', 'township_cadre', 'village_cadre'];

/** 部门数据比对 page. */
export default function DepartmentImportPage() {
  const me = useCurrentUser();
  const [department, setDepartment] = useState<TDepartmentSource | undefined>();
  const [file, setFile] = useState<File | null>(null);
  const imp = useDepartmentImport();
  const onError = useErrorHandler();
  const canImport = CREATOR_ROLES.includes(me.role);

  const run = () => {
    if (!department || !file) return;
    imp.mutate({ department, file }, { onError: (err) => onError(err) });
  };

  return (
    <div style={{ maxWidth: 980 }}>
      <PageHeader title="部门数据比对" subTitle="导入部门筛查名单，按身份证号码匹配在册人员，自动生成部门预警线索" />
      {!canImport ? (
        <Alert type="info" showIcon message="您的角色只能查看线索，不能导入部门名单。" />
      ) : (
        <Card size="small" title="导入部门名单" style={{ marginBottom: 12 }}>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <div>
              <Typography.Text strong>1. 选择部门</Typography.Text>
              <Select
                aria-label="部门"
                placeholder="选择名单来源部门"
                value={department}
                onChange={(v) => {
                  setDepartment(v);
                  imp.reset();
                }}
                options={DEPARTMENT_SOURCES.map((d) => ({ value: d, label: DEPARTMENT_SOURCE_LABELS[d] }))}
                style={{ width: '100%', maxWidth: 360, display: 'block', marginTop: 6 }}
              />
            </div>
            <div>
              <Typography.Text strong>2. 上传名单（.xlsx）</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px', fontSize: 13 }}>
                第一行为表头，须包含“姓名”“证件号码”两列，可选“金额”“说明”。已是监测户或已有在办线索的人员不重复生成线索。
              </Typography.Paragraph>
              <Upload.Dragger
                accept=".xlsx"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  imp.reset();
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  imp.reset();
                }}
                fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">点击或拖拽 .xlsx 文件到这里</p>
              </Upload.Dragger>
            </div>
            <Button type="primary" icon={<UploadOutlined />} disabled={!department || !file} loading={imp.isPending} onClick={run}>
              开始比对
            </Button>
          </Space>
        </Card>
      )}
      {imp.data && <ImportResult r={imp.data} />}
    </div>
  );
}

function ImportResult({ r }: { r: TDepartmentImportResult }) {
  return (
    <Card size="small" title={`比对结果 · ${DEPARTMENT_SOURCE_LABELS[r.department]}`} data-testid="dept-import-result">
      <Row gutter={[12, 12]}>
        {[
          { k: 'rows', t: '名单行数', v: r.rows },
          { k: 'matched', t: '匹配在册', v: r.matched },
          { k: 'leadsRaised', t: '生成线索', v: r.leadsRaised, color: r.leadsRaised ? '#1d4ed8' : undefined },
          { k: 'skipped', t: '已监测/在办跳过', v: r.skipped },
          { k: 'unmatched', t: '未匹配', v: r.unmatched, color: r.unmatched ? '#d48806' : undefined },
          { k: 'errors', t: '错误行', v: r.errors.length, color: r.errors.length ? '#cf1322' : undefined },
        ].map((s) => (
          <Col xs={8} sm={8} md={4} key={s.k}>
            <Statistic title={s.t} value={s.v} valueStyle={{ color: s.color, fontSize: 22 }} />
          </Col>
        ))}
      </Row>
      {r.leadsRaised > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          message={
            <span>
              已生成 {r.leadsRaised} 条部门预警线索，<Link to="/household-leads?channel=department&status=in_progress">去线索列表办理</Link>
            </span>
          }
        />
      )}
      {r.errors.length > 0 ? (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.row}-${e.column}`}
          dataSource={r.errors}
          pagination={r.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 520 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 100 },
            { title: '值', dataIndex: 'value', width: 180, ellipsis: true },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有错误行" style={{ marginTop: 12 }} />
      )}
    </Card>
  );
}
