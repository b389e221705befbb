/**
 * 点位: places inspected for 创文 (communities, compounds, back lanes, markets, toilets, …)
 * with filters and server paging; editors create and edit a place with its area, kind,
 * address and responsible units (社区, 物业公司, 职能部门).
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Switch, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { TPlace } from '../../../shared/contracts/chuangwen';
import { PLACE_KIND_LABELS, PLACE_KINDS, type TPlaceKind } from '../../../shared/domain/chuangwen/places';
import { usePlaces, useSavePlace } from '../../api/chuangwen';
import { AreaSelect } from '../../components/AreaSelect';
import { FilterBar } from '../../components/FilterBar';
import { FormModal } from '../../components/FormModal';
import { LabelledSwitch } from '../../components/LabelledSwitch';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { UnitSelect } from '../../components/UnitSelect';
import { useCan } from '../../lib/abilities';
import { useUrlFilters } from '../../lib/useUrlFilters';


/** 点位 page. */
export default function PlacesPage() {
  const [params, update] = useUrlFilters();
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
  const canEdit = useCan('chuangwen', 'editPlaces');

  const columns: TableProps<TPlace>['columns'] = [
    {
      title: '点位',
      dataIndex: 'name',
      render: (name: string, r) => (
        <div>
          <div>
            {canEdit ? (
              <Typography.Link onClick={() => setEditing(r)}>{name}</Typography.Link>
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
      <FilterBar>
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
        <Col xs={24} md={5}>
          <LabelledSwitch label="含已停用" size="small" checked={query.includeInactive === 'true'} onChange={(c) => update({ includeInactive: c ? 'true' : undefined })} />
        </Col>
      </FilterBar>
      <QueryTable<TPlace>
        query={list}
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
  const save = useSavePlace();
  return (
    <FormModal<TPlaceForm>
      title={place ? '编辑点位' : '新增点位'}
      successMessage="点位已保存"
      onClose={onClose}
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
      onSubmit={(v) => {
        const units = {
          communityUnitId: v.communityUnitId ?? null,
          propertyUnitId: v.propertyUnitId ?? null,
          departmentUnitId: v.departmentUnitId ?? null,
        };
        const body = place
          ? { name: v.name, kind: v.kind, address: v.address ?? '', isActive: v.isActive, ...units }
          : { name: v.name, kind: v.kind, areaId: v.areaId!, address: v.address ?? '', lat: null, lng: null, ...units };
        return save.mutateAsync({ id: place?.id, body });
      }}
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
    </FormModal>
  );
}
