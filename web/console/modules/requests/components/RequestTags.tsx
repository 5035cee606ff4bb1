import { HeartFilled } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Priority, RequestStatus } from '../../../../api/enums';
import type { ServiceRequest } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { type DueState, dueState } from '../requestText';

const STATUS_COLORS: Record<RequestStatus, string> = {
  new: 'gold',
  assigned: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  completed: 'success',
  cancelled: 'default',
};

const PRIORITY_COLORS: Record<Priority, string | undefined> = {
  urgent: 'red',
  high: 'orange',
  normal: undefined,
  low: 'default',
};

/** 待分派 / 已分派 / … as a coloured tag. */
export function StatusTag({ status, testId }: { status: RequestStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLORS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid={testId}
      data-status={status}
    >
      {t(`enums.requestStatus.${status}`)}
    </Tag>
  );
}

/** 紧急 / 高 / 普通 / 低; nothing for normal unless `always`. */
export function PriorityTag({ priority, always = false }: { priority: Priority; always?: boolean }) {
  const { t } = useTranslation();
  if (priority === 'normal' && !always) return null;
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ marginInlineEnd: 0 }}>
      {t(`enums.priority.${priority}`)}
    </Tag>
  );
}

/** 关怀户: the household has care flags (T7), so the request is shown first. */
export function CareTag({ request }: { request: Pick<ServiceRequest, 'care' | 'careFlags'> }) {
  const { t } = useTranslation();
  if (!request.care) return null;
  const flags = request.careFlags
    .map((f) => t(`enums.careFlag.${f}`, { defaultValue: f }))
    .join(t('common.listSep'));
  return (
    <Tooltip title={flags || undefined}>
      <Tag color="magenta" icon={<HeartFilled />} style={{ marginInlineEnd: 0 }} data-testid="request-care">
        {t('requests.care')}
      </Tag>
    </Tooltip>
  );
}

const DUE_TYPE: Record<DueState, 'danger' | 'warning' | 'secondary' | undefined> = {
  overdue: 'danger',
  soon: 'warning',
  done: 'secondary',
  ok: undefined,
};

/** 「响应 03-05 14:30」, red and marked 超时 when overdue. */
export function DueText({
  label,
  dueAt,
  doneAt,
  closed,
}: {
  label: string;
  dueAt: string;
  doneAt: string | null;
  closed: boolean;
}) {
  const { t } = useTranslation();
  const state = dueState(dueAt, doneAt, closed);
  return (
    <Typography.Text type={DUE_TYPE[state]} style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-due={state}>
      {label} {formatDateTime(dueAt).slice(5)}
      {state === 'overdue' ? ` · ${t('requests.overdue')}` : ''}
    </Typography.Text>
  );
}

/** Both due times of a request. */
export function DueTimes({ request: r }: { request: ServiceRequest }) {
  const { t } = useTranslation();
  const closed = r.status === 'completed' || r.status === 'cancelled';
  return (
    <>
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
    </>
  );
}
