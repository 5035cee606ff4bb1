import { z } from 'zod';
import { PageQuery } from './common.js';

/** Channels a message can go out on. `dev` only records (development and demo). */
export const MESSAGE_CHANNELS = ['sms_aliyun', 'sms_tencent', 'email', 'portal', 'dev'] as const;
export const MessageChannel = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof MessageChannel>;
/** Channels whose content passes an SMS provider's review (no medical content, quiet hours). */
export const SMS_CHANNELS: readonly MessageChannel[] = ['sms_aliyun', 'sms_tencent'];
/** Channels with per-estate provider credentials. */
export const PROVIDER_CHANNELS = ['sms_aliyun', 'sms_tencent'] as const;
export const ProviderChannel = z.enum(PROVIDER_CHANNELS);

/**
 * What a message is for; consent and opt-out are recorded per purpose. Birthday greetings are
 * greetings sent only to members whose birthday is recorded with their agreement.
 */
export const MESSAGE_PURPOSES = ['greetings', 'tips', 'health_tips', 'service_notices'] as const;
export const MessagePurpose = z.enum(MESSAGE_PURPOSES);
export type MessagePurpose = z.infer<typeof MessagePurpose>;

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'suppressed'] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

/**
 * Why a message was suppressed, or why it still waits (`quiet_hours`, `no_provider` keep it
 * queued).
 */
export const MESSAGE_REASONS = [
  'no_consent',
  'opted_out',
  'quiet_hours',
  'daily_cap',
  'template_not_approved',
  'no_provider',
  'health_content_by_sms',
  'no_address',
  'cancelled',
] as const;
export const MessageReason = z.enum(MESSAGE_REASONS);
export type MessageReason = z.infer<typeof MessageReason>;

export const Message = z.object({
  id: z.string(),
  estateId: z.string(),
  key: z.string().describe('Idempotency key, unique per estate (campaign:<id>:<member> …)'),
  householdId: z.string().nullable(),
  memberId: z.string().nullable(),
  address: z.string().describe('Phone (masked 138****5678), e-mail (masked) or household id (portal)'),
  channel: MessageChannel,
  templateCode: z.string(),
  params: z.record(z.string(), z.string()),
  purpose: MessagePurpose,
  status: MessageStatus,
  reason: MessageReason.nullable(),
  notBefore: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe('When the worker looks at it next (queued only)'),
  attempts: z.number().int(),
  providerMessageId: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Message = z.infer<typeof Message>;

export const ListMessagesQuery = PageQuery.extend({
  estateId: z.string().min(1).max(64),
  status: MessageStatus.optional(),
  purpose: MessagePurpose.optional(),
  householdId: z.string().max(64).optional(),
  channel: MessageChannel.optional(),
  campaignId: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,64}$/, 'letters, digits and -')
    .optional()
    .describe('Only the messages this campaign put in the outbox'),
});

export const TEMPLATE_APPROVAL = ['draft', 'pending', 'approved', 'rejected'] as const;
export const TemplateApproval = z.enum(TEMPLATE_APPROVAL);

/**
 * A provider's copy of a template: its code there and the review result. The code may be empty
 * while the template is not yet submitted or reviewed; an approved one needs its code.
 */
export const ProviderTemplate = z
  .object({
    code: z.string().max(64).describe('Aliyun SMS_15305…, Tencent numeric TemplateId; empty until known'),
    status: TemplateApproval,
  })
  .refine((t) => t.status !== 'approved' || t.code.trim().length > 0, {
    message: 'an approved template needs the provider template code',
    path: ['code'],
  });

export const MessageTemplate = z.object({
  estateId: z.string(),
  code: z.string(),
  name: z.string(),
  purpose: MessagePurpose,
  textZh: z.string(),
  textEn: z.string().nullable(),
  paramNames: z
    .array(z.string())
    .describe('Placeholders {name} in order (Tencent parameters are positional)'),
  providerTemplates: z.object({
    sms_aliyun: ProviderTemplate.optional(),
    sms_tencent: ProviderTemplate.optional(),
  }),
  smsReviewText: z
    .object({ sms_aliyun: z.string(), sms_tencent: z.string() })
    .nullable()
    .describe(
      'The text to submit for review at each SMS provider, in its placeholder syntax; greetings and tips end with the opt-out 拒收请回复R. Null when the purpose may not be sent by SMS (health tips)',
    ),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const UpsertTemplateBody = z
  .object({
    name: z.string().min(1).max(60),
    purpose: MessagePurpose,
    textZh: z.string().min(1).max(500).describe('Text with {param} placeholders; no 【】 (Tencent rule)'),
    textEn: z.string().max(1000).nullable().optional(),
    paramNames: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/))
      .max(20)
      .default([]),
    providerTemplates: z
      .object({ sms_aliyun: ProviderTemplate.optional(), sms_tencent: ProviderTemplate.optional() })
      .default({}),
  })
  .strict();
export type UpsertTemplateBody = z.input<typeof UpsertTemplateBody>;

/** Provider credentials: secrets are write-only; omit a secret to keep the stored one. */
export const PutProviderBody = z
  .object({
    enabled: z.boolean().default(true),
    signName: z.string().min(1).max(40).describe('The approved SMS signature (签名)'),
    endpoint: z.url().max(200).optional().describe('Base URL override (tests, private endpoints)'),
    region: z.string().max(40).optional().describe('Tencent X-TC-Region, default ap-guangzhou'),
    sdkAppId: z.string().max(40).optional().describe('Tencent SmsSdkAppId'),
    accessKeyId: z.string().min(1).max(128).optional().describe('Aliyun AccessKeyId / Tencent SecretId'),
    accessKeySecret: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('Aliyun AccessKeySecret / Tencent SecretKey'),
  })
  .strict();
