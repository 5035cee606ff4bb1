import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Flex, Segmented, Select, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { REVISIT_KINDS, type Revisit, type RevisitKind } from '../../../../api/followup';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';
import { CommentsView } from '../components/CommentsView';
import { CompleteRevisitModal } from '../components/CompleteRevisitModal';
import { RevisitList } from '../components/RevisitList';
import { useCardList, useEstateTimeZone, useRevisitList } from '../hooks/useFollowUp';

type Tab = 'mine' | 'team' | 'comments';
type Status = 'open' | 'overdue' | 'done';

/**
 * 回访: my revisits and, for dispatchers and managers, the team's (low score within 48 h, routine
 * 30-day, front-line follow-up) with owner and due time, overdue in red; and the residents'
 * comments awaiting the team's reply.
 */
export function RevisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const me = useCurrentUser().data;
  const { estateId } = useEstate();
  const timeZone = useEstateTimeZone();
  const dispatcher = can('request.dispatch');
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = tabParam === 'comments' ? 'comments' : tabParam === 'team' && dispatcher ? 'team' : 'mine';
  const [status, setStatus] = useState<Status>('open');
  const [kind, setKind] = useState<RevisitKind | undefined>();
  const [completing, setCompleting] = useState<Revisit | null>(null);

  const q = useMemo(
    () => ({ estateId: estateId || undefined, owner: tab === 'mine' ? 'me' : undefined, status, kind }),
    [estateId, tab, status, kind],
  );
  const list = useRevisitList(q, !!estateId && tab !== 'comments');
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const owed = useCardList({ estateId, status: 'comment_unreplied' });
  const owedCount = owed.data?.pages[0]?.items.length ?? 0;
  const canComplete = (v: Revisit) => dispatcher || v.owner?.id === me?.id;

  const setTab = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('tab', next);
    setParams(p, { replace: true });
  };

  const revisitsView = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          data-testid="revisit-status"
          options={[
            { value: 'open', label: t('revisits.status.open') },
            { value: 'overdue', label: t('revisits.status.overdue') },
            { value: 'done', label: t('revisits.status.done') },
          ]}
        />
        <Select<RevisitKind>
          allowClear
          value={kind}
          onChange={setKind}
          placeholder={t('revisits.allKinds')}
          style={{ minWidth: isMobile ? 140 : 180 }}
          options={REVISIT_KINDS.map((k) => ({ value: k, label: t(`revisits.kind.${k}`) }))}
          data-testid="revisit-kind"
        />
      </Flex>
      {list.isError ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <RevisitList
        rows={rows}
        loading={list.isPending && !!estateId}
        timeZone={timeZone}
        canComplete={canComplete}
        onComplete={setCompleting}
        showOwner={tab === 'team'}
      />
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
    </>
  );

  return (
    <div style={{ maxWidth: 1100 }} data-testid="revisits-page">
      <PageHeader
        title={t('revisits.title')}
        subtitle={t('revisits.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void list.refetch();
              void owed.refetch();
            }}
            loading={list.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'mine', label: t('revisits.tabs.mine'), children: tab === 'mine' ? revisitsView : null },
          ...(dispatcher
            ? [
                {
                  key: 'team',
                  label: t('revisits.tabs.team'),
                  children: tab === 'team' ? revisitsView : null,
                },
              ]
            : []),
          {
            key: 'comments',
            label: (
              <span data-testid="tab-comments">
                {t('revisits.tabs.comments')}{' '}
                {owedCount ? <Badge count={owedCount} overflowCount={49} size="small" /> : null}
              </span>
            ),
            children: tab === 'comments' ? <CommentsView estateId={estateId} timeZone={timeZone} /> : null,
          },
        ]}
      />
      <CompleteRevisitModal revisit={completing} timeZone={timeZone} onClose={() => setCompleting(null)} />
    </div>
  );
}
