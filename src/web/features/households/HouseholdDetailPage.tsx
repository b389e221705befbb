/**
 * 农户详情: the household with its members (masked, with an audited 查看完整信息 for allowed
 * roles), income by year against the monitoring line, 两不愁三保障 + 饮水 by year, screening
 * flags with the numbers behind them, the member history and the household's whole timeline;
 * editors add and edit members (the server's ID-number messages appear on the field), record a
 * year's income and 三保障.
 */
import { EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { THouseholdDetail, TMember } from '../../../shared/contracts/households';
import {
  EDUCATION_LABELS,
  EDUCATIONS,
  GUARANTEE_ITEM_LABELS,
  GUARANTEE_ITEMS,
  HEALTH_STATUS_LABELS,
  HEALTH_STATUSES,
  HOUSEHOLD_TYPE_LABELS,
  JOIN_KINDS,
  LABOUR_SKILL_LABELS,
  LABOUR_SKILLS,
  MONITORING_CATEGORY_LABELS,
  MOVE_KIND_LABELS,
  RELATION_LABELS,
  RELATIONS,
  RISK_TYPE_LABELS,
  SCHOOL_STATUS_LABELS,
  SCHOOL_STATUSES,
  WATER_STATUS_LABELS,
  type TGuaranteeItem,
} from '../../../shared/domain/households/vocab';
import { useHousehold, useHouseholdActions, useMonitoringLines } from '../../api/households';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { lineFor, optionsOf, yuan } from './labels';
import { ArchiveSection } from '../household-work/ArchiveSection';
import { HouseholdTimeline } from './HouseholdTimeline';
import { HouseholdWorkSections } from '../household-work/HouseholdWorkSections';

type TActions = ReturnType<typeof useHouseholdActions>;

/** 农户详情 page. */
export default function HouseholdDetailPage() {
  const id = Number(useParams().id);
  const [reveal, setReveal] = useState(false);
  const q = useHousehold(id, reveal);
  const lines = useMonitoringLines();
  const actions = useHouseholdActions(id);
  const { modal } = App.useApp();
  const [memberEdit, setMemberEdit] = useState<TMember | 'new' | null>(null);
  const [incomeOpen, setIncomeOpen] = useState(false);
  const [guaranteeOpen, setGuaranteeOpen] = useState(false);

  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const h = q.data;
  const canEdit = h.abilities.canEdit;

  const askReveal = () =>
    modal.confirm({
      title: '查看完整信息',
      content: '将显示本户成员的完整身份证号码和联系电话。此次查看会记入审计日志（查看人、时间、农户），请仅在工作需要时查看，不要截图或外传。',
      okText: '确认查看',
      cancelText: '取消',
      onOk: () => setReveal(true),
    });

  return (
    <div style={{ maxWidth: 1100 }}>
      <PageHeader
        title={`${h.headName ?? '（无户主）'}户`}
        subTitle={
          <Space size={6} wrap>
            <span>{h.code}</span>
            <Tag color={h.type === 'monitored' ? 'orange' : h.type === 'lifted' ? 'blue' : undefined}>{HOUSEHOLD_TYPE_LABELS[h.type]}</Tag>
            {h.monitoringCategory && <Tag>{MONITORING_CATEGORY_LABELS[h.monitoringCategory]}</Tag>}
            {!h.isActive && <Tag>已注销</Tag>}
          </Space>
        }
        extra={
          h.abilities.canReveal ? (
            reveal ? (
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setReveal(false)}>
                隐藏完整信息
              </Button>
            ) : (
              <Button icon={<EyeOutlined />} onClick={askReveal}>
                查看完整信息
              </Button>
            )
          ) : null
        }
      />
      {reveal && h.isRevealed && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="正在显示完整证件号码和电话，本次查看已记入审计日志。" />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'area', label: '区域', children: `${h.areaName}${h.hamlet ? ` · ${h.hamlet}` : ''}` },
            { key: 'addr', label: '住址', children: h.address ?? '—' },
            { key: 'phone', label: '联系电话', children: h.phone ?? '—' },
            { key: 'cadre', label: '帮扶责任人', children: h.cadreName ?? '—' },
            { key: 'risk', label: '风险类型', children: h.riskTypes.length ? h.riskTypes.map((r) => RISK_TYPE_LABELS[r]).join('、') : '—' },
            { key: 'house', label: '住房安全等级', children: h.housingGrade ? `${h.housingGrade} 级${['C', 'D'].includes(h.housingGrade) ? '（危房）' : ''}` : '—' },
            { key: 'water', label: '饮水', children: h.drinkingWater ? WATER_STATUS_LABELS[h.drinkingWater] : '—' },
            { key: 'ident', label: '识别纳入', children: h.identifiedAt ?? '—' },
            { key: 'elim', label: '风险消除', children: h.riskEliminatedAt ?? '—' },
          ]}
        />
      </Card>

      <FlagsCard h={h} />

      <Card
        size="small"
        title={`家庭成员（${h.members.filter((m) => m.isActive).length} 人）`}
        style={{ marginBottom: 12 }}
        extra={
          canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setMemberEdit('new')}>
              添加成员
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <MembersTable members={h.members} canEdit={canEdit} onEdit={setMemberEdit} />
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title="收入情况（元）"
            extra={canEdit && <Button size="small" onClick={() => setIncomeOpen(true)}>录入收入</Button>}
            styles={{ body: { padding: 0 } }}
          >
            <IncomeTable h={h} lines={lines.data?.items ?? []} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title="两不愁三保障及饮水安全"
            extra={canEdit && <Button size="small" onClick={() => setGuaranteeOpen(true)}>录入核查</Button>}
          >
            <GuaranteesView h={h} />
          </Card>
        </Col>
      </Row>

      <HouseholdWorkSections h={h} />

      <ArchiveSection householdId={h.id} />

      <Card size="small" title="成员变动记录" style={{ marginTop: 12 }}>
        {h.moves.length ? (
          <Timeline
            items={h.moves.map((m) => ({
              key: m.id,
              children: (
                <div>
                  <Space size={6} wrap>
                    <strong>{m.memberName}</strong>
                    <Tag>{m.kindLabel}</Tag>
                    <span>{m.movedOn}</span>
                  </Space>
                  {m.note && <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>{m.note}</div>}
                  <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>登记于 {formatDateTime(m.at)}</div>
                </div>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变动记录" />
        )}
      </Card>

      <HouseholdTimeline householdId={h.id} />

      {memberEdit && (
        <MemberModal member={memberEdit === 'new' ? null : memberEdit} revealed={h.isRevealed} actions={actions} onClose={() => setMemberEdit(null)} />
      )}
      {incomeOpen && <IncomeModal h={h} actions={actions} onClose={() => setIncomeOpen(false)} />}
      {guaranteeOpen && <GuaranteeModal h={h} actions={actions} onClose={() => setGuaranteeOpen(false)} />}
    </div>
  );
}

function FlagsCard({ h }: { h: THouseholdDetail }) {
  const open = h.flags.filter((f) => !f.resolvedAt);
  const resolved = h.flags.filter((f) => f.resolvedAt);
  if (!h.flags.length) return null;
  return (
    <Card size="small" title={`风险提示（${open.length} 项未消除）`} style={{ marginBottom: 12, borderColor: open.length ? '#ffa39e' : undefined }}>
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {open.map((f) => (
          <Alert
            key={f.id}
            type="error"
            showIcon
            message={
              <span>
                <strong>{f.ruleLabel}</strong>（{f.year} 年）
              </span>
            }
            description={
              <div>
                <div>{f.message}</div>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>筛查于 {formatDateTime(f.raisedAt)}</div>
              </div>
            }
          />
        ))}
        {resolved.map((f) => (
          <Typography.Text key={f.id} type="secondary" style={{ fontSize: 13 }}>
            已消除：{f.ruleLabel}（{f.year} 年）— {f.message}，{formatDate(f.resolvedAt)} 消除
          </Typography.Text>
        ))}
      </Space>
    </Card>
  );
}

function MembersTable({ members, canEdit, onEdit }: { members: TMember[]; canEdit: boolean; onEdit: (m: TMember) => void }) {
  const columns: TableProps<TMember>['columns'] = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (n: string, m) => (
        <span>
          {canEdit && m.isActive ? <a onClick={() => onEdit(m)}>{n}</a> : n}
          {!m.isActive && <Tag style={{ marginLeft: 4 }}>{m.leftReason ?? '已迁出'}</Tag>}
        </span>
      ),
    },
    { title: '与户主关系', dataIndex: 'relation', width: 90, render: (r: TMember['relation']) => RELATION_LABELS[r] },
    { title: '证件号码', dataIndex: 'idNumber', width: 190, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: '性别', dataIndex: 'sex', width: 56, render: (s: string) => (s === 'M' ? '男' : '女') },
    { title: '年龄', dataIndex: 'age', width: 56 },
    { title: '文化程度', dataIndex: 'education', width: 100, render: (v: TMember['education']) => (v ? EDUCATION_LABELS[v] : '—') },
    { title: '在校生', dataIndex: 'schoolStatus', width: 90, render: (v: TMember['schoolStatus']) => (v ? <span className={v === 'dropout' ? 'zl-overdue' : undefined}>{SCHOOL_STATUS_LABELS[v]}</span> : '—') },
    {
      title: '健康',
      dataIndex: 'health',
      width: 110,
      render: (v: TMember['health'], m) => (v ? `${HEALTH_STATUS_LABELS[v]}${m.disabilityGrade ? `（${m.disabilityGrade}级）` : ''}` : '—'),
    },
    { title: '劳动技能', dataIndex: 'labourSkill', width: 130, render: (v: TMember['labourSkill']) => (v ? LABOUR_SKILL_LABELS[v] : '—') },
    { title: '务工月数', dataIndex: 'migrantMonths', width: 80, render: (v: number | null) => v ?? '—' },
    {
      title: '医保',
      dataIndex: 'hasMedicalInsurance',
      width: 70,
      render: (v: boolean | null) => (v == null ? '—' : v ? '已参保' : <span className="zl-overdue">未参保</span>),
    },
  ];
  return (
    <Table<TMember>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 1100 }}
      rowClassName={(m) => (m.isActive ? '' : 'zl-row-muted')}
      locale={{ emptyText: '暂无成员' }}
    />
  );
}

