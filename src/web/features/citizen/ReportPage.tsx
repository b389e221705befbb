/**
 * 随手拍 (/report, no login): a citizen reports a problem with a category, the village or
 * community, a description, a photo, the location (定位 or an address) and, if they like, a
 * phone and name; the answer is a tracking code shown large with a copy button.
 */
import { AimOutlined, CameraOutlined, CheckCircleFilled, CloseOutlined, CopyOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { REPORT_DESCRIPTION_MAX, type TCreateReportBody } from '../../../shared/contracts/citizen';
import { ApiError } from '../../api/client';
import { uploadPublicPhoto, usePublicAreas, usePublicCategories, useSubmitReport, type TPublicPhoto } from '../../api/citizen';
import { useLocate } from '../../lib/useLocate';
import { PublicLayout } from './PublicLayout';

interface TForm {
  categoryCode?: string;
  areaId?: number;
  description?: string;
  address?: string;
  phone?: string;
  name?: string;
}

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Copies text, falling back to a hidden textarea on browsers without the clipboard API. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/** 随手拍 page. */
export default function ReportPage() {
  const [form] = Form.useForm<TForm>();
  const categories = usePublicCategories();
  const areas = usePublicAreas();
  const submit = useSubmitReport();
  const { locate, locating } = useLocate();
  const [pos, setPos] = useState<{ lat: number; lng: number } | null>(null);
  // The server serves a photo only once it belongs to a report, so the preview is the local file.
  const [photo, setPhoto] = useState<(TPublicPhoto & { preview: string }) | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ trackingCode: string; message: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const categoryOptions = useMemo(() => {
    const groups = new Map<string, { label: string; value: string }[]>();
    for (const c of categories.data ?? []) {
      const g = groups.get(c.groupName) ?? [];
      g.push({ label: c.name, value: c.code });
      groups.set(c.groupName, g);
    }
    return [...groups].map(([label, options]) => ({ label, title: label, options }));
  }, [categories.data]);
  const areaOptions = useMemo(() => {
    const groups = new Map<string, { label: string; value: number }[]>();
    for (const a of areas.data ?? []) {
      const g = groups.get(a.townshipName) ?? [];
      g.push({ label: a.name, value: a.id });
      groups.set(a.townshipName, g);
    }
    return [...groups].map(([label, options]) => ({ label, title: label, options }));
  }, [areas.data]);

  const onPick = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return setError('只能上传 JPG、PNG 或 WebP 格式的照片');
    if (file.size > MAX_PHOTO_BYTES) return setError('照片不能超过 10 MB');
    setUploading(true);
    try {
      const uploaded = await uploadPublicPhoto(file);
      setPhoto({ ...uploaded, preview: URL.createObjectURL(file) });
    } catch (err) {
      setError(err instanceof Error ? err.message : '照片上传失败，请重试');
    } finally {
      setUploading(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const onFinish = (v: TForm) => {
    setError(null);
    if (!pos && !v.address?.trim()) {
      form.setFields([{ name: 'address', errors: ['请点“定位”或填写地址'] }]);
      return;
    }
    const body: TCreateReportBody = {
      categoryCode: v.categoryCode!,
      areaId: v.areaId!,
      description: v.description?.trim() ?? '',
      address: v.address?.trim() ?? '',
      lat: pos?.lat ?? null,
      lng: pos?.lng ?? null,
      phone: v.phone?.trim() || null,
      name: v.name?.trim() || null,
      photoId: photo?.id ?? null,
    };
    submit.mutate(body, {
      onSuccess: (r) => {
        setDone(r);
        window.scrollTo(0, 0);
      },
      onError: (err) => {
        setError(err.message);
        if (err instanceof ApiError && err.fields) {
          const known = ['categoryCode', 'areaId', 'description', 'address', 'phone', 'name'];
          form.setFields(Object.entries(err.fields).filter(([k]) => known.includes(k)).map(([name, msg]) => ({ name: name as keyof TForm, errors: [msg] })));
        }
      },
    });
  };

  if (done) {
    return (
      <PublicLayout title="随手拍" sub="发现问题，随手一拍">
        <ReportDone result={done} onAgain={() => {
          setDone(null);
          setPhoto(null);
          setPos(null);
          form.resetFields();
        }} />
      </PublicLayout>
    );
  }

  const loadError = categories.error ?? areas.error;
  return (
    <PublicLayout title="随手拍" sub="发现身边的问题，拍下来告诉我们" right={<Link to="/track">查询进度</Link>}>
      <div className="zl-pub-card">
        {loadError && <Alert type="error" showIcon message={loadError.message} style={{ marginBottom: 12 }} />}
        <Form<TForm> form={form} layout="vertical" size="large" requiredMark="optional" onFinish={onFinish} scrollToFirstError>
          <Form.Item label="问题类别" name="categoryCode" rules={[{ required: true, message: '请选择问题类别' }]}>
            <Select
              showSearch
              placeholder="选择或搜索，如：垃圾乱倒"
              options={categoryOptions}
              loading={categories.isLoading}
              optionFilterProp="label"
              virtual={false}
            />
          </Form.Item>
          <Form.Item label="所在村(社区)" name="areaId" rules={[{ required: true, message: '请选择所在村(社区)' }]}>
            <Select showSearch placeholder="选择或搜索村、社区" options={areaOptions} loading={areas.isLoading} optionFilterProp="label" virtual={false} />
          </Form.Item>
          <Form.Item
            label="问题描述"
            name="description"
            rules={[
              { required: true, message: '请描述一下问题' },
              { min: 5, message: '请至少用 5 个字描述问题' },
            ]}
          >
            <Input.TextArea rows={4} showCount maxLength={REPORT_DESCRIPTION_MAX} placeholder="什么问题、在哪里、持续多久了……" />
          </Form.Item>
          <Form.Item label="现场照片" extra="可拍照或从相册选择 1 张（JPG/PNG，≤10 MB）">
            <div className="zl-pub-photo-pick">
              {photo ? (
                <div className="zl-pub-thumb">
                  <img src={photo.preview} alt="已上传的照片" />
                  <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label="删除照片" onClick={() => setPhoto(null)} />
                </div>
              ) : (
                <label className="zl-pub-photo-btn">
                  {uploading ? <LoadingOutlined style={{ fontSize: 22 }} /> : <CameraOutlined style={{ fontSize: 24 }} />}
                  <span>{uploading ? '上传中…' : '拍照'}</span>
                  <input
                    ref={fileRef}
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    capture="environment"
                    aria-label="拍照上传"
                    style={{ display: 'none' }}
                    disabled={uploading}
                    onChange={(e) => onPick(e.target.files?.[0])}
                  />
                </label>
              )}
            </div>
          </Form.Item>
          <Form.Item label="位置" required style={{ marginBottom: 8 }}>
            <Button
              icon={<AimOutlined />}
              loading={locating}
              onClick={() => locate((p) => {
                setPos(p);
                form.setFields([{ name: 'address', errors: [] }]);
              })}
            >
              定位
            </Button>
            {pos && (
              <Typography.Text type="secondary" style={{ marginLeft: 10, fontSize: 13 }}>
                已定位：纬度 {pos.lat.toFixed(4)}，经度 {pos.lng.toFixed(4)}{' '}
                <Typography.Link onClick={() => setPos(null)}>清除</Typography.Link>
              </Typography.Text>
            )}
          </Form.Item>
          <Form.Item name="address" label="详细地址" extra="定位或填写地址，至少一项">
            <Input maxLength={200} placeholder="如：中原社区A区 3号楼北侧" />
          </Form.Item>
          <Form.Item
            label="手机号码"
            name="phone"
            extra="选填，仅用于工作人员核实情况，不会公开"
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请填写正确的手机号码' }]}
          >
            <Input inputMode="tel" maxLength={11} placeholder="选填" autoComplete="tel" />
          </Form.Item>
          <Form.Item label="称呼" name="name">
            <Input maxLength={20} placeholder="选填，如：王女士" autoComplete="name" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
          <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} disabled={uploading}>
            提交
          </Button>
        </Form>
      </div>
    </PublicLayout>
  );
}

function ReportDone({ result, onAgain }: { result: { trackingCode: string; message: string }; onAgain: () => void }) {
  const { message } = App.useApp();
  return (
    <div className="zl-pub-card" style={{ textAlign: 'center' }}>
      <CheckCircleFilled style={{ fontSize: 48, color: '#16a34a', marginTop: 8 }} />
      <Typography.Title level={4} style={{ margin: '12px 0 4px' }}>
        感谢您的反映
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {result.message}
      </Typography.Paragraph>
      <div style={{ textAlign: 'left', fontSize: 13, color: 'rgba(0,0,0,.6)' }}>您的查询码（请记下或截图保存）：</div>
      <div className="zl-pub-code" data-testid="tracking-code">
        {result.trackingCode}
      </div>
      <div style={{ display: 'flex', gap: 10, flexDirection: 'column' }}>
        <Button
          size="large"
          icon={<CopyOutlined />}
          onClick={async () => ((await copyText(result.trackingCode)) ? message.success('查询码已复制') : message.warning('复制失败，请手动记下'))}
        >
          复制查询码
        </Button>
        <Link to={`/track/${result.trackingCode}`}>
          <Button type="primary" size="large" block>
            查看办理进度
          </Button>
        </Link>
        <Button type="link" onClick={onAgain}>
          再反映一个问题
        </Button>
      </div>
    </div>
  );
}
