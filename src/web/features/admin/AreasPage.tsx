/** 区域管理: the area tree (示范区 → 乡/办事处 → 村/社区 → 小区) with add, rename and disable. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { AREA_LEVELS, AREA_LEVEL_LABELS, type TAreaLevel } from '../../../shared/domain/areas';
import { useAdminAreas, useAdminSave, type TArea, type TCreateAreaBody } from '../../api/admin';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { useErrorHandler } from '../../lib/useErrorHandler';

type TAreaNode = TArea & { children?: TAreaNode[] };

function toTree(areas: TArea[]): TAreaNode[] {
  const byId = new Map<number, TAreaNode>(areas.map((a) => [a.id, { ...a }]));
  const roots: TAreaNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(node.parentId) : undefined;
    if (parent) {
      parent.children ??= [];
      parent.children.push(node);
    }
    else roots.push(node);
  }
  const sort = (nodes: TAreaNode[]) => {
    nodes.sort((a, b) => a.code.localeCompare(b.code));
    for (const n of nodes) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

const CHILD_LEVEL: Record<TAreaLevel, TAreaLevel | null> = { district: 'township', township: 'village', village: 'hamlet', hamlet: null };

/** Area tree page. */
export default function AreasPage() {
  const areas = useAdminAreas();
  const tree = useMemo(() => toTree(areas.data ?? []), [areas.data]);
  const [editing, setEditing] = useState<{ area: TArea | null; parent: TArea | null } | null>(null);
  const save = useAdminSave<unknown, TArea>('areas');
  const onError = useErrorHandler();
  const { message, modal } = App.useApp();

  const toggle = (a: TArea) =>
    modal.confirm({
      title: a.isActive ? `停用“${a.name}”？` : `启用“${a.name}”？`,
      content: a.isActive ? '停用后不能在该区域新建事项，已有数据保留。' : undefined,
      okText: a.isActive ? '停用' : '启用',
      cancelText: '取消',
      okButtonProps: { danger: a.isActive },
      onOk: () =>
        save.mutateAsync({ id: a.id, body: { isActive: !a.isActive } }).then(
          () => message.success(a.isActive ? '已停用' : '已启用'),
          (err) => onError(err),
        ),
    });

  return (
    <>
      <PageHeader
        title="区域管理"
        subTitle="区划代码为 12 位（GB/T 2260 / 统计用区划代码格式）"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ area: null, parent: null })}>
            新增区域
          </Button>
        }
      />
      <QueryTable<TAreaNode>
        key={areas.data ? 'loaded' : 'loading'}
        query={areas}
        rowKey="id"
        loading={areas.isPending}
        dataSource={tree}
        pagination={false}
        scroll={{ x: 760 }}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '区划代码', dataIndex: 'code', width: 150 },
          { title: '级别', dataIndex: 'level', width: 120, render: (l: TAreaLevel) => AREA_LEVEL_LABELS[l] },
          { title: '状态', dataIndex: 'isActive', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '操作',
            key: 'ops',
            width: 220,
            render: (_: unknown, a) => (
              <Space size={0} wrap>
                {CHILD_LEVEL[a.level] && (
                  <Button type="link" size="small" onClick={() => setEditing({ area: null, parent: a })}>
                    添加下级
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setEditing({ area: a, parent: null })}>
                  改名
                </Button>
                <Button type="link" size="small" danger={a.isActive} onClick={() => toggle(a)}>
                  {a.isActive ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <AreaModal area={editing.area} parent={editing.parent} onClose={() => setEditing(null)} />}
    </>
  );
}

function AreaModal({ area, parent, onClose }: { area: TArea | null; parent: TArea | null; onClose: () => void }) {
  const save = useAdminSave<unknown, TArea>('areas');
  return (
    <FormModal<Omit<TCreateAreaBody, 'parentId'>>
      title={area ? `改名：${area.name}` : parent ? `在“${parent.name}”下新增区域` : '新增区域'}
      successMessage="已保存"
      onClose={onClose}
      initialValues={{
        name: area?.name,
        level: parent ? CHILD_LEVEL[parent.level] : 'township',
        code: parent ? parent.code.slice(0, parent.level === 'district' ? 6 : 9) : '',
      }}
      onSubmit={(v) =>
        area
          ? save.mutateAsync({ id: area.id, body: { name: v.name } })
          : save.mutateAsync({ id: null, body: { code: v.code, name: v.name, level: v.level, parentId: parent?.id ?? null } satisfies TCreateAreaBody })
      }
    >
      <Form.Item label="名称" name="name" rules={[{ required: true, message: '请输入名称' }, { max: 60 }]}>
        <Input maxLength={60} />
      </Form.Item>
      {!area && (
        <>
          <Form.Item
            label="区划代码"
            name="code"
            rules={[
              { required: true, message: '请输入区划代码' },
              { pattern: /^\d{12}$/, message: '区划代码应为 12 位数字' },
            ]}
          >
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
          <Form.Item label="级别" name="level" rules={[{ required: true }]}>
            <Select options={AREA_LEVELS.map((l) => ({ value: l, label: AREA_LEVEL_LABELS[l] }))} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
