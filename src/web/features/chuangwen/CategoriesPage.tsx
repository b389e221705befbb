/**
 * 问题类别: the 部件/事件 categories with code, group, default responsible unit (type or unit),
 * deadline and urgency; admin and leader add and edit them.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { TCategory } from '../../../shared/contracts/chuangwen';
import { CATEGORY_KIND_LABELS, CATEGORY_KINDS } from '../../../shared/domain/chuangwen/categories';
import { CASE_SEVERITIES, CASE_SEVERITY_LABELS } from '../../../shared/domain/case-vocab';
import { UNIT_TYPE_LABELS, UNIT_TYPES, type TUnitType } from '../../../shared/domain/units';
import { useCategories, useSaveCategory } from '../../api/chuangwen';
import { FormModal } from '../../components/FormModal';
import { LabelledSwitch } from '../../components/LabelledSwitch';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { UnitSelect } from '../../components/UnitSelect';
import { useCan } from '../../lib/abilities';

/** 问题类别 page. */
export default function CategoriesPage() {
  const canEdit = useCan('chuangwen', 'editCategories');
  const [showInactive, setShowInactive] = useState(false);
  const q = useCategories(showInactive);
  const [editing, setEditing] = useState<TCategory | 'new' | null>(null);

  const columns: TableProps<TCategory>['columns'] = [
    { title: '编码', dataIndex: 'code', width: 104, fixed: 'left' },
    {
      title: '名称',
      dataIndex: 'name',
      width: 180,
      render: (name: string, r) => (
        <Space size={4}>
          {canEdit ? <Typography.Link onClick={() => setEditing(r)}>{name}</Typography.Link> : name}
          {!r.isActive && <Tag>已停用</Tag>}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 64, render: (k: TCategory['kind']) => CATEGORY_KIND_LABELS[k] },
    { title: '大类', dataIndex: 'groupName', width: 100 },
    {
      title: '默认责任单位',
      key: 'unit',
      render: (_: unknown, r) => r.defaultUnitName ?? <span style={{ color: 'rgba(0,0,0,0.55)' }}>按点位的{UNIT_TYPE_LABELS[r.defaultUnitType]}</span>,
    },
    { title: '处置时限', dataIndex: 'deadlineLabel', width: 110 },
    {
      title: '紧急程度',
      dataIndex: 'urgency',
      width: 90,
      render: (u: TCategory['urgency']) => <Tag color={u === 'urgent' ? 'red' : u === 'serious' ? 'orange' : undefined}>{CASE_SEVERITY_LABELS[u]}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title="问题类别"
        subTitle={q.data ? `共 ${q.data.items.length} 类` : undefined}
        extra={
          <>
            <LabelledSwitch label="含已停用" size="small" checked={showInactive} onChange={setShowInactive} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                新增类别
              </Button>
            )}
          </>
        }
      />
      <QueryTable<TCategory>
        query={q}
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={q.data?.items}
        loading={q.isPending}
        pagination={false}
        scroll={{ x: 860 }}
      />
      {editing && <CategoryModal category={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface TCategoryForm {
  code: string;
  name: string;
  kind: TCategory['kind'];
  groupName: string;
  defaultUnitType: TUnitType;
  defaultUnitId?: number;
  deadlineValue: number;
  deadlineUnit: 'hours' | 'workdays';
  urgency: TCategory['urgency'];
  sortOrder: number;
  isActive: boolean;
}

function CategoryModal({ category: c, onClose }: { category: TCategory | null; onClose: () => void }) {
  const save = useSaveCategory();
  return (
    <FormModal<TCategoryForm>
      title={c ? `编辑类别 ${c.code}` : '新增类别'}
      successMessage="类别已保存"
      onClose={onClose}
      initialValues={
        c
          ? { ...c, defaultUnitId: c.defaultUnitId ?? undefined, deadlineValue: c.deadline.value, deadlineUnit: c.deadline.unit }
          : { kind: 'event', defaultUnitType: 'village_committee', deadlineValue: 2, deadlineUnit: 'workdays', urgency: 'normal', sortOrder: 0 }
      }
      onSubmit={(v) => {
        const body = {
          name: v.name,
          kind: v.kind,
          groupName: v.groupName,
          defaultUnitType: v.defaultUnitType,
          defaultUnitId: v.defaultUnitId ?? null,
          deadline: { value: v.deadlineValue, unit: v.deadlineUnit },
          urgency: v.urgency,
          sortOrder: v.sortOrder ?? 0,
        };
        return save.mutateAsync(c ? { code: c.code, body: { ...body, isActive: v.isActive } } : { body: { ...body, code: v.code } });
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item label="编码" name="code" rules={c ? [] : [{ required: true, pattern: /^[A-Z]{2}-\d{2}-\d{2}$/, message: '编码格式如 SJ-01-02' }]}>
            <Input disabled={!!c} placeholder="SJ-01-02" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label="名称" name="name" rules={[{ required: true, min: 2, max: 30, message: '名称为 2–30 个字' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={10}>
          <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
            <Select options={CATEGORY_KINDS.map((k) => ({ value: k, label: CATEGORY_KIND_LABELS[k] }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={14}>
          <Form.Item label="大类" name="groupName" rules={[{ required: true, min: 2, max: 20, message: '请填写大类' }]}>
            <Input maxLength={20} placeholder="如：市容环境" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item label="默认责任单位类型" name="defaultUnitType" rules={[{ required: true }]}>
            <Select options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label="固定责任单位" name="defaultUnitId" extra="不选则按点位的该类型单位交办">
            <UnitSelect allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="处置时限" name="deadlineValue" rules={[{ required: true, type: 'number', min: 1, max: 720 }]}>
            <InputNumber min={1} max={720} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="单位" name="deadlineUnit">
            <Select options={[{ value: 'workdays', label: '个工作日' }, { value: 'hours', label: '小时' }]} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="紧急程度" name="urgency">
            <Select options={CASE_SEVERITIES.map((s) => ({ value: s, label: CASE_SEVERITY_LABELS[s] }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item label="排序" name="sortOrder">
            <InputNumber min={0} max={9999} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {c && (
          <Col xs={12} sm={8}>
            <Form.Item label="启用" name="isActive" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormModal>
  );
}
