/**
 * One volunteer team: its members (add, deactivate) and activities (add with day, place,
 * description, participants, hours per member or in total, and photos).
 */
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { TAttachmentRef } from '../../../shared/contracts/cases';
import { useActivities, useAddActivity, useAddMember, useMembers, useRemoveMember, useTeams, type TActivity, type TMember } from '../../api/volunteers';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { PhotoUpload } from '../../components/PhotoUpload';
import { QueryError } from '../../components/QueryError';
import { FullPageSpin } from '../../components/RequireAuth';
import { zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';
import { TeamModal } from './TeamsPage';

/** Team detail page. */
export default function TeamDetailPage() {
  const teamId = Number(useParams().id);
  const teams = useTeams();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [editing, setEditing] = useState(false);
  const team = teams.data?.find((t) => t.id === teamId);
  if (teams.isLoading) return <FullPageSpin />;
  if (teams.isError) return <QueryError error={teams.error} onRetry={() => teams.refetch()} />;
  if (!team) return <QueryError error={Object.assign(new Error('没有找到这支队伍'), { status: 404 })} />;
  return (
    <>
      <PageHeader
        title={
          <span>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回队伍列表" onClick={() => navigate('/volunteers')} style={{ marginLeft: -8 }} />
            {team.name}
            {!team.isActive && <Tag style={{ marginLeft: 8 }}>已停用</Tag>}
          </span>
        }
        extra={<Button onClick={() => setEditing(true)}>编辑队伍</Button>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={isPhone ? 1 : 3}>
          <Descriptions.Item label="所属区域">{team.areaName}</Descriptions.Item>
          <Descriptions.Item label="队长">{[team.leaderName, team.leaderPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="在册队员">{team.memberCount} 人</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          defaultActiveKey="activities"
          items={[
            { key: 'activities', label: '服务活动', children: <Activities teamId={teamId} /> },
            { key: 'members', label: '队员', children: <Members teamId={teamId} /> },
          ]}
        />
      </Card>
      {editing && <TeamModal team={team} onClose={() => setEditing(false)} />}
    </>
  );
}

function Members({ teamId }: { teamId: number }) {
  const members = useMembers(teamId);
  const add = useAddMember(teamId);
  const remove = useRemoveMember(teamId);
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; phone?: string }>();
  const columns: TableProps<TMember>['columns'] = [
    { title: '姓名', dataIndex: 'name', render: (n: string, r) => (r.isActive ? n : <Typography.Text type="secondary">{n}（已退出）</Typography.Text>) },
    { title: '电话', dataIndex: 'phone', width: 160, render: (p: string | null) => p ?? '—' },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_: unknown, r) =>
        r.isActive ? (
          <Popconfirm
            title={`将 ${r.name} 设为退出？`}
            description="历史服务时长保留。"
            okText="确定"
            cancelText="取消"
            onConfirm={() => remove.mutateAsync(r.id).then(() => message.success('已退出'), (err) => onError(err))}
          >
            <Button type="link" size="small" danger>
              退出
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) =>
          add.mutate(
            { name: v.name.trim(), phone: v.phone?.trim() || null },
            {
              onSuccess: () => {
                message.success('已添加队员');
                form.resetFields();
              },
              onError: (err) => onError(err, form),
            },
          )
        }
      >
        <Form.Item name="name" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input placeholder="队员姓名" aria-label="队员姓名" maxLength={20} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="phone" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请填写正确的手机号码' }]}>
          <Input placeholder="手机号码（选填）" aria-label="手机号码" inputMode="tel" maxLength={11} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
            添加队员
          </Button>
        </Form.Item>
      </Form>
      {members.isError ? (
        <QueryError error={members.error} onRetry={() => members.refetch()} />
      ) : (
        <Table<TMember>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={members.data}
          loading={members.isFetching}
          pagination={false}
          locale={{ emptyText: '还没有队员' }}
        />
      )}
    </>
  );
}

function Activities({ teamId }: { teamId: number }) {
  const activities = useActivities(teamId);
  const members = useMembers(teamId);
  const [adding, setAdding] = useState(false);
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>
        登记活动
      </Button>
      {activities.isError ? (
        <QueryError error={activities.error} onRetry={() => activities.refetch()} />
      ) : (
        <List<TActivity>
          loading={activities.isLoading}
          dataSource={activities.data ?? []}
          locale={{ emptyText: <Empty description="还没有服务活动" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          renderItem={(a) => (
            <List.Item key={a.id}>
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                  <span style={{ fontWeight: 500 }}>
                    {a.day} · {a.place}
                  </span>
                  <Tag color="blue">{a.totalHours.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 小时</Tag>
                </div>
                {a.description && <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{a.description}</div>}
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                  {a.memberIds.length ? `参与：${a.memberIds.map((id) => names.get(id) ?? `#${id}`).join('、')}` : '未登记参与队员'}
                  {a.hoursPerMember != null && ` · 每人 ${a.hoursPerMember} 小时`}
                </div>
                {a.photos.length > 0 && (
                  <Space wrap style={{ marginTop: 6 }}>
                    {a.photos.map((p) => (
                      <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                        <img src={p.thumbUrl ?? p.url} alt="活动照片" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4 }} />
                      </a>
                    ))}
                  </Space>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {adding && <ActivityModal teamId={teamId} members={(members.data ?? []).filter((m) => m.isActive)} onClose={() => setAdding(false)} />}
    </>
  );
}

interface TActivityForm {
  day: Dayjs;
  place: string;
  description?: string;
  memberIds?: number[];
  mode: 'perMember' | 'total';
  hours?: number;
  photos?: TAttachmentRef[];
}

function ActivityModal({ teamId, members, onClose }: { teamId: number; members: TMember[]; onClose: () => void }) {
  const [form] = Form.useForm<TActivityForm>();
  const add = useAddActivity(teamId);
  const mode = Form.useWatch('mode', form);
  const picked = Form.useWatch('memberIds', form) ?? [];
  const hours = Form.useWatch('hours', form);
  return (
    <FormModal<TActivityForm>
      form={form}
      title="登记服务活动"
      successMessage="活动已登记"
      onClose={onClose}
      width={560}
      initialValues={{ day: zoneToday(), mode: 'perMember', memberIds: [] }}
      onSubmit={(v) =>
        add.mutateAsync({
          day: v.day.format('YYYY-MM-DD'),
          place: v.place.trim(),
          description: v.description?.trim() ?? '',
          memberIds: v.memberIds ?? [],
          hoursPerMember: v.mode === 'perMember' ? v.hours! : null,
          totalHours: v.mode === 'total' ? v.hours! : null,
          attachmentIds: (v.photos ?? []).map((p) => p.id),
        })
      }
    >
      <Form.Item name="day" label="活动日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(zoneToday())} inputReadOnly allowClear={false} />
      </Form.Item>
      <Form.Item name="place" label="活动地点" rules={[{ required: true, message: '请填写活动地点' }]}>
        <Input maxLength={100} placeholder="如：中原社区A区 中心广场" />
      </Form.Item>
      <Form.Item name="description" label="活动内容">
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：清理小区卫生死角、劝导文明停车" />
      </Form.Item>
      <Form.Item
        name="memberIds"
        label="参与队员"
        rules={[{ validator: (_, v?: number[]) => (mode === 'perMember' && !v?.length ? Promise.reject(new Error('按每人时长计算时请选择参与队员')) : Promise.resolve()) }]}
      >
        <Select
          mode="multiple"
          allowClear
          placeholder={members.length ? '选择参与的队员' : '队伍还没有队员'}
          optionFilterProp="label"
          options={members.map((m) => ({ value: m.id, label: m.name }))}
          maxTagCount="responsive"
        />
      </Form.Item>
      <Form.Item name="mode" label="时长计算">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'perMember', label: '按每人时长' },
            { value: 'total', label: '按总时长' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="hours"
        label={mode === 'total' ? '总时长（小时）' : '每人时长（小时）'}
        rules={[{ required: true, message: '请填写时长' }]}
        extra={mode !== 'total' && hours && picked.length ? `合计 ${(hours * picked.length).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 小时` : undefined}
      >
        <InputNumber min={0.5} max={mode === 'total' ? 100000 : 24} step={0.5} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="photos" label="活动照片">
        <PhotoUpload kind="evidence" max={9} />
      </Form.Item>
    </FormModal>
  );
}
