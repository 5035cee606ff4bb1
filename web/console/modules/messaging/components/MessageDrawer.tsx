import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { messagingApi } from '../../../../api/messaging';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { messagingKeys } from '../hooks/useMessaging';
import { campaignOfKey, formatInZone } from '../messagingText';
import { MessageStatusTag } from './MessageStatusTag';

/** One outbox message: recipient, template and parameters, status and why, attempts, provider id. */
export function MessageDrawer({
  id,
  timeZone,
  onClose,
}: {
  id: string | null;
  timeZone: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const q = useQuery({
    queryKey: messagingKeys.message(id ?? ''),
    queryFn: () => messagingApi.get(id!),
    enabled: !!id,
  });
  const m = q.data;
  const campaignId = m ? campaignOfKey(m.key) : null;
  const at = (iso: string | null) => formatInZone(iso, timeZone);
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={t('outbox.detail.title')}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      data-testid="message-drawer"
    >
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {!m ? (
        <Skeleton active />
      ) : (
        <>
          {m.reason ? (
            <Alert
              style={{ marginBottom: 12 }}
              type={m.status === 'suppressed' ? 'warning' : 'info'}
              showIcon
              title={t(`outbox.reason.${m.reason}`)}
              description={t(`outbox.reasonHelp.${m.reason}`)}
            />
          ) : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('outbox.col.status')}>
              <MessageStatusTag status={m.status} reason={m.reason} />
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.col.address')}>{m.address}</Descriptions.Item>
            {m.householdId ? (
              <Descriptions.Item label={t('outbox.detail.household')}>
                <Link to={`/households/${encodeURIComponent(m.householdId)}`}>
                  {t('outbox.detail.openHousehold')}
                </Link>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('outbox.col.channel')}>
              {t(`outbox.channel.${m.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.col.purpose')}>
              {t(`outbox.purpose.${m.purpose}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.col.template')}>
              <Typography.Text code>{m.templateCode}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.params')}>
              {Object.keys(m.params).length
                ? Object.entries(m.params).map(([k, v]) => (
                    <Tag key={k}>
                      {k} = {v}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            {campaignId ? (
              <Descriptions.Item label={t('outbox.detail.campaign')}>
                <Link to={`/campaigns/${encodeURIComponent(campaignId)}`}>
                  {t('outbox.detail.openCampaign')}
                </Link>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('outbox.col.attempts')}>{m.attempts}</Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.providerId')}>
              {m.providerMessageId ? <Typography.Text copyable>{m.providerMessageId}</Typography.Text> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.lastError')}>
              {m.lastError ? <Typography.Text type="danger">{m.lastError}</Typography.Text> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.notBefore')}>{at(m.notBefore)}</Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.nextAttempt')}>
              {at(m.nextAttemptAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.col.createdAt')}>
              {at(m.createdAt)} · {m.createdBy}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.updatedAt')}>{at(m.updatedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('outbox.col.sentAt')}>{at(m.sentAt)}</Descriptions.Item>
            <Descriptions.Item label={t('outbox.detail.key')}>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {m.key}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Drawer>
  );
}
