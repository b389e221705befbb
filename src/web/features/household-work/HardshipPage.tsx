/**
 * 困难申报 (/hardship, no login, phone-first): a household, or someone on its behalf, reports
 * hardship — name, ID number, phone, village, what happened. The answer is a receipt number;
 * the report becomes a 自主申报 lead for the village cadres. Throttled by the server (429).
 */
import { CheckCircleFilled, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { THardshipReportBody } from '../../../shared/contracts/households-work';
import { ApiError } from '../../api/client';
import { usePublicVillages, useSubmitHardship, type THardshipReceipt } from '../../api/household-work';
import '../citizen/public.css';

interface TForm {
  name?: string;
  idNumber?: string;
  phone?: string;
  areaId?: number;
  isOnBehalf?: boolean;
  reporterName?: string;
  description?: string;
}

const FIELDS: (keyof TForm)[] = ['name', 'idNumber', 'phone', 'areaId', 'isOnBehalf', 'reporterName', 'description'];

/** 困难申报 page. */
export default function HardshipPage() {
  const [form] = Form.useForm<TForm>();
  const villages = usePublicVillages();
  const submit = useSubmitHardship();
  const onBehalf = Form.useWatch('isOnBehalf', form) ?? false;
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<THardshipReceipt | null>(null);

  const options = useMemo(
    () => (villages.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.townshipName}）`, search: `${v.name}${v.townshipName}` })),
    [villages.data],
  );

  const onFinish = (v: TForm) => {
    setError(null);
    const body: THardshipReportBody = {
      name: v.name!.trim(),
      idNumber: v.idNumber!.trim(),
      phone: v.phone!.trim(),
      areaId: v.areaId!,
      isOnBehalf: !!v.isOnBehalf,
      reporterName: v.isOnBehalf ? v.reporterName?.trim() || undefined : undefined,
      description: v.description!.trim(),
    };
    submit.mutate(body, {
      onSuccess: (r) => {
        setReceipt(r);
        window.scrollTo(0, 0);
      },
      onError: (err) => {
        if (err instanceof ApiError) {
          if (err.fields) {
            const fields = Object.entries(err.fields)
              .filter(([k]) => FIELDS.includes(k as keyof TForm))
              .map(([name, msg]) => ({ name: name as keyof TForm, errors: [msg] }));
            form.setFields(fields);
          }
          setError(err.status === 429 ? err.message || '提交过于频繁，请稍后再试' : err.message);
        } else setError('提交失败，请检查网络后重试');
      },
    });
  };

  return (
    <div className="zl-pub">
      <header className="zl-pub-top">
        <div className="zl-pub-brand">
          <div>
            <h1>困难申报</h1>
            <div className="zl-pub-sub">家庭遇到困难，可在这里申报，村干部会尽快上门核实</div>
          </div>
        </div>
      </header>
      <main className="zl-pub-main">
        {receipt ? (
          <div className="zl-pub-card" style={{ textAlign: 'center' }}>
            <CheckCircleFilled style={{ fontSize: 48, color: '#16a34a', marginTop: 8 }} />
            <Typography.Title level={4} style={{ margin: '12px 0 4px' }}>
              申报已收到
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {receipt.message}
            </Typography.Paragraph>
            <div style={{ textAlign: 'left', fontSize: 13, color: 'rgba(0,0,0,.6)' }}>受理编号（请记下或截图保存）：</div>
            <div className="zl-pub-code" data-testid="hardship-receipt">
              {receipt.receiptNo}
            </div>
            <Button
              size="large"
              block
              onClick={() => {
                setReceipt(null);
                form.resetFields();
              }}
            >
              再申报一户
            </Button>
          </div>
        ) : (
          <div className="zl-pub-card">
            {villages.error && <Alert type="error" showIcon message={villages.error.message} style={{ marginBottom: 12 }} />}
            <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" initialValues={{ isOnBehalf: false }} size="large">
              <Form.Item name="isOnBehalf" label="代为申报" valuePropName="checked" extra="替亲属、邻居等困难家庭申报时打开">
                <Switch checkedChildren="代他人申报" unCheckedChildren="本人申报" />
              </Form.Item>
              {onBehalf && (
                <Form.Item name="reporterName" label="申报人姓名" rules={[{ required: true, whitespace: true, message: '请填写您的姓名' }]}>
                  <Input maxLength={20} autoComplete="name" />
                </Form.Item>
              )}
              <Form.Item
                name="name"
                label={onBehalf ? '困难群众姓名' : '姓名'}
                rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, message: '姓名至少 2 个字' }]}
              >
                <Input maxLength={20} autoComplete={onBehalf ? 'off' : 'name'} />
              </Form.Item>
              <Form.Item name="idNumber" label="身份证号码" rules={[{ required: true, whitespace: true, message: '请填写身份证号码' }]}>
                <Input maxLength={40} autoComplete="off" inputMode="text" placeholder="18 位身份证号码" />
              </Form.Item>
              <Form.Item
                name="phone"
                label="手机号码"
                rules={[
                  { required: true, message: '请填写手机号码' },
                  { pattern: /^1\d{10}$/, message: '请填写 11 位手机号码' },
                ]}
              >
                <Input maxLength={11} inputMode="tel" autoComplete="tel" prefix={<PhoneOutlined />} />
              </Form.Item>
              <Form.Item name="areaId" label="所在村" rules={[{ required: true, message: '请选择所在村' }]}>
                <Select
                  showSearch
                  placeholder="选择或输入村名"
                  loading={villages.isLoading}
                  options={options}
                  optionFilterProp="search"
                  notFoundContent={villages.isLoading ? '加载中…' : '没有找到'}
                />
              </Form.Item>
              <Form.Item
                name="description"
                label="遇到的困难"
                rules={[
                  { required: true, whitespace: true, message: '请描述遇到的困难' },
                  { min: 10, message: '请描述遇到的困难（至少 10 个字）' },
                ]}
              >
                <Input.TextArea rows={5} maxLength={2000} showCount placeholder="如：家里有人生病住院，花费较多；因灾房屋受损；务工收入减少等" />
              </Form.Item>
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
              <Button type="primary" htmlType="submit" block loading={submit.isPending}>
                提交申报
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
              您填写的信息仅用于防止返贫监测帮扶工作，严格保密。也可拨打 12317 热线或直接联系村干部。
            </Typography.Paragraph>
          </div>
        )}
      </main>
      <footer className="zl-pub-foot">周口市城乡一体化示范区 · 防止返贫动态监测</footer>
    </div>
  );
}
