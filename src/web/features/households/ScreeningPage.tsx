/**
 * 风险筛查: run the screening rules over the caller's scope for a year and show what it
 * raised, resolved and skipped by rule; admin and leader set a year's monitoring line; admins
 * see the nightly runs (全库筛查 02:00, 超时转督办 02:30).
 */
import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TScreeningRunResult } from '../../../shared/contracts/households';
import { SCREENING_RULE_LABELS, type TScreeningRuleId } from '../../../shared/domain/households/screening';
import { useMonitoringLines, useRunScreening, useSaveMonitoringLine, type TMonitoringLineDto } from '../../api/households';
import { useJobRuns } from '../../api/admin';
import { useCurrentUser } from '../../api/session';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { yuan } from './labels';

const RUN_ROLES = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'];

/** 风险筛查 page. */
export default function ScreeningPage() {
  const me = useCurrentUser();
  const canRun = RUN_ROLES.includes(me.role);
  const canSetLine = me.role === 'admin' || me.role === 'leader';
  const [year, setYear] = useState(zoneToday().year() - 1);
  const [areaId, setAreaId] = useState<number | undefined>();
  const run = useRunScreening();
  const lines = useMonitoringLines();
  const onError = useErrorHandler();
  const [editLine, setEditLine] = useState<TMonitoringLineDto | 'new' | null>(null);
  const r = run.data;
  const hasLine = lines.data?.items.some((l) => l.year === year);

  return (
    <div style={{ maxWidth: 980 }}>
      <PageHeader title="风险筛查" subTitle="按筛查规则对辖区农户逐户比对，每条风险提示都附带触发的数字" />
      {canRun && (
        <Card size="small" title="运行筛查" style={{ marginBottom: 12 }}>
          <Space wrap size={[12, 12]}>
            <InputNumber aria-label="筛查年度" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年度" style={{ width: 140 }} />
            <AreaSelect allowClear placeholder="范围：全部辖区" value={areaId} onChange={setAreaId} style={{ width: 220 }} />
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={run.isPending}
              onClick={() => run.mutate({ year, areaId }, { onError: (err) => onError(err) })}
            >
              开始筛查
            </Button>
          </Space>
          {lines.data && !hasLine && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} message={`${year} 年尚未设置监测线，收入类规则将跳过，请先设置监测线。`} />
          )}
          {r && <RunResult r={r} />}
        </Card>
      )}
      <Card
        size="small"
        title="监测线设置"
        extra={
          canSetLine && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditLine('new')}>
              设置年度监测线
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<TMonitoringLineDto>
          rowKey={(l) => `${l.year}-${l.areaPrefix}`}
          size="small"
          loading={lines.isPending}
          dataSource={lines.data?.items}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: '尚未设置监测线' }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '范围', dataIndex: 'areaPrefix', width: 140, render: (p: string) => (p ? `区划 ${p}…` : '全示范区') },
            { title: '监测线（元/人·年）', dataIndex: 'incomeLine', width: 140, align: 'right', render: yuan },
            { title: '依据', dataIndex: 'sourceNote' },
            { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: formatDateTime },
            ...(canSetLine
              ? [{ title: '', key: 'e', width: 60, render: (_: unknown, l: TMonitoringLineDto) => <a onClick={() => setEditLine(l)}>修改</a> }]
              : []),
          ]}
        />
      </Card>
      {me.role === 'admin' && <JobRunsCard />}
      {editLine && <LineModal line={editLine === 'new' ? null : editLine} defaultYear={year} onClose={() => setEditLine(null)} />}
    </div>
  );
}

