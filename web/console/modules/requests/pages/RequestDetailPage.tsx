import { ArrowLeftOutlined, HomeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Table, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import type { ServiceRequestDetail, ServiceRequestEvent } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PhotoCard } from '../../../components/attachments/PhotoCard';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useCan } from '../../../session/useCan';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { useEstate } from '../../../session/useEstate';
import { SupervisionCardPanel } from '../../ratings/components/SupervisionCardPanel';
import { RequestActions } from '../components/RequestActions';
import { CareTag, DueText, PriorityTag, StatusTag } from '../components/RequestTags';
import { useMyTeam } from '../hooks/useMyTeam';
import { useRequest } from '../hooks/useRequests';
import { formatFen, formatMinutes, placeOf, serviceName } from '../requestText';

const EVENT_COLORS: Record<string, string> = {
  created: 'blue',
  assigned: 'blue',
  accepted: 'green',
  in_progress: 'green',
  completed: 'green',
  cancelled: 'gray',
};

/** What happened in an event, in words: 「派给 王师傅」, 「取消：业主已自行处理」. */
function eventDetail(e: ServiceRequestEvent, t: TFunction): string | null {
  const d = e.details ?? {};
  if (e.kind === 'assigned' && typeof d.assigneeName === 'string')
    return t('requests.event.to', { name: d.assigneeName });
  if (e.kind === 'cancelled' && typeof d.reason === 'string') return d.reason;
  if (e.kind === 'created' && typeof d.channel === 'string')
    return t('requests.event.via', {
      channel: t(`enums.requestChannel.${d.channel}`, { defaultValue: d.channel }),
    });
  if (e.kind === 'completed') {
    if (d.charge === 'free') return t('requests.charge.free');
    if (typeof d.chargedFen === 'number')
      return t('requests.charge.charged', { amount: formatFen(d.chargedFen) });
  }
  return null;
}

