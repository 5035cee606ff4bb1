import { z } from 'zod';
import { PLAN_STAGES, PlanStageCode } from './plan.js';

/**
 * The customer journey (认识 → 了解 → 理解 → 帮助 → 感动 → 成就): each household's stage derived from
 * the data, an estate funnel, households stuck at a stage, and the monthly service report.
 * Stage codes are those of the service plan (`PLAN_STAGES`).
 */
export const JOURNEY_STAGES = PLAN_STAGES;

export const JourneyStage = z.object({
  code: PlanStageCode,
  order: z.number().int().describe('1 … 6 along the journey'),
  name: z.string().describe('认识 …'),
  nameEn: z.string(),
  definition: z.string().describe('The data rule of the stage, in English'),
  definitionZh: z.string(),
  atStage: z.number().int().describe('Households whose current stage is this one'),
  reached: z.number().int().describe('Households at this stage or a higher one (the funnel)'),
  conditionMet: z
    .number()
    .int()
    .describe("Households meeting this stage's own condition, whatever the lower stages"),
});
export type JourneyStage = z.infer<typeof JourneyStage>;

export const JourneyFunnel = z.object({
  estateId: z.string(),
  generatedAt: z.string(),
  households: z.number().int(),
  stages: z.array(JourneyStage),
  definitions: z.object({
    cumulative: z.string().describe('How the current stage follows from the conditions'),
    learn: z.string().describe('The rule chosen for 了解'),
    lastTouch: z.string(),
  }),
});
export type JourneyFunnel = z.infer<typeof JourneyFunnel>;

export const JourneyParams = z.object({ estateId: z.string().min(1).max(64) });

export const JourneyStuckQuery = z
  .object({
    stage: PlanStageCode,
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type JourneyStuckQuery = z.infer<typeof JourneyStuckQuery>;

export const StuckHousehold = z.object({
  householdId: z.string(),
  roomCode: z.string(),
  primaryName: z.string().nullable(),
  lastTouchAt: z.string().describe('Latest visit, request, rating, loyal-group contact or archive change'),
  daysSinceLastTouch: z.number().int(),
});
export type StuckHousehold = z.infer<typeof StuckHousehold>;

export const JourneyStuck = z.object({
  estateId: z.string(),
  stage: PlanStageCode,
  total: z.number().int().describe('Households at this stage'),
  items: z.array(StuckHousehold).describe('Longest since the last touch first'),
});
export type JourneyStuck = z.infer<typeof JourneyStuck>;

export const MonthlyReportQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
      .optional()
      .describe('Default: this month'),
    format: z.enum(['pdf', 'xlsx']).default('pdf'),
  })
  .strict();
export type MonthlyReportQuery = z.infer<typeof MonthlyReportQuery>;
