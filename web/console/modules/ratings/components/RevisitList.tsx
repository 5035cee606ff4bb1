import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Revisit } from '../../../../api/followup';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { serviceName } from '../../requests/requestText';
import { formatShortInZone, timeLeft } from '../followupText';

const KIND_COLORS: Record<string, string> = {
  low_score: 'red',
  routine_30d: 'blue',
  front_line_follow_up: 'purple',
};

export function RevisitKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`revisits.kind.${kind}`)}
    </Tag>
  );
}

/** 「03-05 14:30 · 还剩 5 小时」, red with 「已超时」 once past; 「已完成」 (on time or late) when done. */
export function RevisitDue({ revisit: v, timeZone }: { revisit: Revisit; timeZone: string }) {
  const { t } = useTranslation();
  if (v.state === 'done')
    return (
      <Typography.Text type={v.doneOnTime === false ? 'warning' : 'success'} style={{ fontSize: 13 }}>
        <CheckCircleOutlined /> {formatShortInZone(v.completedAt, timeZone)} ·{' '}
        {t(v.doneOnTime === false ? 'revisits.doneLate' : 'revisits.doneOnTime')}
      </Typography.Text>
    );
  const left = timeLeft(v.dueAt, t);
  return (
    <Typography.Text
      type={v.overdue ? 'danger' : undefined}
      style={{ fontSize: 13 }}
      data-testid="revisit-due"
      data-overdue={v.overdue ? 'true' : 'false'}
    >
      {formatShortInZone(v.dueAt, timeZone)} · {left.text}
    </Typography.Text>
  );
}

/**
 * Revisits as a table (desktop) or cards (phone): kind, household and service, owner, due time
 * (red when overdue) and the 完成 button for the owner or a dispatcher.
 */
export function RevisitList({
  rows,
  loading,
  timeZone,
  canComplete,
  onComplete,
  showOwner,
}: {
  rows: Revisit[];
  loading: boolean;
  timeZone: string;
  canComplete: (v: Revisit) => boolean;
  onComplete: (v: Revisit) => void;
  showOwner: boolean;
}) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const me = useCurrentUser().data;
  const completeButton = (v: Revisit, big = false) =>
    v.state !== 'done' && canComplete(v) ? (
      <Button
        type={v.kind === 'low_score' ? 'primary' : 'default'}
        size={big ? 'large' : 'small'}
        onClick={() => onComplete(v)}
        data-testid={`revisit-complete-${v.id}`}
      >
        {t('revisits.complete.action')}
      </Button>
    ) : null;
  const subject = (v: Revisit) => (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Link to={`/requests/${v.requestId}`}>
        <Typography.Text strong>{v.roomCode ?? t('revisits.publicArea')}</Typography.Text> ·{' '}
        {serviceName(v, i18n.language)}
      </Link>
      {v.reason && v.kind === 'low_score' ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {v.reason}
        </Typography.Text>
      ) : null}
      {v.state === 'done' && v.outcome ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: v.outcome }}>
          {v.outcome}
        </Typography.Text>
      ) : null}
    </Flex>
  );
  const owner = (v: Revisit) =>
    v.owner ? (
      v.owner.id === me?.id ? (
        <Tag style={{ marginInlineEnd: 0 }}>{t('revisits.me')}</Tag>
      ) : (
        v.owner.name
      )
    ) : (
      <Typography.Text type="warning">{t('revisits.noOwner')}</Typography.Text>
    );

  if (isMobile)
    return (
      <List
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('revisits.empty')} /> }}
        renderItem={(v) => (
          <Card
            size="small"
            key={v.id}
            style={{ marginBottom: 8, borderColor: v.overdue ? '#ffa39e' : undefined }}
            data-testid={`revisit-${v.id}`}
          >
            <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 6 }}>
              <RevisitKindTag kind={v.kind} />
              {showOwner ? <span style={{ fontSize: 13 }}>{owner(v)}</span> : null}
            </Flex>
            {subject(v)}
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
              <RevisitDue revisit={v} timeZone={timeZone} />
              {completeButton(v, true)}
            </Flex>
          </Card>
        )}
      />
    );

  return (
    <Table<Revisit>
      size="middle"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description={t('revisits.empty')} /> }}
      onRow={(v) => ({ 'data-testid': `revisit-${v.id}` }) as object}
      columns={[
        {
          title: t('revisits.fields.kind'),
          dataIndex: 'kind',
          width: 150,
          render: (k: string) => <RevisitKindTag kind={k} />,
        },
        { title: t('revisits.fields.subject'), key: 'subject', render: (_, v) => subject(v) },
        {
          title: t('revisits.fields.team'),
          dataIndex: 'team',
          width: 110,
          render: (c: string) => t(`enums.teamCode.${c}`, { defaultValue: c }),
        },
        ...(showOwner
          ? [
              {
                title: t('revisits.fields.owner'),
                key: 'owner',
                width: 120,
                render: (_: unknown, v: Revisit) => owner(v),
              },
            ]
          : []),
        {
          title: t('revisits.fields.due'),
          key: 'due',
          width: 230,
          render: (_, v) => <RevisitDue revisit={v} timeZone={timeZone} />,
        },
        { title: t('common.actions'), key: 'actions', width: 110, render: (_, v) => completeButton(v) },
      ]}
    />
  );
}