/** 工单详情: who, what, where, due times, the timeline, completion details and the allowed actions. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const can = useCan();
  const me = useCurrentUser();
  const request = useRequest(id);
  const r = request.data;
  const { estateId } = useEstate();
  const { team: myTeam } = useMyTeam(r?.estateId ?? estateId);
  const back = can('request.dispatch') || !can('request.work') ? '/requests' : '/requests/mine';

  if (request.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (request.isError || !r) {
    const status = request.error instanceof ApiError ? request.error.status : 0;
    return (
      <Result
        status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
        title={status === 404 ? t('requests.notFound') : t('common.loadFailed')}
        subTitle={request.error?.message}
        extra={
          <Button type="primary" onClick={() => navigate(back)}>
            {t('requests.backToList')}
          </Button>
        }
      />
    );
  }

  const closed = r.status === 'completed' || r.status === 'cancelled';
  const firstContact = r.takenBy.id === me.data?.id && (r.status === 'new' || r.status === 'assigned');

  return (
    <div style={{ maxWidth: 960 }}>
      <Link to={back} style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('requests.backToList')}
      </Link>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 16 : 24 } }}>
        <Flex justify="space-between" align="flex-start" wrap gap={12}>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {serviceName(r, i18n.language)}
              </Typography.Title>
              <StatusTag status={r.status} testId="request-status" />
              <PriorityTag priority={r.priority} />
              <CareTag request={r} />
            </Flex>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
              {placeOf(r)} · {t(`enums.teamCode.${r.team}`)} · {formatDateTime(r.createdAt)}
            </Typography.Text>
          </div>
        </Flex>
        <Typography.Paragraph
          style={{ margin: '12px 0', whiteSpace: 'pre-wrap' }}
          data-testid="request-description"
        >
          {r.description}
        </Typography.Paragraph>
        {firstContact ? (
          <Alert
            type="warning"
            showIcon
            title={t('requests.new.firstContact')}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <RequestActions request={r} myTeam={myTeam} big={isMobile} />
      </Card>

      <Card
        title={t('requests.detail.info')}
        style={{ marginBottom: 16 }}
        size={isMobile ? 'small' : undefined}
      >
        <Descriptions column={isMobile ? 1 : 2} size="small" data-testid="request-info">
          <Descriptions.Item label={t('requests.fields.household')}>
            {r.householdId ? (
              can('household.read') ? (
                <Link to={`/households/${r.householdId}`} data-testid="request-household-link">
                  <HomeOutlined /> {r.roomCode ?? t('requests.detail.archive')}
                </Link>
              ) : (
                (r.roomCode ?? '—')
              )
            ) : (
              <span>
                {t('requests.detail.publicArea')}
                {r.location ? ` · ${r.location}` : ''}
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.service')}>
            {serviceName(r, i18n.language)}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {r.catalogCode}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.team')}>
            {t(`enums.teamCode.${r.team}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.priority')}>
            {t(`enums.priority.${r.priority}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.channel')}>
            {t(`enums.requestChannel.${r.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.takenBy')}>
            {r.takenBy.name} · {formatDateTime(r.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.fields.assignee')}>
            {r.assignee ? (
              r.assignee.name
            ) : (
              <Typography.Text type="secondary">{t('requests.unassigned')}</Typography.Text>
            )}
          </Descriptions.Item>
          {r.careFlags.length ? (
            <Descriptions.Item label={t('requests.care')}>
              {r.careFlags
                .map((f) => t(`enums.careFlag.${f}`, { defaultValue: f }))
                .join(t('common.listSep'))}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('requests.responseDue')}>
            <DueText label="" dueAt={r.responseDueAt} doneAt={r.acceptedAt} closed={closed} />
          </Descriptions.Item>
          <Descriptions.Item label={t('requests.completionDue')}>
            <DueText
              label=""
              dueAt={r.completionDueAt}
              doneAt={r.completedAt}
              closed={r.status === 'cancelled'}
            />
          </Descriptions.Item>
          {r.cancelReason ? (
            <Descriptions.Item label={t('requests.fields.cancelReason')}>{r.cancelReason}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      {r.completion ? <CompletionCard request={r} /> : null}
      <PhotoCard ownerKind="service_request" ownerId={r.id} big={isMobile} />
      <SupervisionCardPanel request={r} />

      <Card title={t('requests.detail.timeline')} size={isMobile ? 'small' : undefined}>
        <Timeline
          data-testid="request-timeline"
          items={r.timeline.map((e) => {
            const detail = eventDetail(e, t);
            return {
              key: e.id,
              color: EVENT_COLORS[e.kind] ?? 'blue',
              title: (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
              ),
              content: (
                <div>
                  <Typography.Text strong>
                    {t(`requests.event.${e.kind}`, { defaultValue: e.kind })}
                  </Typography.Text>
                  {e.actorName ? <Typography.Text type="secondary"> · {e.actorName}</Typography.Text> : null}
                  {detail ? <div style={{ fontSize: 13 }}>{detail}</div> : null}
                </div>
              ),
            };
          })}
        />
      </Card>
    </div>
  );
}

/** 完工信息: notes, materials, time spent and what the resident pays (or why it is free). */
function CompletionCard({ request: r }: { request: ServiceRequestDetail }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const c = r.completion;
  if (!c) return null;
  return (
    <Card
      title={t('requests.detail.completion')}
      style={{ marginBottom: 16 }}
      size={isMobile ? 'small' : undefined}
      data-testid="request-completion"
    >
      <Descriptions column={isMobile ? 1 : 2} size="small">
        <Descriptions.Item label={t('requests.fields.completedAt')}>
          {formatDateTime(r.completedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.complete.minutes')}>
          {formatMinutes(c.minutesSpent, t)}
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.complete.charge')}>
          {c.charge === 'free' ? (
            <Typography.Text type="success">
              {t('requests.charge.free')}
              {c.freeBasis ? ` · ${t(`requests.freeBasis.${c.freeBasis}`)}` : ''}
            </Typography.Text>
          ) : (
            <Typography.Text strong>{formatFen(c.chargedFen)}</Typography.Text>
          )}
          {c.charge === 'free' && c.freeReason ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {c.freeReason}
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.complete.materialCost')}>
          {formatFen(c.materialCostFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('requests.complete.notes')} span={isMobile ? 1 : 2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.notes || '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      {c.materials.length ? (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={c.materials}
          columns={[
            { title: t('requests.complete.materialName'), dataIndex: 'name' },
            { title: t('requests.complete.quantity'), dataIndex: 'quantity', align: 'right', width: 80 },
            {
              title: t('requests.complete.cost'),
              dataIndex: 'costFen',
              align: 'right',
              width: 110,
              render: (v: number) => formatFen(v),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
