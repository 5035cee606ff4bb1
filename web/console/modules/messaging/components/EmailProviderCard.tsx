import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { messagingApi } from '../../../../api/messaging';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { messagingKeys } from '../hooks/useMessaging';
import { formatInZone } from '../messagingText';
import { CredentialItem, SecretStateTag } from './CredentialFields';

interface Values {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
  fromAddress: string;
  fromName: string;
}

/**
 * The estate's SMTP server for e-mail. Like the SMS secrets, the username and password are
 * write-only: the form shows only a masked hint and whether they are stored; left blank, the
 * stored ones are kept.
 */
export function EmailProviderCard({
  estateId,
  timeZone,
}: {
  estateId: string;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const q = useQuery({
    queryKey: messagingKeys.emailProvider(estateId),
    queryFn: () => messagingApi.emailProvider(estateId),
    enabled: !!estateId,
  });
  const p = q.data ?? null;

  // Once the answer is in, the form is mounted (the skeleton shows until then): filling it earlier
  // would write to a form instance that no <Form> is connected to yet.
  useEffect(() => {
    if (q.isPending) return;
    form.setFieldsValue({
      enabled: p?.enabled ?? true,
      host: p?.host ?? '',
      port: p?.port ?? 465,
      secure: p?.secure ?? true,
      fromAddress: p?.fromAddress ?? '',
      fromName: p?.fromName ?? '',
      username: undefined,
      password: undefined,
    });
  }, [q.isPending, p, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      messagingApi.putEmailProvider(estateId, {
        enabled: v.enabled,
        host: v.host.trim(),
        port: v.port,
        secure: v.secure,
        username: v.username?.trim() || undefined,
        password: v.password || undefined,
        fromAddress: v.fromAddress.trim(),
        fromName: v.fromName.trim(),
      }),
    onSuccess: (r) => {
      message.success(t('common.saved'));
      qc.setQueryData(messagingKeys.emailProvider(estateId), r);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err).length) notifyError(err);
    },
  });

  const set = !!p?.hasSecret;
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  return (
    <Card
      title={t('providers.email.title')}
      data-testid="provider-email"
      extra={<SecretStateTag stored={set} testId="provider-email-state" />}
      style={{ height: '100%' }}
    >
      {q.isError ? (
        <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {q.isPending ? (
        <Skeleton active />
      ) : (
        <Form<Values> form={form} layout="vertical" name="provider-email" onFinish={(v) => save.mutate(v)}>
          <Typography.Paragraph type="secondary">{t('providers.email.help')}</Typography.Paragraph>
          <Form.Item name="enabled" label={t('providers.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={14}>
              <Form.Item
                name="host"
                label={t('providers.email.host')}
                rules={required(t('providers.email.required'))}
              >
                <Input maxLength={200} placeholder="smtp.exmail.qq.com" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={5}>
              <Form.Item
                name="port"
                label={t('providers.email.port')}
                rules={[{ required: true, message: t('providers.email.required') }]}
              >
                <InputNumber min={1} max={65535} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={5}>
              <Form.Item name="secure" label={t('providers.email.secure')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
            {t('providers.email.secureHelp')}
          </Typography.Paragraph>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <CredentialItem
                name="username"
                label={t('providers.email.username')}
                stored={set}
                maxLength={200}
                extra={
                  p?.usernameHint
                    ? t('providers.email.usernameHint', { hint: p.usernameHint })
                    : t('providers.secretNotSet')
                }
              />
            </Col>
            <Col xs={24} sm={12}>
              <CredentialItem
                name="password"
                label={t('providers.email.password')}
                stored={set}
                secret
                maxLength={256}
              />
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="fromAddress"
                label={t('providers.email.fromAddress')}
                rules={[
                  ...required(t('providers.email.required')),
                  { type: 'email', message: t('providers.email.badEmail') },
                ]}
              >
                <Input maxLength={200} placeholder="notice@example.com" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="fromName"
                label={t('providers.email.fromName')}
                rules={required(t('providers.email.required'))}
              >
                <Input maxLength={60} placeholder={t('providers.email.fromNamePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          {p ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('providers.updated', { at: formatInZone(p.updatedAt, timeZone), by: p.updatedBy })}
            </Typography.Paragraph>
          ) : null}
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="provider-email-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
