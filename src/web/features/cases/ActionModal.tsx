/**
 * The dialog behind each action button on a case: it asks exactly for what the action
 * needs (unit and deadline, a reason, an outcome, photos) and posts the transition.
 */
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { TAttachmentRef, TCaseDetail, TTransitionBody } from '../../../shared/contracts/cases';
import { CASE_ACTION_LABELS, CASE_OUTCOMES, CASE_OUTCOME_LABELS, type TCaseAction, type TCaseOutcome } from '../../../shared/domain/case-machine';
import { isStale } from '../../api/client';
import { useTransition } from '../../api/cases';
import { PhotoUpload } from '../../components/PhotoUpload';
import { UnitSelect } from '../../components/UnitSelect';
import { dayjs, deadlineFromDate, formatDate, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';

interface TValues {
  note?: string;
  unitId?: number;
  deadline?: Dayjs;
  outcome?: TCaseOutcome;
  photos?: TAttachmentRef[];
}

/** What the note field is called for each action, and whether it is required. */
const NOTE: Record<TCaseAction, { label: string; required: boolean; placeholder?: string }> = {
  assign: { label: '交办要求', required: false, placeholder: '整改要求（可选）' },
  reassign: { label: '改派说明', required: false },
  submit: { label: '整改情况', required: false, placeholder: '说明整改措施和结果；或上传整改后照片' },
  verify: { label: '复核意见', required: false },
  return: { label: '退回理由', required: true, placeholder: '说明哪里未整改到位' },
  request_extension: { label: '延期理由', required: true },
  approve_extension: { label: '审批意见', required: false },
  refuse_extension: { label: '不同意理由', required: true },
  cancel: { label: '撤销理由', required: true },
  reopen: { label: '重新打开理由', required: true },
};

/** Which actions are destructive enough for a red confirm button. */
const DANGER: readonly TCaseAction[] = ['return', 'cancel', 'refuse_extension'];

/** Modal for one action on one case; closes itself on success. */
export function ActionModal(props: { detail: TCaseDetail; action: TCaseAction | null; onClose: () => void }) {
  const { detail, action } = props;
  const [form] = Form.useForm<TValues>();
  const transition = useTransition(detail.id);
  const onError = useErrorHandler();

  useEffect(() => {
    if (action) {
      form.resetFields();
      form.setFieldsValue({
        outcome: action === 'cancel' ? 'unfounded' : 'fixed',
        unitId: action === 'reassign' ? undefined : detail.unitId ?? undefined,
        deadline: action === 'reassign' && detail.deadline ? dayjs(detail.deadline) : undefined,
        photos: [],
      });
    }
  }, [action, detail.unitId, detail.deadline, form]);

  if (!action) return null;
  const label = CASE_ACTION_LABELS[action];
  const note = NOTE[action];
  const needsUnit = action === 'assign' || action === 'reassign';
  const needsDeadline = needsUnit || action === 'request_extension';

  const submit = async () => {
    const v = await form.validateFields();
    if (action === 'submit' && !v.note?.trim() && !(v.photos?.length)) {
      form.setFields([{ name: 'note', errors: ['请填写整改情况或上传整改照片'] }]);
      return;
    }
    const body: TTransitionBody = {
      action,
      version: detail.version,
      note: v.note?.trim() || null,
      unitId: needsUnit ? v.unitId : undefined,
      deadline: needsDeadline && v.deadline ? deadlineFromDate(v.deadline) : undefined,
      outcome: action === 'verify' || action === 'cancel' ? v.outcome : undefined,
      attachmentIds: (v.photos ?? []).map((p) => p.id),
    };
    transition.mutate(body, {
      onSuccess: props.onClose,
      onError: (err) => {
        onError(err, form);
        if (isStale(err)) props.onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={label}
      okText={label}
      cancelText="取消"
      okButtonProps={{ danger: DANGER.includes(action), size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={submit}
      confirmLoading={transition.isPending}
      onCancel={props.onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {detail.code} · {detail.title}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" size="large">
        {needsUnit && (
          <Form.Item label="责任单位" name="unitId" rules={[{ required: true, message: '请选择责任单位' }]}>
            <UnitSelect />
          </Form.Item>
        )}
        {needsDeadline && (
          <Form.Item
            label={action === 'request_extension' ? '申请延期至' : '整改期限'}
            name="deadline"
            extra={action === 'request_extension' && detail.deadline ? `当前期限 ${formatDate(detail.deadline)}` : undefined}
            rules={[{ required: true, message: action === 'request_extension' ? '请选择申请延期至的日期' : '请设置整改期限' }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly
              disabledDate={(d) =>
                d.isBefore(zoneToday(), 'day') ||
                (action === 'request_extension' && !!detail.deadline && !d.isAfter(dayjs(detail.deadline), 'day'))
              }
            />
          </Form.Item>
        )}
        {(action === 'verify' || action === 'cancel') && (
          <Form.Item label={action === 'verify' ? '复核结果' : '处理结果'} name="outcome" rules={[{ required: true, message: '请选择结果' }]}>
            <Select options={CASE_OUTCOMES.map((o) => ({ value: o, label: CASE_OUTCOME_LABELS[o] }))} />
          </Form.Item>
        )}
        <Form.Item
          label={note.label}
          name="note"
          rules={[{ required: note.required, whitespace: true, message: `请填写${note.label}` }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} placeholder={note.placeholder} maxLength={2000} />
        </Form.Item>
        {action === 'submit' && (
          <Form.Item label="整改后照片" name="photos">
            <PhotoUpload kind="after" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
