import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import { authApi } from '../../../../api/endpoints';
import { LangSwitch } from '../../../../ui/LangSwitch';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { ME_QUERY_KEY } from '../../../session/useCurrentUser';
import { Brand } from '../../../shell/Brand';

interface LoginForm {
  username: string;
  password: string;
}

/** Staff sign-in with username or phone and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await authApi.login(values.username.trim(), values.password);
      queryClient.setQueryData(ME_QUERY_KEY, user);
      const next = params.get('next');
      // Only follow local paths, never an absolute URL handed in the query string.
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.requestFailed'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        background: 'linear-gradient(135deg, #0b2a5b 0%, #1668dc 55%, #13a8a8 100%)',
      }}
    >
      {isMobile ? null : (
        <Flex
          vertical
          justify="center"
          style={{ flex: 1, padding: '48px 64px', color: '#fff', maxWidth: 640 }}
        >
          <Brand />
          <Typography.Title style={{ color: '#fff', marginTop: 40, fontSize: 34, lineHeight: 1.3 }}>
            {t('login.heroTitle')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.8)', fontSize: 16, maxWidth: 460 }}>
            {t('login.heroText')}
          </Typography.Paragraph>
          <Flex gap={12} wrap style={{ marginTop: 16 }}>
            {(['households', 'care', 'privacy'] as const).map((k) => (
              <div
                key={k}
                style={{
                  padding: '6px 14px',
                  borderRadius: 16,
                  background: 'rgba(255,255,255,0.14)',
                  color: '#fff',
                  fontSize: 13,
                }}
              >
                {t(`login.features.${k}`)}
              </div>
            ))}
          </Flex>
        </Flex>
      )}
      <Flex vertical align="center" justify="center" style={{ flex: 1, padding: isMobile ? 16 : 48 }}>
        <Flex justify="flex-end" style={{ width: '100%', maxWidth: 400, marginBottom: 12 }}>
          <LangSwitch
            style={{ color: '#fff', borderColor: 'rgba(255,255,255,0.5)', background: 'transparent' }}
          />
        </Flex>
        <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 12px 40px rgba(0,0,0,0.18)' }}>
          {isMobile ? (
            <div style={{ marginBottom: 20 }}>
              <Brand dark={false} />
            </div>
          ) : null}
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : null}
          <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={onFinish} size="large">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                id="username"
                name="username"
                autoComplete="username"
                prefix={<UserOutlined />}
                placeholder={t('login.usernamePlaceholder')}
                autoFocus
              />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                id="password"
                name="password"
                autoComplete="current-password"
                prefix={<LockOutlined />}
                placeholder={t('login.passwordPlaceholder')}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t('login.help')}
          </Typography.Paragraph>
        </Card>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.65)', marginTop: 24, fontSize: 12 }}>
          {t('login.footer')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
