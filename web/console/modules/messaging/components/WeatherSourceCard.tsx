import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  boardAdminApi,
  type PutWeatherSourceBody,
  WEATHER_PROVIDERS,
  type WeatherProvider,
  type WeatherSource,
} from '../../../../api/messaging';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { formatInZone } from '../messagingText';

interface Values {
  provider: WeatherProvider;
  apiHost?: string;
  location?: string;
  auth?: 'jwt' | 'api_key';
  credentialId?: string;
  projectId?: string;
  privateKey?: string;
  apiKey?: string;
  baseUrl?: string;
  latitude?: number;
  longitude?: number;
}

export const weatherSourceKey = (estateId: string) => ['weather-source', estateId] as const;

function toBody(v: Values): PutWeatherSourceBody {
  const s = (x: string | undefined) => x?.trim() || undefined;
  if (v.provider === 'qweather')
    return {
      provider: 'qweather',
      apiHost: s(v.apiHost) ?? '',
      location: s(v.location) ?? '',
      auth: v.auth ?? 'jwt',
      ...(v.auth === 'api_key'
        ? { apiKey: s(v.apiKey) }
        : { credentialId: s(v.credentialId), projectId: s(v.projectId), privateKey: s(v.privateKey) }),
    };
  if (v.provider === 'open_meteo')
    return {
      provider: 'open_meteo',
      baseUrl: s(v.baseUrl),
      latitude: v.latitude ?? 0,
      longitude: v.longitude ?? 0,
      apiKey: s(v.apiKey),
    };
  return { provider: 'manual' };
}

function toValues(src: WeatherSource | null | undefined): Values {
  if (!src) return { provider: 'manual' };
  const st = src.settings;
  const str = (k: string) => (typeof st[k] === 'string' ? (st[k] as string) : undefined);
  const num = (k: string) => (typeof st[k] === 'number' ? (st[k] as number) : undefined);
  return {
    provider: src.provider,
    apiHost: str('apiHost'),
    location: str('location') ?? src.location ?? undefined,
    auth: (str('auth') as Values['auth']) ?? 'jwt',
    credentialId: str('credentialId'),
    projectId: str('projectId'),
    baseUrl: str('baseUrl'),
    latitude: num('latitude'),
    longitude: num('longitude'),
  };
}

/**
 * The estate's weather source for the entrance boards: QWeather (JWT or API key), Open-Meteo
 * (commercial key) or entered by hand at the gate. Keys are write-only.
 */
export function WeatherSourceCard({
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
  const provider = Form.useWatch('provider', form);
  const auth = Form.useWatch('auth', form);
  const q = useQuery({
    queryKey: weatherSourceKey(estateId),
    queryFn: () => boardAdminApi.weatherSource(estateId),
    enabled: !!estateId,
  });
  const src = q.data;
  const stored = !!src?.hasSecret && src.provider === provider;

  useEffect(() => {
    if (q.isSuccess) form.setFieldsValue({ ...toValues(q.data), privateKey: undefined, apiKey: undefined });
  }, [q.isSuccess, q.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => boardAdminApi.putWeatherSource(estateId, toBody(v)),
    onSuccess: (r) => {
      message.success(t('common.saved'));
      qc.setQueryData(weatherSourceKey(estateId), r);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err).length) notifyError(err);
    },
  });
  const secretExtra = stored ? t('providers.secretSetHelp') : t('providers.secretNotSet');

  return (
    <Card
      title={t('providers.weather.title')}
      data-testid="weather-source"
      extra={
        src ? (
          <Tag color="blue">{t(`providers.weather.provider.${src.provider}`)}</Tag>
        ) : (
          <Tag>{t('providers.weather.none')}</Tag>
        )
      }
    >
      {src?.lastError ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('providers.weather.lastError', { at: formatInZone(src.lastErrorAt, timeZone) })}
          description={src.lastError}
        />
      ) : null}
      <Typography.Paragraph type="secondary">{t('providers.weather.help')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        name="weather-source"
        initialValues={{ provider: 'manual', auth: 'jwt' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="provider" label={t('providers.weather.source')}>
          <Radio.Group
            optionType="button"
            options={WEATHER_PROVIDERS.map((p) => ({
              value: p,
              label: t(`providers.weather.provider.${p}`),
            }))}
            data-testid="weather-provider"
          />
        </Form.Item>
        {provider === 'qweather' ? (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={14}>
                <Form.Item
                  name="apiHost"
                  label={t('providers.weather.apiHost')}
                  extra={t('providers.weather.apiHostHelp')}
                  rules={[{ required: true, message: t('providers.weather.required') }]}
                >
                  <Input placeholder="abc1234xyz.def.qweatherapi.com" maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item
                  name="location"
                  label={t('providers.weather.location')}
                  extra={t('providers.weather.locationHelp')}
                  rules={[{ required: true, message: t('providers.weather.required') }]}
                >
                  <Input placeholder="101010100" maxLength={40} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="auth" label={t('providers.weather.auth')}>
              <Radio.Group
                options={[
                  { value: 'jwt', label: t('providers.weather.jwt') },
                  { value: 'api_key', label: t('providers.weather.apiKey') },
                ]}
              />
            </Form.Item>
            {auth === 'api_key' ? (
              <Form.Item name="apiKey" label={t('providers.weather.apiKey')} extra={secretExtra}>
                <Input.Password
                  autoComplete="new-password"
                  placeholder={stored ? t('providers.keepStored') : ''}
                />
              </Form.Item>
            ) : (
              <>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="credentialId"
                      label={t('providers.weather.credentialId')}
                      rules={[{ required: true, message: t('providers.weather.required') }]}
                    >
                      <Input maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="projectId"
                      label={t('providers.weather.projectId')}
                      rules={[{ required: true, message: t('providers.weather.required') }]}
                    >
                      <Input maxLength={64} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="privateKey" label={t('providers.weather.privateKey')} extra={secretExtra}>
                  <Input.TextArea
                    rows={3}
                    autoComplete="off"
                    placeholder={stored ? t('providers.keepStored') : '-----BEGIN PRIVATE KEY-----'}
                  />
                </Form.Item>
              </>
            )}
          </>
        ) : null}
        {provider === 'open_meteo' ? (
          <>
            <Row gutter={12}>
              <Col xs={12}>
                <Form.Item
                  name="latitude"
                  label={t('providers.weather.latitude')}
                  rules={[{ required: true, message: t('providers.weather.required') }]}
                >
                  <InputNumber min={-90} max={90} step={0.01} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12}>
                <Form.Item
                  name="longitude"
                  label={t('providers.weather.longitude')}
                  rules={[{ required: true, message: t('providers.weather.required') }]}
                >
                  <InputNumber min={-180} max={180} step={0.01} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="apiKey" label={t('providers.weather.openMeteoKey')} extra={secretExtra}>
              <Input.Password
                autoComplete="new-password"
                placeholder={stored ? t('providers.keepStored') : ''}
              />
            </Form.Item>
            <Form.Item name="baseUrl" label={t('providers.weather.baseUrl')}>
              <Input placeholder="https://customer-api.open-meteo.com" maxLength={200} />
            </Form.Item>
          </>
        ) : null}
        {provider === 'manual' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('providers.weather.manualHelp')}
          />
        ) : null}
        {src ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {src.updatedByName
              ? t('providers.updated', { at: formatInZone(src.updatedAt, timeZone), by: src.updatedByName })
              : t('providers.updatedAt', { at: formatInZone(src.updatedAt, timeZone) })}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="weather-source-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
