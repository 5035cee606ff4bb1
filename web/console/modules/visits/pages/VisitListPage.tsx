import { PlusOutlined, ReloadOutlined, StarFilled, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { VISIT_FORM_KINDS, type VisitFormKind } from '../../../../api/enums';
import type { Visit } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { useVisitList } from '../../agenda/hooks/useAgenda';
import { useSafetyChecksOnly } from '../hooks/useSafetyChecksOnly';

type Scope = 'mine' | 'all';

const WRITE_BACK_COLORS: Record<string, string | undefined> = {
  applied: 'success',
  unchanged: 'default',
  not_permitted: 'warning',
  conflict: 'error',
};

/**
 * 走访记录: my visits (everyone who visits) or all of the estate (managers), filtered by kind.
 * Guards, who record home safety checks only (S2), see their own safety checks.
 */
export function VisitListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { estateId } = useEstate();
  const seeAll = can('agenda.team') || can('plan.manage');
  const checksOnly = useSafetyChecksOnly();
  const [scope, setScope] = useState<Scope>(seeAll ? 'all' : 'mine');
  const [pickedKind, setPickedKind] = useState<VisitFormKind | undefined>();
  const kind: VisitFormKind | undefined = checksOnly ? 'safety_check' : pickedKind;
  const q = useMemo(
    () => ({ estateId: estateId || undefined, visitorId: scope === 'mine' ? 'me' : undefined, kind }),
    [estateId, scope, kind],
  );
  const list = useVisitList(q, !!estateId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  return (
    <div style={{ maxWidth: 720 }} data-testid="visit-list">
      <PageHeader
        title={checksOnly ? t('guardVisit.listTitle') : t('visits.list.title')}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              loading={list.isFetching}
              aria-label={t('common.refresh')}
            />
            {can('visit.record') || checksOnly ? (
              <Link to="/visits/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="visit-new">
                  {checksOnly ? t('guardVisit.new') : t('visits.list.new')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {seeAll ? (
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            options={[
              { value: 'mine', label: t('visits.list.mine') },
              { value: 'all', label: t('visits.list.all') },
            ]}
            data-testid="visit-scope"
          />
        ) : null}
        {checksOnly ? null : (
          <Select
            allowClear
            value={kind}
            onChange={setPickedKind}
            placeholder={t('visits.list.allKinds')}
            style={{ minWidth: 160 }}
            options={VISIT_FORM_KINDS.map((k) => ({ value: k, label: t(`enums.visitKind.${k}`) }))}
            data-testid="visit-kind-filter"
          />
        )}
      </Flex>
      {list.isError ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {list.isPending && estateId ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : rows.length === 0 ? (
        <Empty
          description={checksOnly ? t('guardVisit.empty') : t('visits.list.empty')}
          style={{ marginTop: 32 }}
        />
      ) : (
        <Flex vertical gap={8}>
          {rows.map((v) => (
            <VisitCard key={v.id} visit={v} />
          ))}
        </Flex>
      )}
      {list.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}

function VisitCard({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const learned = [...v.hobbies, ...v.skills];
  return (
    <Card size="small" data-testid={`visit-card-${v.id}`} styles={{ body: { padding: 12 } }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: 16 }}>
          <Link to={`/households/${encodeURIComponent(v.householdId)}`}>{v.roomCode}</Link>
        </Typography.Text>
        <Flex gap={4} wrap>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t(`enums.visitKind.${v.kind}`)}
          </Tag>
          {v.flyerGiven ? (
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {t('visits.list.flyer')}
            </Tag>
          ) : null}
          {v.writeBack.status !== 'not_requested' ? (
            <Tag color={WRITE_BACK_COLORS[v.writeBack.status]} style={{ marginInlineEnd: 0 }}>
              {t(`visits.writeBackShort.${v.writeBack.status}`)}
            </Tag>
          ) : null}
        </Flex>
      </Flex>
      <Flex gap={10} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(v.visitedAt)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <UserOutlined /> {v.visitorName}
          {v.metWhom ? ` → ${v.metWhom}` : ''}
        </Typography.Text>
        {v.satisfaction ? (
          <Typography.Text style={{ fontSize: 12, color: '#faad14' }}>
            <StarFilled /> {v.satisfaction}
          </Typography.Text>
        ) : null}
      </Flex>
      {learned.length ? (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 1 }}
          style={{ margin: '4px 0 0', fontSize: 12 }}
        >
          {t('visits.list.learned', { list: learned.join(t('common.listSep')) })}
        </Typography.Paragraph>
      ) : null}
      {v.needs ? (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
          {v.needs}
        </Typography.Paragraph>
      ) : null}
      {v.kind === 'safety_check' && v.notes ? (
        <Typography.Paragraph
          ellipsis={{ rows: 3 }}
          style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}
          data-testid="visit-notes"
        >
          {v.notes}
        </Typography.Paragraph>
      ) : null}
      {v.problems.length ? (
        <Flex vertical gap={2} style={{ marginTop: 4 }}>
          {v.problems.map((p) => (
            <Typography.Text key={p.index} type="warning" style={{ fontSize: 12 }}>
              • {p.text}
              {p.requestId ? (
                <Link to={`/requests/${encodeURIComponent(p.requestId)}`} style={{ marginInlineStart: 6 }}>
                  {t('visits.list.request')}
                </Link>
              ) : null}
            </Typography.Text>
          ))}
        </Flex>
      ) : null}
    </Card>
  );
}