function IncomeTable({ h, lines }: { h: THouseholdDetail; lines: Parameters<typeof lineFor>[0] }) {
  const rows = [...h.incomes].sort((a, b) => b.year - a.year);
  return (
    <Table
      rowKey="year"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 760 }}
      locale={{ emptyText: '暂无收入记录' }}
      columns={[
        { title: '年度', dataIndex: 'year', width: 64, fixed: 'left' },
        {
          title: '人均纯收入',
          key: 'pc',
          align: 'right',
          width: 110,
          render: (_: unknown, r) => {
            const line = lineFor(lines, r.year, h.areaCode);
            const below = line && r.perCapita < line.incomeLine;
            return (
              <div>
                <strong className={below ? 'zl-overdue' : undefined}>{yuan(r.perCapita)}</strong>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{line ? `监测线 ${yuan(line.incomeLine)}` : '未设监测线'}</div>
              </div>
            );
          },
        },
        { title: '家庭纯收入', dataIndex: 'netIncome', align: 'right', render: yuan },
        { title: '工资性', dataIndex: 'wage', align: 'right', render: yuan },
        { title: '经营性', dataIndex: 'business', align: 'right', render: yuan },
        { title: '生产费用', dataIndex: 'productionCost', align: 'right', render: yuan },
        { title: '财产性', dataIndex: 'property', align: 'right', render: yuan },
        { title: '转移性', dataIndex: 'transfer', align: 'right', render: yuan },
      ]}
    />
  );
}

