/**
 * 线索与认定 (/household-leads): the leads queue with filters (识别/消除, status, discovery channel,
 * overdue, area), the days used of the time limit (red when overdue), raising a lead for a
 * registered household or a person, and 逾期线索转督办 for district roles.
 */
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Pagination,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TLeadRow } from '../../../shared/contracts/households-work';
import { PROCEDURE_STATUS_LABELS, PROCEDURE_STATUSES, type TProcedureKind } from '../../../shared/domain/households/procedure';
import { DEPARTMENT_SOURCE_LABELS, LEAD_CHANNEL_LABELS, LEAD_CHANNELS } from '../../../shared/domain/households/vocab';
import { useHouseholds } from '../../api/households';
import { useCreateLead, useEscalateOverdue, useLeads } from '../../api/household-work';
import { useCurrentUser } from '../../api/session';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { KIND_LABELS, LeadDeadline, LeadStatusTag } from './bits';

const CREATOR_ROLES = ['admin', 'leader', 'township_cadre', 'village_cadre'];
const ADMIN_ROLES = ['admin', 'leader'];
const PAGE_SIZE = 20;

/** 线索与认定 page. */
export default function LeadListPage() {
  const me = useCurrentUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const [params, set] = useUrlFilters();
  const kind = (params.get('kind') === 'elimination' ? 'elimination' : 'identification') as TProcedureKind;
  const status = params.get('status') ?? '';
  const channel = params.get('channel') ?? '';
  const overdue = params.get('overdue') === 'true';
  const noOpen = params.get('hasOpenLead') === 'false';
  const areaId = params.get('areaId') ? Number(params.get('areaId')) : undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const query = { kind, status, channel, overdue: overdue ? 'true' : undefined, hasOpenLead: noOpen ? 'false' : undefined, areaId, page, pageSize: PAGE_SIZE };
  const q = useLeads(query);
  const [raising, setRaising] = useState(false);
  const escalate = useEscalateOverdue();
  const onError = useErrorHandler();
  const { modal, message } = App.useApp();

  const askEscalate = () =>
    modal.confirm({
      title: '逾期线索转督办',
      content: '超过办理时限仍未办结的线索，每条生成一件督办事项（已转过的不再重复）。',
      okText: '转督办',
      cancelText: '取消',
      onOk: () =>
        escalate.mutateAsync().then(
          (r) => void message.success(r.escalated ? `已将 ${r.escalated} 条逾期线索转为督办事项` : '没有需要转督办的逾期线索'),
          (err) => onError(err),
        ),
    });

  const statusLabels = PROCEDURE_STATUS_LABELS[kind];
  const columns: TableProps<TLeadRow>['columns'] = [
    { title: '编号', dataIndex: 'code', width: 150, render: (v: string, r) => <Link to={`/household-leads/${r.id}`}>{v}</Link> },
    {
      title: '对象',
      key: 'who',
      render: (_, r) => (
        <div>
          <div>{r.personName ?? '—'}{r.householdCode && <span style={{ color: 'rgba(0,0,0,0.45)', marginLeft: 6, fontSize: 12 }}>{r.householdCode}</span>}</div>
          <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{r.idNumber ?? ''}</div>
        </div>
      ),
    },
    { title: '村', dataIndex: 'areaName', width: 120 },
    {
      title: '来源',
      key: 'channel',
      width: 130,
      render: (_, r) => (
        <span>
          {r.channel ? LEAD_CHANNEL_LABELS[r.channel] : '—'}
          {r.department && <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{DEPARTMENT_SOURCE_LABELS[r.department]}</div>}
        </span>
      ),
    },
    { title: '情况', dataIndex: 'reason', ellipsis: true },
    { title: '状态', key: 'status', width: 110, render: (_, r) => <LeadStatusTag status={r.status} label={r.statusLabel} /> },
    { title: '时限', key: 'deadline', width: 180, render: (_, r) => <LeadDeadline lead={r} /> },
    { title: '发现时间', dataIndex: 'raisedAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <div>
      <PageHeader
        title="线索与认定"
        subTitle="防返贫监测对象的发现、识别纳入与风险消除程序"
        extra={
          <>
            {ADMIN_ROLES.includes(me.role) && (
              <Button icon={<ThunderboltOutlined />} onClick={askEscalate} loading={escalate.isPending}>
                逾期线索转督办
              </Button>
            )}
            {CREATOR_ROLES.includes(me.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
                登记线索
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} className="zl-filters">
        <Row gutter={[12, 8]} align="middle">
          <Col xs={24} md={8} lg={6}>
            <Segmented
              block
              value={kind}
              options={[
                { value: 'identification', label: KIND_LABELS.identification },
                { value: 'elimination', label: KIND_LABELS.elimination },
              ]}
              onChange={(v) => set({ kind: v === 'elimination' ? 'elimination' : undefined, status: undefined })}
            />
          </Col>
          <Col xs={12} md={8} lg={4}>
            <Select
              aria-label="状态"
              allowClear
              placeholder="全部状态"
              value={status || undefined}
              onChange={(v) => set({ status: v })}
              options={PROCEDURE_STATUSES.map((s) => ({ value: s, label: statusLabels[s] }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={8} lg={4}>
            <Select
              aria-label="来源"
              allowClear
              placeholder="全部来源"
              value={channel || undefined}
              onChange={(v) => set({ channel: v })}
              options={LEAD_CHANNELS.map((c) => ({ value: c, label: LEAD_CHANNEL_LABELS[c] }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={16} md={8} lg={5}>
            <AreaSelect allowClear placeholder="全部区域" value={areaId} onChange={(v) => set({ areaId: v ? String(v) : undefined })} />
          </Col>
          <Col xs={8} md={8} lg={5}>
            <Checkbox checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
              只看逾期
            </Checkbox>
            <Checkbox checked={noOpen} onChange={(e) => set({ hasOpenLead: e.target.checked ? 'false' : undefined })}>
              排除办理中的农户
            </Checkbox>
          </Col>
        </Row>
      </Card>

      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : isPhone ? (
        <div className="zl-card-list">
          {q.isPending ? (
            <Card loading />
          ) : q.data.items.length === 0 ? (
            <Empty description="没有符合条件的线索" />
          ) : (
            q.data.items.map((r) => (
              <Link key={r.id} to={`/household-leads/${r.id}`} className="zl-case-card">
                <Space size={6} wrap>
                  <LeadStatusTag status={r.status} label={r.statusLabel} />
                  {r.channel && <Tag>{LEAD_CHANNEL_LABELS[r.channel]}</Tag>}
                  <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{r.code}</span>
                </Space>
                <div className="zl-case-card-title">
                  {r.personName ?? r.householdCode ?? '—'} · {r.areaName}
                </div>
                <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', marginBottom: 4 }}>{r.reason}</div>
                <div className="zl-case-card-meta">
                  <LeadDeadline lead={r} />
                  <span>{formatDateTime(r.raisedAt)}</span>
                </div>
              </Link>
            ))
          )}
          {q.data && q.data.total > PAGE_SIZE && (
            <Pagination simple current={page} pageSize={PAGE_SIZE} total={q.data.total} onChange={(p) => set({ page: String(p) })} style={{ textAlign: 'center' }} />
          )}
        </div>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<TLeadRow>
            rowKey="id"
            size="middle"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            rowClassName={(r) => (r.isOverdue && r.status === 'in_progress' ? 'zl-row-overdue' : '')}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/household-leads/${r.id}`) })}
            locale={{ emptyText: <Empty description="没有符合条件的线索" /> }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: q.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p) => set({ page: String(p) }),
            }}
          />
        </Card>
      )}
      {raising && <RaiseLeadModal onClose={() => setRaising(false)} />}
    </div>
  );
}

interface TRaiseForm {
  target: 'household' | 'person';
  householdId?: number;
  personName?: string;
  idNumber?: string;
  areaId?: number;
  phone?: string;
  reason?: string;
}

/** 登记线索: for a registered household, or a person by name and ID number. */
function RaiseLeadModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<TRaiseForm>();
  const target = Form.useWatch('target', form) ?? 'household';
  const create = useCreateLead();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const submit = async () => {
    const v = await form.validateFields();
    const body =
      v.target === 'household'
        ? { channel: 'cadre' as const, householdId: v.householdId, reason: v.reason!, phone: v.phone || undefined }
        : { channel: 'cadre' as const, personName: v.personName, idNumber: v.idNumber, areaId: v.areaId, phone: v.phone || undefined, reason: v.reason! };
    create.mutate(body, {
      onSuccess: (d) => {
        message.success(`已登记线索 ${d.code}`);
        onClose();
        navigate(`/household-leads/${d.id}`);
      },
      onError: (err) => onError(err, form),
    });
  };

  return (
    <Modal open title="登记线索" okText="登记" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ target: 'household' }}>
        <Form.Item name="target" label="对象">
          <Radio.Group optionType="button" options={[{ value: 'household', label: '已登记农户' }, { value: 'person', label: '按姓名和证件号' }]} />
        </Form.Item>
        {target === 'household' ? (
          <Form.Item name="householdId" label="农户" rules={[{ required: true, message: '请选择农户' }]}>
            <HouseholdPicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="personName" label="姓名" rules={[{ required: true, min: 2, message: '请填写姓名（至少 2 个字）' }]}>
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="idNumber" label="身份证号码" rules={[{ required: true, message: '请填写身份证号码' }]}>
              <Input maxLength={40} inputMode="text" autoComplete="off" />
            </Form.Item>
            <Form.Item name="areaId" label="所在村" extra="在册人员可不选，系统按证件号匹配农户">
              <AreaSelect allowClear placeholder="选择行政村" />
            </Form.Item>
          </>
        )}
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="reason" label="情况说明" rules={[{ required: true, min: 4, message: '请说明情况（至少 4 个字）' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：户主突发重病住院，自付医疗费用较高" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Picks a registered household by 户编号 or a member's name. */
export function HouseholdPicker(props: { id?: string; value?: number; onChange?: (v: number | undefined) => void }) {
  const [search, setSearch] = useState('');
  const q = useHouseholds({ q: search.trim() || undefined, page: 1, pageSize: 20 });
  const options = useMemo(
    () =>
      (q.data?.items ?? []).map((h) => ({
        value: h.id,
        label: `${h.headName ?? '（无户主）'}户 · ${h.code} · ${h.areaName}`,
      })),
    [q.data],
  );
  return (
    <Select
      id={props.id}
      showSearch
      allowClear
      filterOption={false}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      onSearch={setSearch}
      options={options}
      loading={q.isFetching}
      placeholder="输入户编号或成员姓名搜索"
      notFoundContent={q.isFetching ? '搜索中…' : '没有找到'}
    />
  );
}
