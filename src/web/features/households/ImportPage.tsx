/**
 * 导入导出: download the template, upload an .xlsx of households, members and yearly income with the mode
 * (全部成功才导入 / 只导入正确的行), see the result and the error report; export the registry
 * and the standard tables (监测对象, 帮扶措施, 走访记录, 三保障) masked, or unmasked for allowed
 * roles after a warning that it is audited.
 */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { TImportResult } from '../../../shared/contracts/households';
import { EXPORT_TABLE_LABELS, EXPORT_TABLES, type TExportTable } from '../../../shared/contracts/households-work';
import { downloadFile } from '../../api/client';
import { householdFiles, useImportHouseholds } from '../../api/households';
import { useCurrentUser } from '../../api/session';
import { AreaSelect } from '../../components/AreaSelect';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler } from '../../lib/useErrorHandler';

const EDITOR_ROLES = ['admin', 'township_cadre', 'village_cadre'];
const PII_ROLES = ['admin', 'leader', 'township_cadre', 'village_cadre', 'discipline'];

/** 导入导出 page. */
export default function ImportPage() {
  const me = useCurrentUser();
  const canImport = EDITOR_ROLES.includes(me.role);
  const canReveal = PII_ROLES.includes(me.role);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all_or_nothing' | 'good_rows'>('all_or_nothing');
  const imp = useImportHouseholds();
  const onError = useErrorHandler();
  const [reveal, setReveal] = useState(false);
  const [areaId, setAreaId] = useState<number | undefined>();
  const { modal } = App.useApp();

  const [exporting, setExporting] = useState<string | null>(null);
  const runExport = async (table: TExportTable | 'households') => {
    const name = table === 'households' ? '农户成员及收入表' : EXPORT_TABLE_LABELS[table];
    const url = table === 'households' ? householdFiles.export({ reveal, areaId }) : householdFiles.table(table, { reveal, areaId });
    setExporting(table);
    try {
      await downloadFile(url, reveal ? `${name}（含完整证件号码）.xlsx` : `${name}.xlsx`);
    } finally {
      setExporting(null);
    }
  };
  const onExport = (table: TExportTable | 'households') => {
    if (!reveal) return void runExport(table);
    modal.confirm({
      title: '导出完整证件号码',
      content: '导出文件将包含完整的身份证号码和联系电话。本次导出会记入审计日志，文件请妥善保管，不得外传。',
      okText: '确认导出',
      cancelText: '取消',
      onOk: () => void runExport(table),
    });
  };

  return (
    <div style={{ maxWidth: 980 }}>
      <PageHeader title="导入导出" />
      {canImport && (
        <Card size="small" title="导入农户、成员及家庭收入" style={{ marginBottom: 12 }}>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                按模板填写，一个文件含两张表：
              </Typography.Paragraph>
              <ul style={{ margin: 0, paddingLeft: 20, color: 'rgba(0,0,0,0.55)' }}>
                <li>“农户成员”表：每行一名成员，按户编号归户；</li>
                <li>“家庭收入”表：每户每个年度一行，填五项收入（元），人均纯收入由系统计算；只导入收入时“农户成员”表保留表头即可。</li>
              </ul>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                再次导入按户编号、身份证号及“户编号 + 年度”更新，不会重复。
                <a
                  href={householdFiles.template}
                  onClick={(e) => {
                    e.preventDefault();
                    void downloadFile(householdFiles.template, '农户成员及收入导入模板.xlsx');
                  }}
                >
                  <DownloadOutlined /> 下载导入模板
                </a>
              </Typography.Paragraph>
            </div>
            <Upload.Dragger
              accept=".xlsx"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                imp.reset();
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入 .xlsx 文件</p>
              <p className="ant-upload-hint">仅支持 Excel 2007 及以上格式（.xlsx）</p>
            </Upload.Dragger>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
              <Space direction="vertical">
                <Radio value="all_or_nothing">全部成功才导入（有任何错误则一行都不写入）</Radio>
                <Radio value="good_rows">只导入正确的行（错误行列入错误报告）</Radio>
              </Space>
            </Radio.Group>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!file}
              loading={imp.isPending}
              onClick={() => file && imp.mutate({ file, mode }, { onError: (err) => onError(err) })}
            >
              {imp.isPending ? '正在导入…' : '开始导入'}
            </Button>
            {imp.data && <ImportResultView r={imp.data} />}
          </Space>
        </Card>
      )}
      <Card size="small" title="导出标准表">
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <AreaSelect allowClear placeholder="范围：全部辖区" value={areaId} onChange={setAreaId} style={{ maxWidth: 320 }} />
          {canReveal && (
            <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
              包含完整身份证号码和电话（将记入审计日志）
            </Checkbox>
          )}
          {reveal && <Alert type="warning" showIcon message="导出含完整证件号码的文件会记入审计日志（导出人、时间、范围）。" />}
          <Button icon={<DownloadOutlined />} onClick={() => onExport('households')} loading={exporting === 'households'}>
            导出农户成员及收入表{reveal ? '（含完整证件号码）' : '（证件号码已脱敏）'}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            含“农户”“农户成员”“家庭收入”三张表；含完整证件号码的导出文件可按模板直接再次导入。
          </Typography.Text>
          <Space wrap>
            {EXPORT_TABLES.map((t) => (
              <Button key={t} icon={<DownloadOutlined />} onClick={() => onExport(t)} loading={exporting === t}>
                {EXPORT_TABLE_LABELS[t]}
              </Button>
            ))}
          </Space>
        </Space>
      </Card>
    </div>
  );
}

function ImportResultView({ r }: { r: TImportResult }) {
  const ok = r.isWritten && r.rowsWithErrors === 0;
  return (
    <div data-testid="import-result">
      <Alert
        type={ok ? 'success' : r.isWritten ? 'warning' : 'error'}
        showIcon
        message={
          ok
            ? `导入成功：共 ${r.rows} 行`
            : r.isWritten
              ? `已导入正确的行；${r.rowsWithErrors} 行有错误未导入`
              : `未导入：${r.rowsWithErrors} 行有错误，请修改后重新导入`
        }
        action={
          r.errorReportId ? (
            <DownloadButton size="small" url={householdFiles.errorReport(r.errorReportId)} fallbackName="导入错误报告.xlsx" icon={<DownloadOutlined />}>
              下载错误报告
            </DownloadButton>
          ) : undefined
        }
        style={{ marginBottom: 12 }}
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 2, sm: 4, md: 4, lg: 4, xl: 4, xxl: 4 }}
        items={[
          { key: 'rows', label: '总行数', children: r.rows },
          { key: 'hc', label: '新增农户', children: r.households.created },
          { key: 'hu', label: '更新农户', children: r.households.updated },
          { key: 'mc', label: '新增成员', children: r.members.created },
          { key: 'mu', label: '更新成员', children: r.members.updated },
          { key: 'ic', label: '新增年度收入', children: r.incomes.created },
          { key: 'iu', label: '更新年度收入', children: r.incomes.updated },
          { key: 'err', label: '错误行数', children: r.rowsWithErrors },
        ]}
      />
      {r.errors.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
          dataSource={r.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          // Two columns, so the reason stays on screen at phone width; the report has one column each.
          columns={[
            {
              title: '位置',
              key: 'where',
              width: 150,
              render: (_: unknown, e) => (
                <div>
                  <div>
                    {e.sheet} 第 {e.row} 行
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.column}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: '问题',
              key: 'message',
              render: (_: unknown, e) => (
                <div style={{ overflowWrap: 'anywhere' }}>
                  <div>{e.message}</div>
                  {e.value && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      填写的值：{e.value}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