export type PutProviderBody = z.input<typeof PutProviderBody>;

export const MessageProvider = z.object({
  estateId: z.string(),
  channel: ProviderChannel,
  enabled: z.boolean(),
  signName: z.string().nullable(),
  endpoint: z.string().nullable(),
  region: z.string().nullable(),
  sdkAppId: z.string().nullable(),
  accessKeyIdHint: z
    .string()
    .nullable()
    .describe('Last 4 characters of the key id; secrets are never returned'),
  hasSecret: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type MessageProvider = z.infer<typeof MessageProvider>;

export const UpdateMessagingConsentBody = z
  .object({
    purpose: MessagePurpose,
    granted: z.boolean().describe('false = opt out (takes effect at once, also for queued messages)'),
    memberId: z.string().max(64).nullable().optional().describe('Omit for the whole household'),
    channel: MessageChannel.optional().describe('Where the resident asked (informative)'),
    source: z.enum(['staff', 'portal', 'sms_reply']).default('staff'),
  })
  .strict();
export type UpdateMessagingConsentBody = z.input<typeof UpdateMessagingConsentBody>;

export const MessagingConsentResult = z.object({
  householdId: z.string(),
  memberId: z.string().nullable(),
  purpose: MessagePurpose,
  granted: z.boolean(),
  at: z.string(),
  suppressedQueued: z.number().int().describe('Queued messages suppressed by this opt-out'),
});

export const DispatchBody = z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict();

/** What one worker run did. */
export const DispatchResult = z.object({
  claimed: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  retried: z.number().int(),
  suppressed: z.number().int(),
  deferred: z.number().int().describe('Still queued: quiet hours or no provider'),
});
export type DispatchResult = z.infer<typeof DispatchResult>;

/** MM-DD: a birthday without the year (all birthday greetings need). */
export const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD, e.g. 03-14')
  .refine((s) => s !== '02-30' && s !== '02-31' && !/^(04|06|09|11)-31$/.test(s), 'no such day');

/** Records the member's agreement to birthday greetings together with the birthday (month-day). */
export const PutBirthdayBody = z
  .object({
    monthDay: MonthDay,
    grantedByName: z.string().trim().min(1).max(40).describe('Who agreed (the member or a guardian)'),
  })
  .strict();
export type PutBirthdayBody = z.input<typeof PutBirthdayBody>;

export const MemberBirthday = z.object({
  householdId: z.string(),
  memberId: z.string(),
  monthDay: z.string(),
  grantedByName: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type MemberBirthday = z.infer<typeof MemberBirthday>;

// Provider callbacks (delivery receipts and replies). Neither provider signs these requests, so
// the URL carries a per-estate, per-channel secret token (HMAC of GUANJIA_SECRET_KEY).

/** Alibaba Cloud SmsReport (HTTP batch push): a JSON array of status reports. */
export const AliyunStatusReport = z.array(
  z
    .object({
      phone_number: z.string().optional(),
      success: z.boolean(),
      err_code: z.string().optional(),
      err_msg: z.string().optional(),
      biz_id: z.string().optional(),
      out_id: z.string().optional(),
      report_time: z.string().optional(),
    })
    .passthrough(),
);
/** Alibaba Cloud SmsUp (HTTP batch push): a JSON array of replies. */
export const AliyunReplies = z.array(
  z
    .object({
      phone_number: z.string(),
      content: z.string(),
      sign_name: z.string().optional(),
      send_time: z.string().optional(),
    })
    .passthrough(),
);
/** Tencent Cloud status callback: a JSON array (sid = the SerialNo SendSms returned). */
export const TencentStatusReport = z.array(
  z
    .object({
      sid: z.string(),
      report_status: z.string(),
      errmsg: z.string().optional(),
      description: z.string().optional(),
      mobile: z.string().optional(),
      user_receive_time: z.string().optional(),
    })
    .passthrough(),
);
/** Tencent Cloud reply callback: one JSON object per reply. */
export const TencentReply = z
  .object({
    mobile: z.string(),
    nationcode: z.string().optional(),
    text: z.string(),
    sign: z.string().optional(),
    time: z.number().optional(),
  })
  .passthrough();

export const ProviderCallbackUrls = z.object({
  channel: ProviderChannel,
  statusUrl: z.string().describe('Path to enter in the provider console as the status report URL'),
  replyUrl: z.string().describe('Path to enter as the reply (上行) URL'),
});

/** E-mail over SMTP: per-estate server and credentials (the password is write-only, stored encrypted). */
export const PutEmailProviderBody = z
  .object({
    enabled: z.boolean().default(true),
    host: z.string().trim().min(1).max(200).describe('SMTP server, e.g. smtp.exmail.qq.com'),
    port: z.number().int().min(1).max(65535).default(465),
    secure: z
      .boolean()
      .default(true)
      .describe('TLS from the start (port 465); false: STARTTLS if offered (587)'),
    username: z.string().trim().min(1).max(200).optional().describe('Omit to keep the stored one'),
    password: z.string().min(1).max(256).optional().describe('Omit to keep the stored one'),
    fromAddress: z.email().max(200),
    fromName: z.string().trim().min(1).max(60).describe('Shown as the sender, e.g. 绿苑物业服务中心'),
  })
  .strict();
export type PutEmailProviderBody = z.input<typeof PutEmailProviderBody>;

export const EmailProvider = z.object({
  estateId: z.string(),
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string(),
  usernameHint: z
    .string()
    .nullable()
    .describe('The username with its middle masked; the password is never returned'),
  hasSecret: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type EmailProvider = z.infer<typeof EmailProvider>;
