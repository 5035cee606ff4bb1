import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { REQUEST_STATUSES, type RequestStatus, SERVICE_TEAMS, type ServiceTeam } from '../../../../api/enums';
import type { ServiceRequest } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { RequestActions } from '../components/RequestActions';
import { RequestCard } from '../components/RequestCard';
import { CareTag, DueText, PriorityTag, StatusTag } from '../components/RequestTags';
import { useMyTeam } from '../hooks/useMyTeam';
import { useRequestList } from '../hooks/useRequests';
import { placeOf, serviceName } from '../requestText';

const OPEN = 'open';
const ALL = 'all';
type StatusFilter = RequestStatus | typeof OPEN | typeof ALL;

/**
 * 工单看板: requests by status, care-flagged first then by due time (as the server sorts), with
 * overdue due times in red and the assign action. Dispatchers see every team; others see their
 * team's requests and the ones they took.
 */
export function RequestBoardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const can = useCan();
  const { estateId } = useEstate();
  const { team: myTeam } = useMyTeam(estateId);
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status: StatusFilter =
    rawStatus &&
    (rawStatus === ALL || rawStatus === OPEN || (REQUEST_STATUSES as readonly string[]).includes(rawStatus))
      ? (rawStatus as StatusFilter)
      : can('request.dispatch')
        ? 'new'
        : OPEN;
  const rawTeam = params.get('team');
  const team =
    rawTeam && (SERVICE_TEAMS as readonly string[]).includes(rawTeam) ? (rawTeam as ServiceTeam) : undefined;
  const lang = i18n.language;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const q = useMemo(
    () => ({ estateId: estateId || undefined, status: status === ALL ? undefined : status, team }),
    [estateId, status, team],
  );
  const list = useRequestList(q, !!estateId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const columns: ColumnsType<ServiceRequest> = [
    {
      title: t('requests.fields.place'),
      key: 'place',
      fixed: 'left',
      width: 130,
      render: (_: unknown, r) => (
        <Flex vertical gap={2} align="flex-start">
          <Typography.Text strong>{placeOf(r)}</Typography.Text>
          <CareTag request={r} />
        </Flex>
      ),
    },
    {
      title: t('requests.fields.service'),
      key: 'service',
      render: (_: unknown, r) => (
        <div style={{ minWidth: 180, maxWidth: 320 }}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text strong>{serviceName(r, lang)}</Typography.Text>
            <PriorityTag priority={r.priority} />
          </Flex>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
            {r.description}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('requests.fields.team'),
      dataIndex: 'team',
      width: 90,
      render: (v: ServiceTeam) => t(`enums.teamCode.${v}`),
    },
    {
      title: t('requests.fields.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: RequestStatus) => <StatusTag status={v} testId="request-status" />,
    },
    {
      title: t('requests.fields.assignee'),
      key: 'assignee',
      width: 110,
      render: (_: unknown, r) =>
        r.assignee ? (
          r.assignee.name
        ) : (
          <Typography.Text type="secondary">{t('requests.unassigned')}</Typography.Text>
        ),
    },
    {
      title: t('requests.fields.due'),
      key: 'due',
      width: 170,
      render: (_: unknown, r) => {
        const closed = r.status === 'completed' || r.status === 'cancelled';
        return (
          <Flex vertical>
            <DueText
              label={t('requests.responseDue')}
              dueAt={r.responseDueAt}
              doneAt={r.acceptedAt}
              closed={closed}
            />
            <DueText
              label={t('requests.completionDue')}
              dueAt={r.completionDueAt}
              doneAt={r.completedAt}
              closed={r.status === 'cancelled'}
            />
          </Flex>
        );
      },
    },
    {
      title: t('requests.fields.takenBy'),
      key: 'takenBy',
      width: 140,
      render: (_: unknown, r) => (
        <div>
          {r.takenBy.name}
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{formatDateTime(r.createdAt)}</div>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, r) => <RequestActions request={r} myTeam={myTeam} />,
    },
  ];

  const statusFilter = (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="request-status-filter">
      <Segmented
        value={status}
        onChange={(v) => setParam('status', String(v))}
        options={[
          { value: OPEN, label: t('requests.board.open') },
          ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`enums.requestStatus.${s}`) })),
          { value: ALL, label: t('requests.board.all') },
        ]}
      />
    </div>
  );

  return (
    <div data-testid="request-board">
      <PageHeader
        title={t('requests.board.title')}
        subtitle={can('request.dispatch') ? t('requests.board.subtitle') : t('requests.board.subtitleOwn')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            {can('request.create') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')}>
                {t('requests.new.title')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex gap={12} wrap align="center" justify="space-between">
          {statusFilter}
          <Select
            allowClear
            value={team}
            onChange={(v) => setParam('team', v)}
            placeholder={t('requests.board.allTeams')}
            style={{ width: isMobile ? '100%' : 160 }}
            data-testid="request-team-filter"
            options={SERVICE_TEAMS.map((c) => ({ value: c, label: t(`enums.teamCode.${c}`) }))}
          />
        </Flex>
      </Card>
      {list.isError ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {isMobile ? (
        <Flex vertical gap={10} data-testid="request-list">
          {rows.map((r) => (
            <RequestCard
              key={r.id}
              request={r}
              actions={<RequestActions request={r} myTeam={myTeam} big />}
            />
          ))}
          {!list.isPending && rows.length === 0 ? <Empty description={t('requests.board.empty')} /> : null}
        </Flex>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<ServiceRequest>
            data-testid="request-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('requests.board.empty') }}
            onRow={(r) =>
              ({
                onClick: () => navigate(`/requests/${r.id}`),
                style: { cursor: 'pointer', background: r.care ? '#fff0f6' : undefined },
                'data-testid': `request-card-${r.id}`,
              }) as HTMLAttributes<HTMLTableRowElement>
            }
          />
        </Card>
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ padding: '12px 0 4px' }}>
        <Typography.Text type="secondary">
          {t('requests.board.loaded', { count: rows.length })}
        </Typography.Text>
        {list.hasNextPage ? (
          <Button
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid="load-more"
          >
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Flex>
    </div>
  );
}
