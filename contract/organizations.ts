import { z } from 'zod';
import { Id, IsoDate, PageQuery } from './common.js';

/**
 * Owners' organizations and associations (C4: 每位管理人员与小区的一业主组织、协会保持密切联系) with
 * their members, the staff member responsible and a contact log; and the seasonal care plan table
 * (C7: 按时季制定计划表格，为业主做力所能及的事) per estate and quarter.
 */
export const ORGANIZATION_KINDS = [
  'owners_committee', // 业主委员会
  'elderly_association', // 老年协会
  'dance_team', // 舞蹈队
  'calligraphy_painting', // 书画社
  'interest_group', // 其他兴趣小组
  'volunteers', // 志愿者队伍
  'other',
] as const;
export const OrganizationKind = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

export const ORG_CONTACT_CHANNELS = ['meeting', 'visit', 'phone', 'wechat', 'event', 'other'] as const;
export const OrgContactChannel = z.enum(ORG_CONTACT_CHANNELS);
export type OrgContactChannel = z.infer<typeof OrgContactChannel>;

const DateTime = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);

export const Organization = z.object({
  id: z.string(),
  estateId: z.string(),
  name: z.string(),
  kind: OrganizationKind,
  description: z.string().nullable(),
  managerId: z.string().describe('The staff member responsible for keeping contact (C4)'),
  managerName: z.string(),
  meetingPlace: z.string().nullable(),
  meetingTime: z.string().nullable().describe('Free text: 每周三 19:00'),
  active: z.boolean(),
  memberCount: z.number().int(),
  lastContactAt: z.string().nullable(),
  openFollowUps: z.number().int().describe('Contacts whose follow-up is needed and not yet done'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationMember = z.object({
  householdId: z.string(),
  roomCode: z.string(),
  primaryName: z.string().nullable(),
  role: z.string().nullable().describe('主任, 队长 … (free text)'),
  joinedAt: z.string(),
});
export type OrganizationMember = z.infer<typeof OrganizationMember>;

export const OrganizationDetail = Organization.extend({ members: z.array(OrganizationMember) });
export type OrganizationDetail = z.infer<typeof OrganizationDetail>;

export const OrganizationContact = z.object({
  id: z.string(),
  estateId: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  contactedAt: z.string(),
  staffId: z.string().describe('Who from our side'),
  staffName: z.string(),
  channel: OrgContactChannel,
  summary: z.string(),
  followUp: z.string().nullable().describe('What needs doing afterwards; null when nothing'),
  followUpDoneAt: z.string().nullable(),
  followUpDoneBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type OrganizationContact = z.infer<typeof OrganizationContact>;

export const ListOrganizationsQuery = z
  .object({ includeInactive: z.enum(['true', 'false']).optional().describe('Default: active only') })
  .strict();
export type ListOrganizationsQuery = z.infer<typeof ListOrganizationsQuery>;

export const CreateOrganizationBody = z
  .object({
    name: text(50).min(1),
    kind: OrganizationKind,
    description: text(1000).optional(),
    managerId: Id.describe('A staff account of the estate'),
    meetingPlace: text(100).optional(),
    meetingTime: text(100).optional(),
  })
  .strict();
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = z
  .object({
    version: z.number().int().min(1).optional().describe('The version being edited (or send If-Match)'),
    name: text(50).min(1).optional(),
    kind: OrganizationKind.optional(),
    description: text(1000).nullable().optional(),
    managerId: Id.optional(),
    meetingPlace: text(100).nullable().optional(),
    meetingTime: text(100).nullable().optional(),
    active: z.boolean().optional().describe('false: the organization no longer meets (kept with its log)'),
  })
  .strict();
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const AddOrganizationMemberBody = z
  .object({
    householdId: Id,
    role: text(20).optional().describe('主任, 队长 …'),
  })
  .strict();
export type AddOrganizationMemberBody = z.infer<typeof AddOrganizationMemberBody>;

export const LogOrganizationContactBody = z
  .object({
    contactedAt: DateTime.optional().describe('Default: now; not in the future'),
    staffId: Id.optional().describe('Who from our side; default: the one logging'),
    channel: OrgContactChannel,
    summary: text(1000).min(1),
    followUp: text(500).optional().describe('What needs doing afterwards'),
  })
  .strict();
export type LogOrganizationContactBody = z.infer<typeof LogOrganizationContactBody>;

export const UpdateOrganizationContactBody = z
  .object({
    version: z.number().int().min(1).optional(),
    followUpDone: z.boolean().describe('true: the follow-up was done (now, by the caller); false: reopen'),
  })
  .strict();
export type UpdateOrganizationContactBody = z.infer<typeof UpdateOrganizationContactBody>;

export const ListOrganizationContactsQuery = PageQuery.extend({
  openFollowUps: z.enum(['true', 'false']).optional().describe('true: only follow-ups not yet done'),
}).strict();
export type ListOrganizationContactsQuery = z.infer<typeof ListOrganizationContactsQuery>;

// ---- Seasonal care plan (C7) ----

/** A calendar quarter of the estate's time zone: 2026-Q4. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn');

export const CARE_AUDIENCES = [
  'all', // 全体业主
  'elderly_alone', // 独居老人
  'elderly', // 高龄老人
  'care_flag', // 有关怀标记的住户
  'small_children', // 有幼儿的家庭
  'disabled', // 残障人士
  'other',
] as const;
export const CareAudience = z.enum(CARE_AUDIENCES);
export type CareAudience = z.infer<typeof CareAudience>;

export const CarePlanItem = z.object({
  id: z.string(),
  estateId: z.string(),
  quarter: z.string(),
  title: z.string().describe('What: 为独居老人检查取暖设备'),
  audience: CareAudience,
  audienceNote: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueDate: IsoDate,
  done: z.boolean(),
  doneOn: IsoDate.nullable(),
  doneNote: z.string().nullable(),
  doneBy: z.string().nullable(),
  overdue: z.boolean().describe('Not done and the due date has passed (estate time zone)'),
  copiedFrom: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CarePlanItem = z.infer<typeof CarePlanItem>;

export const CarePlan = z.object({
  estateId: z.string(),
  quarter: z.string(),
  start: IsoDate,
  end: IsoDate.describe('Exclusive'),
  current: z.boolean().describe('The quarter of today in the estate'),
  total: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  items: z.array(CarePlanItem).describe('By due date'),
});
export type CarePlan = z.infer<typeof CarePlan>;

export const CarePlanQuery = z
  .object({ quarter: Quarter.optional().describe('Default: the current quarter') })
  .strict();
export type CarePlanQuery = z.infer<typeof CarePlanQuery>;

export const CreateCarePlanItemBody = z
  .object({
    quarter: Quarter,
    title: text(200).min(1),
    audience: CareAudience,
    audienceNote: text(200).optional(),
    ownerId: Id,
    dueDate: IsoDate.describe('Within the quarter'),
  })
  .strict();
export type CreateCarePlanItemBody = z.infer<typeof CreateCarePlanItemBody>;

export const UpdateCarePlanItemBody = z
  .object({
    version: z.number().int().min(1).optional(),
    title: text(200).min(1).optional(),
    audience: CareAudience.optional(),
    audienceNote: text(200).nullable().optional(),
    ownerId: Id.optional(),
    dueDate: IsoDate.optional(),
    done: z.boolean().optional().describe('Mark done (with doneOn, default today) or not done'),
    doneOn: IsoDate.optional(),
    doneNote: text(500).nullable().optional(),
  })
  .strict();
export type UpdateCarePlanItemBody = z.infer<typeof UpdateCarePlanItemBody>;

export const CopyCarePlanBody = z
  .object({
    from: Quarter.describe('Usually the previous quarter'),
    to: Quarter,
  })
  .strict();
export type CopyCarePlanBody = z.infer<typeof CopyCarePlanBody>;

export const CopyCarePlanResult = z.object({
  copied: z.number().int(),
  skipped: z.number().int().describe('Items already copied into the target quarter before'),
  plan: CarePlan,
});
export type CopyCarePlanResult = z.infer<typeof CopyCarePlanResult>;
