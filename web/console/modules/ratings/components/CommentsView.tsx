import { Alert, Button, Card, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../session/useCan';
import { serviceName } from '../../requests/requestText';
import { formatShortInZone } from '../followupText';
import { useCardList } from '../hooks/useFollowUp';
import { CommentReply, ScoreList } from './CommentReply';

type Show = 'unreplied' | 'all';

/**
 * 待回复评价: rated cards with a resident's comment, the reply deadline (red once passed), whether
 * the team has replied, and the reply box. "All" lists every rated card that has a comment.
 */
export function CommentsView({ estateId, timeZone }: { estateId: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [show, setShow] = useState<Show>('unreplied');
  const list = useCardList({ estateId, status: show === 'unreplied' ? 'comment_unreplied' : 'submitted' });
  const rows = useMemo(
    () => (list.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => !!c.comment),
    [list.data],
  );
  // The server lists only my teams' cards and my own jobs unless I dispatch: I may reply to each.
  const canReply = can('request.work');

  return (
    <div data-testid="comments-view">
      <Segmented<Show>
        value={show}
        onChange={setShow}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'unreplied', label: t('cards.comments.unreplied') },
          { value: 'all', label: t('cards.comments.all') },
        ]}
      />
      {list.isError ? <Alert type="error" showIcon title={list.error.message} /> : null}
      {list.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={show === 'unreplied' ? t('cards.comments.noneOwed') : t('cards.comments.none')} />
      ) : (
        <Flex vertical gap={12}>
          {rows.map((c) => (
            <Card
              key={c.id}
              size="small"
              data-testid={`comment-card-${c.id}`}
              title={
                <Flex gap={8} wrap align="baseline">
                  <Link to={`/requests/${c.requestId}`}>{serviceName(c, i18n.language)}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {t(`enums.teamCode.${c.team}`, { defaultValue: c.team })}
                    {c.technicianName ? ` · ${c.technicianName}` : ''} ·{' '}
                    {formatShortInZone(c.submittedAt, timeZone)}
                  </Typography.Text>
                </Flex>
              }
            >
              <Flex vertical gap={8}>
                <ScoreList card={c} />
                <CommentReply card={c} timeZone={timeZone} canReply={canReply} />
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {list.hasNextPage ? (
        <Button
          block
          style={{ marginTop: 12 }}
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}
