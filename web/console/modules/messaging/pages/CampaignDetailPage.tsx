import { ReloadOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Skeleton, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type Campaign, type CampaignAudience, campaignsApi } from '../../../../api/messaging';
import { PageHeader } from '../../../../ui/PageHeader';
import { useBuildings } from '../../../hooks/useBuildings';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useTipList } from '../../tips/hooks/useTips';
import { CampaignProgressView } from '../components/CampaignProgressView';
import { PreviewPanel } from '../components/PreviewPanel';
import { messagingKeys, useCampaign, useEstateZone } from '../hooks/useMessaging';
import { CAMPAIGN_STATUS_COLORS, formatInZone } from '../messagingText';

/** Who a campaign is for, in words: "楼栋 1栋、2栋 · 高龄老人" or "全体住户". */
function useAudienceText(estateId: string, a: CampaignAudience | undefined): string {
  const { t } = useTranslation();
  const buildings = useBuildings(estateId);
  if (!a) return '';
  const sep = t('common.listSep');
  const parts: string[] = [];
  if (a.buildingIds?.length)
    parts.push(a.buildingIds.map((id) => buildings.data?.find((b) => b.id === id)?.name ?? id).join(sep));
  if (a.tags?.length) parts.push(a.tags.join(sep));
  if (a.careFlags?.length) parts.push(a.careFlags.map((f) => t(`enums.careFlag.${f}`)).join(sep));
  if (a.occupancy?.length) parts.push(a.occupancy.map((o) => t(`enums.occupancy.${o}`)).join(sep));
  if (a.birthday) parts.push(t('campaigns.audience.birthdayOn', { day: a.birthday }));
  return parts.length ? parts.join(' · ') : t('campaigns.audience.everyone');
}

