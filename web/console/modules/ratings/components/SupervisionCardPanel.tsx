import { CopyOutlined, LinkOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { type RatingLink, ratingCardsApi } from '../../../../api/followup';
import type { ServiceRequestDetail } from '../../../../api/types';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useMyTeam } from '../../requests/hooks/useMyTeam';
import { useCatalog } from '../../requests/hooks/useRequests';
import { cardHeadline, formatInZone } from '../followupText';
import { useCardOfRequest, useEstateTimeZone, useRefreshFollowUp } from '../hooks/useFollowUp';
import { CommentReply, ScoreList } from './CommentReply';

const HEADLINE_COLORS = { awaiting: 'processing', rated: 'success', expired: 'default' } as const;

/** Copies text to the clipboard; false when the browser refuses (the link stays on screen). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * 服务监督卡 of a completed request (T3): awaiting the rating (print the A6 card, copy a fresh
 * link for a message), rated (the five scores, the comment and the team's reply against its
 * deadline) or expired. Shown to dispatchers, the assignee and the responsible team.
 */
export function SupervisionCardPanel({ request: r }: { request: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const isMobile = useIsMobile();
  const can = useCan();
  const me = useCurrentUser().data;
  const { team: myTeam } = useMyTeam(r.estateId);
  const timeZone = useEstateTimeZone(r.estateId);
  const catalog = useCatalog(r.estateId);
  const refresh = useRefreshFollowUp();
  const completed = r.status === 'completed';
  const mayWork =
    can('request.work') && (can('request.dispatch') || r.assignee?.id === me?.id || myTeam === r.team);
  const card = useCardOfRequest(r.estateId, r.id, completed && mayWork);
  const [link, setLink] = useState<RatingLink | null>(null);
  const [issuing, setIssuing] = useState(false);

  if (!completed || !mayWork || card.isPending) return null;
  const c = card.data;
  const offered = catalog.data?.find((e) => e.id === r.catalogId)?.supervisionCard ?? !!c;
  if (!c && !offered) return null;
  const headline = c ? cardHeadline(c) : 'awaiting';

  const issueLink = async () => {
    setIssuing(true);
    try {
      const l = await ratingCardsApi.issueLink(r.id);
      setLink(l);
      message.success(t((await copy(l.url)) ? 'cards.link.copied' : 'cards.link.issued'));
      refresh();
    } catch (err) {
      notifyError(err);
      if (err instanceof ApiError && (err.status === 409 || err.status === 410)) refresh();
    } finally {
      setIssuing(false);
    }
  };

  const openPdf = () => {
    window.open(ratingCardsApi.pdfUrl(r.id), '_blank', 'noopener');
    // Printing issues a link (and makes the card if the completion hook has not run yet).
    setTimeout(refresh, 1500);
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          {t('cards.title')}
          <Tag color={HEADLINE_COLORS[headline]} data-testid="card-status" style={{ marginInlineEnd: 0 }}>
            {t(`cards.headline.${headline}`)}
          </Tag>
        </Flex>
      }
      style={{ marginBottom: 16 }}
      size={isMobile ? 'small' : undefined}
      data-testid="supervision-card"
    >
      {headline === 'awaiting' ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {c
              ? t('cards.awaitingHint', { time: formatInZone(c.expiresAt, timeZone) })
              : t('cards.notYetMade')}
          </Typography.Paragraph>
          <Flex gap={8} wrap>
            <Button
              icon={<PrinterOutlined />}
              onClick={openPdf}
              size={isMobile ? 'large' : undefined}
              data-testid="card-print"
            >
              {t('cards.print')}
            </Button>
            <Button
              icon={<LinkOutlined />}
              onClick={() => void issueLink()}
              loading={issuing}
              size={isMobile ? 'large' : undefined}
              data-testid="card-copy-link"
            >
              {t('cards.link.copy')}
            </Button>
          </Flex>
          {link ? (
            <Flex vertical gap={4} style={{ marginTop: 12 }}>
              <Input
                readOnly
                value={link.url}
                data-testid="card-link"
                onFocus={(e) => e.target.select()}
                suffix={
                  <CopyOutlined
                    aria-label={t('cards.link.copy')}
                    onClick={() =>
                      void copy(link.url).then((ok) => ok && message.success(t('cards.link.copied')))
                    }
                  />
                }
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cards.link.note', { time: formatInZone(link.expiresAt, timeZone) })}
              </Typography.Text>
            </Flex>
          ) : null}
        </>
      ) : null}

      {c && headline === 'expired' ? (
        <Typography.Text type="secondary">
          {t('cards.expiredHint', { time: formatInZone(c.expiresAt, timeZone) })}
        </Typography.Text>
      ) : null}

      {c && headline === 'rated' ? (
        <Flex vertical gap={12}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('cards.ratedAt')}>
              {formatInZone(c.submittedAt, timeZone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.scores')}>
              <ScoreList card={c} />
            </Descriptions.Item>
          </Descriptions>
          {c.comment ? (
            <CommentReply card={c} timeZone={timeZone} canReply={mayWork} />
          ) : (
            <Typography.Text type="secondary">{t('cards.noComment')}</Typography.Text>
          )}
        </Flex>
      ) : null}
    </Card>
  );
}
