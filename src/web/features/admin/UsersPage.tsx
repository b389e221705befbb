/** 用户管理: accounts with role, unit and area; create, edit, disable and reset password. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, List, Row, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { ROLES, ROLE_LABELS, type TRole } from '../../../shared/domain/roles';
import { useAdminSave, useAdminUsers, useResetPassword, type TCreateUserBody, type TAdminUser } from '../../api/admin';
import { useCurrentUser } from '../../api/session';
import { AreaSelect } from '../../components/AreaSelect';
import { FilterBar } from '../../components/FilterBar';
import { FormModal } from '../../components/FormModal';
import { LabelledSwitch } from '../../components/LabelledSwitch';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';
import { RecordCard } from './RecordCard';

/** Users page. */
export default function UsersPage() {
  const me = useCurrentUser();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<TRole | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const users = useAdminUsers({ q: q || undefined, role, includeInactive: includeInactive ? 'true' : undefined, page, pageSize });
  const [editing, setEditing] = useState<TAdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<TAdminUser | null>(null);
  const save = useAdminSave<unknown, TAdminUser>('users');
  const onError = useErrorHandler();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();

  const toggle = (u: TAdminUser) =>
    modal.confirm({
      title: u.isActive ? `停用账号“${u.displayName}”？` : `启用账号“${u.displayName}”？`,
      content: u.isActive ? '停用后该账号立即不能登录。' : undefined,
      okText: u.isActive ? '停用' : '启用',
      cancelText: '取消',
      okButtonProps: { danger: u.isActive },
      onOk: () =>
        save.mutateAsync({ id: u.id, body: { isActive: !u.isActive } }).then(
          () => message.success(u.isActive ? '已停用' : '已启用'),
          (err) => onError(err),
        ),
    });

  const ops = (u: TAdminUser) => (
    <Space size={0} wrap>
      <Button type="link" size={isPhone ? 'middle' : 'small'} onClick={() => setEditing(u)}>
        编辑
      </Button>
      <Button type="link" size={isPhone ? 'middle' : 'small'} onClick={() => setResetting(u)}>
        重置密码
      </Button>
      {u.id !== me.id && (
        <Button type="link" size={isPhone ? 'middle' : 'small'} danger={u.isActive} onClick={() => toggle(u)}>
          {u.isActive ? '停用' : '启用'}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageHeader
        title="用户管理"
        subTitle={users.data ? `共 ${users.data.total} 人` : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增用户
          </Button>
        }
      />
      <FilterBar>
        <Col xs={24} md={10}>
          <Input.Search
            aria-label="搜索用户"
            placeholder="搜索用户名或姓名"
            allowClear
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            aria-label="角色"
            allowClear
            placeholder="角色"
            style={{ width: '100%' }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
        </Col>
        <Col xs={24} md={6}>
          <LabelledSwitch label="显示已停用" checked={includeInactive} onChange={setIncludeInactive} />
        </Col>
      </FilterBar>
      <QueryTable<TAdminUser>
        query={users}
        phoneView={
          <List
            loading={users.isFetching}
            dataSource={users.data?.items ?? []}
            pagination={{ current: page, pageSize, total: users.data?.total ?? 0, onChange: setPage, simple: true, align: 'center' }}
            renderItem={(u) => (
              <RecordCard
                title={
                  <>
                    <strong>{u.displayName}</strong>
                    <span style={{ color: 'rgba(0,0,0,0.45)' }}>{u.username}</span>
                    {!u.isActive && <Tag>停用</Tag>}
                  </>
                }
                meta={
                  <>
                    {ROLE_LABELS[u.role]} · {u.unitName ?? u.areaName}
                    {u.phone ? ` · ${u.phone}` : ''}
                  </>
                }
                actions={ops(u)}
              />
            )}
          />
        }
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items}
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 120 },
          { title: '姓名', dataIndex: 'displayName', width: 100 },
          { title: '角色', dataIndex: 'role', width: 140, render: (r: TRole) => ROLE_LABELS[r] },
          { title: '单位', dataIndex: 'unitName', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: '区域', dataIndex: 'areaName', width: 150 },
          { title: '电话', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'isActive', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '创建日期', dataIndex: 'createdAt', width: 110, render: formatDate },
          {
            title: '操作',
            key: 'ops',
            width: 200,
            fixed: 'right',
            render: (_: unknown, u) => ops(u),
          },
        ]}
      />
      {editing && <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}

type TUserForm = Omit<TCreateUserBody, 'unitId'> & { unitId?: number | null };

function UserModal({ user: u, onClose }: { user: TAdminUser | null; onClose: () => void }) {
  const save = useAdminSave<unknown, TAdminUser>('users');
  return (
    <FormModal<TUserForm>
      title={u ? `编辑用户：${u.displayName}` : '新增用户'}
      successMessage="已保存"
      onClose={onClose}
      initialValues={u ?? { role: 'village_cadre' }}
      onSubmit={(v) => {
        const common = { displayName: v.displayName, role: v.role, unitId: v.unitId ?? null, areaId: v.areaId, phone: v.phone?.trim() || null };
        const body = u ? common : ({ ...common, username: v.username, password: v.password } satisfies TCreateUserBody);
        return save.mutateAsync({ id: u?.id ?? null, body });
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, message: '请输入用户名' },
              { pattern: /^[a-z][a-z0-9_]{2,31}$/, message: '3–32 位小写字母、数字或下划线，以字母开头' },
            ]}
          >
            <Input disabled={!!u} autoCapitalize="off" maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }, { max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="角色" name="role" rules={[{ required: true }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="电话" name="phone" rules={[{ max: 20 }]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="所属区域" name="areaId" rules={[{ required: true, message: '请选择区域' }]} extra="用户只能看到本区域及下级区域的数据">
        <AreaSelect />
      </Form.Item>
      <Form.Item label="所属单位" name="unitId" extra="责任单位人员、卫生室/药店人员须选择单位">
        <UnitSelect allowClear />
      </Form.Item>
      {!u && (
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }, { min: 8, message: '初始密码至少 8 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: TAdminUser; onClose: () => void }) {
  const reset = useResetPassword();
  return (
    <FormModal<{ password: string }>
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置"
      successMessage="密码已重置，用户下次登录需修改密码"
      onClose={onClose}
      onSubmit={(v) => reset.mutateAsync({ id: user.id, password: v.password })}
    >
      <Form.Item label="新密码" name="password" rules={[{ required: true, message: '请输入新密码' }, { min: 8, message: '新密码至少 8 位' }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
