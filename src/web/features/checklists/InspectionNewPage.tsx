/**
 * 开始检查: pick a template, then a 创文 点位 (which fills in area, place and location) or an area
 * and free-text place (定位 optional), then go check item by item.
 */
import { AimOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { TCreateInspectionBody } from '../../../shared/contracts/checklists';
import { CASE_MODULE_LABELS } from '../../../shared/domain/case-vocab';
import { useChecklists, useCreateInspection } from '../../api/checklists';
import { usePlaces } from '../../api/chuangwen';
import { AreaSelect } from '../../components/AreaSelect';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useLocate } from '../../lib/useLocate';

/** New inspection page. */
export default function InspectionNewPage() {
  const [form] = Form.useForm<TCreateInspectionBody>();
  const navigate = useNavigate();
  const templates = useChecklists();
  const create = useCreateInspection();
  const onError = useErrorHandler();
  const { locate, locating } = useLocate();
  const places = usePlaces({ pageSize: 500 });
  const placeById = new Map((places.data?.items ?? []).map((p) => [p.id, p]));
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);

  return (
    <div style={{ maxWidth: 640 }}>
      <PageHeader title="开始检查" />
      <Card size="small">
        <Form<TCreateInspectionBody>
          form={form}
          layout="vertical"
          size="large"
          onFinish={(v) =>
            create.mutate(
              { ...v, placeId: v.placeId ?? null, place: v.place?.trim() || null, lat: v.lat ?? null, lng: v.lng ?? null },
              { onSuccess: (d) => navigate(`/inspections/${d.id}`, { replace: true }), onError: (err) => onError(err, form) },
            )
          }
        >
          <Form.Item label="检查表" name="templateId" rules={[{ required: true, message: '请选择检查表' }]}>
            <Select
              loading={templates.isPending}
              placeholder="选择检查表模板"
              showSearch
              optionFilterProp="label"
              options={(templates.data ?? [])
                .filter((t) => t.isActive)
                .map((t) => ({ value: t.id, label: `${t.name}（${CASE_MODULE_LABELS[t.module]} · ${t.itemCount} 项）` }))}
            />
          </Form.Item>
          <Form.Item label="检查点位" name="placeId" extra="选择创文点位后自动填写区域、地点和位置；交办的问题计入该点位">
            <Select
              allowClear
              showSearch
              loading={places.isPending}
              placeholder="不选则按区域检查"
              optionFilterProp="label"
              options={(places.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.areaName}）` }))}
              onChange={(id: number | undefined) => {
                const p = id != null ? placeById.get(id) : undefined;
                if (p) form.setFieldsValue({ areaId: p.areaId, place: p.name, lat: p.lat, lng: p.lng });
                else form.setFieldsValue({ placeId: null });
              }}
            />
          </Form.Item>
          <Form.Item label="检查区域" name="areaId" rules={[{ required: true, message: '请选择区域' }]}>
            <AreaSelect />
          </Form.Item>
          <Form.Item label="具体地点" name="place" rules={[{ max: 200 }]}>
            <Input placeholder="如：中原社区A区 3号楼" maxLength={200} />
          </Form.Item>
          <Form.Item name="lat" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="lng" hidden>
            <Input />
          </Form.Item>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button icon={<AimOutlined />} loading={locating} onClick={() => locate((pos) => form.setFieldsValue(pos))}>
              定位
            </Button>
            <Typography.Text type="secondary">
              {lat != null && lng != null ? `纬度 ${lat}，经度 ${lng}` : '记录检查位置（可选）'}
            </Typography.Text>
          </Space>
          <Button type="primary" htmlType="submit" block loading={create.isPending}>
            开始检查
          </Button>
        </Form>
      </Card>
    </div>
  );
}
