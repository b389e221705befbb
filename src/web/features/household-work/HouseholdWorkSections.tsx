/**
 * Sections of the household page for the work on the household: its procedures (识别纳入 /
 * 风险消除, with the latest one's steps), 帮扶措施 with funds (allocated / paid), 走访记录 (a
 * problem found becomes a case), and the 风险消除 check with each criterion explained.
 */
import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TAttachmentRef } from '../../../shared/contracts/cases';
import type { THouseholdDetail } from '../../../shared/contracts/households';
import type { TMeasure, TMeasureBody } from '../../../shared/contracts/households-work';
import {
  MEASURE_STATUS_LABELS,
  MEASURE_STATUSES,
  MEASURE_TYPE_LABELS,
  MEASURE_TYPES,
  type TFundKind,
  type TMeasureStatus,
  type TMeasureType,
} from '../../../shared/domain/households/vocab';
import {
  useEliminationCheck,
  useLead,
  useLeads,
  useMeasureActions,
  useMeasures,
  useRecordVisit,
  useStartElimination,
  useVisits,
} from '../../api/household-work';
import { useCurrentUser } from '../../api/session';
import { PhotoGallery, PhotoUpload } from '../../components/PhotoUpload';
import { zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { KIND_LABELS, LeadDeadline, LeadStatusTag, yuan } from './bits';
import { ProcedureSteps } from './LeadDetailPage';

const MEASURE_EDITORS = ['admin', 'township_cadre', 'village_cadre'];
const VISITORS = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'];
const ELIMINATION_STARTERS = ['admin', 'township_cadre', 'village_cadre'];
const MEASURE_STATUS_COLORS: Record<TMeasureStatus, string> = { planned: 'default', in_progress: 'processing', completed: 'success', cancelled: 'default' };

/** Every work section of one household. */
export function HouseholdWorkSections({ h }: { h: THouseholdDetail }) {
  return (
    <div style={{ marginTop: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <ProceduresCard h={h} />
      <MeasuresCard h={h} />
      <VisitsCard h={h} />
      {h.type === 'monitored' && !h.riskEliminatedAt && <EliminationCard h={h} />}
    </div>
  );
}

// ---- procedures ------------------------------------------------------------------------------------

function ProceduresCard({ h }: { h: THouseholdDetail }) {
  const ident = useLeads({ kind: 'identification', householdId: h.id, page: 1, pageSize: 10 });
  const elim = useLeads({ kind: 'elimination', householdId: h.id, page: 1, pageSize: 10 });
  const all = [...(ident.data?.items ?? []), ...(elim.data?.items ?? [])].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  const latest = all[0];
  return (
    <Card size="small" title="识别与消除程序" data-testid="household-procedures" loading={ident.isPending || elim.isPending}>
      {all.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无识别或消除程序" />
      ) : (
        <Row gutter={[16, 12]}>
          <Col xs={24} md={10}>
            <List
              size="small"
              dataSource={all}
              renderItem={(l) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <div style={{ width: '100%' }}>
                    <Space size={6} wrap>
                      <Link to={`/household-leads/${l.id}`}>{KIND_LABELS[l.kind]} · {l.code}</Link>
                      <LeadStatusTag status={l.status} label={l.statusLabel} />
                    </Space>
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                      <LeadDeadline lead={l} />
                    </div>
                  </div>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24} md={14}>{latest && <LatestSteps id={latest.id} />}</Col>
        </Row>
      )}
    </Card>
  );
}

function LatestSteps({ id }: { id: number }) {
  const q = useLead(id);
  if (!q.data) return null;
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        最近一次：{KIND_LABELS[q.data.kind]}（{q.data.statusLabel}）
      </Typography.Text>
      <div style={{ marginTop: 8 }}>
        <ProcedureSteps lead={q.data} compact />
      </div>
    </div>
  );
}

// ---- measures -------------------------------------------------------------------------------------

function MeasuresCard({ h }: { h: THouseholdDetail }) {
  const me = useCurrentUser();
  const q = useMeasures(h.id);
  const actions = useMeasureActions(h.id);
  const canEdit = MEASURE_EDITORS.includes(me.role) && h.abilities.canEdit;
  const [adding, setAdding] = useState(false);
  const [fund, setFund] = useState<{ measure: TMeasure; kind: TFundKind } | null>(null);
  const items = q.data?.items ?? [];
  const allocated = items.reduce((s, m) => s + m.allocated, 0);
  const paid = items.reduce((s, m) => s + m.paid, 0);

  return (
    <Card
      size="small"
      title={`帮扶措施（${items.length} 项）`}
      data-testid="household-measures"
      loading={q.isPending}
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加措施
          </Button>
        )
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无帮扶措施" />
      ) : (
        <>
          <div style={{ marginBottom: 8, fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
            资金合计：下达 {yuan(allocated)} 元，已拨付 {yuan(paid)} 元
          </div>
          <List
            size="small"
            dataSource={items}
            renderItem={(m) => (
              <List.Item style={{ paddingInline: 0, display: 'block' }}>
                <Space size={6} wrap>
                  <Tag color="blue">{m.typeLabel}</Tag>
                  <Tag color={MEASURE_STATUS_COLORS[m.status]}>{m.statusLabel}</Tag>
                  <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                    {m.startOn}
                    {m.endOn ? ` 至 ${m.endOn}` : ' 起'}
                    {m.unitName ? ` · ${m.unitName}` : ''}
                  </span>
                </Space>
                <div style={{ margin: '4px 0' }}>{m.content}</div>
                <Space size={[12, 4]} wrap style={{ fontSize: 13 }}>
                  {m.amount != null && <span>计划 {yuan(m.amount)} 元</span>}
                  <span>下达 {yuan(m.allocated)} 元</span>
                  <span className={m.allocated > m.paid ? 'zl-overdue' : undefined}>已拨付 {yuan(m.paid)} 元</span>
                  {canEdit && m.status !== 'cancelled' && (
                    <Space size={4} wrap>
                      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setFund({ measure: m, kind: 'allocation' })}>
                        登记下达
                      </Button>
                      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setFund({ measure: m, kind: 'payment' })}>
                        登记拨付
                      </Button>
                      <Select<TMeasureStatus>
                        size="small"
                        aria-label="措施状态"
                        value={m.status}
                        style={{ width: 96 }}
                        options={MEASURE_STATUSES.map((s) => ({ value: s, label: MEASURE_STATUS_LABELS[s] }))}
                        onChange={(status) => actions.setStatus.mutate({ measureId: m.id, status, version: m.version })}
                      />
                    </Space>
                  )}
                </Space>
                {m.funds.length > 0 && (
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 2 }}>
                    {m.funds.map((f) => `${f.on} ${f.kind === 'allocation' ? '下达' : '拨付'} ${yuan(f.amount)} 元${f.note ? `（${f.note}）` : ''}`).join('；')}
                  </div>
                )}
              </List.Item>
            )}
          />
        </>
      )}
      {adding && <MeasureModal actions={actions} onClose={() => setAdding(false)} />}
      {fund && <FundModal measure={fund.measure} kind={fund.kind} actions={actions} onClose={() => setFund(null)} />}
    </Card>
  );
}

