/** Display helpers of the messaging pages: times in the estate's zone, status colours, conflicts. */
import { ApiError } from '../../../api/client';
import type { CampaignStatus, MessageReason, MessageStatus } from '../../../api/messaging';
import { formatDateTime, getDisplayTimeZone } from '../../../ui/format';

export const STATUS_COLORS: Record<MessageStatus, string> = {
  queued: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  suppressed: 'orange',
};

export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  running: 'processing',
  done: 'green',
  cancelled: 'red',
};

export const APPROVAL_COLORS: Record<string, string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
};

/** Reasons that keep a message queued (it goes out later) rather than suppress it. */
export const WAITING_REASONS: readonly MessageReason[] = ['quiet_hours', 'no_provider'];

/** 2026-03-05 14:30 in the estate's time zone (the console's estate when not given), or '—'. */
export function formatInZone(iso: string | null | undefined, timeZone?: string): string {
  return formatDateTime(iso, timeZone ?? getDisplayTimeZone());
}

/** Placeholders `{name}` of a template text, in order of first use. */
export function placeholdersOf(...texts: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const text of texts)
    for (const m of (text ?? '').matchAll(/\{([A-Za-z][A-Za-z0-9_]{0,31})\}/g))
      if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** True for "someone else saved first" answers (412 stale version, 409 conflict). */
export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 412 || err.status === 409);
}

/** The campaign id of an outbox key `campaign:<id>:<member>`, if any. */
export function campaignOfKey(key: string): string | null {
  const m = /^campaign:([^:]+):/.exec(key);
  return m ? m[1]! : null;
}
