import { z } from 'zod';
import { IsoDate, PageQuery } from './common.js';
import { CareFlag, Occupancy } from './households.js';
import { MessagePurpose } from './messaging.js';

/**
 * Campaigns (C9 festival greetings, E10/E11/T10 tips, service notices): an audience from the
 * archive, previewed (count, exclusions, a sample message) before it is started; started, each
 * recipient gets one outbox message keyed `campaign:<id>:<member>` (never twice).
 */
export const CAMPAIGN_CHANNELS = ['dev', 'portal', 'sms_aliyun', 'sms_tencent', 'email'] as const;
export const CampaignChannel = z.enum(CAMPAIGN_CHANNELS);
export type CampaignChannel = z.infer<typeof CampaignChannel>;

export const CAMPAIGN_STATUSES = ['draft', 'running', 'done', 'cancelled'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const CampaignAudience = z
  .object({
    buildingIds: z.array(z.string().min(1).max(64)).max(200).optional(),
    tags: z.array(z.string().min(1).max(40)).max(50).optional().describe('Any of these household tags'),
    careFlags: z.array(CareFlag).max(20).optional().describe('Households with any of these care flags'),
    occupancy: z.array(Occupancy).max(4).optional(),
    birthday: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD')
      .optional()
      .describe('Birthday greetings: only members whose recorded birthday (MM-DD) is this day'),
  })
  .strict();
export type CampaignAudience = z.infer<typeof CampaignAudience>;

export const CreateCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    purpose: MessagePurpose,
    templateCode: z.string().min(1).max(64),
    channel: CampaignChannel,
    audience: CampaignAudience.default({}),
    festival: z.string().max(20).nullable().optional(),
    tipId: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe('A tip of the library as the content (templates seasonal_tip / health_tip: {tip} {tipEn})'),
    scheduledAt: z.string().datetime({ offset: true }).nullable().optional().describe('null: when started'),
    throttlePerMinute: z.number().int().min(1).max(100_000).nullable().optional(),
  })
  .strict();
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const CampaignProgress = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  suppressed: z.number().int(),
  total: z.number().int(),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

export const Campaign = z.object({
  id: z.string(),
  estateId: z.string(),
  name: z.string(),
  purpose: MessagePurpose,
  templateCode: z.string(),
  channel: CampaignChannel,
  audience: CampaignAudience,
  festival: z.string().nullable(),
  tipId: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  throttlePerMinute: z.number().int().nullable(),
  status: CampaignStatus,
  audienceCount: z.number().int().describe('Recipients when started'),
  enqueuedCount: z.number().int().describe('Outbox messages put in by this campaign'),
  progress: CampaignProgress.describe('Outbox messages of this campaign by status'),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  startedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignPreview = z.object({
  recipients: z.number().int().describe('Members who will get a message'),
  households: z.number().int().describe('Households in the audience'),
  members: z.number().int().describe('Members of those households'),
  excluded: z.object({
    noConsent: z.number().int(),
    optedOut: z.number().int(),
    noPhone: z.number().int().describe('Members without a phone (phone channels)'),
    noEmail: z.number().int().describe('Members without an e-mail address (the e-mail channel)'),
  }),
  sample: z
    .object({ memberName: z.string(), textZh: z.string(), textEn: z.string().nullable() })
    .nullable()
    .describe('The template rendered for the first recipient'),
});
export type CampaignPreview = z.infer<typeof CampaignPreview>;

export const ListCampaignsQuery = PageQuery.extend({
  estateId: z.string().min(1).max(64),
  status: CampaignStatus.optional(),
});

/** Cancels a draft or running campaign: its queued messages are suppressed (reason `cancelled`). */
export const CancelCampaignBody = z
  .object({
    version: z.number().int().min(1).optional().describe('The version being cancelled (412 when stale)'),
  })
  .strict();
export type CancelCampaignBody = z.infer<typeof CancelCampaignBody>;

export const CampaignProposalsQuery = z.object({
  from: IsoDate.optional().describe('Default today'),
  days: z.coerce.number().int().min(1).max(400).default(30),
});

export const CampaignProposal = z.object({
  estateId: z.string(),
  kind: z.enum(['festival', 'birthday']),
  festival: z.string().describe("中秋节 (the calendar's name), or 生日 for birthdays"),
  festivalEn: z.string(),
  recipients: z
    .number()
    .int()
    .nullable()
    .describe('Birthdays: members with that birthday who agreed to birthday greetings'),
  date: IsoDate,
  optional: z.boolean().describe('七夕: proposed, not expected'),
  name: z.string(),
  purpose: MessagePurpose,
  templateCode: z.string(),
  audience: CampaignAudience,
  sendDate: IsoDate,
  personalGreetings: z
    .boolean()
    .describe('Starting it also puts personal greeting tasks for cared-for households (E12)'),
});
export type CampaignProposal = z.infer<typeof CampaignProposal>;