interface TMeasureForm {
  type?: TMeasureType;
  content?: string;
  amount?: number | null;
  startOn?: Dayjs;
  endOn?: Dayjs | null;
  unitName?: string;
  status: TMeasureStatus;
}

function MeasureModal({ actions, onClose }: { actions: ReturnType<typeof useMeasureActions>; onClose: () => void }) {
  const [form] = Form.useForm<TMeasureForm>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    const body: TMeasureBody = {
      type: v.type!,
      content: v.content!.trim(),
      amount: v.amount ?? null,
      startOn: v.startOn!.format('YYYY-MM-DD'),
      endOn: v.endOn ? v.endOn.format('YYYY-MM-DD') : null,
      unitName: v.unitName?.trim() || null,
      status: v.status,
    };
    actions.create.mutate(body, {
      onSuccess: () => {
        message.success('已添加帮扶措施');
        onClose();
      },
      onError: (err) => onError(err, form),
    });
  };
  return (
    <Modal open title="添加帮扶措施" okText="添加" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={actions.create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ status: 'in_progress', startOn: zoneToday() }}>
        <Form.Item name="type" label="措施类型" rules={[{ required: true, message: '请选择措施类型' }]}>
          <Select showSearch optionFilterProp="label" options={MEASURE_TYPES.map((t) => ({ value: t, label: MEASURE_TYPE_LABELS[t] }))} placeholder="选择措施类型" />
        </Form.Item>
        <Form.Item name="content" label="帮扶内容" rules={[{ required: true, whitespace: true, min: 2, message: '请填写帮扶内容' }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder="如：安排村保洁公益性岗位，每月 800 元" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="amount" label="金额（元）">
              <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} placeholder="无资金可不填" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitName" label="责任单位">
              <Input maxLength={60} placeholder="如：乡人社所" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="startOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="endOn"
              label="结束日期"
              dependencies={['startOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | null) =>
                    v && getFieldValue('startOn') && v.isBefore(getFieldValue('startOn'), 'day') ? Promise.reject(new Error('不能早于开始日期')) : Promise.resolve(),
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="status" label="状态">
          <Radio.Group optionType="button" options={MEASURE_STATUSES.filter((s) => s !== 'cancelled').map((s) => ({ value: s, label: MEASURE_STATUS_LABELS[s] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FundModal(props: { measure: TMeasure; kind: TFundKind; actions: ReturnType<typeof useMeasureActions>; onClose: () => void }) {
  const [form] = Form.useForm<{ amount?: number; on?: Dayjs; note?: string }>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const label = props.kind === 'allocation' ? '登记资金下达' : '登记资金拨付';
  const submit = async () => {
    const v = await form.validateFields();
    props.actions.addFund.mutate(
      { measureId: props.measure.id, body: { kind: props.kind, amount: v.amount!, on: v.on!.format('YYYY-MM-DD'), note: v.note?.trim() || null } },
      {
        onSuccess: () => {
          message.success(`已${label.slice(2)}`);
          props.onClose();
        },
        onError: (err) => onError(err, form),
      },
    );
  };
  return (
    <Modal open title={label} okText="保存" cancelText="取消" onOk={submit} onCancel={props.onClose} confirmLoading={props.actions.addFund.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {props.measure.typeLabel}：{props.measure.content}（已下达 {yuan(props.measure.allocated)} 元，已拨付 {yuan(props.measure.paid)} 元）
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ on: zoneToday() }}>
        <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0.01} max={100_000_000} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(zoneToday(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input maxLength={200} placeholder="如：拨付凭证号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- visits ---------------------------------------------------------------------------------------

function VisitsCard({ h }: { h: THouseholdDetail }) {
  const me = useCurrentUser();
  const q = useVisits(h.id);
  const [adding, setAdding] = useState(false);
  const canVisit = VISITORS.includes(me.role);
  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={`走访记录（${items.length} 次）`}
      data-testid="household-visits"
      loading={q.isPending}
      extra={
        canVisit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            记录走访
          </Button>
        )
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无走访记录" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(v) => (
            <List.Item style={{ paddingInline: 0, display: 'block' }}>
              <Space size={6} wrap>
                <strong>{v.visitedOn}</strong>
                <span>{v.visitorName}</span>
                {v.hasProblem && (v.caseId ? <Link to={`/cases/${v.caseId}`}><Tag color="red">发现问题 · 查看督办事项</Tag></Link> : <Tag color="red">发现问题</Tag>)}
              </Space>
              <div style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{v.findings}</div>
              {v.photos.length > 0 && <PhotoGallery size={72} photos={v.photos} />}
            </List.Item>
          )}
        />
      )}
      {adding && <VisitModal householdId={h.id} onClose={() => setAdding(false)} />}
    </Card>
  );
}

interface TVisitForm {
  visitedOn?: Dayjs;
  findings?: string;
  photos?: TAttachmentRef[];
  hasProblem?: boolean;
  title?: string;
  description?: string;
  severity: 'normal' | 'serious' | 'urgent';
}

function VisitModal({ householdId, onClose }: { householdId: number; onClose: () => void }) {
  const [form] = Form.useForm<TVisitForm>();
  const hasProblem = Form.useWatch('hasProblem', form) ?? false;
  const record = useRecordVisit(householdId);
  const onError = useErrorHandler();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const submit = async () => {
    const v = await form.validateFields();
    record.mutate(
      {
        visitedOn: v.visitedOn!.format('YYYY-MM-DD'),
        findings: v.findings!.trim(),
        attachmentIds: (v.photos ?? []).map((p) => p.id),
        problem: v.hasProblem ? { title: v.title!.trim(), description: v.description?.trim() ?? '', severity: v.severity } : undefined,
      },
      {
        onSuccess: (visit) => {
          onClose();
          if (visit.caseId) {
            modal.success({
              title: '走访已记录，发现的问题已生成督办事项',
              okText: '查看督办事项',
              closable: true,
              onOk: () => navigate(`/cases/${visit.caseId}`),
            });
          } else message.success('走访已记录');
        },
        onError: (err) => onError(err, form),
      },
    );
  };
  return (
    <Modal open title="记录走访" okText="保存" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ visitedOn: zoneToday(), hasProblem: false, severity: 'normal' }}>
        <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(zoneToday(), 'day')} />
        </Form.Item>
        <Form.Item name="findings" label="走访情况" rules={[{ required: true, whitespace: true, min: 2, message: '请填写走访情况' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="家庭收入、健康、就学、住房、饮水等情况" />
        </Form.Item>
        <Form.Item name="photos" label="照片">
          <PhotoUpload kind="evidence" max={9} />
        </Form.Item>
        <Form.Item name="hasProblem" label="发现问题" valuePropName="checked" extra="打开后将生成一件督办事项">
          <Switch />
        </Form.Item>
        {hasProblem && (
          <>
            <Form.Item name="title" label="问题标题" rules={[{ required: true, whitespace: true, min: 2, message: '请填写问题标题' }]}>
              <Input maxLength={100} placeholder="如：危房改造补助未到位" />
            </Form.Item>
            <Form.Item name="description" label="问题描述">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name="severity" label="紧急程度">
              <Radio.Group optionType="button" options={[{ value: 'normal', label: '一般' }, { value: 'serious', label: '较重' }, { value: 'urgent', label: '紧急' }]} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

// ---- elimination ----------------------------------------------------------------------------------

function EliminationCard({ h }: { h: THouseholdDetail }) {
  const me = useCurrentUser();
  const q = useEliminationCheck(h.id, true);
  const inProgress = useLeads({ kind: 'elimination', householdId: h.id, status: 'in_progress', page: 1, pageSize: 1 });
  const start = useStartElimination(h.id);
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const open = inProgress.data?.items[0];
  const canStart = ELIMINATION_STARTERS.includes(me.role);

  const askStart = () =>
    modal.confirm({
      title: '启动风险消除程序',
      content: '将按“入户核实 → 民主评议公示 → 审核确认公告”办理风险消除。',
      okText: '启动',
      cancelText: '取消',
      onOk: () =>
        start.mutateAsync(null).then(
          (d) => navigate(`/household-leads/${d.id}`),
          (err) => onError(err),
        ),
    });

  return (
    <Card size="small" title="风险消除" data-testid="household-elimination" loading={q.isPending}>
      {q.isError ? (
        <Alert type="warning" showIcon message={(q.error as Error).message} />
      ) : q.data ? (
        <>
          <List
            size="small"
            dataSource={q.data.criteria}
            renderItem={(c) => (
              <List.Item style={{ paddingInline: 0, alignItems: 'flex-start' }}>
                <Space align="start" size={8}>
                  {c.isMet ? <CheckCircleFilled style={{ color: '#16a34a', marginTop: 4 }} /> : <CloseCircleFilled style={{ color: '#dc2626', marginTop: 4 }} />}
                  <div>
                    <div style={{ fontWeight: 500 }}>{c.label}</div>
                    <div style={{ fontSize: 13, color: c.isMet ? 'rgba(0,0,0,0.55)' : '#b91c1c' }}>{c.message}</div>
                  </div>
                </Space>
              </List.Item>
            )}
          />
          <div style={{ marginTop: 8 }}>
            {open ? (
              <Alert type="info" showIcon message={<span>风险消除程序办理中：<Link to={`/household-leads/${open.id}`}>{open.code}</Link></span>} />
            ) : q.data.isEligible ? (
              canStart ? (
                <Button type="primary" onClick={askStart} loading={start.isPending}>
                  启动风险消除
                </Button>
              ) : (
                <Alert type="success" showIcon message="已满足风险消除条件，可由村、乡镇干部启动消除程序。" />
              )
            ) : (
              <Typography.Text type="secondary">尚未满足全部条件，暂不能启动风险消除。</Typography.Text>
            )}
          </div>
        </>
      ) : null}
    </Card>
  );
}
