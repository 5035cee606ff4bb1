import { Alert, Col, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROVIDER_CHANNELS } from '../../../../api/messaging';
import { PageHeader } from '../../../../ui/PageHeader';
import { CallbackUrlsCard } from '../components/CallbackUrlsCard';
import { EmailProviderCard } from '../components/EmailProviderCard';
import { SmsProviderCard } from '../components/SmsProviderCard';
import { WeatherSourceCard } from '../components/WeatherSourceCard';
import { useEstateZone, useProviders } from '../hooks/useMessaging';

/**
 * 服务商设置 (admins, provider.manage): SMS credentials per estate with the callback URLs to paste
 * in each provider's console, the SMTP server for e-mail, and the weather source.
 */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { estateId, timeZone } = useEstateZone();
  const providers = useProviders(estateId);
  return (
    <div style={{ maxWidth: 1100 }} data-testid="providers-page">
      <PageHeader title={t('providers.title')} subtitle={t('providers.subtitle')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('providers.secretsNote')} />
      {providers.isError ? (
        <Alert type="error" showIcon title={providers.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {providers.isPending && estateId ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {PROVIDER_CHANNELS.map((ch) => (
            <Col key={ch} xs={24} lg={12}>
              <SmsProviderCard
                estateId={estateId}
                channel={ch}
                provider={providers.data?.find((p) => p.channel === ch)}
                timeZone={timeZone}
              />
            </Col>
          ))}
        </Row>
      )}
      {estateId ? <CallbackUrlsCard estateId={estateId} /> : null}
      {estateId ? (
        <div style={{ marginBottom: 16 }}>
          <EmailProviderCard estateId={estateId} timeZone={timeZone} />
        </div>
      ) : null}
      {estateId ? <WeatherSourceCard estateId={estateId} timeZone={timeZone} /> : null}
    </div>
  );
}
