/** Change one's own password (old + new, typed twice). */
import { App, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ME_KEY } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { useErrorHandler } from '../../lib/useErrorHandler';
import { useMutation } from '@tanstack/react-query';

interface TValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码 page. */
export default function ChangePasswordPage() {
  const [form] = Form.useForm<TValues>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: (v: TValues) => api.post('/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      message.success('密码已修改');
      qc.invalidateQueries({ queryKey: ME_KEY });
      navigate('/');
    },
    onError: (err) => onError(err, form),
  });
  return (
    <>
      <PageHeader title="修改密码" />
      <Card style={{ maxWidth: 480 }}>
        <Form form={form} layout="vertical" size="large" onFinish={(v) => change.mutate(v)}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '新密码至少 8 位' },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} block>
            保存
          </Button>
        </Form>
      </Card>
    </>
  );
}
