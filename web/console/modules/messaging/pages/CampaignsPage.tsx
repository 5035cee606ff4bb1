import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Campaign, CampaignChannel, CampaignStatus, MessagePurpose } from '../../../../api/messaging';
import { PageHeader } from '../../../../ui/PageHeader';
import { CampaignProgressView } from '../components/CampaignProgressView';
import { ProposalsCard } from '../components/ProposalsCard';
import { useCampaignList, useEstateZone } from '../hooks/useMessaging';
import { CAMPAIGN_STATUS_COLORS, formatInZone } from '../messagingText';

/** 群发与节日问候: the festivals ahead with "prepare greeting", and every campaign with its progress. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { estateId, timeZone } = useEstateZone();
  const list = useCampaignList(estateId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  return (
    <div data-testid="campaigns-page">
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            <Link to="/campaigns/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="campaign-new">
                {t('campaigns.new')}
              </Button>
            </Link>
          </>
        }
      />
      {estateId ? <ProposalsCard estateId={estateId} timeZone={timeZone} campaigns={rows} /> : null}
      <Card title={t('campaigns.listTitle')}>
        {list.isError ? (
          <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<Campaign>
          data-testid="campaigns-table"
          rowKey="id"
          size="small"
          loading={list.isPending && !!estateId}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('campaigns.empty') }}
          onRow={(c) => ({
            onClick: () => navigate(`/campaigns/${encodeURIComponent(c.id)}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: t('campaigns.col.name'),
              dataIndex: 'name',
              render: (n: string, c) => (
                <Flex vertical>
                  <Typography.Text strong>{n}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`outbox.purpose.${c.purpose as MessagePurpose}`)} ·{' '}
                    {t(`outbox.channel.${c.channel as CampaignChannel}`)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('campaigns.col.status'),
              dataIndex: 'status',
              render: (s: CampaignStatus) => (
                <Tag color={CAMPAIGN_STATUS_COLORS[s]} style={{ marginInlineEnd: 0 }}>
                  {t(`campaigns.status.${s}`)}
                </Tag>
              ),
            },
            {
              title: t('campaigns.col.progress'),
              key: 'progress',
              // The list answer carries each campaign's progress (one grouped query per page).
              render: (_: unknown, c) => <CampaignProgressView campaign={c} compact />,
            },
            {
              title: t('campaigns.col.scheduledAt'),
              dataIndex: 'scheduledAt',
              render: (v: string | null) => (v ? formatInZone(v, timeZone) : t('campaigns.whenStarted')),
            },
            {
              title: t('campaigns.col.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string, c) => `${formatInZone(v, timeZone)} · ${c.createdBy}`,
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
    </div>
  );
}
