import {
  CheckOutlined,
  CopyOutlined,
  EditOutlined,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';
import { percent } from '../../agenda/agendaText';
import { CareItemFormModal, MarkDoneModal } from '../components/CareItemModals';
import { organizationsApi, shiftQuarter, useCarePlan, useOrgAction } from '../hooks/useOrganizations';
import type { CarePlan, CarePlanItem } from '../organizationText';

/** 季节关怀计划表 (C7): the quarter's small things to do for residents, who does them, done or not. */
export function CarePlanPage() {
  const { t } = useTranslation();
  const { estateId } = useEstate();
  const [quarter, setQuarter] = useState<string | undefined>();
  const plan = useCarePlan(estateId, quarter);
  const can = useCan();
  const me = useCurrentUser().data;
  const manages = can('plan.manage');
  const isMobile = useIsMobile();
  const run = useOrgAction();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CarePlanItem | null>(null);
  const [marking, setMarking] = useState<CarePlanItem | null>(null);
  const p = plan.data;
  const closeForm = () => {
    setAdding(false);
    setEditing(null);
  };
  const mayMark = (i: CarePlanItem) => manages || me?.id === i.ownerId;
  const undo = (i: CarePlanItem) =>
    run(
      () => organizationsApi.updateCareItem(i.id, { version: i.version, done: false }),
      t('carePlan.reopened'),
    );

  const actions = (i: CarePlanItem) => (
    <Flex gap={4} wrap>
      {mayMark(i) && !i.done ? (
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => setMarking(i)}
          data-testid={`care-done-${i.id}`}
        >
          {t('carePlan.markDone')}
        </Button>
      ) : null}
      {mayMark(i) && i.done ? (
        <Popconfirm title={t('carePlan.undoConfirm')} onConfirm={() => undo(i)}>
          <Button size="small" icon={<UndoOutlined />} aria-label={t('carePlan.undo')} />
        </Popconfirm>
      ) : null}
      {manages ? (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(i)}
          aria-label={t('common.edit')}
        />
      ) : null}
    </Flex>
  );

  const columns: TableColumnsType<CarePlanItem> = [
    {
      title: t('carePlan.what'),
      dataIndex: 'title',
      render: (_, i) => (
        <Flex vertical>
          <Typography.Text strong>{i.title}</Typography.Text>
          {i.done && i.doneNote ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.doneNote}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('carePlan.forWhom'),
      dataIndex: 'audience',
      width: 160,
      render: (_, i) => (
        <Flex vertical>
          <span>{t(`carePlan.audiences.${i.audience}`)}</span>
          {i.audienceNote ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.audienceNote}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('carePlan.owner'), dataIndex: 'ownerName', width: 110 },
    { title: t('carePlan.due'), dataIndex: 'dueDate', width: 110 },
    { title: t('carePlan.status'), key: 'status', width: 150, render: (_, i) => <StatusTag item={i} /> },
    { title: t('common.actions'), key: 'actions', width: 170, render: (_, i) => actions(i) },
  ];

  return (
    <div style={{ maxWidth: 1100 }} data-testid="care-plan">
      <PageHeader
        title={t('carePlan.title')}
        subtitle={t('carePlan.subtitle')}
        extra={
          manages && p ? (
            <>
              <Popconfirm
                title={t('carePlan.copyConfirm', { from: shiftQuarter(p.quarter, -1), to: p.quarter })}
                onConfirm={() =>
                  run(
                    () =>
                      organizationsApi.copyCarePlan(estateId, {
                        from: shiftQuarter(p.quarter, -1),
                        to: p.quarter,
                      }),
                    (r) => t('carePlan.copied', { copied: r.copied, skipped: r.skipped }),
                  )
                }
              >
                <Button icon={<CopyOutlined />} data-testid="care-copy">
                  {t('carePlan.copy')}
                </Button>
              </Popconfirm>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="care-add"
              >
                {t('carePlan.add')}
              </Button>
            </>
          ) : null
        }
      />
      {plan.isError ? <Alert type="error" showIcon title={plan.error.message} /> : null}
      {!p ? (
        plan.isPending && estateId ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : null
      ) : (
        <>
          <QuarterBar plan={p} onShift={(n) => setQuarter(shiftQuarter(p.quarter, n))} />
          {p.items.length === 0 ? (
            <Empty description={t('carePlan.empty')} style={{ marginTop: 32 }} />
          ) : isMobile ? (
            <Flex vertical gap={8}>
              {p.items.map((i) => (
                <Card
                  key={i.id}
                  size="small"
                  data-testid={`care-item-${i.id}`}
                  styles={{ body: { padding: 12 } }}
                >
                  <Flex justify="space-between" gap={8} align="flex-start">
                    <Typography.Text strong>{i.title}</Typography.Text>
                    <StatusTag item={i} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                    {t(`carePlan.audiences.${i.audience}`)}
                    {i.audienceNote ? ` · ${i.audienceNote}` : ''} · {i.ownerName} ·{' '}
                    {t('carePlan.dueOn', { date: i.dueDate })}
                  </Typography.Text>
                  {i.done && i.doneNote ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                      {i.doneNote}
                    </Typography.Text>
                  ) : null}
                  <div style={{ marginTop: 8 }}>{actions(i)}</div>
                </Card>
              ))}
            </Flex>
          ) : (
            <Table<CarePlanItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={p.items}
              pagination={false}
              onRow={(i) => ({ 'data-testid': `care-item-${i.id}` }) as React.HTMLAttributes<HTMLElement>}
            />
          )}
          <CareItemFormModal
            open={adding || !!editing}
            plan={p}
            initial={editing ?? undefined}
            onClose={closeForm}
            onSave={async (v) => {
              const body = {
                title: v.title.trim(),
                audience: v.audience,
                ownerId: v.ownerId,
                dueDate: v.dueDate.format('YYYY-MM-DD'),
              };
              const ok = editing
                ? await run(
                    () =>
                      organizationsApi.updateCareItem(editing.id, {
                        ...body,
                        version: editing.version,
                        audienceNote: v.audienceNote?.trim() || null,
                      }),
                    t('common.saved'),
                  )
                : await run(
                    () =>
                      organizationsApi.createCareItem(estateId, {
                        ...body,
                        quarter: p.quarter,
                        audienceNote: v.audienceNote?.trim() || undefined,
                      }),
                    t('carePlan.added'),
                  );
              if (ok) closeForm();
            }}
          />
        </>
      )}
      <MarkDoneModal
        item={marking}
        onClose={() => setMarking(null)}
        onSave={async (v) => {
          if (!marking) return;
          const ok = await run(
            () =>
              organizationsApi.updateCareItem(marking.id, {
                version: marking.version,
                done: true,
                doneOn: v.doneOn.format('YYYY-MM-DD'),
                doneNote: v.doneNote?.trim() || null,
              }),
            t('carePlan.marked'),
          );
          if (ok) setMarking(null);
        }}
      />
    </div>
  );
}

