export {
  BASE_EFFECTIVE_FROM,
  DEFAULT_COMMITMENTS,
  DEFAULT_MEASURES,
  type DefaultCommitment,
  type DefaultMeasure,
  PLAN_STAGE_LIST,
} from './plan.default.js';
export { PlanErrors } from './plan.errors.js';
export {
  isValidDate,
  nextPeriodStart,
  periodRange,
  periodStart,
  type TargetVersion,
  targetFor,
} from './plan.periods.js';
export { planRoutes } from './plan.routes.js';
export { type SeedResult, seedDefaultPlan } from './plan.seed.js';
export { createPlanService, type PlanDeps, type PlanService } from './plan.service.js';
export type {
  CommitmentsTable,
  CommitmentTargetsTable,
  PlanMeasureChangesTable,
  PlanMeasuresTable,
} from './plan.table.js';
