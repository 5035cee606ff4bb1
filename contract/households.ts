import { z } from 'zod';
import { IsoDate, PageQuery } from './common.js';

export const OCCUPANCIES = ['owner_occupied', 'rented', 'vacant', 'renovating'] as const; // 自住/出租/空置/装修中
export const Occupancy = z.enum(OCCUPANCIES);

export const MEMBER_ROLES = ['owner', 'tenant', 'family'] as const; // 业主/租户/家属
export const MemberRole = z.enum(MEMBER_ROLES);

/** Age bands; `under14` is a minor's data under PIPL Art. 31 and needs guardian consent (minor_info). */
export const AGE_BANDS = ['under14', '14to17', '18to39', '40to59', '60to79', '80plus'] as const;
export const AgeBand = z.enum(AGE_BANDS);

export const CARE_FLAGS = [
  'elderly_alone', // 独居老人
  'elderly', // 高龄老人
  'woman_alone', // 独居女性
  'disabled', // 残障
  'small_children', // 有幼儿
  'pregnancy', // 孕期
  'special_appliance', // 特殊电器/设备
] as const;
export const CareFlag = z.enum(CARE_FLAGS);

export const CONTACT_CHANNELS = ['phone', 'sms', 'wechat', 'visit', 'portal', 'email'] as const;
export const ContactChannel = z.enum(CONTACT_CHANNELS);

export const PET_KINDS = ['dog', 'cat', 'other'] as const;
export const DOG_SIZES = ['small', 'medium', 'large'] as const;

/** Purposes a resident may consent to (PIPL Art. 14: a new purpose needs fresh consent). */
export const CONSENT_PURPOSES = [
  'health_care', // 健康关怀：记录健康状况以便季节提示与上门关怀
  'minor_info', // 未成年人信息（监护人同意）
  'away_watch', // 出行期间关照：记录外出时段
  'greetings', // 节日问候
  'tips', // 温馨提示
  'health_tips', // 健康提示
  'service_notices', // 服务通知
] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);

export const SENSITIVE_CATEGORIES = ['health', 'minor', 'away'] as const;
export const SensitiveCategory = z.enum(SENSITIVE_CATEGORIES);
/** The consent purpose each sensitive category needs. */
export const PURPOSE_OF_CATEGORY = {
  health: 'health_care',
  minor: 'minor_info',
  away: 'away_watch',
} as const;

export const HEALTH_CONDITIONS = [
  'hypertension',
  'rheumatism',
  'diabetes',
  'heart_disease',
  'asthma',
  'mobility',
  'other',
] as const;

const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be an 11-digit mobile or a landline such as 010-12345678');
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('must be an e-mail address such as name@example.com'));
const shortText = (max: number) => z.string().trim().max(max);
const tagList = z.array(z.string().trim().min(1).max(20)).max(30);

export const Member = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string().nullable(),
  role: MemberRole,
  phone: z.string().nullable().describe('Masked (138****5678) unless the reader may see it'),
  email: z.string().nullable().describe('Masked (z***@example.com) unless the reader may see phones in full'),
  ageBand: AgeBand.nullable(),
  isPrimary: z.boolean(),
});
export type Member = z.infer<typeof Member>;

