import type { Generated, Selectable } from 'kysely';
import type { Json, Ts, TsNull } from '../../db/schema.js';

/** One message to one recipient on one channel: the outbox row the worker sends. */
export interface MessagesTable {
  estate_id: string;
  id: string;
  /** Idempotency key, unique per estate: `campaign:<id>:<member>`, `reminder:<plate>:<date>`. */
  idem_key: string;
  household_id: string | null;
  member_id: string | null;
  /** Phone (SMS), e-mail address, or household id (portal). */
  address: string;
  /** sms_aliyun | sms_tencent | email | portal | dev */
  channel: string;
  template_code: string;
  /** JSON object of template parameters (string values). */
  params: Json;
  /** greetings | tips | health_tips | service_notices */
  purpose: string;
  /** queued | sending | sent | delivered | failed | suppressed */
  status: string;
  /** Why suppressed, or why still queued (quiet_hours, no_provider). */
  reason: string | null;
  not_before: TsNull;
  next_attempt_at: Ts;
  /** While `sending`: after this instant another worker may reclaim the message. */
  lease_until: TsNull;
  /** Set on every claim; the claimant's writes are conditional on it (fencing). */
  claim_token: string | null;
  attempts: Generated<number>;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: Ts;
  created_by: string;
  updated_at: Ts;
  sent_at: TsNull;
  /** When the provider's delivery receipt said delivered (or failed). */
  delivered_at: TsNull;
}
export type MessageRow = Selectable<MessagesTable>;

/** A message template with its texts and its copies at the SMS providers. */
export interface MessageTemplatesTable {
  estate_id: string;
  code: string;
  name: string;
  purpose: string;
  text_zh: string;
  text_en: string | null;
  /** JSON array of placeholder names in order. */
  param_names: Json;
  /** JSON {sms_aliyun?: {code, status}, sms_tencent?: {code, status}}. */
  provider_templates: Json;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string;
}
export type TemplateRow = Selectable<MessageTemplatesTable>;

/** Per-estate provider credentials; secrets only encrypted (messaging.crypto.ts). */
export interface MessageProvidersTable {
  estate_id: string;
  channel: string;
  enabled: number;
  sign_name: string | null;
  /** JSON, not secret: {endpoint?, region?, sdkAppId?, accessKeyIdHint?}. */
  settings: Json;
  /** `v1:<iv>:<tag>:<ciphertext>` (base64url) of {accessKeyId, accessKeySecret}. */
  secrets_enc: string;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  updated_by: string;
}
export type ProviderRow = Selectable<MessageProvidersTable>;

/** Opt-in / opt-out event for a purpose (append-only; the latest one decides). */
export interface MessageOptOutsTable {
  estate_id: string;
  id: string;
  household_id: string;
  member_id: string | null;
  purpose: string;
  /** 1 opt-in, 0 opt-out. */
  granted: number;
  channel: string | null;
  /** staff | portal | sms_reply */
  source: string;
  at: Ts;
  recorded_by: string;
}

/** An entry of the resident portal's inbox (one per outbox message). */
export interface PortalInboxTable {
  estate_id: string;
  id: string;
  message_id: string;
  household_id: string;
  member_id: string | null;
  purpose: string;
  body_zh: string;
  body_en: string | null;
  created_at: Ts;
  read_at: TsNull;
}

/**
 * A member's birthday (MM-DD): the row is the member's agreement to birthday greetings and
 * exists only while it stands (withdrawing deletes it).
 */
export interface MemberBirthdaysTable {
  estate_id: string;
  member_id: string;
  household_id: string;
  month_day: string;
  granted_by_name: string;
  recorded_at: Ts;
  recorded_by: string;
}

declare module '../../db/schema.js' {
  interface DB {
    member_birthdays: MemberBirthdaysTable;
    messages: MessagesTable;
    message_templates: MessageTemplatesTable;
    message_providers: MessageProvidersTable;
    message_opt_outs: MessageOptOutsTable;
    portal_inbox: PortalInboxTable;
  }
}
