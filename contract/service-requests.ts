import { z } from 'zod';
import { Id, IsoDateTime, PageQuery } from './common.js';

/**
 * Service requests (issue 3): the service catalog of an estate, requests taken first by any
 * staff member (E4), dispatch to the responsible team, and the work itself.
 */

/** Teams that do jobs (management does not). */
export const SERVICE_TEAMS = ['security', 'service', 'environment', 'technical'] as const;
export const ServiceTeam = z.enum(SERVICE_TEAMS);
export type ServiceTeam = z.infer<typeof ServiceTeam>;

/** residents: may be shown to residents; internal: done but never promised publicly (T9, T11). */
export const CATALOG_VISIBILITIES = ['residents', 'internal'] as const;
export const CatalogVisibility = z.enum(CATALOG_VISIBILITIES);

export const PRICE_KINDS = ['free', 'fixed', 'quote'] as const;
export const PriceKind = z.enum(PRICE_KINDS);

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const REQUEST_CHANNELS = [
  'phone',
  'front_desk',
  'on_site',
  'portal',
  'wechat',
  'visit',
  'other',
] as const;
export const RequestChannel = z.enum(REQUEST_CHANNELS);

export const REQUEST_STATUSES = [
  'new',
  'assigned',
  'accepted',
  'in_progress',
  'completed',
  'cancelled',
] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** Conditions under which a job is free; every condition given must hold (T11). */
export const FreeRules = z.object({
  urgent: z.boolean().optional().describe('Only urgent requests'),
  night: z.boolean().optional().describe("Only requests taken 22:00–06:00 in the estate's time zone"),
  maxMaterialFen: z.number().int().min(0).optional().describe('Materials cost at most this (fen)'),
});
export type FreeRules = z.infer<typeof FreeRules>;

export const Target = z.object({
  responseMinutes: z.number().int().min(1).describe('From taking the request to the team accepting it'),
  completionMinutes: z.number().int().min(1).describe('From taking the request to completion'),
});
export const Targets = z.object({ urgent: Target, high: Target, normal: Target, low: Target });
export type Targets = z.infer<typeof Targets>;

export const RevisitPolicy = z.object({
  afterDays: z.number().int().min(1).nullable().describe('Routine follow-up this many days after completion'),
  lowScoreThreshold: z.number().int().min(1).max(5).describe('A score at or below this starts a revisit'),
});
export type RevisitPolicy = z.infer<typeof RevisitPolicy>;

