/** 单位管理: responsible units (区直部门, 物业, 卫生室, …) with search, create, edit and disable. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, List, Row, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { UNIT_TYPES, UNIT_TYPE_LABELS, type TUnitType } from '../../../shared/domain/units';
import { useAdminSave, useAdminUnits, type TCreateUnitBody, type TUnit } from '../../api/admin';
import { AreaSelect } from '../../components/AreaSelect';
import { FilterBar } from '../../components/FilterBar';
import { FormModal } from '../../components/FormModal';
import { LabelledSwitch } from '../../components/LabelledSwitch';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';
import { RecordCard } from './RecordCard';

/** Units page. */
export default function UnitsPage() {
  const [q, setQ] = useState('');
  const [type, setType] = useState<TUnitType | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const units = useAdminUnits({ q: q || undefined, type, includeInactive: includeInactive ? 'true' : undefined });
  const [editing, setEditing] = useState<TUnit | 'new' | null>(null);
  const save = useAdminSave<unknown, TUnit>('units');
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const ops = (u: TUnit) => (
    <Space size={0}>
      <Button type="link" size={isPhone ? 'middle' : 'small'} onClick={() => setEditing(u)}>
        编辑
      </Button>
      <Button
        type="link"
        size={isPhone ? 'middle' : 'small'}
        danger={u.isActive}
        onClick={() =>
          save.mutate(
            { id: u.id, body: { isActive: !u.isActive } },
            { onSuccess: () => message.success(u.isActive ? '已停用' : '已启用'), onError: (e) => onError(e) },
          )
        }
      >
        {u.isActive ? '停用' : '启用'}
      </Button>
    </Space>
  );

  return (
    <>
      <PageHeader
        title="单位管理"
        subTitle={units.data ? `共 ${units.data.length} 个` : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增单位
          </Button>
        }
      />
      <FilterBar>
        <Col xs={24} md={10}>
          <Input.Search aria-label="搜索单位" placeholder="搜索单位名称" allowClear onSearch={(v) => setQ(v.trim())} />
        </Col>
        <Col xs={24} md={8}>
          <Select
            aria-label="单位类型"
            allowClear
            placeholder="单位类型"
            style={{ width: '100%' }}
            value={type}
            onChange={setType}
            options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))}
          />
        </Col>
        <Col xs={24} md={6}>
          <LabelledSwitch label="显示已停用" checked={includeInactive} onChange={setIncludeInactive} />
        </Col>
      </FilterBar>
      <QueryTable<TUnit>
        query={units}
        phoneView={
          <List
            loading={units.isFetching}
            dataSource={units.data ?? []}
            pagination={{ pageSize: 20, simple: true, align: 'center' }}
            renderItem={(u) => (
              <RecordCard
                title={
                  <>
                    <strong>{u.name}</strong>
                    {!u.isActive && <Tag>停用</Tag>}
                  </>
                }
                meta={
                  <>
                    {UNIT_TYPE_LABELS[u.type]} · {u.areaName}
                    {u.contact ? ` · ${u.contact}` : ''}
                    {u.phone ? ` ${u.phone}` : ''}
                  </>
                }
                actions={ops(u)}
              />
            )}
          />
        }
        rowKey="id"
        loading={units.isFetching}
        dataSource={units.data}
        scroll={{ x: 860 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '单位名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'type', width: 130, render: (t: TUnitType) => UNIT_TYPE_LABELS[t] },
          { title: '所属区域', dataIndex: 'areaName', width: 150 },
          { title: '联系人', dataIndex: 'contact', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'isActive', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '操作',
            key: 'ops',
            width: 130,
            render: (_: unknown, u) => ops(u),
          },
        ]}
      />
      {editing && <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function UnitModal({ unit: u, onClose }: { unit: TUnit | null; onClose: () => void }) {
  const save = useAdminSave<TCreateUnitBody, TUnit>('units');
  return (
    <FormModal<TCreateUnitBody>
      title={u ? `编辑单位：${u.name}` : '新增单位'}
      successMessage="已保存"
      onClose={onClose}
      initialValues={u ?? { type: 'property' }}
      onSubmit={(v) => save.mutateAsync({ id: u?.id ?? null, body: { ...v, contact: v.contact?.trim() || null, phone: v.phone?.trim() || null } })}
    >
      <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请输入单位名称' }, { min: 2, max: 80 }]}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item label="类型" name="type" rules={[{ required: true }]}>
        <Select options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))} />
      </Form.Item>
      <Form.Item label="所属区域" name="areaId" rules={[{ required: true, message: '请选择区域' }]}>
        <AreaSelect />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="联系人" name="contact" rules={[{ max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="电话" name="phone" rules={[{ max: 20 }]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
