import type { Generated, Selectable } from 'kysely';
import type { Json, Ts, TsNull } from '../../db/schema.js';

/** A greeting, tips or notice campaign: an audience, a purpose, a template and a channel. */
export interface CampaignsTable {
  estate_id: string;
  id: string;
  name: string;
  /** greetings | tips | health_tips | service_notices */
  purpose: string;
  template_code: string;
  /** dev | portal | sms_aliyun | sms_tencent */
  channel: string;
  /** JSON {buildingIds?, tags?, careFlags?, occupancy?}. */
  audience: Json;
  festival: string | null;
  /** A tip of the library (tips module) used as the message content, or null. */
  tip_id: string | null;
  scheduled_at: TsNull;
  throttle_per_minute: number | null;
  /** draft | running | done | cancelled */
  status: string;
  audience_count: Generated<number>;
  enqueued_count: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  created_by: string;
  updated_at: Ts;
  started_at: TsNull;
  started_by: string | null;
}
export type CampaignRow = Selectable<CampaignsTable>;

declare module '../../db/schema.js' {
  interface DB {
    campaigns: CampaignsTable;
  }
}
