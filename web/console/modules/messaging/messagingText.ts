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

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone?: string, at: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant (ISO) of a wall-clock time `HH:mm` on a date in a zone: a campaign scheduled for
 * 09:00 estate time on a festival day is 01:00Z in Shanghai whatever the browser's zone.
 */
export function zonedIso(date: string, time: string, timeZone = 'Asia/Shanghai'): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const local = formatInZone(guess.toISOString(), timeZone); // what the zone shows at that UTC instant
  const shown = Date.parse(`${local.replace(' ', 'T')}:00Z`);
  return new Date(guess.getTime() - (shown - guess.getTime())).toISOString();
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
