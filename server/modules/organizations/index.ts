export { moveIntoQuarter, quarterOf, quarterSpan, shiftQuarter } from './care-plan.quarter.js';
export { type CarePlanDeps, type CarePlanService, createCarePlanService } from './care-plan.service.js';
export { OrganizationErrors } from './organization.errors.js';
export {
  carePlanThisQuarter,
  type EvidenceContext,
  type EvidenceSource,
  type LatestEvidence,
  latestOrganizationContact,
  ORGANIZATION_EVIDENCE,
} from './organization.evidence.js';
export { organizationRoutes } from './organization.routes.js';
export {
  createOrganizationService,
  type OrganizationDeps,
  type OrganizationService,
} from './organization.service.js';
export type {
  CarePlanItemsTable,
  OrganizationContactsTable,
  OrganizationMembersTable,
  OrganizationsTable,
} from './organization.table.js';