function GuaranteesView({ h }: { h: THouseholdDetail }) {
  if (!h.guarantees.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无核查记录" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {[...h.guarantees]
        .sort((a, b) => b.year - a.year)
        .map((g) => (
          <div key={g.year}>
            <Typography.Text strong>{g.year} 年</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 4 }}>
              {GUARANTEE_ITEMS.map((item) => {
                const it = g.items.find((x) => x.item === item);
                return (
                  <Tag key={item} color={!it ? undefined : it.status === 'secured' ? 'green' : 'red'} title={it?.note ?? undefined}>
                    {GUARANTEE_ITEM_LABELS[item]}：{!it ? '未核查' : it.status === 'secured' ? '是' : '否'}
                  </Tag>
                );
              })}
            </div>
            {g.items
              .filter((i) => i.note)
              .map((i) => (
                <div key={i.item} style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                  {GUARANTEE_ITEM_LABELS[i.item]}：{i.note}
                </div>
              ))}
          </div>
        ))}
    </Space>
  );
}

type TMemberForm = Omit<TMember, 'id' | 'householdId' | 'sex' | 'birthDate' | 'age' | 'isActive' | 'leftAt' | 'leftReason' | 'version'> & {
  joinKind?: (typeof JOIN_KINDS)[number];
};

const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];

