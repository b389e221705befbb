/**
 * One inspection, phone-first: each item a card with 合格 / 不合格 / 不适用, a note and photos;
 * a failed item gets 现场交办 (it becomes a case with the item's default unit and deadline),
 * then a link to that case; 完成检查 closes the inspection.
 */
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Progress, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  CHECK_RESULT_LABELS,
  CHECK_RESULTS,
  INSPECTION_STATUS_LABELS,
  type TCheckResult,
  type TInspectionDetail,
  type TInspectionItem,
} from '../../../shared/contracts/checklists';
import type { TAttachmentRef } from '../../../shared/contracts/cases';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-machine';
import { CASE_SEVERITY_LABELS } from '../../../shared/domain/case-vocab';
import { useInspection, useInspectionActions } from '../../api/checklists';
import { PageHeader } from '../../components/PageHeader';
import { PhotoGallery, PhotoUpload } from '../../components/PhotoUpload';
import { QueryError } from '../../components/QueryError';
import { UnitSelect } from '../../components/UnitSelect';
import { deadlineFromDate, formatDateTime, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';

const RESULT_COLORS: Record<TCheckResult, string> = { pass: 'green', fail: 'red', na: 'default' };

/** Inspection page. */
export default function InspectionPage() {
  const id = Number(useParams().id);
  const q = useInspection(id);
  const actions = useInspectionActions(id);
  const isPhone = useIsPhone();
  const [completing, setCompleting] = useState(false);
  const [raising, setRaising] = useState<TInspectionItem | null>(null);

  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const d = q.data;
  const c = d.counts;
  const done = c.total - c.unchecked;

  return (
    <div style={{ maxWidth: 860 }}>
      <PageHeader
        title={d.templateName}
        subTitle={
          <Space size={6} wrap>
            <Tag color={d.status === 'completed' ? 'green' : 'processing'}>{INSPECTION_STATUS_LABELS[d.status]}</Tag>
            <span>
              {d.areaName}
              {d.place ? ` · ${d.place}` : ''}
            </span>
          </Space>
        }
        extra={
          !isPhone && d.abilities.canComplete ? (
            <Button type="primary" size="large" onClick={() => setCompleting(true)}>
              完成检查
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }} size={4}>
          <Progress percent={c.total ? Math.round((done / c.total) * 100) : 0} format={() => `${done}/${c.total}`} />
          <Space size={12} wrap style={{ fontSize: 13 }}>
            <span style={{ color: '#389e0d' }}>合格 {c.pass}</span>
            <span style={{ color: '#cf1322' }}>不合格 {c.fail}</span>
            <span>不适用 {c.na}</span>
            <span>未检查 {c.unchecked}</span>
            <span>已交办 {c.cases}</span>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.inspectorName} · 开始于 {formatDateTime(d.startedAt)}
            {d.completedAt ? ` · 完成于 ${formatDateTime(d.completedAt)}` : ''}
          </Typography.Text>
        </Space>
      </Card>
      {d.summary && (
        <Card size="small" title="检查小结" style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.summary}</Typography.Paragraph>
        </Card>
      )}

      {d.items.map((item, index) => (
        <ItemCard key={item.id} index={index} item={item} detail={d} actions={actions} onRaise={() => setRaising(item)} />
      ))}

      {isPhone && d.abilities.canComplete && (
        <div className="zl-action-bar">
          <Button type="primary" size="large" onClick={() => setCompleting(true)}>
            完成检查
          </Button>
        </div>
      )}
      <CompleteModal open={completing} detail={d} actions={actions} onClose={() => setCompleting(false)} />
      <RaiseCaseModal item={raising} actions={actions} onClose={() => setRaising(null)} />
    </div>
  );
}

type TActions = ReturnType<typeof useInspectionActions>;

