import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceRequestsApi } from '../../../../api/endpoints';
import type { TeamCode } from '../../../../api/enums';
import type { ServiceFiguresReport } from '../../../../api/types';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { formatFen } from '../requestText';

type PersonRow = ServiceFiguresReport['byPerson'][number];
// The team filter's options, in this order (checked against the team codes).
const TEAMS = [
  'technical',
  'environment',
  'security',
  'service',
  'management',
] as const satisfies readonly TeamCode[];

/** Minutes as "3 小时 5 分" / "3 h 5 min"; null as a dash. */
function useDuration() {
  const { t } = useTranslation();
  return (m: number | null) => {
    if (m === null) return '—';
    const total = Math.round(m);
    const h = Math.floor(total / 60);
    const min = total % 60;
    return h ? t('figures.hoursMinutes', { h, m: min }) : t('figures.minutes', { m: min });
  };
}
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/**
 * 服务数据 on the KPI board (kpi.read): request response and completion times against the catalog
 * targets, scores, comment replies, revisits on time and free jobs, over the board's period
 * (local days, both inclusive), for the estate or one team, with one row per person.
 */
export function ServiceFiguresPanel({ estateId, from, to }: { estateId: string; from: string; to: string }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const duration = useDuration();
  const [team, setTeam] = useState<TeamCode | undefined>();
  const q = useQuery({
    queryKey: ['service-figures', estateId, from, to, team ?? ''],
    queryFn: () => serviceRequestsApi.figures(estateId, { from, to, team }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const d = q.data;

  const stat = (key: string, title: string, value: string, hint?: string) => (
    <Col xs={12} sm={8} lg={6} key={key}>
      <Card size="small" style={{ height: '100%' }} data-testid={`figures-${key}`}>
        <Statistic title={title} value={value} styles={{ content: { fontSize: isMobile ? 18 : 22 } }} />
        {hint ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );

  const columns: ColumnsType<PersonRow> = [
    {
      title: t('figures.col.person'),
      key: 'name',
      fixed: 'left',
      width: 90,
      render: (_, p) => p.name ?? '—',
    },
    { title: t('figures.col.created'), dataIndex: 'created', width: 70 },
    { title: t('figures.col.completed'), dataIndex: 'completed', width: 70 },
    {
      title: t('figures.col.response'),
      key: 'resp',
      width: 120,
      render: (_, p) => `${duration(p.avgResponseMinutes)} · ${pct(p.responseWithinTargetShare)}`,
    },
    {
      title: t('figures.col.completion'),
      key: 'comp',
      width: 130,
      render: (_, p) => `${duration(p.avgCompletionMinutes)} · ${pct(p.completionWithinTargetShare)}`,
    },
    {
      title: t('figures.col.score'),
      key: 'score',
      width: 80,
      render: (_, p) => (p.avgScore === null ? '—' : `${p.avgScore} (${p.ratedCards})`),
    },
    {
      title: t('figures.col.replies'),
      key: 'replies',
      width: 90,
      render: (_, p) => (p.commentsDue ? `${p.commentsRepliedInTime}/${p.commentsDue}` : '—'),
    },
    {
      title: t('figures.col.revisits'),
      key: 'revisits',
      width: 90,
      render: (_, p) => (p.revisitsDue ? `${p.revisitsDoneOnTime}/${p.revisitsDue}` : '—'),
    },
    {
      title: t('figures.col.free'),
      key: 'free',
      width: 110,
      render: (_, p) => (p.freeJobs ? `${p.freeJobs} · ${formatFen(p.freeMaterialCostFen)}` : '—'),
    },
  ];

  return (
    <Card
      size="small"
      data-testid="service-figures"
      title={t('figures.title')}
      extra={
        <Select
          allowClear
          size="small"
          style={{ width: isMobile ? 110 : 140 }}
          placeholder={t('figures.allTeams')}
          value={team}
          onChange={(v) => setTeam(v)}
          options={TEAMS.map((code) => ({ value: code, label: t(`enums.teamCode.${code}`) }))}
          data-testid="figures-team"
        />
      }
      style={{ marginTop: 12 }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('figures.period', { from, to })}
      </Typography.Paragraph>
      {q.isError ? <Alert type="error" showIcon title={q.error.message} /> : null}
      {!d ? (
        q.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : null
      ) : (
        <Flex vertical gap={12}>
          <Row gutter={[8, 8]}>
            {stat(
              'requests',
              t('figures.requests'),
              String(d.created),
              t('figures.requestsHint', { completed: d.completed, open: d.open, cancelled: d.cancelled }),
            )}
            {stat(
              'response',
              t('figures.avgResponse'),
              duration(d.avgResponseMinutes),
              t('figures.withinTarget', { share: pct(d.responseWithinTargetShare) }),
            )}
            {stat(
              'completion',
              t('figures.avgCompletion'),
              duration(d.avgCompletionMinutes),
              t('figures.withinTarget', { share: pct(d.completionWithinTargetShare) }),
            )}
            {stat(
              'score',
              t('figures.avgScore'),
              d.avgScore === null ? '—' : String(d.avgScore),
              t('figures.ratedCards', { n: d.ratedCards }),
            )}
            {stat(
              'replies',
              t('figures.repliesInTime'),
              pct(d.commentRepliedInTimeShare),
              t('figures.ofDue', { done: d.commentsRepliedInTime, due: d.commentsDue }),
            )}
            {stat(
              'revisits',
              t('figures.revisitsOnTime'),
              pct(d.revisitOnTimeShare),
              t('figures.ofDue', { done: d.revisitsDoneOnTime, due: d.revisitsDue }),
            )}
            {stat(
              'free',
              t('figures.freeJobs'),
              String(d.freeJobs),
              t('figures.freeCost', { cost: formatFen(d.freeMaterialCostFen) }),
            )}
            {stat('charged', t('figures.charged'), formatFen(d.chargedFen))}
          </Row>
          {d.byPerson.length ? (
            <Table<PersonRow>
              rowKey="personId"
              size="small"
              columns={columns}
              dataSource={d.byPerson}
              pagination={false}
              scroll={{ x: 780 }}
              data-testid="figures-people"
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('figures.noPeople')} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('figures.definition')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
