import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../../ui/PageHeader';
import { useEstate } from '../../../session/useEstate';
import { RequestActions } from '../components/RequestActions';
import { RequestCard } from '../components/RequestCard';
import { useMyTeam } from '../hooks/useMyTeam';
import { useRequestList } from '../hooks/useRequests';

type View = 'mine' | 'pool' | 'done';

/**
 * 我的工单, phone first: the jobs assigned to me, my team's unassigned new jobs I can take, and
 * what I finished; each card has big buttons for the next step (accept → start → complete).
 */
export function MyJobsPage() {
  const { t } = useTranslation();
  const { estateId } = useEstate();
  const { team, isPending: teamPending } = useMyTeam(estateId);
  const [view, setView] = useState<View>('mine');

  const mineQ = useMemo(
    () => ({ estateId: estateId || undefined, assignee: 'me', status: 'assigned,accepted,in_progress' }),
    [estateId],
  );
  const poolQ = useMemo(
    () => ({ estateId: estateId || undefined, team: team ?? undefined, status: 'new' }),
    [estateId, team],
  );
  const doneQ = useMemo(
    () => ({ estateId: estateId || undefined, assignee: 'me', status: 'completed' }),
    [estateId],
  );
  const mine = useRequestList(mineQ, !!estateId);
  const pool = useRequestList(poolQ, !!estateId && !!team);
  const done = useRequestList(doneQ, !!estateId && view === 'done');
  const mineRows = useMemo(() => mine.data?.pages.flatMap((p) => p.items) ?? [], [mine.data]);
  const poolRows = useMemo(
    () => (pool.data?.pages.flatMap((p) => p.items) ?? []).filter((r) => !r.assignee),
    [pool.data],
  );
  const doneRows = useMemo(() => done.data?.pages.flatMap((p) => p.items) ?? [], [done.data]);

  const current = view === 'mine' ? mine : view === 'pool' ? pool : done;
  const rows = view === 'mine' ? mineRows : view === 'pool' ? poolRows : doneRows;
  const empty =
    view === 'mine'
      ? t('requests.mine.emptyMine')
      : view === 'pool'
        ? t('requests.mine.emptyPool')
        : t('requests.mine.emptyDone');
  const loading = view === 'pool' ? teamPending || (!!team && pool.isPending) : current.isPending;

  return (
    <div style={{ maxWidth: 720 }} data-testid="my-jobs">
      <PageHeader
        title={t('requests.mine.title')}
        subtitle={team ? t('requests.mine.subtitle', { team: t(`enums.teamCode.${team}`) }) : undefined}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void current.refetch()}
            loading={current.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      <Segmented
        block
        size="large"
        value={view}
        onChange={(v) => setView(v as View)}
        style={{ marginBottom: 12 }}
        data-testid="my-jobs-view"
        options={[
          { value: 'mine', label: `${t('requests.mine.mine')}${mine.data ? ` ${mineRows.length}` : ''}` },
          { value: 'pool', label: `${t('requests.mine.pool')}${pool.data ? ` ${poolRows.length}` : ''}` },
          { value: 'done', label: t('requests.mine.done') },
        ]}
      />
      {current.isError ? (
        <Alert type="error" showIcon title={current.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {view === 'pool' && !teamPending && !team ? (
        <Alert type="info" showIcon title={t('requests.mine.noTeam')} style={{ marginBottom: 12 }} />
      ) : null}
      {loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : rows.length === 0 ? (
        <Empty description={empty} style={{ marginTop: 32 }} />
      ) : (
        <Flex vertical gap={12}>
          {rows.map((r) => (
            <RequestCard key={r.id} request={r} actions={<RequestActions request={r} myTeam={team} big />} />
          ))}
        </Flex>
      )}
      {current.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void current.fetchNextPage()} loading={current.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
      {view === 'pool' && team ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('requests.mine.poolHint')}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
