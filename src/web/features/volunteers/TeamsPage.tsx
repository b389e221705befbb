/** 志愿服务队: the teams of the caller's area, with create and edit. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Switch, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSaveTeam, useTeams, type TTeam } from '../../api/volunteers';
import { AreaSelect } from '../../components/AreaSelect';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';

/** Teams list page. */
export default function TeamsPage() {
  const teams = useTeams();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<TTeam | 'new' | null>(null);

  const columns: TableProps<TTeam>['columns'] = [
    {
      title: '队伍名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <>
          <Link to={`/volunteers/teams/${r.id}`}>{name}</Link>
          {!r.isActive && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}
        </>
      ),
    },
    { title: '所属区域', dataIndex: 'areaName', width: 160 },
    { title: '队长', key: 'leader', width: 200, render: (_: unknown, r) => [r.leaderName, r.leaderPhone].filter(Boolean).join(' ') || '—' },
    { title: '在册队员', dataIndex: 'memberCount', width: 100, align: 'right', render: (n: number) => `${n} 人` },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          编辑
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="志愿服务队"
        subTitle={teams.data ? `共 ${teams.data.length} 支队伍` : undefined}
        extra={
          <>
            <Button onClick={() => navigate('/volunteers/hours')}>服务时长统计</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新建队伍
            </Button>
          </>
        }
      />
      <QueryTable<TTeam>
        query={teams}
        phoneView={
          <div className="zl-card-list">
            {(teams.data ?? []).map((t) => (
              <Link key={t.id} to={`/volunteers/teams/${t.id}`} className="zl-case-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span style={{ fontWeight: 500 }}>{t.name}</span>
                  {t.isActive ? <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t.memberCount} 人</span> : <Tag>已停用</Tag>}
                </div>
                <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.45)' }}>
                  {t.areaName}
                  {t.leaderName ? ` · 队长 ${t.leaderName}` : ''}
                </div>
              </Link>
            ))}
            {teams.data?.length === 0 && <Card size="small">还没有志愿服务队，点“新建队伍”添加</Card>}
          </div>
        }
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={teams.data}
        loading={teams.isFetching}
        pagination={false}
        locale={{ emptyText: '还没有志愿服务队' }}
      />
      {editing && <TeamModal team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface TTeamForm {
  name: string;
  areaId?: number;
  leaderName?: string;
  leaderPhone?: string;
  isActive?: boolean;
}

/** Create or edit a team. */
export function TeamModal({ team, onClose }: { team: TTeam | null; onClose: () => void }) {
  const save = useSaveTeam();
  // A masked phone (138****1234) is not sent back unless it was retyped.
  const phoneMasked = !!team?.leaderPhone && team.leaderPhone.includes('*');
  return (
    <FormModal<TTeamForm>
      title={team ? '编辑队伍' : '新建队伍'}
      successMessage="已保存"
      onClose={onClose}
      initialValues={
        team
          ? { name: team.name, areaId: team.areaId, leaderName: team.leaderName, leaderPhone: team.leaderPhone ?? undefined, isActive: team.isActive }
          : { isActive: true }
      }
      onSubmit={(v) => {
        const phone = v.leaderPhone?.trim() || null;
        const body = {
          name: v.name.trim(),
          areaId: v.areaId!,
          leaderName: v.leaderName?.trim() ?? '',
          ...(phoneMasked && phone === team?.leaderPhone ? {} : { leaderPhone: phone }),
          ...(team ? { isActive: v.isActive } : {}),
        };
        return save.mutateAsync({ id: team?.id, body });
      }}
    >
      <Form.Item name="name" label="队伍名称" rules={[{ required: true, message: '请填写队伍名称' }, { min: 2, message: '队名至少 2 个字' }]}>
        <Input maxLength={60} placeholder="如：中原社区巾帼志愿服务队" />
      </Form.Item>
      <Form.Item name="areaId" label="所属区域" rules={[{ required: true, message: '请选择所属区域' }]}>
        <AreaSelect />
      </Form.Item>
      <Form.Item name="leaderName" label="队长">
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item
        name="leaderPhone"
        label="队长电话"
        rules={[{ validator: (_, v?: string) => (!v || v === team?.leaderPhone || /^1[3-9]\d{9}$/.test(v) ? Promise.resolve() : Promise.reject(new Error('请填写正确的手机号码'))) }]}
      >
        <Input maxLength={11} inputMode="tel" />
      </Form.Item>
      {team && (
        <Form.Item name="isActive" label="在用" valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
