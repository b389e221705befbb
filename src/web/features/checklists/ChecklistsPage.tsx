/** 检查表模板: the list of templates and an editor (name, module, items with standard, default unit and deadline). */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Drawer, Form, Input, InputNumber, List, Row, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TChecklistTemplate, TChecklistTemplateRow, TSaveChecklistBody } from '../../../shared/contracts/checklists';
import { CASE_MODULES, CASE_MODULE_LABELS, CASE_SEVERITIES, CASE_SEVERITY_LABELS } from '../../../shared/domain/case-vocab';
import { useChecklist, useChecklists, useSaveChecklist } from '../../api/checklists';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UnitSelect } from '../../components/UnitSelect';
import { useCan } from '../../lib/abilities';
import { formatDateTime } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';

/** Template list page. */
export default function ChecklistsPage() {
  const list = useChecklists({ includeInactive: true });
  const isPhone = useIsPhone();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  // Inspectors who may not edit templates still open them read-only.
  const canCreate = useCan('checklists', 'editTemplates');

  return (
    <>
      <PageHeader
        title="检查表模板"
        subTitle="督导检查、创文测评、十须知等按模板逐项检查"
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建模板
            </Button>
          ) : null
        }
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : isPhone ? (
        <List
          loading={list.isPending}
          dataSource={list.data ?? []}
          renderItem={(t) => (
            <Card size="small" style={{ marginBottom: 10 }} onClick={() => setEditing(t.id)} hoverable>
              <Space wrap size={6}>
                <Typography.Text strong>{t.name}</Typography.Text>
                <Tag>{CASE_MODULE_LABELS[t.module]}</Tag>
                {!t.isActive && <Tag>已停用</Tag>}
              </Space>
              <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13, marginTop: 4 }}>
                {t.itemCount} 项 · 更新于 {formatDateTime(t.updatedAt)}
              </div>
            </Card>
          )}
        />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TChecklistTemplateRow>
            rowKey="id"
            loading={list.isPending}
            dataSource={list.data}
            pagination={false}
            columns={[
              {
                title: '名称',
                dataIndex: 'name',
                render: (name: string, t) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(t.id)}>
                    {name}
                  </Button>
                ),
              },
              { title: '板块', dataIndex: 'module', width: 90, render: (m: TChecklistTemplateRow['module']) => CASE_MODULE_LABELS[m] },
              { title: '检查项', dataIndex: 'itemCount', width: 90, render: (n: number) => `${n} 项` },
              { title: '说明', dataIndex: 'description', ellipsis: true },
              {
                title: '状态',
                dataIndex: 'isActive',
                width: 90,
                render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
              },
              { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: formatDateTime },
            ]}
          />
        </Card>
      )}
      <ChecklistEditor id={editing} onClose={() => setEditing(null)} />
    </>
  );
}

type TFormValues = TSaveChecklistBody;

function toForm(t: TChecklistTemplate): TFormValues {
  return {
    name: t.name,
    module: t.module,
    description: t.description,
    isActive: t.isActive,
    items: t.items.map((i) => ({
      id: i.id,
      title: i.title,
      standard: i.standard,
      category: i.category,
      defaultUnitId: i.defaultUnitId,
      defaultDeadlineDays: i.defaultDeadlineDays,
      severity: i.severity,
    })),
  };
}

const EMPTY: TFormValues = {
  name: '',
  module: 'chuangwen',
  description: '',
  isActive: true,
  items: [{ title: '', standard: '', defaultDeadlineDays: 3, severity: 'normal' }],
};

/** The drawer that creates or edits one template. */
function ChecklistEditor({ id, onClose }: { id: number | 'new' | null; onClose: () => void }) {
  const isPhone = useIsPhone();
  const [form] = Form.useForm<TFormValues>();
  const detail = useChecklist(typeof id === 'number' ? id : null);
  const save = useSaveChecklist();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const readOnly = typeof id === 'number' && detail.data ? !detail.data.canEdit : false;

  useEffect(() => {
    if (id === 'new') form.setFieldsValue(EMPTY);
    else if (typeof id === 'number' && detail.data) form.setFieldsValue(toForm(detail.data));
  }, [id, detail.data, form]);

  const submit = (v: TFormValues) =>
    save.mutate(
      { id: typeof id === 'number' ? id : null, body: v },
      {
        onSuccess: () => {
          message.success('模板已保存');
          onClose();
        },
        onError: (err) => onError(err, form),
      },
    );

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={isPhone ? '100%' : 760}
      title={id === 'new' ? '新建检查表模板' : readOnly ? '查看检查表模板' : '编辑检查表模板'}
      destroyOnHidden
      extra={
        !readOnly && (
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
            保存
          </Button>
        )
      }
    >
      {typeof id === 'number' && detail.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} disabled={readOnly} initialValues={EMPTY}>
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <Form.Item label="模板名称" name="name" rules={[{ required: true, message: '请输入名称' }, { min: 2, max: 60 }]}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="板块" name="module" rules={[{ required: true }]}>
                <Select options={CASE_MODULES.map((m) => ({ value: m, label: CASE_MODULE_LABELS[m] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="启用" name="isActive" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="说明" name="description" rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Typography.Title level={5}>检查项</Typography.Title>
          <Form.List name="items">
            {(fields, { add, remove, move }) => (
              <>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 10 }}
                    title={`第 ${index + 1} 项`}
                    extra={
                      !readOnly && (
                        <Space size={0}>
                          <Button type="text" size="small" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label="上移">
                            ↑
                          </Button>
                          <Button type="text" size="small" disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label="下移">
                            ↓
                          </Button>
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除检查项" disabled={fields.length <= 1} />
                        </Space>
                      )
                    }
                  >
                    <Form.Item name={[field.name, 'id']} hidden>
                      <InputNumber />
                    </Form.Item>
                    <Form.Item label="检查项" name={[field.name, 'title']} rules={[{ required: true, message: '请输入检查项' }, { max: 100 }]}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item label="检查标准" name={[field.name, 'standard']} rules={[{ max: 1000 }]}>
                      <Input.TextArea rows={2} maxLength={1000} />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} md={8}>
                        <Form.Item label="问题类别" name={[field.name, 'category']} rules={[{ max: 40 }]}>
                          <Input maxLength={40} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={16}>
                        <Form.Item label="默认责任单位" name={[field.name, 'defaultUnitId']}>
                          <UnitSelect allowClear placeholder="不指定（现场选择）" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item label="整改期限（天）" name={[field.name, 'defaultDeadlineDays']} rules={[{ required: true, message: '请输入天数' }]}>
                          <InputNumber min={0} max={365} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item label="紧急程度" name={[field.name, 'severity']}>
                          <Select options={CASE_SEVERITIES.map((s) => ({ value: s, label: CASE_SEVERITY_LABELS[s] }))} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                {!readOnly && (
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '', standard: '', defaultDeadlineDays: 3, severity: 'normal' })}>
                    添加检查项
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
