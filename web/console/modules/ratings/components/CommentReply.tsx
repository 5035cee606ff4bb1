import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_CRITERIA, type RatingCard, ratingCardsApi } from '../../../../api/followup';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { formatInZone, timeLeft } from '../followupText';
import { useRefreshFollowUp } from '../hooks/useFollowUp';

const REPLY_COLORS: Record<string, string> = {
  pending: 'processing',
  on_time: 'success',
  late: 'warning',
  overdue: 'error',
};

/** The five scores: 准时 4 · 态度 5 …; a score of 3 or lower in red. */
export function ScoreList({ card }: { card: Pick<RatingCard, 'scores'> }) {
  const { t } = useTranslation();
  if (!card.scores) return null;
  const scores = card.scores;
  return (
    <Flex gap={6} wrap data-testid="card-scores">
      {RATING_CRITERIA.map((c) => (
        <Tag key={c} color={scores[c] <= 3 ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
          {t(`cards.criteria.${c}`)} {scores[c]}
        </Tag>
      ))}
    </Flex>
  );
}

/** 「回复 on time / late / overdue」 as a coloured tag. */
export function ReplyStateTag({ card }: { card: Pick<RatingCard, 'replyState'> }) {
  const { t } = useTranslation();
  if (card.replyState === 'none') return null;
  return (
    <Tag color={REPLY_COLORS[card.replyState]} data-testid="card-reply-state" style={{ marginInlineEnd: 0 }}>
      {t(`cards.replyState.${card.replyState}`)}
    </Tag>
  );
}

/**
 * A resident's comment and the team's reply: the reply deadline (red once passed), the reply with
 * who and when, or a box to write it when it is still owed and `canReply`.
 */
export function CommentReply({
  card,
  timeZone,
  canReply,
  onReplied,
}: {
  card: RatingCard;
  timeZone: string;
  canReply: boolean;
  onReplied?: (card: RatingCard) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const refresh = useRefreshFollowUp();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  if (!card.comment) return null;
  const due = card.replyDueAt && !card.repliedAt ? timeLeft(card.replyDueAt, t) : null;

  const send = async () => {
    if (!text.trim()) return;
    setSaving(true);
    try {
      const updated = await ratingCardsApi.reply(card.id, text.trim());
      message.success(t('cards.reply.sent'));
      setText('');
      refresh();
      onReplied?.(updated);
    } catch (err) {
      notifyError(err);
      refresh();
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid={`card-comment-${card.id}`}>
      <Typography.Paragraph
        style={{ margin: 0, padding: '8px 12px', background: 'rgba(0,0,0,0.03)', borderRadius: 6 }}
      >
        <MessageOutlined style={{ marginInlineEnd: 6, color: '#8c8c8c' }} />
        {card.comment}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <ReplyStateTag card={card} />
        {card.replyDueAt ? (
          <Typography.Text
            type={card.replyState === 'overdue' || card.replyState === 'late' ? 'danger' : 'secondary'}
            style={{ fontSize: 12 }}
            data-testid="card-reply-due"
            data-overdue={due?.overdue ? 'true' : 'false'}
          >
            {t('cards.reply.dueAt', { time: formatInZone(card.replyDueAt, timeZone) })}
            {due ? ` · ${due.text}` : ''}
          </Typography.Text>
        ) : null}
      </Flex>
      {card.reply ? (
        <div style={{ marginTop: 8, paddingInlineStart: 12, borderInlineStart: '3px solid #1677ff' }}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="card-reply-text">
            {card.reply}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {card.repliedBy?.name ?? '—'} · {formatInZone(card.repliedAt, timeZone)}
          </Typography.Text>
        </div>
      ) : canReply ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('cards.reply.placeholder')}
            data-testid="card-reply-input"
          />
          <div>
            <Button
              type="primary"
              onClick={() => void send()}
              loading={saving}
              disabled={!text.trim()}
              data-testid="card-reply-send"
            >
              {t('cards.reply.send')}
            </Button>
          </div>
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('cards.reply.notYet')}
        </Typography.Text>
      )}
    </div>
  );
}