function ItemCard(props: { index: number; item: TInspectionItem; detail: TInspectionDetail; actions: TActions; onRaise: () => void }) {
  const { item, detail, actions } = props;
  const onError = useErrorHandler();
  const [note, setNote] = useState(item.note ?? '');
  const canRecord = detail.abilities.canRecord;

  const save = (patch: { result?: TCheckResult; note?: string; photos?: TAttachmentRef[] }) => {
    const result = patch.result ?? item.result;
    if (!result) return;
    actions.record.mutate(
      {
        itemId: item.id,
        body: {
          result,
          note: (patch.note ?? note).trim() || null,
          attachmentIds: (patch.photos ?? item.attachments).map((a) => a.id),
        },
      },
      { onError: (err) => onError(err) },
    );
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 10, borderColor: item.result === 'fail' ? '#ffa39e' : undefined }}
      title={
        <div style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <Typography.Text type="secondary">{props.index + 1}. </Typography.Text>
          {item.title}
          {item.severity !== 'normal' && (
            <Tag color="volcano" style={{ marginLeft: 6 }}>
              {CASE_SEVERITY_LABELS[item.severity]}
            </Tag>
          )}
        </div>
      }
      extra={item.result && !canRecord ? <Tag color={RESULT_COLORS[item.result]}>{CHECK_RESULT_LABELS[item.result]}</Tag> : null}
      data-testid={`inspection-item-${item.id}`}
    >
      {item.standard && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 10, whiteSpace: 'pre-wrap' }}>
          标准：{item.standard}
        </Typography.Paragraph>
      )}
      {canRecord && (
        <Segmented<TCheckResult>
          block
          size="large"
          aria-label={`检查结果：${item.title}`}
          // null, not undefined: an unchecked item must show no answer (undefined would select the first).
          value={(item.result ?? null) as TCheckResult}
          onChange={(v) => save({ result: v })}
          options={CHECK_RESULTS.map((r) => ({ value: r, label: CHECK_RESULT_LABELS[r] }))}
          style={{ marginBottom: 10 }}
        />
      )}
      {item.result && canRecord && (
        <>
          <Input.TextArea
            aria-label={`说明：${item.title}`}
            placeholder={item.result === 'fail' ? '问题说明（如位置、数量）' : '说明（可选）'}
            rows={2}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => note !== (item.note ?? '') && save({ note })}
            style={{ marginBottom: 10 }}
          />
          <PhotoUpload kind="evidence" value={item.attachments} onChange={(photos) => save({ photos })} max={9} />
        </>
      )}
      {!canRecord && (
        <>
          {item.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.note}</Typography.Paragraph>}
          <PhotoGallery photos={item.attachments} size={72} />
        </>
      )}
      {item.result === 'fail' && (
        <div style={{ marginTop: 10 }}>
          {item.case ? (
            <Alert
              type="info"
              showIcon
              message={
                <span>
                  已现场交办：<Link to={`/cases/${item.case.id}`}>{item.case.code}</Link>（{CASE_STATUS_LABELS[item.case.status]}）
                </span>
              }
            />
          ) : detail.abilities.canRaiseCase ? (
            <Button danger size="large" block onClick={props.onRaise}>
              现场交办
            </Button>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function RaiseCaseModal({ item, actions, onClose }: { item: TInspectionItem | null; actions: TActions; onClose: () => void }) {
  const [form] = Form.useForm<{ title: string; unitId?: number; deadline?: Dayjs }>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  if (!item) return null;
  return (
    <Modal
      open
      title="现场交办"
      okText="交办"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={actions.raiseCase.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        actions.raiseCase.mutate(
          {
            itemId: item.id,
            body: { title: v.title, unitId: v.unitId ?? null, deadline: v.deadline ? deadlineFromDate(v.deadline) : undefined },
          },
          {
            onSuccess: (ref) => {
              message.success(`已生成督办事项 ${ref.code}`);
              onClose();
            },
            onError: (err) => onError(err, form),
          },
        );
      }}
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        initialValues={{
          title: item.title,
          unitId: item.defaultUnitId ?? undefined,
          deadline: zoneToday().add(item.defaultDeadlineDays, 'day'),
        }}
      >
        <Form.Item label="事项标题" name="title" rules={[{ required: true, message: '请输入标题' }, { min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="责任单位" name="unitId" extra="不选择则进入“待交办”">
          <UnitSelect allowClear />
        </Form.Item>
        <Form.Item label="整改期限" name="deadline" rules={[{ required: true, message: '请设置整改期限' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isBefore(zoneToday(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteModal(props: { open: boolean; detail: TInspectionDetail; actions: TActions; onClose: () => void }) {
  const [summary, setSummary] = useState('');
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const { counts } = props.detail;
  return (
    <Modal
      open={props.open}
      title="完成检查"
      okText="完成检查"
      cancelText="取消"
      onCancel={props.onClose}
      confirmLoading={props.actions.complete.isPending}
      okButtonProps={{ disabled: counts.unchecked > 0 }}
      onOk={() =>
        props.actions.complete.mutate(
          { summary: summary.trim() || null },
          {
            onSuccess: () => {
              message.success('检查已完成');
              props.onClose();
            },
            onError: (err) => onError(err),
          },
        )
      }
    >
      {counts.unchecked > 0 && (
        <Alert type="error" showIcon message={`还有 ${counts.unchecked} 项未检查，全部检查后才能完成`} style={{ marginBottom: 12 }} />
      )}
      {counts.fail > counts.cases && (
        <Alert type="warning" showIcon message={`有 ${counts.fail - counts.cases} 个不合格项尚未交办`} style={{ marginBottom: 12 }} />
      )}
      <Descriptions size="small" column={2} style={{ marginBottom: 8 }} items={[
        { key: 'p', label: '合格', children: counts.pass },
        { key: 'f', label: '不合格', children: counts.fail },
        { key: 'n', label: '不适用', children: counts.na },
        { key: 'c', label: '已交办', children: counts.cases },
      ]} />
      <Input.TextArea aria-label="检查小结" placeholder="检查小结（可选）" rows={3} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} />
    </Modal>
  );
}


