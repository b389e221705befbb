/** The login screen: username and password, then back to where the user was going. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { TLoginBody } from '../../../shared/contracts/auth';
import { ApiError } from '../../api/client';
import { useLogin, useMe } from '../../api/session';

/** Sign-in page. */
export function LoginPage() {
  const { data: me } = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  if (me) return <Navigate to={target} replace />;

  const error = login.error instanceof ApiError ? login.error.message : login.error ? '登录失败，请稍后重试' : null;
  return (
    <div className="zl-login">
      <Card className="zl-login-card" styles={{ body: { padding: '32px 28px' } }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          智理
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
          示范区智慧治理平台
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<TLoginBody>
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={(values) => login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) })}
        >
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
      <div className="zl-login-foot">
        周口市城乡一体化示范区 · <Link to="/report">群众随手拍</Link>
      </div>
    </div>
  );
}