export const CatalogEntry = z.object({
  id: z.string(),
  estateId: z.string(),
  code: z.string().describe('Stable key, e.g. T11.night_bulb'),
  team: ServiceTeam,
  category: z.string().describe('Matched against staff skills for assignment suggestions'),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  visibility: CatalogVisibility,
  priceKind: PriceKind,
  priceFen: z.number().int().nullable(),
  freeRules: FreeRules.nullable(),
  targets: Targets,
  supervisionCard: z.boolean(),
  revisitPolicy: RevisitPolicy,
  active: z.boolean(),
  version: z.number().int(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const ListCatalogQuery = z.object({
  visibility: CatalogVisibility.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const Material = z.object({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().positive().max(10000).default(1),
  costFen: z.number().int().min(0).max(100_000_00).describe('Cost of this line in fen'),
});
export type Material = z.infer<typeof Material>;

export const CreateServiceRequestBody = z
  .object({
    estateId: Id,
    householdId: Id.optional().describe('Absent for a public-area request'),
    location: z.string().trim().max(200).optional().describe('Where, for a public-area request'),
    catalogId: Id,
    priority: Priority.default('normal'),
    description: z.string().trim().min(1).max(2000),
    channel: RequestChannel,
  })
  .strict();
export type CreateServiceRequestBody = z.infer<typeof CreateServiceRequestBody>;

export const ListServiceRequestsQuery = PageQuery.extend({
  estateId: Id.optional(),
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional()
    .describe(
      'One status or several separated by commas, e.g. new,assigned; `open` = not completed/cancelled',
    ),
  team: ServiceTeam.optional(),
  assignee: z.string().min(1).max(64).optional().describe('`me` or an account id'),
  householdId: Id.optional(),
});
export type ListServiceRequestsQuery = z.infer<typeof ListServiceRequestsQuery>;

export const AssignBody = z
  .object({
    assigneeId: Id,
    version: z.number().int().min(1).optional().describe('The version being changed (412 when stale)'),
  })
  .strict();
export const VersionBody = z.object({ version: z.number().int().min(1).optional() }).strict();

export const Charge = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free'), reason: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal('charged'), amountFen: z.number().int().min(0).max(100_000_00) }),
]);
export type Charge = z.infer<typeof Charge>;

export const CompleteBody = z
  .object({
    notes: z.string().trim().max(2000).default(''),
    materials: z.array(Material).max(50).default([]),
    minutesSpent: z
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 7),
    charge: Charge.optional().describe(
      'Omit for a free entry or a fixed price; required for a quote unless a free rule applies',
    ),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type CompleteBody = z.infer<typeof CompleteBody>;

export const CancelBody = z
  .object({
    reason: z.string().trim().min(1).max(500),
    version: z.number().int().min(1).optional(),
  })
  .strict();

export const RequestEvent = z.object({
  id: z.string(),
  at: IsoDateTime,
  kind: z.string(),
  fromStatus: RequestStatus.nullable(),
  toStatus: RequestStatus.nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const ServiceRequest = z.object({
  id: z.string(),
  estateId: z.string(),
  householdId: z.string().nullable(),
  roomCode: z.string().nullable(),
  location: z.string().nullable(),
  catalogId: z.string(),
  catalogCode: z.string(),
  serviceName: z.string(),
  serviceNameEn: z.string().nullable(),
  team: ServiceTeam,
  priority: Priority,
  description: z.string(),
  channel: RequestChannel,
  takenBy: z.object({ id: z.string(), name: z.string() }),
  status: RequestStatus,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  care: z.boolean().describe('The household has care flags (T7): shown marked and first'),
  careFlags: z.array(z.string()),
  responseDueAt: IsoDateTime,
  completionDueAt: IsoDateTime,
  createdAt: IsoDateTime,
  assignedAt: IsoDateTime.nullable(),
  acceptedAt: IsoDateTime.nullable(),
  startedAt: IsoDateTime.nullable(),
  completedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  completion: z
    .object({
      notes: z.string(),
      materials: z.array(z.object({ name: z.string(), quantity: z.number(), costFen: z.number() })),
      materialCostFen: z.number().int(),
      minutesSpent: z.number().int(),
      charge: z.enum(['free', 'charged']),
      chargedFen: z.number().int(),
      freeBasis: z.enum(['catalog', 'rule', 'manual']).nullable(),
      freeReason: z.string().nullable(),
    })
    .nullable(),
  version: z.number().int(),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const ServiceRequestDetail = ServiceRequest.extend({ timeline: z.array(RequestEvent) });
export type ServiceRequestDetail = z.infer<typeof ServiceRequestDetail>;

export const AssigneeSuggestion = z.object({
  accountId: z.string(),
  displayName: z.string(),
  role: z.string(),
  skillMatch: z.boolean().describe("The person's skills include the entry's category"),
  onDuty: z
    .boolean()
    .nullable()
    .describe('On duty now by the duty roster (值班表); null when the team has no roster'),
  openJobs: z.number().int().describe('Jobs assigned, accepted or in progress now'),
});
export type AssigneeSuggestion = z.infer<typeof AssigneeSuggestion>;

/** Figures for the KPI board over a period (created in [from, to)). */
export const ServiceFigures = z.object({
  created: z.number().int(),
  completed: z.number().int(),
  cancelled: z.number().int(),
  open: z.number().int(),
  avgResponseMinutes: z.number().nullable(),
  avgCompletionMinutes: z.number().nullable(),
  responseWithinTargetShare: z.number().nullable().describe('0–1 over accepted requests'),
  completionWithinTargetShare: z.number().nullable().describe('0–1 over completed requests'),
  freeJobs: z.number().int(),
  freeMaterialCostFen: z.number().int(),
  chargedFen: z.number().int(),
});
export type ServiceFigures = z.infer<typeof ServiceFigures>;

/**
 * Catalog categories: a code on the entry, its names, and the staff skills (as staff write them
 * in their profile) that match it for assignment suggestions. An entry may use another code;
 * it then matches a skill spelled exactly like the code.
 */
export const CATALOG_CATEGORIES: Record<string, { zh: string; en: string; skills: readonly string[] }> = {
  plumbing: { zh: '水暖', en: 'Plumbing', skills: ['水电', '水暖', '管道疏通', '给排水'] },
  electrical: { zh: '电工', en: 'Electrical', skills: ['水电', '电工', '强电', '弱电', '灯具'] },
  carpentry: { zh: '门窗木工', en: 'Doors, windows, carpentry', skills: ['门窗', '木工', '五金'] },
  general: { zh: '综合维修', en: 'General repair', skills: ['综合维修', '土建', '泥瓦', '门窗', '水电'] },
  hvac: { zh: '暖通', en: 'Heating and air conditioning', skills: ['暖通', '空调'] },
  access: { zh: '门禁弱电', en: 'Access control and low voltage', skills: ['弱电', '门禁', '监控'] },
  loan: { zh: '物品借用', en: 'Lending', skills: [] },
  help: { zh: '便民帮助', en: 'Help on the spot', skills: ['便民服务', '助老'] },
  greening: { zh: '绿化', en: 'Greening', skills: ['绿化', '园艺'] },
  pest_control: { zh: '消杀', en: 'Pest control', skills: ['消杀', '病虫害防治'] },
  reminder: { zh: '提醒服务', en: 'Reminders', skills: ['便民服务'] },
};

/** True when a person's skills cover a catalog category (or the entry's own code). */
export function skillsMatch(skills: readonly string[], category: string, code?: string): boolean {
  const mine = new Set(skills.map((s) => s.trim().toLowerCase()));
  if (mine.has(category.toLowerCase()) || (code && mine.has(code.toLowerCase()))) return true;
  return (CATALOG_CATEGORIES[category]?.skills ?? []).some((s) => mine.has(s.toLowerCase()));
}

const Fen = z.number().int().min(0).max(100_000_00);

/** A catalog entry as a manager writes it (create); prices in fen. */
export const CatalogEntryInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -')
    .describe('Stable key within the estate, e.g. T8.faucet'),
  team: ServiceTeam,
  category: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullable().optional(),
  description: z.string().trim().max(500).nullable().optional(),
  descriptionEn: z.string().trim().max(500).nullable().optional(),
  visibility: CatalogVisibility,
  priceKind: PriceKind,
  priceFen: Fen.nullable().optional().describe('Required for a fixed price; ignored otherwise'),
  freeRules: FreeRules.nullable().optional(),
  targets: Targets,
  supervisionCard: z.boolean(),
  revisitPolicy: RevisitPolicy,
  sort: z.number().int().min(0).max(100_000).optional(),
});

export const CreateCatalogEntryBody = CatalogEntryInput.strict();
export type CreateCatalogEntryBody = z.infer<typeof CreateCatalogEntryBody>;

/** Changes to an entry: only the fields given; `version` as read (412 when someone saved first). */
export const UpdateCatalogEntryBody = CatalogEntryInput.omit({ code: true })
  .partial()
  .extend({
    active: z.boolean().optional().describe('false retires the entry; true offers it again'),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type UpdateCatalogEntryBody = z.infer<typeof UpdateCatalogEntryBody>;

const LocalDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The period and filters of the service figures (local days of the estate). */
export const ServiceFiguresQuery = z.object({
  from: LocalDay.optional().describe(
    'First local day (inclusive, YYYY-MM-DD, estate time zone); default: the first day of this month',
  ),
  to: LocalDay.optional().describe(
    'Last local day (INCLUSIVE, YYYY-MM-DD); default: the last day of this month. At most 366 days from `from`',
  ),
  team: z.string().min(1).max(40).optional().describe('Only this team (team code)'),
  assignee: z.string().min(1).max(64).optional().describe('Only this person (assignee / technician id)'),
});
export type ServiceFiguresQuery = z.infer<typeof ServiceFiguresQuery>;

/** Request figures plus the ratings part: scores, comment replies, revisits. */
export const ServiceFiguresRow = ServiceFigures.extend({
  avgScore: z.number().nullable().describe('Average overall score (1–5) of cards submitted in the period'),
  ratedCards: z.number().int(),
  commentsDue: z
    .number()
    .int()
    .describe('Comments whose reply deadline fell in the period and has passed (or are replied)'),
  commentsRepliedInTime: z.number().int(),
  commentRepliedInTimeShare: z.number().nullable(),
  revisitsDue: z.number().int().describe('Revisits due in the period, already due or done'),
  revisitsDoneOnTime: z.number().int(),
  revisitOnTimeShare: z.number().nullable(),
});
export type ServiceFiguresRow = z.infer<typeof ServiceFiguresRow>;

export const ServiceFiguresReport = ServiceFiguresRow.extend({
  estateId: z.string(),
  from: z.string().describe('First local day (inclusive)'),
  to: z.string().describe('Last local day (inclusive)'),
  timeZone: z.string(),
  byTeam: z.array(ServiceFiguresRow.extend({ team: z.string() })),
  byPerson: z.array(ServiceFiguresRow.extend({ personId: z.string(), name: z.string().nullable() })),
});
export type ServiceFiguresReport = z.infer<typeof ServiceFiguresReport>;
