import { z } from 'zod';
import { Role } from './auth.js';
import { IsoDate } from './common.js';
import { TeamCode } from './estates.js';

/**
 * The service plan (五步一法): six stages of the customer journey, the measures of each team, and
 * the machine-checked commitments attached to some measures. Codes (S1 … T11) are stable references.
 */

/** The six stages, in journey order: 认识 → 了解 → 理解 → 帮助 → 感动 → 成就客户. */
export const PLAN_STAGES = ['know', 'learn', 'understand', 'help', 'move', 'fulfil'] as const;
export const PlanStageCode = z.enum(PLAN_STAGES);
export type PlanStageCode = z.infer<typeof PlanStageCode>;

/** When a measure applies: 中标进场实施 (from the day we take over the site) or 长年 (all year round). */
export const ACTION_TIMES = ['on_entry', 'all_year'] as const;
export const ActionTime = z.enum(ACTION_TIMES);
export type ActionTime = z.infer<typeof ActionTime>;

export const MEASURE_STATUSES = ['active', 'retired'] as const;
export const MeasureStatus = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof MeasureStatus>;

/** Periods of a commitment; a week starts on Monday, all in the estate's time zone. */
export const PERIODS = ['week', 'month', 'quarter', 'half_year', 'year'] as const;
export const Period = z.enum(PERIODS);
export type Period = z.infer<typeof Period>;

export const COMMITMENT_KINDS = ['quota', 'standing', 'event_followup'] as const;
export const CommitmentKind = z.enum(COMMITMENT_KINDS);
export type CommitmentKind = z.infer<typeof CommitmentKind>;

/** What a quota counts: a home visit (走访) or a home safety check (居家安全检查). */
export const QUOTA_ACTIVITIES = ['visit', 'safety_check'] as const;
/** Kinds of home visit on the visit form (客户走访表). */
export const VISIT_KINDS = ['routine', 'advisory', 'loyal_group', 'follow_up'] as const;
/** Events that start a follow-up. */
export const FOLLOWUP_TRIGGERS = [
  'job_completed', // a home-repair job was completed (T6)
  'low_score', // a resident gave a low score on the service supervision card (T3 → T4)
  'help_given', // a resident was helped by staff (E15)
  'festival', // a festival day (C9)
] as const;

/** The stage as shown to users. */
export const PlanStage = z.object({
  code: PlanStageCode,
  order: z.number().describe('1 … 6 along the customer journey'),
  name: z.string().describe('认识客户 …'),
  nameEn: z.string(),
  description: z.string(),
  descriptionEn: z.string(),
  measures: z.number().describe('Active measures of the estate at this stage'),
});
export type PlanStage = z.infer<typeof PlanStage>;

const roles = z.array(Role).min(1).max(10);

export const QuotaConfig = z.object({
  kind: z.literal('quota'),
  period: Period,
  per: z
    .enum(['person', 'household'])
    .describe('person: each holder of `roles` owes the target; household: every household is owed it'),
  roles: roles.describe('person: whose quota it is; household: who may carry it out'),
  activity: z.enum(QUOTA_ACTIVITIES),
  visitKinds: z.array(z.enum(VISIT_KINDS)).optional().describe('Visit kinds that count (all when absent)'),
});

export const StandingConfig = z.object({
  kind: z.literal('standing'),
  per: z.literal('person'),
  roles,
  group: z.enum(['loyal_households']).describe('What each person keeps'),
  period: Period.describe('Review period: the group size is checked at the end of each'),
  contactEvery: Period.optional().describe('Each member of the group is contacted once per …'),
});

export const EventFollowupConfig = z.object({
  kind: z.literal('event_followup'),
  trigger: z.enum(FOLLOWUP_TRIGGERS),
  scoreAtMost: z.number().int().min(1).max(5).optional().describe('low_score: this score or lower triggers'),
  timing: z
    .enum(['within', 'after'])
    .describe('within: done within `target` units of the event; after: due `target` units after it'),
  unit: z.enum(['hours', 'days']),
  graceDays: z.number().int().min(0).max(90).optional().describe('after: days allowed past the due date'),
  assignTo: z
    .enum(['handler', 'team'])
    .describe('handler: whoever handled the job or help; team: a holder of `roles`'),
  roles,
  period: Period.describe('KPI period: follow-ups are counted by the period of their due date'),
  festivals: z.array(z.string().min(1).max(40)).max(30).optional().describe('festival: which festivals'),
  channel: z.enum(['sms', 'visit', 'phone']).optional(),
  consentPurpose: z
    .string()
    .max(40)
    .optional()
    .describe('Only households with an active consent for this purpose'),
});