/** A campaign: settings, progress from the outbox (polled while running), preview and start of a draft. */
export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const { estateId, timeZone } = useEstateZone();
  const q = useCampaign(id);
  const c = q.data;
  const preview = useQuery({
    queryKey: messagingKeys.campaignPreview(id),
    queryFn: () => campaignsApi.previewSaved(id),
    enabled: c?.status === 'draft',
  });
  const audience = useAudienceText(c?.estateId ?? estateId, c?.audience);
  const tips = useTipList(c?.tipId ? c.estateId : '', {});
  const tip = c?.tipId ? tips.data?.find((x) => x.id === c.tipId) : undefined;
  // Started or cancelled: this page shows the answer; the lists and the outbox refresh.
  const changed = (r: Campaign) => {
    qc.setQueryData(messagingKeys.campaign(id), r);
    void qc.invalidateQueries({ queryKey: messagingKeys.campaigns });
    void qc.invalidateQueries({ queryKey: messagingKeys.messages });
  };
  const cancel = useMutation({
    mutationFn: () => campaignsApi.cancel(id, c!.version),
    onSuccess: (r) => {
      message.success(t('campaigns.cancel.done', { n: r.progress.suppressed }));
      changed(r);
    },
    onError: (err) => {
      notifyError(err);
      void q.refetch(); // 409/412: show what the campaign is now
    },
  });
  const start = useMutation({
    mutationFn: () => campaignsApi.start(id),
    onSuccess: (r) => {
      message.success(t('campaigns.wizard.started', { n: r.enqueuedCount }));
      changed(r);
    },
    onError: notifyError,
  });

  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (!c) return <Skeleton active />;
  const at = (iso: string | null) => formatInZone(iso, timeZone);
  const p = c.progress;
  return (
    <div style={{ maxWidth: 980 }} data-testid="campaign-detail">
      <PageHeader
        title={c.name}
        subtitle={
          <Tag color={CAMPAIGN_STATUS_COLORS[c.status]} data-testid="campaign-status">
            {t(`campaigns.status.${c.status}`)}
          </Tag>
        }
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
              {t('common.refresh')}
            </Button>
            <Link to={`/outbox?campaignId=${encodeURIComponent(c.id)}`}>
              <Button data-testid="campaign-open-outbox">{t('campaigns.detail.openOutbox')}</Button>
            </Link>
            {c.status === 'draft' || c.status === 'running' ? (
              <Popconfirm
                title={t('campaigns.cancel.confirmTitle')}
                description={
                  c.status === 'running'
                    ? t('campaigns.cancel.confirmRunning', { n: p.queued })
                    : t('campaigns.cancel.confirmDraft')
                }
                okText={t('campaigns.cancel.ok')}
                okButtonProps={{ danger: true, 'data-testid': 'campaign-cancel-ok' }}
                cancelText={t('campaigns.cancel.keep')}
                onConfirm={() => cancel.mutate()}
              >
                <Button
                  danger
                  icon={<StopOutlined />}
                  loading={cancel.isPending}
                  data-testid="campaign-cancel"
                >
                  {t('campaigns.cancel.button')}
                </Button>
              </Popconfirm>
            ) : null}
            {c.status === 'draft' ? (
              <Popconfirm
                title={t('campaigns.wizard.startConfirm', { n: preview.data?.recipients ?? 0 })}
                okText={t('campaigns.wizard.start')}
                cancelText={t('common.cancel')}
                onConfirm={() => start.mutate()}
              >
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={start.isPending}
                  data-testid="campaign-start"
                >
                  {t('campaigns.wizard.start')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {c.status === 'cancelled' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="campaign-cancelled"
          title={t('campaigns.cancel.cancelledNote')}
        />
      ) : null}
      {c.status !== 'draft' ? (
        <Card title={t('campaigns.detail.results')} style={{ marginBottom: 16 }}>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={4}>
              <Statistic title={t('campaigns.detail.audience')} value={c.audienceCount} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('campaigns.detail.enqueued')}
                value={c.enqueuedCount}
                data-testid="campaign-enqueued"
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('outbox.status.sent')} value={p.sent} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('outbox.status.delivered')} value={p.delivered} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('outbox.status.failed')} value={p.failed} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('outbox.status.suppressed')} value={p.suppressed} />
            </Col>
          </Row>
          <CampaignProgressView campaign={c} />
          {p.queued + p.sending > 0 ? (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              title={t('campaigns.detail.waiting', { n: p.queued + p.sending })}
            />
          ) : null}
        </Card>
      ) : null}
      <Card title={t('campaigns.detail.settings')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('campaigns.wizard.purpose')}>
            {t(`outbox.purpose.${c.purpose}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.wizard.channel')}>
            {t(`outbox.channel.${c.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.wizard.template')}>{c.templateCode}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.detail.festival')}>{c.festival ?? '—'}</Descriptions.Item>
          {c.tipId ? (
            <Descriptions.Item label={t('tips.campaign.tip')}>
              <span data-testid="campaign-tip">
                {tip ? (i18n.language === 'en' ? tip.titleEn : tip.titleZh) : c.tipId}
              </span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('campaigns.wizard.stepAudience')}>{audience}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.col.scheduledAt')}>
            {c.scheduledAt ? at(c.scheduledAt) : t('campaigns.whenStarted')}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.wizard.throttle')}>
            {c.throttlePerMinute
              ? t('campaigns.detail.perMinute', { n: c.throttlePerMinute })
              : t('campaigns.wizard.noThrottle')}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.col.createdAt')}>
            {at(c.createdAt)} · {c.createdBy}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.detail.startedAt')}>
            {c.startedAt ? `${at(c.startedAt)} · ${c.startedBy ?? ''}` : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {c.status === 'draft' ? (
        <Card title={t('campaigns.wizard.stepPreview')}>
          {preview.isError ? <Alert type="error" showIcon title={preview.error.message} /> : null}
          {preview.data ? <PreviewPanel preview={preview.data} channel={c.channel} /> : <Skeleton active />}
        </Card>
      ) : null}
    </div>
  );
}