function MemberModal(props: { member: TMember | null; revealed: boolean; actions: TActions; onClose: () => void }) {
  const { member: m, actions } = props;
  const [form] = Form.useForm<TMemberForm>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const pending = actions.addMember.isPending || actions.updateMember.isPending;
  return (
    <Modal
      open
      title={m ? `编辑成员：${m.name}` : '添加成员'}
      okText="保存"
      cancelText="取消"
      onCancel={props.onClose}
      confirmLoading={pending}
      width={720}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const fields = {
          name: v.name,
          relation: v.relation,
          ethnicity: v.ethnicity || null,
          education: v.education ?? null,
          schoolStatus: v.schoolStatus ?? null,
          health: v.health ?? null,
          disabilityGrade: v.disabilityGrade ?? null,
          labourSkill: v.labourSkill ?? null,
          migrantMonths: v.migrantMonths ?? null,
          hasMedicalInsurance: v.hasMedicalInsurance ?? null,
          hasCriticalIllnessInsurance: v.hasCriticalIllnessInsurance ?? null,
        };
        const done = {
          onSuccess: () => {
            message.success('成员信息已保存');
            props.onClose();
          },
          onError: (err: unknown) => onError(err, form),
        };
        if (m) {
          const idNumber = v.idNumber?.trim();
          // A masked number is never sent back: only a newly typed one replaces the stored one.
          const changedId = idNumber && !idNumber.includes('*') && idNumber !== m.idNumber ? { idNumber } : {};
          actions.updateMember.mutate({ memberId: m.id, body: { ...fields, ...changedId, version: m.version } }, done);
        } else {
          actions.addMember.mutate({ ...fields, idNumber: v.idNumber.trim(), joinKind: v.joinKind ?? 'registered' }, done);
        }
      }}
    >
      <Form<TMemberForm>
        form={form}
        layout="vertical"
        initialValues={
          m
            ? { ...m, idNumber: props.revealed ? m.idNumber : '' }
            : { relation: 'other', joinKind: 'registered', hasMedicalInsurance: true }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }, { max: 40 }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              label="身份证号码"
              name="idNumber"
              rules={m ? [] : [{ required: true, message: '请填写身份证号码' }]}
              extra={m && !props.revealed ? `当前：${m.idNumber}（不修改请留空）` : '18 位，末位可为 X；性别和出生日期由号码自动核对'}
            >
              <Input maxLength={40} autoComplete="off" inputMode="text" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="与户主关系" name="relation" rules={[{ required: true }]}>
              <Select options={optionsOf(RELATIONS, RELATION_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="民族" name="ethnicity">
              <Input maxLength={16} placeholder="汉族" />
            </Form.Item>
          </Col>
          {!m && (
            <Col xs={12} sm={8}>
              <Form.Item label="加入方式" name="joinKind">
                <Select options={JOIN_KINDS.map((k) => ({ value: k, label: MOVE_KIND_LABELS[k] }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} sm={8}>
            <Form.Item label="文化程度" name="education">
              <Select allowClear options={optionsOf(EDUCATIONS, EDUCATION_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="在校生状况" name="schoolStatus">
              <Select allowClear options={optionsOf(SCHOOL_STATUSES, SCHOOL_STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="健康状况" name="health">
              <Select allowClear options={optionsOf(HEALTH_STATUSES, HEALTH_STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="残疾等级" name="disabilityGrade">
              <Select allowClear options={[1, 2, 3, 4].map((g) => ({ value: g, label: `${g} 级` }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="劳动技能" name="labourSkill">
              <Select allowClear options={optionsOf(LABOUR_SKILLS, LABOUR_SKILL_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="务工月数" name="migrantMonths">
              <InputNumber min={0} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="参加城乡居民医保" name="hasMedicalInsurance">
              <Radio.Group options={yesNo} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="参加大病保险" name="hasCriticalIllnessInsurance">
              <Radio.Group options={yesNo} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

interface TIncomeForm {
  year: number;
  wage: number;
  business: number;
  productionCost: number;
  property: number;
  transfer: number;
  householdSize?: number;
  medicalSelfPay?: number;
  educationCost?: number;
  disasterLoss?: number;
  note?: string;
}

function IncomeModal({ h, actions, onClose }: { h: THouseholdDetail; actions: TActions; onClose: () => void }) {
  const [form] = Form.useForm<TIncomeForm>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const year = Form.useWatch('year', form);
  const v = Form.useWatch([], form);
  const size = v?.householdSize || h.members.filter((m) => m.isActive).length || 1;
  const net = v ? (v.wage ?? 0) + (v.business ?? 0) - (v.productionCost ?? 0) + (v.property ?? 0) + (v.transfer ?? 0) : 0;
  const existing = h.incomes.find((i) => i.year === year);
  const money = (name: keyof TIncomeForm, label: string, required = true) => (
    <Col xs={12} sm={8}>
      <Form.Item label={label} name={name} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>
        <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} addonAfter="元" />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      open
      title="录入年度收入"
      okText="保存"
      cancelText="取消"
      width={720}
      onCancel={onClose}
      confirmLoading={actions.recordIncome.isPending}
      destroyOnHidden
      onOk={async () => {
        const f = await form.validateFields();
        actions.recordIncome.mutate(
          {
            year: f.year,
            body: {
              wage: f.wage,
              business: f.business,
              productionCost: f.productionCost,
              property: f.property,
              transfer: f.transfer,
              householdSize: f.householdSize ?? undefined,
              medicalSelfPay: f.medicalSelfPay ?? null,
              educationCost: f.educationCost ?? null,
              disasterLoss: f.disasterLoss ?? null,
              note: f.note || null,
            },
          },
          {
            onSuccess: () => {
              message.success(`${f.year} 年收入已保存`);
              onClose();
            },
            onError: (err) => onError(err, form),
          },
        );
      }}
    >
      <Form<TIncomeForm>
        form={form}
        layout="vertical"
        initialValues={{ year: zoneToday().year() - 1, wage: 0, business: 0, productionCost: 0, property: 0, transfer: 0 }}
      >
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item label="年度" name="year" rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="家庭人数" name="householdSize" extra="默认按当前成员数">
              <InputNumber min={1} max={50} style={{ width: '100%' }} placeholder={String(h.members.filter((m) => m.isActive).length)} />
            </Form.Item>
          </Col>
        </Row>
        {existing && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`${year} 年已有记录，保存将覆盖原数据`} />}
        <Row gutter={12}>
          {money('wage', '工资性收入')}
          {money('business', '家庭经营性收入')}
          {money('productionCost', '生产经营费用')}
          {money('property', '财产性收入')}
          {money('transfer', '转移性收入')}
        </Row>
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          message={`家庭纯收入 ${yuan(net)} 元 · 人均纯收入 ${yuan(Math.round((net / size) * 100) / 100)} 元（${size} 人）`}
        />
        <Typography.Text type="secondary">刚性支出（用于风险筛查，可不填）</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {money('medicalSelfPay', '医疗自付', false)}
          {money('educationCost', '教育支出', false)}
          {money('disasterLoss', '灾害损失', false)}
        </Row>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GuaranteeModal({ h, actions, onClose }: { h: THouseholdDetail; actions: TActions; onClose: () => void }) {
  const [form] = Form.useForm<{ year: number } & Record<string, string | undefined>>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const thisYear = zoneToday().year();
  const last = [...h.guarantees].sort((a, b) => b.year - a.year)[0];
  const initial: Record<string, unknown> = { year: thisYear };
  for (const it of last?.items ?? []) {
    initial[`s_${it.item}`] = it.status;
    initial[`n_${it.item}`] = it.note ?? undefined;
  }
  return (
    <Modal
      open
      title="录入两不愁三保障及饮水安全核查"
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={actions.recordGuarantees.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const items = GUARANTEE_ITEMS.filter((item) => v[`s_${item}`]).map((item: TGuaranteeItem) => ({
          item,
          status: v[`s_${item}`] as 'secured' | 'not_secured',
          note: v[`n_${item}`]?.trim() || null,
          attachmentIds: [],
        }));
        if (!items.length) {
          message.warning('请至少核查一项');
          return;
        }
        actions.recordGuarantees.mutate(
          { year: v.year, body: { items } },
          {
            onSuccess: () => {
              message.success(`${v.year} 年核查结果已保存`);
              onClose();
            },
            onError: (err) => onError(err, form),
          },
        );
      }}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item label="年度" name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        {GUARANTEE_ITEMS.map((item) => (
          <div key={item} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
            <Form.Item label={GUARANTEE_ITEM_LABELS[item]} name={`s_${item}`} style={{ marginBottom: 6 }}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'secured', label: '已保障' },
                  { value: 'not_secured', label: '未保障' },
                ]}
              />
            </Form.Item>
            <Form.Item name={`n_${item}`} style={{ marginBottom: 8 }}>
              <Input placeholder="核查说明（如：2 名适龄子女均在校）" maxLength={500} aria-label={`${GUARANTEE_ITEM_LABELS[item]}说明`} />
            </Form.Item>
          </div>
        ))}
      </Form>
    </Modal>
  );
}