function QuarterBar({ plan: p, onShift }: { plan: CarePlan; onShift: (n: number) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={16} wrap align="center" justify="space-between">
        <Flex gap={8} align="center">
          <Button
            icon={<LeftOutlined />}
            onClick={() => onShift(-1)}
            aria-label={t('carePlan.prev')}
            data-testid="care-prev"
          />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="care-quarter">
            {p.quarter}
          </Typography.Text>
          {p.current ? <Tag color="blue">{t('carePlan.current')}</Tag> : null}
          <Button
            icon={<RightOutlined />}
            onClick={() => onShift(1)}
            aria-label={t('carePlan.next')}
            data-testid="care-next"
          />
        </Flex>
        <div style={{ minWidth: 200, flex: 1, maxWidth: 420 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('carePlan.progress', { done: p.done, total: p.total })}
            {p.overdue ? ` · ${t('carePlan.overdueCount', { n: p.overdue })}` : ''}
          </Typography.Text>
          <Progress
            percent={percent(p.done, p.total)}
            format={() => `${p.done}/${p.total}`}
            status={p.total > 0 && p.done === p.total ? 'success' : 'normal'}
            data-testid="care-progress"
          />
        </div>
      </Flex>
    </Card>
  );
}

function StatusTag({ item: i }: { item: CarePlanItem }) {
  const { t } = useTranslation();
  if (i.done)
    return (
      <Tag color="success" style={{ marginInlineEnd: 0 }}>
        {t('carePlan.doneAt', { date: i.doneOn })}
      </Tag>
    );
  return (
    <Tag color={i.overdue ? 'error' : 'default'} style={{ marginInlineEnd: 0 }}>
      {i.overdue ? t('carePlan.overdue') : t('carePlan.notDone')}
    </Tag>
  );
}
