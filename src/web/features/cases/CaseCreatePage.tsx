/**
 * 新建事项: one column on phones; photos from the camera; 定位 fills the coordinates;
 * choosing a unit and a deadline assigns the case on the spot (现场交办).
 */
import { AimOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { TAttachmentRef, TCreateCaseBody } from '../../../shared/contracts/cases';
import {
  CASE_MODULES,
  CASE_MODULE_LABELS,
  CASE_SEVERITIES,
  CASE_SEVERITY_LABELS,
  CASE_SOURCES,
  CASE_SOURCE_LABELS,
  type TCaseModule,
  type TCaseSeverity,
  type TCaseSource,
} from '../../../shared/domain/case-vocab';
import { useCreateCase } from '../../api/cases';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { PhotoUpload } from '../../components/PhotoUpload';
import { UnitSelect } from '../../components/UnitSelect';
import { deadlineFromDate, zoneToday } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useIsPhone } from '../../lib/useIsPhone';
import { useLocate } from '../../lib/useLocate';

/** Problem categories from 创文 inspections, offered as suggestions. */
const CATEGORY_SUGGESTIONS = [
  '垃圾乱倒',
  '小广告乱贴',
  '公厕管理',
  '电动车无牌上路',
  '随处晾晒衣物',
  '电线私拉乱扯',
  '杂物乱堆乱放',
  '物业管理不到位',
  '背街小巷',
];

interface TValues {
  title: string;
  description?: string;
  module: TCaseModule;
  category?: string;
  areaId: number;
  place?: string;
  lat?: number | null;
  lng?: number | null;
  source: TCaseSource;
  severity: TCaseSeverity;
  assignNow: boolean;
  unitId?: number;
  deadline?: Dayjs;
  photos?: TAttachmentRef[];
}

/** Create-case page. */
export default function CaseCreatePage() {
  const [form] = Form.useForm<TValues>();
  const navigate = useNavigate();
  const create = useCreateCase();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const assignNow = Form.useWatch('assignNow', form);
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const { locate: askPosition, locating } = useLocate();
  const locate = () => askPosition((pos) => form.setFieldsValue(pos));

  const onFinish = (v: TValues) => {
    const body: TCreateCaseBody = {
      title: v.title,
      description: v.description ?? '',
      module: v.module,
      category: v.category?.trim() || null,
      areaId: v.areaId,
      place: v.place?.trim() || null,
      lat: v.lat ?? null,
      lng: v.lng ?? null,
      source: v.source,
      severity: v.severity,
      unitId: v.assignNow ? v.unitId : null,
      deadline: v.assignNow && v.deadline ? deadlineFromDate(v.deadline) : null,
      attachmentIds: (v.photos ?? []).map((p) => p.id),
    };
    create.mutate(body, {
      onSuccess: (detail) => {
        message.success(v.assignNow ? '事项已创建并交办' : '事项已创建');
        navigate(`/cases/${detail.id}`, { replace: true });
      },
      onError: (err) => onError(err, form),
    });
  };

  return (
    <div style={{ maxWidth: 880 }}>
      <PageHeader title="新建督办事项" />
      <Form<TValues>
        form={form}
        layout="vertical"
        size={isPhone ? 'large' : 'middle'}
        onFinish={onFinish}
        initialValues={{ module: 'chuangwen', source: 'inspection', severity: 'normal', assignNow: false, photos: [] }}
        scrollToFirstError
      >
        <Card title="问题情况" size="small" style={{ marginBottom: 12 }}>
          <Form.Item label="标题" name="title" rules={[{ required: true, message: '请输入标题' }, { min: 2, message: '标题至少 2 个字' }, { max: 100 }]}>
            <Input placeholder="如：3号楼北侧垃圾堆放未清运" maxLength={100} />
          </Form.Item>
          <Form.Item label="问题描述" name="description" rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} placeholder="发现的问题、涉及范围等" maxLength={2000} showCount />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="板块" name="module" rules={[{ required: true }]}>
                <Select options={CASE_MODULES.map((m) => ({ value: m, label: CASE_MODULE_LABELS[m] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="问题类别" name="category" rules={[{ max: 40 }]}>
                <AutoComplete
                  options={CATEGORY_SUGGESTIONS.map((c) => ({ value: c }))}
                  placeholder="选择或输入类别"
                  filterOption={(input, o) => String(o?.value ?? '').includes(input)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="来源" name="source" rules={[{ required: true }]}>
                <Select options={CASE_SOURCES.map((s) => ({ value: s, label: CASE_SOURCE_LABELS[s] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="紧急程度" name="severity">
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={CASE_SEVERITIES.map((s) => ({ value: s, label: CASE_SEVERITY_LABELS[s] }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="位置" size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="区域" name="areaId" rules={[{ required: true, message: '请选择区域' }]}>
                <AreaSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="具体地点" name="place" rules={[{ max: 200 }]}>
                <Input placeholder="如：3号楼北侧" maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="lat" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="lng" hidden>
            <Input />
          </Form.Item>
          <Space wrap>
            <Button icon={<AimOutlined />} onClick={locate} loading={locating}>
              定位
            </Button>
            <Typography.Text type="secondary">
              {lat != null && lng != null ? `纬度 ${lat}，经度 ${lng}` : '点击“定位”记录当前位置（可选）'}
            </Typography.Text>
            {lat != null && (
              <Button type="link" onClick={() => form.setFieldsValue({ lat: null, lng: null })}>
                清除
              </Button>
            )}
          </Space>
        </Card>

        <Card title="现场照片" size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="photos" noStyle>
            <PhotoUpload kind="before" />
          </Form.Item>
        </Card>

        <Card
          title="现场交办"
          size="small"
          style={{ marginBottom: 16 }}
          extra={
            <Form.Item name="assignNow" valuePropName="checked" noStyle>
              <Switch aria-label="现场交办" checkedChildren="交办" unCheckedChildren="暂不" />
            </Form.Item>
          }
        >
          {assignNow ? (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label="责任单位" name="unitId" rules={[{ required: true, message: '请选择责任单位' }]}>
                  <UnitSelect />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="整改期限" name="deadline" rules={[{ required: true, message: '请设置整改期限' }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(zoneToday(), 'day')} inputReadOnly placeholder="选择日期" />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <Typography.Text type="secondary">打开开关，选择责任单位和整改期限即可当场交办；否则事项进入“待交办”。</Typography.Text>
          )}
        </Card>

        <div className={isPhone ? 'zl-action-bar' : undefined}>
          <Button type="primary" htmlType="submit" size="large" loading={create.isPending} block={isPhone}>
            {assignNow ? '提交并交办' : '提交'}
          </Button>
          {!isPhone && (
            <Button size="large" style={{ marginLeft: 8 }} onClick={() => navigate(-1)}>
              取消
            </Button>
          )}
        </div>
      </Form>
    </div>
  );
}
