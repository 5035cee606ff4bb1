import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MessageReason, MessageStatus } from '../../../../api/messaging';
import { STATUS_COLORS } from '../messagingText';

/** 已发送 / 已拦截 · 未获同意 …: a message's status with the reason it waits or was suppressed. */
export function MessageStatusTag({
  status,
  reason,
}: {
  status: MessageStatus;
  reason: MessageReason | null;
}) {
  const { t } = useTranslation();
  const label = reason
    ? t('outbox.statusWithReason', {
        status: t(`outbox.status.${status}`),
        reason: t(`outbox.reason.${reason}`),
      })
    : t(`outbox.status.${status}`);
  const tag = (
    <Tag
      color={STATUS_COLORS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid={`message-status-${status}`}
    >
      {label}
    </Tag>
  );
  return reason ? <Tooltip title={t(`outbox.reasonHelp.${reason}`)}>{tag}</Tooltip> : tag;
}