function RunResult({ r }: { r: TScreeningRunResult }) {
  const byRule = Object.entries(r.byRule).filter(([, n]) => n > 0);
  return (
    <div style={{ marginTop: 16 }} data-testid="screening-result">
      <Row gutter={[12, 12]}>
        {(
          [
            ['筛查农户', r.households],
            ['筛查人口', r.members],
            ['新增提示', r.raised],
            ['仍未消除', r.stillOpen],
            ['已消除', r.resolved],
            ['未覆盖监测线', r.skipped],
          ] as const
        ).map(([t, v]) => (
          <Col xs={8} sm={4} key={t}>
            <Statistic title={t} value={v} valueStyle={{ fontSize: 20 }} />
          </Col>
        ))}
      </Row>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="0"
        pagination={false}
        dataSource={byRule}
        locale={{ emptyText: '没有触发任何规则' }}
        columns={[
          { title: '规则', key: 'rule', render: (_: unknown, [rule]) => SCREENING_RULE_LABELS[rule as TScreeningRuleId] ?? rule },
          { title: '农户数', key: 'n', align: 'right', width: 90, render: (_: unknown, [, n]) => n },
          {
            title: '',
            key: 'link',
            width: 90,
            render: (_: unknown, [rule]) => <Link to={`/households?flagged=true&flagRule=${rule}`}>查看农户</Link>,
          },
        ]}
      />
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 8 }}>
        {r.year} 年度 · 用时 {(r.ms / 1000).toFixed(1)} 秒
      </div>
    </div>
  );
}

function LineModal({ line, defaultYear, onClose }: { line: TMonitoringLineDto | null; defaultYear: number; onClose: () => void }) {
  const [form] = Form.useForm<{ year: number; incomeLine: number; sourceNote: string }>();
  const save = useSaveMonitoringLine();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title="设置年度监测线"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        save.mutate(
          { year: v.year, body: { incomeLine: v.incomeLine, sourceNote: v.sourceNote, areaId: null, params: (line?.params ?? {}) as never } },
          {
            onSuccess: () => {
              message.success(`${v.year} 年监测线已保存，请重新运行筛查`);
              onClose();
            },
            onError: (err) => onError(err, form),
          },
        );
      }}
    >
      <Form form={form} layout="vertical" initialValues={line ?? { year: defaultYear }}>
        <Form.Item label="年度" name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} disabled={!!line} />
        </Form.Item>
        <Form.Item label="监测线（人均纯收入，元/年）" name="incomeLine" rules={[{ required: true, type: 'number', min: 1000, max: 100000, message: '监测线为 1,000–100,000 元' }]}>
          <InputNumber min={1000} max={100000} style={{ width: '100%' }} addonAfter="元" />
        </Form.Item>
        <Form.Item label="依据" name="sourceNote" rules={[{ required: true, min: 2, message: '请注明监测线的来源（文件名、文号）' }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="如：豫乡振〔2023〕X号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const JOB_STATUS: Record<string, { color: string; label: string }> = {
  running: { color: 'blue', label: '运行中' },
  done: { color: 'green', label: '完成' },
  failed: { color: 'red', label: '失败' },
};

/** The nightly jobs' latest runs (admins). */
function JobRunsCard() {
  const q = useJobRuns(true);
  const schedule = q.data?.schedule.map((s) => `${s.label} 每日 ${s.at}`).join('；');
  return (
    <Card size="small" title="定时任务" extra={schedule} style={{ marginTop: 12 }} loading={q.isPending}>
      <Table
        size="small"
        rowKey="id"
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无运行记录' }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '任务', dataIndex: 'label', width: 140 },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => <Tag color={JOB_STATUS[s]?.color}>{JOB_STATUS[s]?.label ?? s}</Tag> },
          { title: '开始', dataIndex: 'startedAt', width: 160, render: (v: string) => formatDateTime(v) },
          {
            title: '结果',
            key: 'counts',
            render: (_: unknown, r) =>
              r.error ??
              (r.counts.skipped
                ? '未设置监测线，已跳过'
                : 'escalated' in r.counts
                  ? `转督办 ${String(r.counts.escalated)} 条`
                  : `筛查 ${String(r.counts.households ?? 0)} 户，新增提示 ${String(r.counts.raised ?? 0)} 条，解除 ${String(r.counts.resolved ?? 0)} 条`),
          },
        ]}
      />
    </Card>
  );
}
