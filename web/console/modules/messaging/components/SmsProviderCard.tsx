import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type MessageProvider, messagingApi, type ProviderChannel } from '../../../../api/messaging';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { messagingKeys } from '../hooks/useMessaging';
import { formatInZone } from '../messagingText';
import { CredentialItem, SecretStateTag } from './CredentialFields';

interface Values {
  enabled: boolean;
  signName: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  sdkAppId?: string;
  region?: string;
  endpoint?: string;
}

/**
 * Credentials of one SMS provider (Aliyun or Tencent). Secrets are write-only: the form never
 * shows them, only whether one is stored ("已设置" / "未设置"); left blank, the stored one is kept.
 */
export function SmsProviderCard({
  estateId,
  channel,
  provider,
  timeZone,
}: {
  estateId: string;
  channel: ProviderChannel;
  provider: MessageProvider | undefined;
  timeZone: string | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const tencent = channel === 'sms_tencent';

  useEffect(() => {
    form.setFieldsValue({
      enabled: provider?.enabled ?? true,
      signName: provider?.signName ?? '',
      sdkAppId: provider?.sdkAppId ?? undefined,
      region: provider?.region ?? undefined,
      endpoint: provider?.endpoint ?? undefined,
      accessKeyId: undefined,
      accessKeySecret: undefined,
    });
  }, [provider, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      messagingApi.putProvider(estateId, channel, {
        enabled: v.enabled,
        signName: v.signName.trim(),
        accessKeyId: v.accessKeyId?.trim() || undefined,
        accessKeySecret: v.accessKeySecret?.trim() || undefined,
        sdkAppId: tencent ? v.sdkAppId?.trim() || undefined : undefined,
        region: tencent ? v.region?.trim() || undefined : undefined,
        endpoint: v.endpoint?.trim() || undefined,
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      form.setFieldsValue({ accessKeyId: undefined, accessKeySecret: undefined });
      void qc.invalidateQueries({ queryKey: messagingKeys.providers(estateId) });
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err).length) notifyError(err);
    },
  });

  const set = !!provider?.hasSecret;
  return (
    <Card
      title={t(`outbox.channel.${channel}`)}
      data-testid={`provider-${channel}`}
      extra={<SecretStateTag stored={set} testId={`provider-${channel}-state`} />}
      style={{ height: '100%' }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name={`provider-${channel}`}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="enabled" label={t('providers.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="signName"
          label={t('providers.signName')}
          extra={t('providers.signNameHelp')}
          rules={[{ required: true, whitespace: true, message: t('providers.signNameRequired') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <CredentialItem
              name="accessKeyId"
              label={tencent ? 'SecretId' : 'AccessKey ID'}
              stored={set}
              maxLength={128}
              extra={
                provider?.accessKeyIdHint
                  ? t('providers.keyHint', { hint: provider.accessKeyIdHint })
                  : t('providers.secretNotSet')
              }
            />
          </Col>
          <Col xs={24} sm={12}>
            <CredentialItem
              name="accessKeySecret"
              label={tencent ? 'SecretKey' : 'AccessKey Secret'}
              stored={set}
              secret
              maxLength={256}
            />
          </Col>
        </Row>
        {tencent ? (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="sdkAppId"
                label={t('providers.sdkAppId')}
                rules={[{ required: true, message: t('providers.sdkAppIdRequired') }]}
              >
                <Input maxLength={40} placeholder="1400006666" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="region" label={t('providers.region')}>
                <Input maxLength={40} placeholder="ap-guangzhou" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Form.Item name="endpoint" label={t('providers.endpoint')} extra={t('providers.endpointHelp')}>
          <Input
            maxLength={200}
            placeholder={tencent ? 'https://sms.tencentcloudapi.com' : 'https://dysmsapi.aliyuncs.com'}
          />
        </Form.Item>
        {provider ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('providers.updated', {
              at: formatInZone(provider.updatedAt, timeZone),
              by: provider.updatedBy,
            })}
          </Typography.Paragraph>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid={`provider-${channel}-save`}
        >
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
