import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useLogin, useMe } from '../api/auth';
import { useT } from '../i18n';
import { LanguageSwitch } from '../layout/language-switch';
import { ApiErrorAlert } from '../ui/api-error-alert';
import { LoadingBlock } from '../ui/loading-block';

type LoginForm = { username: string; password: string };

/** Where to go after login: the page the user was sent away from, else the overview. */
function targetOf(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const t = useT();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const target = targetOf(location.state);

  if (me.data === undefined && me.isPending) return <LoadingBlock />;
  if (me.data) return <Navigate to={target} replace />;

  const onFinish = (values: LoginForm) => {
    login.mutate(values, { onSuccess: () => navigate(target, { replace: true }) });
  };

  const error = login.error;
  const shownError =
    isApiError(error) && error.status === 429 && !error.message ? new Error(t('login.throttled')) : error;

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-main">
        <Card className="login-card">
          <Typography.Title level={1} className="login-app-name">
            {t('app.name')}
          </Typography.Title>
          <Typography.Title level={2} className="login-title">
            {t('login.title')}
          </Typography.Title>
          {shownError ? <ApiErrorAlert error={shownError} /> : null}
          <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}
