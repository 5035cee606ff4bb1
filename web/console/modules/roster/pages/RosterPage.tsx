import { CalendarOutlined, EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEAM_CODES, type TeamCode } from '../../../../api/enums';
import { addDays, todayIn } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useEstate } from '../../../session/useEstate';
import { EditWeekModal } from '../components/EditWeekModal';
import { ExceptionModal } from '../components/ExceptionModal';
import { useRoster, useRosterChange } from '../hooks/useRoster';
import { type DutyException, type RosterMember, rosterApi } from '../rosterApi';
import { type DayPlan, overnight, weekPlan } from '../rosterText';

const ON_DUTY_BG = '#f6ffed';

/**
 * 值班表: a team's week — staff rows × weekday columns with their shift times, leave and extra
 * shifts — with whoever is on duty now highlighted. Dispatchers and managers edit a person's
 * week and add leave; everyone else reads. On a phone it shows one day at a time.
 */
export function RosterPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canEdit = can('request.dispatch');
  const isMobile = useIsMobile();
  const { estateId } = useEstate();
  const [team, setTeam] = useState<TeamCode>('security');
  const [week, setWeek] = useState('');
  const [day, setDay] = useState<number | null>(null);
  const [editing, setEditing] = useState<RosterMember | null>(null);
  const [exceptionFor, setExceptionFor] = useState<{ accountId?: string; date: string } | null>(null);
  const roster = useRoster(estateId, team, week);
  const change = useRosterChange();
  const data = roster.data;
  const members = data?.teams[0]?.members ?? [];
  const today = data ? todayIn(data.timeZone, new Date(data.now)) : '';
  const weekStart = data?.weekStart ?? '';
  const todayIndex =
    weekStart && today >= weekStart && today < addDays(weekStart, 7)
      ? Math.round((Date.parse(today) - Date.parse(weekStart)) / 86_400_000) + 1
      : null;
  const shownDay = day ?? todayIndex ?? 1;
  const onDuty = members.filter((m) => m.onDutyNow);
  const plans = useMemo(
    () => new Map(members.map((m) => [m.accountId, weekPlan(m, weekStart)])),
    [members, weekStart],
  );

  const removeException = (e: DutyException) =>
    change.run(estateId, () => rosterApi.deleteException(estateId, e.id), t('roster.exception.removed'));

  const dayCell = (p: DayPlan | undefined): ReactNode => {
    if (!p) return null;
    const items: ReactNode[] = p.shifts.map((s) => (
      <Tag
        key={`${s.start}-${s.end}`}
        color={overnight(s) ? 'geekblue' : 'blue'}
        style={{ marginInlineEnd: 0 }}
      >
        {overnight(s) ? t('roster.overnightRange', { start: s.start, end: s.end }) : `${s.start}–${s.end}`}
      </Tag>
    ));
    for (const e of [...(p.leave ? [p.leave] : []), ...p.others]) {
      const label =
        e.kind === 'leave'
          ? `${t('roster.exception.leave')}${e.start ? ` ${e.start}–${e.end}` : ''}`
          : `${t('roster.exception.extra')} ${e.start}–${e.end}`;
      items.push(
        <Tag
          key={e.id}
          color={e.kind === 'leave' ? 'red' : 'green'}
          closable={canEdit}
          onClose={(ev) => {
            ev.preventDefault();
            void removeException(e);
          }}
          title={e.note ?? undefined}
          style={{ marginInlineEnd: 0 }}
          data-testid={`roster-exception-${e.kind}`}
        >
          {label}
          {e.note ? ` · ${e.note}` : ''}
        </Tag>,
      );
    }
    if (!items.length) return <Typography.Text type="secondary">{t('roster.rest')}</Typography.Text>;
    return (
      <Flex vertical gap={4} align="flex-start">
        {items}
      </Flex>
    );
  };

  const nameCell = (m: RosterMember) => (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>{m.displayName}</Typography.Text>
        {m.onDutyNow ? <Badge status="processing" color="green" text={t('roster.onDutyNow')} /> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.position ?? t(`enums.role.${m.role}`)}
      </Typography.Text>
      {canEdit ? (
        <Flex gap={4}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            style={{ padding: 0 }}
            onClick={() => setEditing(m)}
            data-testid="roster-edit"
          >
            {t('roster.editWeek')}
          </Button>
          <Button
            size="small"
            type="link"
            onClick={() => setExceptionFor({ accountId: m.accountId, date: today || weekStart })}
          >
            {t('roster.addLeave')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );

  const dateLabel = (i: number) => {
    const d = addDays(weekStart, i);
    if (!d) return t(`enums.weekdayShort.${i + 1}`);
    return `${t(`enums.weekdayShort.${i + 1}`)} ${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  };

  const onCell = (m: RosterMember) => (m.onDutyNow ? { style: { background: ON_DUTY_BG } } : {});
  const columns = [
    {
      title: t('roster.person'),
      key: 'name',
      fixed: 'left' as const,
      width: 150,
      onCell,
      render: (_: unknown, m: RosterMember) => nameCell(m),
    },
    ...Array.from({ length: 7 }, (_, i) => ({
      title: (
        <span style={todayIndex === i + 1 ? { color: '#1677ff', fontWeight: 600 } : undefined}>
          {dateLabel(i)}
          {todayIndex === i + 1 ? ` · ${t('roster.today')}` : ''}
        </span>
      ),
      key: `d${i + 1}`,
      width: 128,
      onCell,
      render: (_: unknown, m: RosterMember) => dayCell(plans.get(m.accountId)?.[i]),
    })),
  ];

  const header = (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <Segmented
          value={team}
          onChange={(v) => setTeam(v as TeamCode)}
          options={TEAM_CODES.map((c) => ({ value: c, label: t(`enums.teamCode.${c}`) }))}
          data-testid="roster-team"
        />
      </div>
      <Flex gap={8} align="center" wrap>
        <Button
          icon={<LeftOutlined />}
          onClick={() => setWeek(addDays(weekStart, -7))}
          aria-label={t('roster.prevWeek')}
        />
        <Button onClick={() => setWeek('')}>{t('roster.thisWeek')}</Button>
        <Button
          icon={<RightOutlined />}
          onClick={() => setWeek(addDays(weekStart, 7))}
          aria-label={t('roster.nextWeek')}
        />
        {weekStart ? (
          <Typography.Text data-testid="roster-week">
            {t('roster.weekRange', { from: weekStart, to: addDays(weekStart, 6) })}
          </Typography.Text>
        ) : null}
      </Flex>
      <Flex gap={6} wrap align="center" data-testid="roster-on-duty">
        <Typography.Text type="secondary">{t('roster.onDutyNowLabel')}</Typography.Text>
        {onDuty.length ? (
          onDuty.map((m) => (
            <Tag key={m.accountId} color="green">
              {m.displayName}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">{t('roster.nobody')}</Typography.Text>
        )}
      </Flex>
    </Flex>
  );

  return (
    <div>
      <PageHeader
        title={t('roster.title')}
        subtitle={data ? t('roster.subtitle', { tz: data.timeZone }) : undefined}
        extra={
          canEdit ? (
            <Button icon={<CalendarOutlined />} onClick={() => setExceptionFor({ date: today || weekStart })}>
              {t('roster.addLeave')}
            </Button>
          ) : undefined
        }
      />
      {header}
      {roster.isError ? <Alert type="error" showIcon message={t('common.loadFailed')} /> : null}
      {isMobile ? (
        <Flex vertical gap={8}>
          <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
            <Segmented
              value={shownDay}
              onChange={(v) => setDay(Number(v))}
              options={Array.from({ length: 7 }, (_, i) => ({
                value: i + 1,
                label: t(`enums.weekdayShort.${i + 1}`),
              }))}
            />
          </div>
          {weekStart ? <Typography.Text type="secondary">{dateLabel(shownDay - 1)}</Typography.Text> : null}
          {members.length === 0 && !roster.isPending ? <Empty description={t('roster.noMembers')} /> : null}
          {members.map((m) => (
            <Card
              key={m.accountId}
              size="small"
              style={m.onDutyNow ? { background: ON_DUTY_BG, borderColor: '#b7eb8f' } : undefined}
              data-testid="roster-card"
            >
              <Flex justify="space-between" gap={8} align="flex-start">
                {nameCell(m)}
                <div style={{ textAlign: 'right' }}>{dayCell(plans.get(m.accountId)?.[shownDay - 1])}</div>
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<RosterMember>
          rowKey="accountId"
          size="small"
          loading={roster.isPending}
          dataSource={members}
          columns={columns}
          pagination={false}
          scroll={{ x: 150 + 7 * 128 }}
          locale={{ emptyText: <Empty description={t('roster.noMembers')} /> }}
          data-testid="roster-table"
        />
      )}
      <EditWeekModal estateId={estateId} member={editing} onClose={() => setEditing(null)} />
      <ExceptionModal
        estateId={estateId}
        members={members}
        initial={exceptionFor}
        onClose={() => setExceptionFor(null)}
      />
    </div>
  );
}
