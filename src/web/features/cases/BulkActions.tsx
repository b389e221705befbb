/** Bulk 交办 and bulk 复核销号 on the selected rows, with a per-row report of what failed. */
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TBulkResult, TCaseRow } from '../../../shared/contracts/cases';
import { CASE_OUTCOMES, CASE_OUTCOME_LABELS } from '../../../shared/domain/case-machine';
import { useBulkAction } from '../../api/cases';
import { UnitSelect } from '../../components/UnitSelect';
import { deadlineFromDate, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import type { Dayjs } from 'dayjs';

/** The bar above the list while rows are selected, and the report of the last bulk action. */
export function BulkActions(props: { selected: TCaseRow[]; canAssign: boolean; canVerify: boolean; onDone: () => void; onClear: () => void }) {
  const [mode, setMode] = useState<'assign' | 'verify' | null>(null);
  const [result, setResult] = useState<{ result: TBulkResult; rows: TCaseRow[] } | null>(null);
  const [form] = Form.useForm();
  const bulk = useBulkAction();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const { selected } = props;
  const assignable = selected.filter((r) => r.status === 'pending_assign').length;
  const verifiable = selected.filter((r) => r.status === 'pending_verify').length;

  const submit = async () => {
    const v = await form.validateFields();
    const items = selected.map((r) => ({ id: r.id, version: r.version }));
    const body =
      mode === 'assign'
        ? { action: 'assign' as const, items, unitId: v.unitId, deadline: deadlineFromDate(v.deadline as Dayjs), note: v.note || null }
        : { action: 'verify' as const, items, outcome: v.outcome, note: v.note || null };
    bulk.mutate(body, {
      onSuccess: (res) => {
        setMode(null);
        form.resetFields();
        if (res.failed.length === 0) {
          message.success(`已${mode === 'assign' ? '交办' : '复核销号'} ${res.done.length} 件`);
          props.onDone();
        } else {
          setResult({ result: res, rows: selected });
          props.onDone();
          if (res.done.length) message.success(`已${mode === 'assign' ? '交办' : '复核销号'} ${res.done.length} 件`);
        }
      },
      onError: (err) => onError(err, form),
    });
  };

  return (
    <>
      {selected.length > 0 && (
      <Card size="small" style={{ marginBottom: 12, background: '#f0f5ff', borderColor: '#adc6ff' }}>
        <Space wrap>
          <span>已选 {selected.length} 件</span>
          {props.canAssign && (
            <Button type="primary" onClick={() => setMode('assign')}>
              批量交办{assignable < selected.length ? `（可交办 ${assignable}）` : ''}
            </Button>
          )}
          {props.canVerify && (
            <Button onClick={() => setMode('verify')}>
              批量复核销号{verifiable < selected.length ? `（待复核 ${verifiable}）` : ''}
            </Button>
          )}
          <Button type="link" onClick={props.onClear}>
            取消选择
          </Button>
        </Space>
      </Card>
      )}
      {result && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setResult(null)}
          style={{ marginBottom: 12 }}
          message={`完成 ${result.result.done.length} 件，失败 ${result.result.failed.length} 件`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {result.result.failed.map((f) => {
                const row = result.rows.find((r) => r.id === f.id);
                return (
                  <li key={f.id}>
                    <Typography.Text strong>{row ? `${row.code} ${row.title}` : `#${f.id}`}</Typography.Text>：{f.message}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <Modal
        open={mode !== null}
        title={mode === 'assign' ? `批量交办（${selected.length} 件）` : `批量复核销号（${selected.length} 件）`}
        okText={mode === 'assign' ? '交办' : '复核销号'}
        cancelText="取消"
        onOk={submit}
        confirmLoading={bulk.isPending}
        onCancel={() => setMode(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ outcome: 'fixed' }}>
          {mode === 'assign' ? (
            <>
              <Form.Item label="责任单位" name="unitId" rules={[{ required: true, message: '请选择责任单位' }]}>
                <UnitSelect />
              </Form.Item>
              <Form.Item label="整改期限" name="deadline" rules={[{ required: true, message: '请设置整改期限' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(zoneToday(), 'day')} inputReadOnly />
              </Form.Item>
            </>
          ) : (
            <Form.Item label="复核结果" name="outcome" rules={[{ required: true }]}>
              <Select options={CASE_OUTCOMES.map((o) => ({ value: o, label: CASE_OUTCOME_LABELS[o] }))} />
            </Form.Item>
          )}
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
