/**
 * Open311 接口密钥 (admin): API keys for Open311 clients — list, issue (the key is shown once,
 * with a copy button), revoke — and the number of days a reporter may say "问题未解决".
 */
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useApiKeys, useCitizenSettings, useIssueApiKey, useRevokeApiKey, useSaveCitizenSettings, type TApiKeyRow, type TCreatedApiKey } from '../../api/citizen';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { copyText } from './ReportPage';

/** Open311 keys and citizens' report settings. */
export default function Open311Page() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);

  const columns: TableProps<TApiKeyRow>['columns'] = [
    { title: '使用方', dataIndex: 'name' },
    { title: '密钥前缀', dataIndex: 'keyPrefix', width: 160, render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: '签发时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'state',
      width: 190,
      render: (_: unknown, r) => (r.revokedAt ? <Tag>已吊销 {formatDateTime(r.revokedAt)}</Tag> : <Tag color="green">有效</Tag>),
    },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_: unknown, r) =>
        r.revokedAt ? null : (
          <Popconfirm
            title="吊销这个密钥？"
            description="吊销后，使用该密钥的应用将无法再提交反映。"
            okText="吊销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => revoke.mutateAsync(r.id).then(() => message.success('已吊销'), (err) => onError(err))}
          >
            <Button type="link" danger size="small">
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Open311 接口密钥"
        subTitle="第三方应用通过 Open311 GeoReport v2 接口（/open311/v2）提交群众反映时使用"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            签发密钥
          </Button>
        }
      />
      {keys.isError ? (
        <QueryError error={keys.error} onRetry={() => keys.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
          <Table<TApiKeyRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={keys.data}
            loading={keys.isFetching}
            scroll={{ x: 700 }}
            pagination={false}
            locale={{ emptyText: '尚未签发密钥' }}
          />
        </Card>
      )}
      <SettingsCard />
      {creating && <IssueModal onClose={() => setCreating(false)} onIssued={(k) => setCreated(k)} />}
      {created && (
        <Modal
          open
          title="密钥已签发"
          onCancel={() => setCreated(null)}
          footer={
            <Button type="primary" onClick={() => setCreated(null)}>
              我已妥善保存
            </Button>
          }
          maskClosable={false}
        >
          <Alert type="warning" showIcon message="密钥只显示这一次，关闭后无法再次查看，请立即复制并交给使用方。" style={{ marginBottom: 12 }} />
          <div style={{ marginBottom: 6 }}>使用方：{created.name}</div>
          <Input.TextArea readOnly value={created.key} autoSize data-testid="api-key" style={{ fontFamily: 'ui-monospace, Menlo, monospace' }} />
          <Button
            icon={<CopyOutlined />}
            style={{ marginTop: 8 }}
            onClick={async () => ((await copyText(created.key)) ? message.success('密钥已复制') : message.warning('复制失败，请手动选择复制'))}
          >
            复制密钥
          </Button>
        </Modal>
      )}
    </>
  );
}

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (k: TCreatedApiKey) => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const issue = useIssueApiKey();
  const onError = useErrorHandler();
  return (
    <Modal
      open
      title="签发密钥"
      okText="签发"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={issue.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        issue.mutate(v.name.trim(), {
          onSuccess: (k) => {
            onClose();
            onIssued(k);
          },
          onError: (err) => onError(err, form),
        });
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="使用方名称" rules={[{ required: true, message: '请填写使用方名称' }, { min: 2, message: '请填写使用方名称' }]}>
          <Input maxLength={60} placeholder="如：周口12345热线平台" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SettingsCard() {
  const settings = useCitizenSettings();
  const save = useSaveCitizenSettings();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reopenDays: number }>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  return (
    <Card size="small" title="群众反映设置">
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v, { onSuccess: () => message.success('已保存'), onError: (err) => onError(err, form) })}
        >
          <Form.Item
            name="reopenDays"
            label="办结后可反馈“问题未解决”的天数"
            extra="事项办结后，反映人在这段时间内可通过查询码反馈“问题未解决”，事项将重新交办整改。"
            rules={[{ required: true, message: '请填写天数' }]}
          >
            <InputNumber min={1} max={90} precision={0} addonAfter="天" style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={settings.isLoading}>
            保存
          </Button>
        </Form>
      )}
    </Card>
  );
}
