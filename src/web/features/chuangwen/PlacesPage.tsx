/**
 * 点位: places inspected for 创文 (communities, compounds, back lanes, markets, toilets, …)
 * with filters and server paging; editors create and edit a place with its area, kind,
 * address and responsible units (社区, 物业公司, 职能部门).
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Switch, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TPlace } from '../../../shared/contracts/chuangwen';
import { PLACE_KIND_LABELS, PLACE_KINDS, type TPlaceKind } from '../../../shared/domain/chuangwen/places';
import { usePlaces, useSavePlace } from '../../api/chuangwen';
import { useCurrentUser } from '../../api/session';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { UnitSelect } from '../../components/UnitSelect';
import { useErrorHandler } from '../../lib/useErrorHandler';

const EDITOR_ROLES = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'];

/** 点位 page. */
export default function PlacesPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const query = {
    kind: params.get('kind') ?? undefined,
    areaId: params.get('areaId') ?? undefined,
    q: params.get('q') ?? undefined,
    includeInactive: params.get('includeInactive') === 'true' ? 'true' : undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: 20,
  };
  const list = usePlaces(query);
  const [editing, setEditing] = useState<TPlace | 'new' | null>(null);
  const canEdit = EDITOR_ROLES.includes(me.role);
  const update = (patch: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const n = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) v == null || v === '' ? n.delete(k) : n.set(k, String(v));
        if (!('page' in patch)) n.delete('page');
        return n;
      },
      { replace: true },
    );

  const columns: TableProps<TPlace>['columns'] = [
    {
      title: '点位',
      dataIndex: 'name',
      render: (name: string, r) => (
        <div>
          <div>
            {canEdit ? (
              <a onClick={() => setEditing(r)} role="button">
                {name}
              </a>
            ) : (
              name
            )}
            {!r.isActive && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{r.address || '—'}</div>
        </div>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 96, render: (k: TPlaceKind) => PLACE_KIND_LABELS[k] },
    { title: '所属区域', dataIndex: 'areaName', width: 130, ellipsis: true },
    {
      title: '责任单位',
      key: 'units',
      width: 300,
      render: (_: unknown, r) => (
        <div style={{ fontSize: 13, lineHeight: 1.6 }}>
          {r.communityUnitName && <div>社区：{r.communityUnitName}</div>}
          {r.propertyUnitName && <div>物业：{r.propertyUnitName}</div>}
          {r.departmentUnitName && <div>部门：{r.departmentUnitName}</div>}
          {!r.communityUnitName && !r.propertyUnitName && !r.departmentUnitName && '—'}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="点位管理"
        subTitle={list.data ? `共 ${list.data.total} 个点位` : undefined}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增点位
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} md={8}>
            <Input.Search
              aria-label="搜索点位"
              placeholder="搜索名称或地址"
              allowClear
              defaultValue={query.q}
              onSearch={(v) => update({ q: v.trim() })}
            />
          </Col>
          <Col xs={12} md={5}>
            <Select
              aria-label="点位类型"
              allowClear
              placeholder="点位类型"
              style={{ width: '100%' }}
              value={query.kind}
              onChange={(v?: string) => update({ kind: v })}
              options={PLACE_KINDS.map((k) => ({ value: k, label: PLACE_KIND_LABELS[k] }))}
            />
          </Col>
          <Col xs={12} md={6}>
            <AreaSelect allowClear placeholder="所属区域" value={query.areaId ? Number(query.areaId) : undefined} onChange={(v) => update({ areaId: v })} />
          </Col>
          <Col xs={24} md={5} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <Switch
              size="small"
              checked={query.includeInactive === 'true'}
              onChange={(c) => update({ includeInactive: c ? 'true' : undefined })}
              aria-label="含已停用"
            />
            含已停用
          </Col>
        </Row>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TPlace>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 760 }}
            locale={{ emptyText: '没有符合条件的点位' }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (page) => update({ page }),
            }}
          />
        </Card>
      )}
      {editing && <PlaceModal place={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface TPlaceForm {
  name: string;
  kind: TPlaceKind;
  areaId?: number;
  address?: string;
  communityUnitId?: number;
  propertyUnitId?: number;
  departmentUnitId?: number;
  isActive?: boolean;
}

function PlaceModal({ place, onClose }: { place: TPlace | null; onClose: () => void }) {
  const [form] = Form.useForm<TPlaceForm>();
  const save = useSavePlace();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={place ? '编辑点位' : '新增点位'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const units = {
          communityUnitId: v.communityUnitId ?? null,
          propertyUnitId: v.propertyUnitId ?? null,
          departmentUnitId: v.departmentUnitId ?? null,
        };
        const body = place
          ? { name: v.name, kind: v.kind, address: v.address ?? '', isActive: v.isActive, ...units }
          : { name: v.name, kind: v.kind, areaId: v.areaId!, address: v.address ?? '', lat: null, lng: null, ...units };
        save.mutate(
          { id: place?.id, body },
          {
            onSuccess: () => {
              message.success('点位已保存');
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
        initialValues={
          place
            ? {
                ...place,
                communityUnitId: place.communityUnitId ?? undefined,
                propertyUnitId: place.propertyUnitId ?? undefined,
                departmentUnitId: place.departmentUnitId ?? undefined,
              }
            : { kind: 'compound' }
        }
      >
        <Form.Item label="点位名称" name="name" rules={[{ required: true, message: '请填写点位名称' }, { min: 2, max: 60, message: '名称为 2–60 个字' }]}>
          <Input maxLength={60} placeholder="如：中原社区A区" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="点位类型" name="kind" rules={[{ required: true }]}>
              <Select options={PLACE_KINDS.map((k) => ({ value: k, label: PLACE_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {place ? (
              <Form.Item label="所属区域" extra="所属区域创建后不可修改">
                <Input value={place.areaName} disabled />
              </Form.Item>
            ) : (
              <Form.Item label="所属区域" name="areaId" rules={[{ required: true, message: '请选择所属区域' }]}>
                <AreaSelect />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item label="地址" name="address" rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="社区（村）责任单位" name="communityUnitId">
          <UnitSelect allowClear />
        </Form.Item>
        <Form.Item label="物业公司" name="propertyUnitId">
          <UnitSelect allowClear />
        </Form.Item>
        <Form.Item label="职能部门" name="departmentUnitId">
          <UnitSelect allowClear />
        </Form.Item>
        {place && (
          <Form.Item label="启用" name="isActive" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
