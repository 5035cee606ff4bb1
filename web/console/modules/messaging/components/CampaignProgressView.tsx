import { Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../api/messaging';
import { STATUS_COLORS } from '../messagingText';

const SHOWN = ['queued', 'sent', 'delivered', 'failed', 'suppressed'] as const;

/** Enqueued / sent / delivered / failed / suppressed of a campaign, with a bar of what is done. */
export function CampaignProgressView({ campaign: c, compact }: { campaign: Campaign; compact?: boolean }) {
  const { t } = useTranslation();
  const p = c.progress;
  const done = p.sent + p.delivered + p.failed + p.suppressed;
  const percent = p.total ? Math.round((done / p.total) * 100) : 0;
  const okPercent = p.total ? Math.round(((p.sent + p.delivered) / p.total) * 100) : 0;
  if (c.status === 'draft')
    return <Typography.Text type="secondary">{t('campaigns.progress.notStarted')}</Typography.Text>;
  return (
    <Flex
      vertical
      gap={4}
      style={{ minWidth: compact ? 220 : undefined }}
      data-testid={`campaign-progress-${c.id}`}
    >
      <Progress
        percent={percent}
        success={{ percent: okPercent }}
        size="small"
        format={() => `${done}/${p.total}`}
      />
      <Flex gap={4} wrap>
        <Tag style={{ marginInlineEnd: 0 }}>{t('campaigns.progress.enqueued', { n: c.enqueuedCount })}</Tag>
        {SHOWN.map((s) =>
          p[s] || !compact ? (
            <Tag key={s} color={STATUS_COLORS[s]} style={{ marginInlineEnd: 0 }}>
              {t(`outbox.status.${s}`)} {p[s]}
            </Tag>
          ) : null,
        )}
      </Flex>
    </Flex>
  );
}