/** A commitment's rule; the number it must reach is the (effective-dated) target. */
export const CommitmentConfig = z.discriminatedUnion('kind', [
  QuotaConfig,
  StandingConfig,
  EventFollowupConfig,
]);
export type CommitmentConfig = z.infer<typeof CommitmentConfig>;

export const CommitmentTargetVersion = z.object({
  effectiveFrom: IsoDate.describe('A period uses the version in effect on its first day'),
  target: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type CommitmentTargetVersion = z.infer<typeof CommitmentTargetVersion>;

export const Commitment = z.object({
  id: z.string(),
  code: z.string().describe('Stable key, e.g. E1.visits'),
  measureId: z.string(),
  measureCode: z.string(),
  kind: CommitmentKind,
  config: CommitmentConfig,
  active: z.boolean(),
  unit: z.string().describe('What the target counts: visits, checks, households, hours, days'),
  currentPeriodStart: IsoDate,
  target: z.number().nullable().describe('The target of the current period'),
  next: z
    .object({ effectiveFrom: IsoDate, target: z.number() })
    .nullable()
    .describe('The next scheduled change, if any'),
  targets: z.array(CommitmentTargetVersion).describe('Every version, oldest first'),
});
export type Commitment = z.infer<typeof Commitment>;

export const PlanMeasure = z.object({
  id: z.string(),
  estateId: z.string(),
  code: z.string().describe('S1–S11, C1–C10, E1–E17, T1–T11; X1, X2 … for the estate’s own'),
  stage: PlanStageCode,
  team: TeamCode,
  roles: z.array(Role).describe('Roles the text names (e.g. managers in C4, squad leaders in S4)'),
  textZh: z.string(),
  textEn: z.string().nullable(),
  purposeZh: z.string().nullable(),
  purposeEn: z.string().nullable(),
  keyPointsZh: z.string().nullable(),
  keyPointsEn: z.string().nullable(),
  actionTime: ActionTime,
  public: z.boolean().describe('false: done but not promised publicly (T9, T11)'),
  status: MeasureStatus,
  isCustom: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  commitments: z.array(Commitment),
});
export type PlanMeasure = z.infer<typeof PlanMeasure>;

export const PlanMeasureChange = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  version: z.number(),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
});
export type PlanMeasureChange = z.infer<typeof PlanMeasureChange>;

export const ListPlanMeasuresQuery = z
  .object({
    team: TeamCode.optional(),
    stage: PlanStageCode.optional(),
    status: MeasureStatus.optional(),
  })
  .strict();

const longText = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => longText(max).nullable().optional();

/** Fields a manager may edit; `version` (or If-Match) names the version being edited. */
export const UpdatePlanMeasureBody = z
  .object({
    version: z.number().int().optional(),
    textZh: longText(500).min(1).optional(),
    textEn: optionalText(1000),
    purposeZh: optionalText(1000),
    purposeEn: optionalText(2000),
    keyPointsZh: optionalText(1000),
    keyPointsEn: optionalText(2000),
    team: TeamCode.optional(),
    stage: PlanStageCode.optional(),
    roles: z.array(Role).max(10).optional(),
    actionTime: ActionTime.optional(),
    public: z.boolean().optional(),
    status: MeasureStatus.optional().describe('retired: no longer promised; active: reactivate'),
  })
  .strict();
export type UpdatePlanMeasureBody = z.infer<typeof UpdatePlanMeasureBody>;

/** The estate's own measure; its code (X1, X2 …) is assigned by the server. */
export const CreatePlanMeasureBody = z
  .object({
    textZh: longText(500).min(1),
    textEn: optionalText(1000),
    purposeZh: optionalText(1000),
    purposeEn: optionalText(2000),
    keyPointsZh: optionalText(1000),
    keyPointsEn: optionalText(2000),
    team: TeamCode,
    stage: PlanStageCode,
    roles: z.array(Role).max(10).default([]),
    actionTime: ActionTime.default('on_entry'),
    public: z.boolean().default(true),
  })
  .strict();
export type CreatePlanMeasureBody = z.infer<typeof CreatePlanMeasureBody>;

export const SetCommitmentTargetBody = z
  .object({
    target: z.number().int().min(0).max(100000),
    effectiveFrom: IsoDate.optional().describe(
      'First day the target applies (estate time zone); default: the start of the next period. Not in the past.',
    ),
  })
  .strict();
export type SetCommitmentTargetBody = z.infer<typeof SetCommitmentTargetBody>;
