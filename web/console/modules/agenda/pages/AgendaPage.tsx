import {
  CheckOutlined,
  ClockCircleOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  PhoneOutlined,
  ReloadOutlined,
  RightOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Progress, Select, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { agendaApi } from '../../../../api/endpoints';
import type { AgendaTask, OwedVisits, VisitSuggestion } from '../../../../api/types';
import { formatDate, formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useStaff } from '../../../hooks/useStaff';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';
import { usePlanMeasures } from '../../plan/hooks/usePlan';
import { RequestCard } from '../../requests/components/RequestCard';
import { percent, reasonLabels, taskTitle } from '../agendaText';
import { agendaKeys, useAgenda } from '../hooks/useAgenda';

const RED = '#ff4d4f';

/**
 * 我的待办, phone first: what is due today and this week, the visits still owed this period with
 * suggested households (one tap starts the visit form), overdue items in red, my open jobs.
 * Staff with agenda.team can look at a colleague's agenda.
 */
export function AgendaPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { data: me } = useCurrentUser();
  const { estateId } = useEstate();
  const team = can('agenda.team');
  const [assignee, setAssignee] = useState('me');
  const staff = useStaff(team ? estateId : '');
  const q = useAgenda(estateId, assignee);
  const a = q.data;
  const self = assignee === 'me' || assignee === me?.id;
  const lang = i18n.language;
  const owedOpen = useMemo(() => (a?.owed ?? []).filter((o) => o.remaining > 0), [a?.owed]);
  const measures = usePlanMeasures(owedOpen.length && can('visit.record') ? estateId : '', {});
  /** The visit kind that counts for every quota still owed (advisory for S4 …), if there is one. */
  const kind = useMemo(() => {
    let common: string[] | null = null;
    for (const o of owedOpen) {
      const m = measures.data?.find((x) => x.code === o.measureCode);
      const kinds =
        m?.commitments.flatMap((c) => ('visitKinds' in c.config ? (c.config.visitKinds ?? []) : [])) ?? [];
      if (!kinds.length) continue;
      common = common ? common.filter((k) => kinds.includes(k as never)) : [...kinds];
    }
    return common?.[0];
  }, [owedOpen, measures.data]);
  const todayIds = new Set((a?.today ?? []).map((x) => x.id));
  const laterThisWeek = (a?.thisWeek ?? []).filter((x) => !todayIds.has(x.id));

  const staffOptions = useMemo(
    () => [
      { value: 'me', label: t('agenda.me') },
      ...(staff.data ?? [])
        .filter((s) => s.accountId !== me?.id && s.status === 'active')
        .map((s) => ({
          value: s.accountId,
          label: `${s.displayName} · ${t(`enums.role.${s.role}`, { defaultValue: s.role })}`,
        })),
    ],
    [staff.data, me?.id, t],
  );

  const titleOf = (o: OwedVisits) => {
    const task = [...(a?.today ?? []), ...(a?.thisWeek ?? [])].find((x) => x.id === o.taskId);
    return task ? taskTitle(task, lang) : t('agenda.owedTitle', { period: o.periodKey });
  };

  return (
    <div style={{ maxWidth: 720 }} data-testid="agenda-page">
      <PageHeader
        title={self ? t('agenda.title') : t('agenda.titleOf', { name: a?.assignee.name ?? '' })}
        subtitle={
          a
            ? t('agenda.subtitle', {
                date: a.date,
                start: a.week.start,
                end: dayjs(a.week.end).subtract(1, 'day').format('YYYY-MM-DD'),
              })
            : undefined
        }
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void q.refetch()}
            loading={q.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      {team ? (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={assignee}
          onChange={setAssignee}
          options={staffOptions}
          loading={staff.isPending && !!estateId}
          style={{ width: '100%', marginBottom: 12 }}
          size="large"
          data-testid="agenda-assignee"
          aria-label={t('agenda.viewOf')}
        />
      ) : null}
      {q.isError ? (
        <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {!a ? (
        q.isPending && estateId ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : q.isError ? null : (
          <Empty description={t('agenda.noEstate')} />
        )
      ) : (
        <Flex vertical gap={16}>
          {a.overdue.length ? (
            <Section title={t('agenda.overdue')} count={a.overdue.length} danger testId="agenda-overdue">
              {a.overdue.map((task) => (
                <TaskRow key={task.id} task={task} canComplete={self || team} own={self} />
              ))}
            </Section>
          ) : null}

          {a.owed.length ? (
            <Section title={t('agenda.owed')} testId="agenda-owed">
              {a.owed.map((o) => (
                <OwedCard key={o.taskId} owed={o} title={titleOf(o)} />
              ))}
              {a.suggestions.length ? (
                <>
                  <Typography.Text type="secondary" style={{ marginTop: 4 }}>
                    {t('agenda.suggestions')}
                  </Typography.Text>
                  {a.suggestions.map((s) => (
                    <SuggestionCard
                      key={s.householdId}
                      suggestion={s}
                      canVisit={can('visit.record')}
                      kind={kind}
                    />
                  ))}
                </>
              ) : null}
            </Section>
          ) : null}

          <Section title={t('agenda.today')} count={a.today.length} testId="agenda-today">
            {a.today.length ? (
              a.today.map((task) => (
                <TaskRow key={task.id} task={task} canComplete={self || team} own={self} />
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agenda.emptyToday')} />
            )}
          </Section>

          <Section title={t('agenda.thisWeek')} count={laterThisWeek.length} testId="agenda-week">
            {laterThisWeek.length ? (
              laterThisWeek.map((task) => (
                <TaskRow key={task.id} task={task} canComplete={self || team} own={self} />
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agenda.emptyWeek')} />
            )}
          </Section>

          <Section
            title={t('agenda.requests')}
            count={a.requests.open}
            more={a.requests.more}
            testId="agenda-requests"
            extra={
              self && can('request.work') ? (
                <Link to="/requests/mine" data-testid="agenda-requests-link">
                  {t('agenda.allRequests')} <RightOutlined />
                </Link>
              ) : null
            }
          >
            {a.requests.items.length ? (
              a.requests.items.map((r) => <RequestCard key={r.id} request={r} />)
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agenda.emptyRequests')} />
            )}
          </Section>
        </Flex>
      )}
    </div>
  );
}

function Section({
  title,
  count,
  more,
  danger,
  extra,
  testId,
  children,
}: {
  title: string;
  count?: number;
  more?: boolean;
  danger?: boolean;
  extra?: React.ReactNode;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <section data-testid={testId}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0, color: danger ? RED : undefined }}>
          {danger ? <ExclamationCircleOutlined style={{ marginInlineEnd: 6 }} /> : null}
          {title}
          {count !== undefined ? (
            <Tag color={danger ? 'red' : undefined} style={{ marginInlineStart: 8 }}>
              {count}
              {more ? '+' : ''}
            </Tag>
          ) : null}
        </Typography.Title>
        {extra}
      </Flex>
      <Flex vertical gap={8}>
        {children}
      </Flex>
    </section>
  );
}

/** A visit quota still owed this period: E1 本周走访 1/2 with a progress bar. */
function OwedCard({ owed: o, title }: { owed: OwedVisits; title: string }) {
  const { t } = useTranslation();
  const done = o.remaining <= 0;
  const late = !done && new Date(o.dueAt).getTime() < Date.now();
  return (
    <Card
      size="small"
      data-testid={`agenda-owed-${o.measureCode}`}
      styles={{ body: { padding: 12 } }}
      style={{ borderInlineStart: `3px solid ${done ? '#52c41a' : late ? RED : '#1677ff'}` }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: 16 }}>
          <Tag color="blue">{o.measureCode}</Tag>
          {title}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums' }}>
          {o.done}/{o.target}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent(o.done, o.target)}
        showInfo={false}
        status={done ? 'success' : late ? 'exception' : 'active'}
        style={{ margin: '6px 0 2px' }}
      />
      <Typography.Text type={late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {done
          ? t('agenda.owedDone')
          : t('agenda.owedRemaining', { n: o.remaining, due: formatDateTime(o.dueAt) })}
      </Typography.Text>
    </Card>
  );
}

/** A household to visit next, with why, and a big 「走访」 button. */
function SuggestionCard({
  suggestion: s,
  canVisit,
  kind,
}: {
  suggestion: VisitSuggestion;
  canVisit: boolean;
  kind?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const careReasons = new Set(s.reasons.filter((r) => r.code === 'care_flag').map((r) => r.detail));
  return (
    <Card size="small" data-testid={`agenda-suggestion-${s.householdId}`} styles={{ body: { padding: 12 } }}>
      <Flex justify="space-between" align="center" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <EnvironmentOutlined style={{ color: 'rgba(0,0,0,0.45)', marginInlineEnd: 4 }} />
            {s.roomCode}
          </Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 4 }}>
            {reasonLabels(s, t).map((label, i) => (
              <Tag
                key={`${s.reasons[i]?.code}-${label}`}
                color={
                  s.reasons[i]?.code === 'care_flag'
                    ? 'volcano'
                    : s.reasons[i]?.code === 'never_visited'
                      ? 'gold'
                      : undefined
                }
                style={{ marginInlineEnd: 0 }}
              >
                {label}
              </Tag>
            ))}
            {s.careFlags
              .filter((f) => !careReasons.has(f))
              .map((f) => (
                <Tag key={f} color="orange" style={{ marginInlineEnd: 0 }}>
                  {t(`enums.careFlag.${f}`)}
                </Tag>
              ))}
          </Flex>
          {s.lastVisitAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('agenda.lastVisit', { date: formatDate(s.lastVisitAt) })}
            </Typography.Text>
          ) : null}
        </div>
        {canVisit ? (
          <Button
            type="primary"
            size="large"
            icon={<SolutionOutlined />}
            style={{ minWidth: 88 }}
            data-testid={`visit-start-${s.householdId}`}
            onClick={() =>
              navigate(
                `/visits/new?householdId=${encodeURIComponent(s.householdId)}${kind ? `&kind=${encodeURIComponent(kind)}` : ''}`,
              )
            }
          >
            {t('agenda.visit')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

/**
 * A revisit task (T4, T6, E15) opens the revisits page (回访), where completing the revisit
 * completes the task: mine, or the team's when looking at a colleague's agenda.
 */
function RevisitLink({ task, own }: { task: AgendaTask; own: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const tab = own || !can('request.dispatch') ? 'mine' : 'team';
  return (
    <Link
      to={`/revisits?tab=${tab}`}
      data-testid={`agenda-revisit-${task.id}`}
      title={t('engine.revisitHint')}
    >
      <Button size="large" icon={<PhoneOutlined />} style={{ minWidth: 88 }}>
        {t('engine.openRevisit')}
      </Button>
    </Link>
  );
}

/** One task: title, progress for quotas, due time; red when overdue; 完成 for open manual tasks. */
function TaskRow({
  task,
  canComplete,
  own = true,
}: {
  task: AgendaTask;
  canComplete: boolean;
  own?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const complete = useMutation({
    mutationFn: () => agendaApi.complete(task.id),
    onSuccess: () => {
      message.success(t('agenda.completed'));
      void qc.invalidateQueries({ queryKey: agendaKeys.all });
    },
    onError: notifyError,
  });
  const red = task.overdue;
  return (
    <Card
      size="small"
      data-testid={`agenda-task-${task.id}`}
      data-overdue={red ? 'true' : undefined}
      styles={{ body: { padding: 12 } }}
      style={{
        borderInlineStart: `3px solid ${red ? RED : task.status === 'done' ? '#52c41a' : '#d9d9d9'}`,
        background: red ? '#fff1f0' : undefined,
      }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ color: red ? RED : undefined }}>
            <Tag color={red ? 'red' : 'blue'}>{task.measureCode}</Tag>
            {taskTitle(task, i18n.language)}
          </Typography.Text>
          <Flex gap={8} wrap style={{ marginTop: 4, fontSize: 12 }}>
            <Typography.Text type={red ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              <ClockCircleOutlined /> {t('agenda.due', { at: formatDateTime(task.dueAt) })}
            </Typography.Text>
            {task.target !== null ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('agenda.progress', { done: task.progress, target: task.target })}
              </Typography.Text>
            ) : null}
            <Tag
              color={task.status === 'done' ? 'success' : task.status === 'missed' ? 'error' : 'processing'}
              style={{ marginInlineEnd: 0 }}
            >
              {t(`agenda.status.${task.status}`)}
            </Tag>
          </Flex>
        </div>
        {task.kind === 'revisit' && task.status === 'open' ? (
          <RevisitLink task={task} own={own} />
        ) : canComplete && task.kind === 'manual' && task.status === 'open' ? (
          <Button
            size="large"
            icon={<CheckOutlined />}
            loading={complete.isPending}
            onClick={() => complete.mutate()}
            data-testid={`agenda-complete-${task.id}`}
          >
            {t('agenda.complete')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}
