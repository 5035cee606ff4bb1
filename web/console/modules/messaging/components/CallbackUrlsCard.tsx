import { LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { messagingApi, PROVIDER_CHANNELS, type ProviderChannel } from '../../../../api/messaging';
import { messagingKeys } from '../hooks/useMessaging';

/** One URL with a copy button; the server gives paths, the provider needs the full address. */
function CopyableUrl({ label, path, testId }: { label: string; path: string; testId: string }) {
  const url = `${window.location.origin}${path}`;
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <Typography.Text
        code
        copyable={{ text: url }}
        style={{ wordBreak: 'break-all', fontSize: 12 }}
        data-testid={testId}
      >
        {url}
      </Typography.Text>
    </Flex>
  );
}

function ChannelCallbacks({ estateId, channel }: { estateId: string; channel: ProviderChannel }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: messagingKeys.callbackUrls(estateId, channel),
    queryFn: () => messagingApi.callbackUrls(estateId, channel),
    enabled: !!estateId,
    retry: false,
  });
  return (
    <Flex vertical gap={8} data-testid={`callbacks-${channel}`}>
      <Typography.Text strong>{t(`outbox.channel.${channel}`)}</Typography.Text>
      <Typography.Text type="secondary">{t(`providers.callbacks.where.${channel}`)}</Typography.Text>
      {q.isError ? <Alert type="warning" showIcon title={t('providers.callbacks.unavailable')} /> : null}
      {q.isPending ? <Skeleton active paragraph={{ rows: 2 }} title={false} /> : null}
      {q.data ? (
        <>
          <CopyableUrl
            label={t('providers.callbacks.status')}
            path={q.data.statusUrl}
            testId={`callback-${channel}-status`}
          />
          <CopyableUrl
            label={t('providers.callbacks.reply')}
            path={q.data.replyUrl}
            testId={`callback-${channel}-reply`}
          />
        </>
      ) : null}
    </Flex>
  );
}

/**
 * 回调地址: the delivery-report and reply (上行) URLs to paste in each SMS provider's console. The
 * URL carries a secret token (the providers do not sign their callbacks), so it is shown only here.
 */
export function CallbackUrlsCard({ estateId }: { estateId: string }) {
  const { t } = useTranslation();
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <LinkOutlined />
          {t('providers.callbacks.title')}
        </Flex>
      }
      style={{ marginBottom: 16 }}
      data-testid="provider-callbacks"
    >
      <Typography.Paragraph type="secondary">{t('providers.callbacks.help')}</Typography.Paragraph>
      <Row gutter={[24, 16]}>
        {PROVIDER_CHANNELS.map((ch) => (
          <Col key={ch} xs={24} lg={12}>
            <ChannelCallbacks estateId={estateId} channel={ch} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
