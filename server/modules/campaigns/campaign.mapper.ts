import type {
  Campaign,
  CampaignAudience,
  CampaignChannel,
  CampaignStatus,
} from '../../../contract/campaigns.js';
import type { MessagePurpose } from '../../../contract/messaging.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { CampaignRow } from './campaign.table.js';

const STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'suppressed'] as const;

export function toCampaign(r: CampaignRow, counts: Record<string, number>): Campaign {
  const progress = Object.fromEntries(STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<
    (typeof STATUSES)[number],
    number
  >;
  return {
    id: r.id,
    estateId: r.estate_id,
    name: r.name,
    purpose: r.purpose as MessagePurpose,
    templateCode: r.template_code,
    channel: r.channel as CampaignChannel,
    audience: fromJson<CampaignAudience>(r.audience, {}),
    festival: r.festival,
    tipId: r.tip_id ?? null,
    scheduledAt: toIso(r.scheduled_at),
    throttlePerMinute: r.throttle_per_minute === null ? null : Number(r.throttle_per_minute),
    status: r.status as CampaignStatus,
    audienceCount: Number(r.audience_count),
    enqueuedCount: Number(r.enqueued_count),
    progress: { ...progress, total: STATUSES.reduce((n, s) => n + progress[s], 0) },
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    createdBy: r.created_by,
    startedAt: toIso(r.started_at),
    startedBy: r.started_by,
  };
}
