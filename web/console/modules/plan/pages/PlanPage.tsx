import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Segmented,
  Select,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEASURE_STATUSES,
  type MeasureStatus,
  PLAN_STAGES,
  PLAN_TEAMS,
  type PlanStageCode,
  type TeamCode,
} from '../../../../api/enums';
import type { Commitment, PlanMeasure } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { MeasureDrawer } from '../components/MeasureDrawer';
import { MeasureFormModal } from '../components/MeasureFormModal';
import { MeasureTags } from '../components/MeasureTags';
import { TargetModal } from '../components/TargetModal';
import { usePlanMeasures, usePlanStages } from '../hooks/usePlan';
import { commitmentSummary, measureText } from '../planText';

const ALL = 'all';

/**
 * 服务承诺: the 五步一法 plan of the current estate, read the way a manager reads it — by team
 * and by stage of the customer journey — with each measure's commitments in words.
 */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canManage = can('plan.manage');
  const isMobile = useIsMobile();
  const { estateId } = useEstate();
  const [team, setTeam] = useState<TeamCode | typeof ALL>(ALL);
  const [stage, setStage] = useState<PlanStageCode | typeof ALL>(ALL);
  const [status, setStatus] = useState<MeasureStatus | typeof ALL>(ALL);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<PlanMeasure | null>(null);
  const [creating, setCreating] = useState(false);
  const [targetOf, setTargetOf] = useState<Commitment | null>(null);

  const stages = usePlanStages(estateId);
  const q = useMemo(
    () => ({
      team: team === ALL ? undefined : team,
      stage: stage === ALL ? undefined : stage,
      status: status === ALL ? undefined : status,
    }),
    [team, stage, status],
  );
  const measures = usePlanMeasures(estateId, q);
  const rows = measures.data ?? [];
  const lang = i18n.language;
  const stageIndex = stage === ALL ? -1 : PLAN_STAGES.indexOf(stage);
  const countOf = (s: PlanStageCode) => stages.data?.find((x) => x.code === s)?.measures;
  const stageInfo = stages.data?.find((x) => x.code === stage);

  const teamFilter = (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="plan-team-filter">
      <Segmented
        value={team}
        onChange={(v) => setTeam(v as TeamCode | typeof ALL)}
        options={[
          { value: ALL, label: t('plan.allTeams') },
          ...PLAN_TEAMS.map((c) => ({ value: c, label: t(`enums.planTeam.${c}`) })),
        ]}
      />
    </div>
  );

  const stageFilter = isMobile ? (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="plan-stage-filter">
      <Segmented
        value={stage}
        onChange={(v) => setStage(v as PlanStageCode | typeof ALL)}
        options={[
          { value: ALL, label: t('plan.allStages') },
          ...PLAN_STAGES.map((s, i) => ({
            value: s,
            label: `${i + 1} ${t(`enums.planStageShort.${s}`)}`,
          })),
        ]}
      />
    </div>
  ) : (
    <Flex gap={16} align="center" data-testid="plan-stage-filter">
      <Steps
        size="small"
        current={stageIndex}
        onChange={(i) => setStage(PLAN_STAGES[i] === stage ? ALL : PLAN_STAGES[i])}
        style={{ flex: 1 }}
        items={PLAN_STAGES.map((s, i) => ({
          title: <span data-testid={`plan-stage-${s}`}>{t(`enums.planStage.${s}`)}</span>,
          content: countOf(s) !== undefined ? t('plan.stageCount', { count: countOf(s) }) : undefined,
          status: stageIndex === -1 || i === stageIndex ? 'process' : 'wait',
        }))}
      />
      <Button
        type={stage === ALL ? 'primary' : 'default'}
        ghost={stage === ALL}
        onClick={() => setStage(ALL)}
        data-testid="plan-stage-all"
      >
        {t('plan.allStages')}
      </Button>
    </Flex>
  );

  const commitments = (m: PlanMeasure) =>
    m.commitments.length ? (
      <Flex vertical gap={2}>
        {m.commitments.map((c) => (
          <Typography.Text key={c.id} style={{ fontSize: 13 }} type={c.active ? undefined : 'secondary'}>
            {commitmentSummary(c, t)}
          </Typography.Text>
        ))}
      </Flex>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  return (
    <div>
      <PageHeader
        title={t('plan.title')}
        subtitle={t('plan.subtitle')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="measure-create"
            >
              {t('plan.create')}
            </Button>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={16}>
          {stageFilter}
          {stageInfo ? (
            <Typography.Text type="secondary">
              {stageInfo.order}. {lang === 'en' ? stageInfo.nameEn : stageInfo.name} —{' '}
              {lang === 'en' ? stageInfo.descriptionEn : stageInfo.description}
            </Typography.Text>
          ) : null}
          <Flex gap={12} wrap align="center" justify="space-between">
            {teamFilter}
            <Select
              value={status}
              onChange={setStatus}
              style={{ width: isMobile ? '100%' : 140 }}
              data-testid="plan-status-filter"
              options={[
                { value: ALL, label: t('plan.allStatuses') },
                ...MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.measureStatus.${s}`) })),
              ]}
            />
          </Flex>
        </Flex>
      </Card>

      <Card
        title={
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('plan.count', { count: rows.length })}
          </Typography.Text>
        }
      >
        {measures.isError || stages.isError ? (
          <Alert
            type="error"
            showIcon
            title={(measures.error ?? stages.error)?.message}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {isMobile ? (
          <List
            data-testid="plan-list"
            loading={measures.isPending}
            dataSource={rows}
            locale={{ emptyText: <Empty description={t('plan.empty')} /> }}
            renderItem={(m) => (
              <List.Item
                key={m.id}
                onClick={() => setOpenId(m.id)}
                style={{ cursor: 'pointer', display: 'block', opacity: m.status === 'retired' ? 0.6 : 1 }}
                data-testid={`measure-row-${m.code}`}
              >
                <Flex gap={6} wrap align="center" style={{ marginBottom: 4 }}>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {m.code}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`enums.planTeam.${m.team}`)} · {t(`enums.planStageShort.${m.stage}`)} ·{' '}
                    {t(`enums.actionTime.${m.actionTime}`)}
                  </Typography.Text>
                  <MeasureTags measure={m} />
                </Flex>
                <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
                  {measureText(m, lang)}
                </Typography.Text>
                {m.commitments.length ? (
                  <Badge color="gold" text={commitments(m)} styles={{ indicator: { alignSelf: 'start' } }} />
                ) : null}
              </List.Item>
            )}
          />
        ) : (
          <Table<PlanMeasure>
            data-testid="plan-table"
            rowKey="id"
            size="middle"
            loading={measures.isPending}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('plan.empty') }}
            onRow={(m) =>
              ({
                onClick: () => setOpenId(m.id),
                style: { cursor: 'pointer', opacity: m.status === 'retired' ? 0.6 : 1 },
                'data-testid': `measure-row-${m.code}`,
              }) as HTMLAttributes<HTMLTableRowElement>
            }
            columns={[
              {
                title: t('plan.code'),
                dataIndex: 'code',
                width: 70,
                render: (v: string) => <Tag color="blue">{v}</Tag>,
              },
              {
                title: t('plan.measure'),
                key: 'text',
                render: (_: unknown, m) => (
                  <div style={{ minWidth: 260, maxWidth: 440 }}>
                    <Typography.Text strong>{measureText(m, lang)}</Typography.Text>
                    <div>
                      <MeasureTags measure={m} />
                    </div>
                  </div>
                ),
              },
              {
                title: t('plan.team'),
                dataIndex: 'team',
                render: (v: TeamCode) => t(`enums.planTeam.${v}`),
              },
              {
                title: t('plan.stage'),
                dataIndex: 'stage',
                render: (v: PlanStageCode) =>
                  `${PLAN_STAGES.indexOf(v) + 1}. ${t(`enums.planStageShort.${v}`)}`,
              },
              {
                title: t('plan.actionTime'),
                dataIndex: 'actionTime',
                render: (v: string) => t(`enums.actionTime.${v}`),
              },
              {
                title: t('plan.commitments'),
                key: 'commitments',
                render: (_: unknown, m) => <div style={{ maxWidth: 360 }}>{commitments(m)}</div>,
              },
            ]}
          />
        )}
      </Card>

      <MeasureDrawer
        estateId={estateId}
        measureId={openId}
        seed={rows.find((r) => r.id === openId)}
        canManage={canManage}
        onClose={() => setOpenId(null)}
        onEdit={setEditing}
        onEditTarget={setTargetOf}
      />
      <MeasureFormModal
        open={creating || !!editing}
        estateId={estateId}
        measure={editing}
        defaults={{ team: team === ALL ? undefined : team, stage: stage === ALL ? undefined : stage }}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        onSaved={(m) => {
          setCreating(false);
          setEditing(null);
          setOpenId(m.id);
        }}
      />
      <TargetModal estateId={estateId} commitment={targetOf} onClose={() => setTargetOf(null)} />
    </div>
  );
}
