import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  MESSAGE_STATUSES,
  type Message,
  type MessageChannel,
  type MessagePurpose,
  type MessageStatus,
  messagingApi,
} from '../../../../api/messaging';
import { PageHeader } from '../../../../ui/PageHeader';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { MessageDrawer } from '../components/MessageDrawer';
import { MessageStatusTag } from '../components/MessageStatusTag';
import { hasUsableSms, NoProviderBanner } from '../components/NoProviderBanner';
import {
  messagingKeys,
  useCampaign,
  useEstateZone,
  useMessageList,
  useProviders,
} from '../hooks/useMessaging';
import { campaignOfKey, formatInZone } from '../messagingText';

const SMS: readonly MessageChannel[] = ['sms_aliyun', 'sms_tencent'];

/**
 * 消息发件箱: every message of the estate with its status and why it waits or was suppressed;
 * filters by campaign, status, channel and purpose (all on the server); detail with attempts and provider id; admins can run
 * the worker now.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const { estateId, timeZone } = useEstateZone();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as MessageStatus | null) ?? undefined;
  const purpose = (params.get('purpose') as MessagePurpose | null) ?? undefined;
  const channel = (params.get('channel') as MessageChannel | null) ?? undefined;
  const campaignId = params.get('campaignId') ?? undefined;
  const campaign = useCampaign(campaignId);
  const [openId, setOpenId] = useState<string | null>(null);
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const q = useMemo(
    () => ({ estateId, status, purpose, channel, campaignId }),
    [estateId, status, purpose, channel, campaignId],
  );
  const list = useMessageList(q, !!estateId);
  const providers = useProviders(estateId);
  // Every filter is the server's, so "load more" pages through exactly the matching messages.
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const noSms = providers.isSuccess && !hasUsableSms(providers.data);
  const waitingForProvider = rows.filter((m) => m.reason === 'no_provider').length;

  const dispatch = useMutation({
    mutationFn: () => messagingApi.dispatchNow(),
    onSuccess: (r) => {
      message.success(t('outbox.dispatched', r));
      void qc.invalidateQueries({ queryKey: messagingKeys.messages });
      void qc.invalidateQueries({ queryKey: messagingKeys.campaigns });
    },
    onError: notifyError,
  });

  return (
    <div data-testid="outbox-page">
      <PageHeader
        title={t('outbox.title')}
        subtitle={t('outbox.subtitle')}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              loading={list.isFetching && !list.isFetchingNextPage}
            >
              {t('common.refresh')}
            </Button>
            {can('provider.manage') ? (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={dispatch.isPending}
                onClick={() => dispatch.mutate()}
                data-testid="outbox-dispatch"
              >
                {t('outbox.dispatchNow')}
              </Button>
            ) : null}
          </>
        }
      />
      {noSms ? <NoProviderBanner waiting={waitingForProvider} /> : null}
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          {campaignId ? (
            <Tag
              closable
              color="blue"
              onClose={() => setFilter('campaignId', undefined)}
              style={{ marginInlineEnd: 0, paddingBlock: 4 }}
              data-testid="outbox-campaign-filter"
            >
              {t('outbox.filter.campaign', { name: campaign.data?.name ?? campaignId })}
            </Tag>
          ) : null}
          <Select
            allowClear
            style={{ minWidth: 170 }}
            placeholder={t('outbox.filter.status')}
            value={status}
            onChange={(v) => setFilter('status', v)}
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))}
            data-testid="outbox-status-filter"
          />
          <Select
            allowClear
            style={{ minWidth: 170 }}
            placeholder={t('outbox.filter.channel')}
            value={channel}
            onChange={(v) => setFilter('channel', v)}
            options={MESSAGE_CHANNELS.map((c) => ({ value: c, label: t(`outbox.channel.${c}`) }))}
            data-testid="outbox-channel-filter"
          />
          <Select
            allowClear
            style={{ minWidth: 170 }}
            placeholder={t('outbox.filter.purpose')}
            value={purpose}
            onChange={(v) => setFilter('purpose', v)}
            options={MESSAGE_PURPOSES.map((p) => ({ value: p, label: t(`outbox.purpose.${p}`) }))}
            data-testid="outbox-purpose-filter"
          />
        </Flex>
        {list.isError ? (
          <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<Message>
          data-testid="outbox-table"
          rowKey="id"
          size="small"
          loading={list.isPending && !!estateId}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('outbox.empty') }}
          onRow={(m) => ({ onClick: () => setOpenId(m.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('outbox.col.createdAt'),
              dataIndex: 'createdAt',
              width: 140,
              render: (v: string) => formatInZone(v, timeZone),
            },
            { title: t('outbox.col.address'), dataIndex: 'address', width: 130 },
            {
              title: t('outbox.col.channel'),
              dataIndex: 'channel',
              render: (c: MessageChannel) => (
                <Typography.Text type={SMS.includes(c) && noSms ? 'warning' : undefined}>
                  {t(`outbox.channel.${c}`)}
                </Typography.Text>
              ),
            },
            {
              title: t('outbox.col.purpose'),
              dataIndex: 'purpose',
              render: (p: MessagePurpose) => t(`outbox.purpose.${p}`),
            },
            {
              title: t('outbox.col.status'),
              dataIndex: 'status',
              render: (_: unknown, m) => <MessageStatusTag status={m.status} reason={m.reason} />,
            },
            {
              title: t('outbox.col.template'),
              dataIndex: 'templateCode',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            { title: t('outbox.col.attempts'), dataIndex: 'attempts', align: 'right' },
            {
              title: t('outbox.col.sentAt'),
              dataIndex: 'sentAt',
              render: (v: string | null) => formatInZone(v, timeZone),
            },
            {
              title: t('outbox.col.campaign'),
              dataIndex: 'key',
              render: (k: string) => {
                const id = campaignOfKey(k);
                return id ? (
                  <Link to={`/campaigns/${encodeURIComponent(id)}`} onClick={(e) => e.stopPropagation()}>
                    {t('outbox.openCampaign')}
                  </Link>
                ) : null;
              },
            },
          ]}
        />
        {list.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Flex>
        ) : null}
      </Card>
      <MessageDrawer id={openId} timeZone={timeZone} onClose={() => setOpenId(null)} />
    </div>
  );
}
