/**
 * One citizen's report for the moderator: what, where, photo and reporter; while pending,
 * 受理 (→ a case, with optional place, unit, deadline and title), 合并 into an existing case,
 * or 不予受理 with a reason. Once handled, the resulting case is one click away.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Image, Input, Modal, Result, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TReportRow } from '../../../shared/contracts/citizen';
import { useCaseList } from '../../api/cases';
import { usePlaces } from '../../api/chuangwen';
import { useModerate, useReport } from '../../api/citizen';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { FullPageSpin } from '../../components/RequireAuth';
import { UnitSelect } from '../../components/UnitSelect';
import { deadlineFromDate, formatDateTime, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';
import { ReportStatusTag } from './ReportsPage';

type TDialog = 'accept' | 'merge' | 'reject' | null;

/** 群众反映 detail page. */
export default function ReportDetailPage() {
  const id = Number(useParams().id);
  const report = useReport(id);
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [dialog, setDialog] = useState<TDialog>(null);
  const [justDone, setJustDone] = useState<string | null>(null);

  if (report.isLoading) return <FullPageSpin />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => report.refetch()} />;
  const r = report.data!;
  const pending = r.status === 'pending';

  const actions = pending ? (
    <Space wrap className={isPhone ? 'zl-action-bar' : undefined} style={isPhone ? { display: 'flex' } : undefined}>
      <Button type="primary" onClick={() => setDialog('accept')}>
        受理
      </Button>
      <Button onClick={() => setDialog('merge')}>
        合并
      </Button>
      <Button danger onClick={() => setDialog('reject')}>
        不予受理
      </Button>
    </Space>
  ) : null;

  return (
    <>
      <PageHeader
        title={
          <span>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回列表" onClick={() => navigate('/citizen/reports')} style={{ marginLeft: -8 }} />
            群众反映 · {r.categoryName}
          </span>
        }
        subTitle={`查询码 ${r.trackingCode} · ${formatDateTime(r.createdAt)}`}
        extra={!isPhone ? actions : null}
      />
      {justDone && r.caseId && (
        <Result
          status="success"
          title={justDone}
          subTitle={`督办事项 ${r.caseCode ?? ''}`}
          extra={
            <Link to={`/cases/${r.caseId}`}>
              <Button type="primary">查看督办事项 {r.caseCode}</Button>
            </Link>
          }
          style={{ background: '#fff', borderRadius: 8, marginBottom: 12, padding: '24px 16px' }}
        />
      )}
      <Card size="small">
        <Descriptions column={isPhone ? 1 : 2} size="small" styles={{ label: { width: 96 } }}>
          <Descriptions.Item label="状态">
            <span data-testid="report-status">
              <ReportStatusTag status={r.status} />
            </span>
            {r.reopenCount > 0 && <Typography.Text type="danger">群众反馈未解决 {r.reopenCount} 次</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="督办事项">{r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.caseCode ?? `#${r.caseId}`}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label="问题类别">{r.categoryName}</Descriptions.Item>
          <Descriptions.Item label="村(社区)">{r.areaName}</Descriptions.Item>
          <Descriptions.Item label="地址">{r.address || '—'}</Descriptions.Item>
          <Descriptions.Item label="定位">
            {r.lat != null && r.lng != null ? `纬度 ${r.lat.toFixed(5)}，经度 ${r.lng.toFixed(5)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="反映人">{[r.name, r.phone].filter(Boolean).join(' ') || '未留'}</Descriptions.Item>
          <Descriptions.Item label="渠道">{r.channel === 'open311' ? 'Open311 接口' : '随手拍'}</Descriptions.Item>
          {r.moderatedAt && <Descriptions.Item label="审核时间">{formatDateTime(r.moderatedAt)}</Descriptions.Item>}
          {r.rejectReason && <Descriptions.Item label="不予受理理由">{r.rejectReason}</Descriptions.Item>}
          <Descriptions.Item label="问题描述" span={isPhone ? 1 : 2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{r.description}</div>
          </Descriptions.Item>
        </Descriptions>
        {r.photo && (
          <div style={{ marginTop: 8 }}>
            <Image width={isPhone ? '100%' : 320} style={{ maxHeight: 360, objectFit: 'contain', background: '#f3f5f9', borderRadius: 6 }} src={r.photo.url} alt="群众上传的照片" />
          </div>
        )}
      </Card>
      {isPhone && actions}
      {dialog === 'accept' && <AcceptModal report={r} onClose={() => setDialog(null)} onDone={() => setJustDone('已受理，已生成督办事项')} />}
      {dialog === 'merge' && <MergeModal report={r} onClose={() => setDialog(null)} onDone={() => setJustDone('已合并到督办事项')} />}
      {dialog === 'reject' && <RejectModal report={r} onClose={() => setDialog(null)} />}
    </>
  );
}

interface TAcceptForm {
  placeId?: number;
  unitId?: number;
  deadline?: Dayjs;
  title?: string;
}

function AcceptModal({ report, onClose, onDone }: { report: TReportRow; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<TAcceptForm>();
  const moderate = useModerate(report.id);
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const places = usePlaces({ areaId: report.areaId, pageSize: 100 });
  return (
    <Modal
      open
      title="受理"
      okText="受理"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={moderate.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const body = {
          ...(v.placeId ? { placeId: v.placeId } : {}),
          ...(v.unitId ? { unitId: v.unitId } : {}),
          ...(v.deadline ? { deadline: deadlineFromDate(v.deadline) } : {}),
          ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        };
        moderate.mutate(
          { action: 'accept', body },
          {
            onSuccess: () => {
              message.success('已受理，已生成督办事项');
              onClose();
              onDone();
            },
            onError: (err) => onError(err, form),
          },
        );
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="受理后生成督办事项；以下各项不填时按问题类别的默认责任单位和期限办理。" />
      <Form form={form} layout="vertical">
        <Form.Item name="title" label="事项标题" rules={[{ min: 2, message: '标题至少 2 个字' }]}>
          <Input maxLength={100} placeholder={`群众反映：${report.categoryName}`} />
        </Form.Item>
        <Form.Item name="placeId" label="点位" extra="选择点位后按点位的责任单位交办">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={`${report.areaName} 的点位（可不选）`}
            loading={places.isLoading}
            options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label="责任单位">
          <UnitSelect allowClear placeholder="按类别默认" />
        </Form.Item>
        <Form.Item name="deadline" label="整改期限">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(zoneToday())} placeholder="按类别默认" inputReadOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MergeModal({ report, onClose, onDone }: { report: TReportRow; onClose: () => void; onDone: () => void }) {
  const [q, setQ] = useState('');
  const [caseId, setCaseId] = useState<number | undefined>();
  const moderate = useModerate(report.id);
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const byId = /^\d+$/.test(q.trim()) ? Number(q.trim()) : null;
  const cases = useCaseList({ q: q.trim() || undefined, areaId: q.trim() ? undefined : report.areaId, pageSize: 20 });
  const options = useMemo(() => {
    const opts = (cases.data?.items ?? []).map((c) => ({
      value: c.id,
      label: `${c.code} ${c.title}`,
      hint: `${c.areaName}${c.unitName ? ` · ${c.unitName}` : ''}`,
    }));
    if (byId && !opts.some((o) => o.value === byId)) opts.unshift({ value: byId, label: `事项 ID ${byId}`, hint: '按 ID 合并' });
    return opts;
  }, [cases.data, byId]);
  return (
    <Modal
      open
      title="合并"
      okText="合并"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={moderate.isPending}
      okButtonProps={{ disabled: !caseId }}
      destroyOnHidden
      onOk={() =>
        moderate.mutate(
          { action: 'merge', body: { caseId: caseId! } },
          {
            onSuccess: () => {
              message.success('已合并到督办事项');
              onClose();
              onDone();
            },
            onError: (err) => onError(err),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">同一问题已有督办事项时，把这条反映合并进去；反映人可通过查询码看到该事项的办理进度。</Typography.Paragraph>
      <label htmlFor="merge-case" style={{ display: 'block', marginBottom: 6 }}>
        督办事项
      </label>
      <Select
        id="merge-case"
        showSearch
        style={{ width: '100%' }}
        placeholder="输入事项编号、标题或 ID 搜索"
        filterOption={false}
        onSearch={setQ}
        value={caseId}
        onChange={setCaseId}
        loading={cases.isFetching}
        options={options}
        optionRender={(o) => (
          <div style={{ lineHeight: 1.4, padding: '2px 0' }}>
            <div>{o.data.label}</div>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{o.data.hint}</div>
          </div>
        )}
        notFoundContent={cases.isFetching ? '搜索中…' : '没有匹配的事项'}
      />
    </Modal>
  );
}

function RejectModal({ report, onClose }: { report: TReportRow; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const moderate = useModerate(report.id);
  const onError = useErrorHandler();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title="不予受理"
      okText="不予受理"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={moderate.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        moderate.mutate(
          { action: 'reject', body: { reason: v.reason.trim() } },
          {
            onSuccess: () => {
              message.success('已不予受理');
              onClose();
            },
            onError: (err) => onError(err, form),
          },
        );
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="不予受理的理由"
          extra="反映人查询时能看到这段理由，请用平实的话说明"
          rules={[
            { required: true, message: '请填写不予受理的理由' },
            { min: 2, message: '请填写不予受理的理由' },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={300} placeholder="如：经核实，该处不在示范区管辖范围内" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