export const Pet = z.object({
  id: z.string(),
  kind: z.enum(PET_KINDS),
  name: z.string().nullable(),
  size: z.enum(DOG_SIZES).nullable(),
  vaccinatedUntil: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Pet = z.infer<typeof Pet>;

export const Vehicle = z.object({
  id: z.string(),
  plate: z.string(),
  tailDigit: z.number().describe('Last digit used by restriction rules; a trailing letter counts as 0'),
  restrictionReminder: z.boolean(),
});
export type Vehicle = z.infer<typeof Vehicle>;

export const HouseholdSummary = z.object({
  id: z.string(),
  estateId: z.string(),
  roomId: z.string(),
  roomCode: z.string(),
  buildingId: z.string(),
  occupancy: Occupancy,
  primaryName: z.string().nullable().describe('Masked in lists for roles without archive access'),
  primaryPhone: z.string().nullable().describe('Always masked in lists'),
  memberCount: z.number(),
  careFlags: z.array(CareFlag),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});
export type HouseholdSummary = z.infer<typeof HouseholdSummary>;

export const Household = HouseholdSummary.extend({
  moveInDate: z.string().nullable(),
  familyStructure: z.string().nullable(),
  hobbies: z.array(z.string()),
  skills: z.array(z.string()),
  preferredChannel: ContactChannel.nullable(),
  preferredHours: z.string().nullable(),
  notes: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  members: z.array(Member),
  pets: z.array(Pet),
  vehicles: z.array(Vehicle),
  version: z.number(),
  createdAt: z.string(),
  sensitiveSummary: z
    .object({ health: z.number(), minor: z.number(), away: z.number() })
    .describe('How many sensitive facts exist (not their content)'),
});
export type Household = z.infer<typeof Household>;

export const MemberInput = z
  .object({
    id: z.string().max(64).optional().describe('Keep to update an existing member; omit for a new one'),
    name: shortText(40).min(1),
    relation: shortText(20).nullable().optional(),
    role: MemberRole,
    phone: phone.nullable().optional().describe('Omit to keep the stored number of an existing member'),
    email: email.nullable().optional().describe('Omit to keep the stored address of an existing member'),
    ageBand: AgeBand.nullable().optional(),
    isPrimary: z.boolean().optional(),
  })
  .strict();

export const PetInput = z
  .object({
    id: z.string().max(64).optional(),
    kind: z.enum(PET_KINDS),
    name: shortText(40).nullable().optional(),
    size: z.enum(DOG_SIZES).nullable().optional(),
    vaccinatedUntil: IsoDate.nullable().optional(),
    notes: shortText(200).nullable().optional(),
  })
  .strict();

export const VehicleInput = z
  .object({
    id: z.string().max(64).optional(),
    plate: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, 'must be a plate such as 京A12345 or 京AD12345'),
    restrictionReminder: z.boolean().optional(),
  })
  .strict();

const archiveFields = {
  occupancy: Occupancy,
  moveInDate: IsoDate.nullable(),
  familyStructure: shortText(60).nullable(),
  careFlags: z.array(CareFlag).max(CARE_FLAGS.length),
  hobbies: tagList,
  skills: tagList,
  tags: tagList,
  preferredChannel: ContactChannel.nullable(),
  preferredHours: shortText(40).nullable(),
  notes: shortText(2000).nullable(),
  customFields: z.record(
    z.string().max(40),
    z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
  ),
  members: z.array(MemberInput).max(30),
  pets: z.array(PetInput).max(20),
  vehicles: z.array(VehicleInput).max(20),
};

export const CreateHouseholdBody = z
  .object({
    estateId: z.string().min(1).max(64),
    roomId: z.string().min(1).max(64),
    ...archiveFields,
  })
  .partial({
    moveInDate: true,
    familyStructure: true,
    careFlags: true,
    hobbies: true,
    skills: true,
    tags: true,
    preferredChannel: true,
    preferredHours: true,
    notes: true,
    customFields: true,
    members: true,
    pets: true,
    vehicles: true,
  })
  .strict();
export type CreateHouseholdBody = z.infer<typeof CreateHouseholdBody>;

export const UpdateHouseholdBody = z
  .object({
    version: z.number().int().min(1).optional().describe('The version being edited (or send If-Match)'),
    ...archiveFields,
  })
  .partial()
  .strict();
export type UpdateHouseholdBody = z.infer<typeof UpdateHouseholdBody>;

export const ListHouseholdsQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe('Room (3-2-501, 3栋2单元501), member name, phone last digits, or tag'),
  estateId: z
    .string()
    .max(64)
    .optional()
    .describe('Limit to one estate; default: every estate the user may see'),
  buildingId: z.string().max(64).optional(),
  occupancy: Occupancy.optional(),
  careFlag: CareFlag.optional(),
});

export const HouseholdChange = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  version: z.number(),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
});

export const Consent = z.object({
  id: z.string(),
  memberId: z.string().nullable(),
  purpose: ConsentPurpose,
  noticeVersion: z.string(),
  grantedByName: z.string(),
  method: z.string(),
  grantedAt: z.string(),
  recordedBy: z.string(),
  withdrawnAt: z.string().nullable(),
  active: z.boolean(),
});
export type Consent = z.infer<typeof Consent>;

export const RecordConsentBody = z
  .object({
    purpose: ConsentPurpose,
    memberId: z.string().max(64).nullable().optional(),
    grantedByName: shortText(40).min(1).describe('Who gave consent (the resident or the guardian)'),
    method: z.enum(['paper_form', 'in_person_verbal', 'portal', 'phone_recorded']),
    noticeVersion: shortText(20).min(1).default('2026-01'),
  })
  .strict();

export const SensitiveFact = z.object({
  id: z.string(),
  category: SensitiveCategory,
  memberId: z.string().nullable(),
  consentId: z.string(),
  detail: z.object({
    conditions: z.array(z.enum(HEALTH_CONDITIONS)).optional(),
    note: z.string().optional(),
    from: z.string().optional(),
    until: z.string().optional(),
  }),
  createdAt: z.string(),
});
export type SensitiveFact = z.infer<typeof SensitiveFact>;

export const AddSensitiveFactBody = z
  .object({
    category: SensitiveCategory,
    memberId: z.string().max(64).nullable().optional(),
    conditions: z.array(z.enum(HEALTH_CONDITIONS)).max(10).optional(),
    note: shortText(500).optional(),
    from: IsoDate.optional(),
    until: IsoDate.optional(),
  })
  .strict();

export const CustomFieldDef = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  type: z.enum(['text', 'number', 'date', 'boolean', 'select']),
  options: z.array(z.string()),
  sort: z.number(),
  active: z.boolean(),
});
export type CustomFieldDef = z.infer<typeof CustomFieldDef>;

export const CreateCustomFieldBody = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and _, starting with a letter'),
    label: shortText(40).min(1),
    labelEn: shortText(60).nullable().optional(),
    type: z.enum(['text', 'number', 'date', 'boolean', 'select']),
    options: z.array(shortText(40).min(1)).max(50).default([]),
    sort: z.number().int().min(0).max(1000).default(0),
  })
  .strict();

export const UpdateCustomFieldBody = z
  .object({
    label: shortText(40).min(1).optional(),
    labelEn: shortText(60).nullable().optional(),
    options: z.array(shortText(40).min(1)).max(50).optional(),
    sort: z.number().int().min(0).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
