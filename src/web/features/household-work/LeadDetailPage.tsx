/**
 * 线索详情 (/household-leads/:id): who and why, the time limit, the procedure as steps (done /
 * open / waiting, who and when, publicity period), the history, and one button per step the
 * caller may take now (abilities.steps). Each button opens a form with what the step needs;
 * any open step may instead refuse the procedure with a reason.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TLeadDetail, TLeadStepBody } from '../../../shared/contracts/households-work';
import { stepDef, type TProcedureStep } from '../../../shared/domain/households/procedure';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import {
  DEPARTMENT_SOURCE_LABELS,
  LEAD_CHANNEL_LABELS,
  MONITORING_CATEGORIES,
  MONITORING_CATEGORY_LABELS,
  RISK_TYPE_LABELS,
  RISK_TYPES,
  type TMonitoringCategory,
  type TRiskType,
} from '../../../shared/domain/households/vocab';
import { ApiError, isStale } from '../../api/client';
import { useLead, useLeadStep, useProcedureSettings } from '../../api/household-work';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { KIND_LABELS, LeadDeadline, LeadStatusTag } from './bits';
import { HouseholdPicker } from './LeadListPage';

/** 线索详情 page. */
export default function LeadDetailPage() {
  const id = Number(useParams().id);
  const q = useLead(id);
  const [acting, setActing] = useState<TProcedureStep | null>(null);

  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const lead = q.data;
  const numbers = Object.entries(lead.numbers);

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader
        title={`${KIND_LABELS[lead.kind]} · ${lead.personName ?? lead.householdCode ?? lead.code}`}
        subTitle={
          <Space size={6} wrap>
            <span>{lead.code}</span>
            <LeadStatusTag status={lead.status} label={lead.statusLabel} />
            {lead.channel && <Tag>{LEAD_CHANNEL_LABELS[lead.channel]}</Tag>}
          </Space>
        }
      />
      {lead.status === 'refused' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`在“${lead.steps.find((s) => s.step === lead.refusedStep)?.label ?? '—'}”环节不予通过`}
          description={lead.refusedReason}
        />
      )}
      {lead.isOverdue && lead.status === 'in_progress' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`已超过 ${lead.limitDays} 天办理时限`}
          description={
            lead.escalatedCaseId ? (
              <span>
                已转督办：<Link to={`/cases/${lead.escalatedCaseId}`}>查看督办事项</Link>
              </span>
            ) : (
              '请尽快办理；区县可将逾期线索转为督办事项。'
            )
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'hh',
              label: '农户',
              children: lead.householdId ? <Link to={`/households/${lead.householdId}`} data-testid="lead-household-link">{lead.householdCode}</Link> : '未匹配在册农户',
            },
            { key: 'name', label: '姓名', children: lead.personName ?? '—' },
            { key: 'id', label: '证件号码', children: lead.idNumber ?? '—' },
            { key: 'phone', label: '联系电话', children: lead.phone ?? '—' },
            { key: 'area', label: '所在村', children: lead.areaName },
            {
              key: 'ch',
              label: '发现渠道',
              children: `${lead.channel ? LEAD_CHANNEL_LABELS[lead.channel] : '—'}${lead.department ? `（${DEPARTMENT_SOURCE_LABELS[lead.department]}）` : ''}`,
            },
            { key: 'at', label: '发现时间', children: formatDateTime(lead.raisedAt) },
            { key: 'limit', label: `时限（${lead.limitDays} 天）`, children: <LeadDeadline lead={lead} /> },
            ...(lead.closedAt ? [{ key: 'closed', label: '办结时间', children: formatDateTime(lead.closedAt) }] : []),
            { key: 'reason', label: '情况', children: lead.reason, span: { xs: 1, sm: 2, lg: 3 } },
          ]}
        />
        {numbers.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              依据数据：
            </Typography.Text>
            <Space size={[6, 4]} wrap>
              {numbers.map(([k, v]) => (
                <Tag key={k}>
                  {k}：{typeof v === 'number' ? v.toLocaleString('zh-CN') : v}
                </Tag>
              ))}
            </Space>
          </div>
        )}
        {lead.escalatedCaseId && !lead.isOverdue && (
          <div style={{ marginTop: 8 }}>
            <Link to={`/cases/${lead.escalatedCaseId}`}>查看督办事项</Link>
          </div>
        )}
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="办理程序" data-testid="lead-procedure">
            <ProcedureSteps lead={lead} />
            {lead.abilities.steps.length > 0 && (
              <div className="zl-action-bar" style={{ marginTop: 12 }}>
                {lead.abilities.steps.map((s) => (
                  <Button key={s} type="primary" onClick={() => setActing(s)}>
                    {stepDef(lead.kind, s)?.label ?? s}
                  </Button>
                ))}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="办理记录">
            <Timeline
              items={[...lead.events].reverse().map((e) => ({
                key: e.id,
                color: e.toStatus === 'refused' ? 'red' : e.toStatus === 'completed' ? 'green' : 'blue',
                children: (
                  <div>
                    <div>
                      <strong>{e.step ? (stepDef(lead.kind, e.step as TProcedureStep)?.label ?? e.step) : actionLabel(e.action)}</strong>
                      {e.action.includes('refuse') && <Tag color="red" style={{ marginLeft: 6 }}>不予通过</Tag>}
                    </div>
                    {e.note && <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>{e.note}</div>}
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                      {e.actorName ?? '系统'} · {formatDateTime(e.at)}
                    </div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {acting && <StepModal lead={lead} step={acting} onClose={() => setActing(null)} onStale={() => void q.refetch()} />}
    </div>
  );
}

function actionLabel(action: string): string {
  if (action.includes('raise') || action.includes('create')) return '登记线索';
  if (action.includes('escalate')) return '逾期转督办';
  if (action === 'case_closed') return '督办事项办结';
  if (action === 'case_reopened') return '督办事项重新整改';
  return action;
}

/** The procedure as vertical steps: done (who, when, publicity), open (whose turn), waiting. */
export function ProcedureSteps({ lead, compact }: { lead: TLeadDetail; compact?: boolean }) {
  return (
    <Steps
      direction="vertical"
      size="small"
      items={lead.steps.map((s) => {
        const refused = lead.status === 'refused' && lead.refusedStep === s.step;
        const status = refused ? 'error' : s.state === 'done' ? 'finish' : s.state === 'open' && lead.status === 'in_progress' ? 'process' : 'wait';
        const who = s.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join('或');
        return {
          key: s.step,
          status,
          title: s.label,
          description: (
            <div style={{ fontSize: 13 }} data-testid={`step-${s.step}`} data-state={refused ? 'refused' : s.state}>
              {s.state === 'done' || refused ? (
                <>
                  <div>
                    {refused ? '不予通过' : '已完成'} · {s.byName ?? '—'} · {s.on ?? ''}
                  </div>
                  {s.publicityStart && (
                    <div>
                      公示：{s.publicityStart} 至 {s.publicityEnd}
                    </div>
                  )}
                  {!compact && s.note && <div style={{ color: 'rgba(0,0,0,0.65)' }}>{s.note}</div>}
                </>
              ) : lead.status !== 'in_progress' ? (
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>未办理</span>
              ) : s.state === 'open' ? (
                <span>待{who}办理</span>
              ) : (
                <span style={{ color: 'rgba(0,0,0,0.45)' }}>
                  等待{s.after.map((a) => lead.steps.find((x) => x.step === a)?.label ?? a).join('、')}
                </span>
              )}
            </div>
          ),
        };
      })}
    />
  );
}

interface TStepForm {
  action: 'complete' | 'refuse';
  note?: string;
  publicityStart?: Dayjs;
  publicityEnd?: Dayjs;
  category?: TMonitoringCategory;
  riskTypes?: TRiskType[];
  householdId?: number;
}

/** The form of one step: note; publicity dates; for 纳入监测 the category and risk types; or a refusal. */
function StepModal({ lead, step, onClose, onStale }: { lead: TLeadDetail; step: TProcedureStep; onClose: () => void; onStale: () => void }) {
  const [form] = Form.useForm<TStepForm>();
  const action = Form.useWatch('action', form) ?? 'complete';
  const take = useLeadStep(lead.id);
  const settings = useProcedureSettings();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const def = lead.steps.find((s) => s.step === step)!;
  const minDays = settings.data?.publicityMinDays ?? 5;
  const isEnroll = step === 'enroll';
  const refuseLabel = lead.kind === 'identification' ? '不予纳入' : '不予消除';

  const submit = async () => {
    const v = await form.validateFields();
    const body: TLeadStepBody = { step, action: v.action, version: lead.version, note: v.note?.trim() || null };
    if (v.action === 'complete') {
      if (def.hasPublicity) {
        body.publicityStart = v.publicityStart!.format('YYYY-MM-DD');
        body.publicityEnd = v.publicityEnd!.format('YYYY-MM-DD');
      }
      if (isEnroll) {
        body.category = v.category;
        body.riskTypes = v.riskTypes ?? [];
        if (!lead.householdId) body.householdId = v.householdId;
      }
    }
    take.mutate(body, {
      onSuccess: (d) => {
        message.success(v.action === 'refuse' ? `已${refuseLabel}` : `“${def.label}”已办理${d.status === 'completed' ? `，${d.statusLabel}` : ''}`);
        onClose();
      },
      onError: (err) => {
        if (isStale(err)) {
          onStale();
          onClose();
        } else if (err instanceof ApiError && err.status === 409) {
          onStale();
        }
        onError(err, form);
      },
    });
  };

  return (
    <Modal
      open
      title={def.label}
      okText={action === 'refuse' ? refuseLabel : '确认办理'}
      okButtonProps={{ danger: action === 'refuse' }}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={take.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ action: 'complete' }}>
        <Form.Item name="action" label="办理结果">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'complete', label: '通过' },
              { value: 'refuse', label: refuseLabel },
            ]}
          />
        </Form.Item>
        {action === 'complete' && def.hasPublicity && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="publicityStart" label="公示开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(zoneToday(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="publicityEnd"
                label="公示结束日期"
                dependencies={['publicityStart']}
                rules={[
                  { required: true, message: '请选择结束日期' },
                  ({ getFieldValue }) => ({
                    validator(_, end: Dayjs | undefined) {
                      const start: Dayjs | undefined = getFieldValue('publicityStart');
                      if (!end || !start) return Promise.resolve();
                      if (end.isBefore(start, 'day')) return Promise.reject(new Error('结束日期不能早于开始日期'));
                      if (end.isAfter(zoneToday(), 'day')) return Promise.reject(new Error('公示期尚未结束，结束后再办理'));
                      const days = end.startOf('day').diff(start.startOf('day'), 'day') + 1;
                      if (days < minDays) return Promise.reject(new Error(`公示期 ${days} 天，须不少于 ${minDays} 天`));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(zoneToday(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12, fontSize: 12 }}>
                公示期不少于 {minDays} 天（含首尾两天），结束后方可办理。
              </Typography.Text>
            </Col>
          </Row>
        )}
        {action === 'complete' && isEnroll && (
          <>
            {!lead.householdId && (
              <Form.Item name="householdId" label="纳入监测的农户" rules={[{ required: true, message: '请选择在册农户' }]}>
                <HouseholdPicker />
              </Form.Item>
            )}
            <Form.Item name="category" label="监测对象类别" rules={[{ required: true, message: '请选择监测对象类别' }]}>
              <Radio.Group options={MONITORING_CATEGORIES.map((c) => ({ value: c, label: MONITORING_CATEGORY_LABELS[c] }))} />
            </Form.Item>
            <Form.Item name="riskTypes" label="风险类型" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项风险类型' }]}>
              <Checkbox.Group options={RISK_TYPES.map((r) => ({ value: r, label: RISK_TYPE_LABELS[r] }))} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={action === 'refuse' ? '不予通过的理由' : '办理意见'}
          rules={action === 'refuse' ? [{ required: true, whitespace: true, message: '请填写不予通过的理由' }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={noteHint(step, action)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function noteHint(step: TProcedureStep, action: 'complete' | 'refuse'): string {
  if (action === 'refuse') return '如：经核实家庭收入稳定高于监测线，无返贫致贫风险';
  switch (step) {
    case 'home_visit':
      return '如：已入户核实，填写核查表，农户签署承诺授权书';
    case 'data_check':
      return '如：已比对公安、医保、民政、车辆、房产等数据，无异常';
    case 'village_review':
    case 'review_publicity':
      return '如：经村民代表评议通过，公示无异议';
    default:
      return '办理意见（可选）';
  }
}


