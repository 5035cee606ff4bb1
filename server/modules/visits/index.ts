export {
  createLoyalGroupService,
  type LoyalGroupDeps,
  type LoyalGroupService,
} from './loyal-group.service.js';
export { VisitErrors } from './visit.errors.js';
export { visitRoutes } from './visit.routes.js';
export { createVisitService, type VisitDeps, type VisitService } from './visit.service.js';
export { RECENT_MOVE_IN_DAYS, rankSuggestions } from './visit.suggest.js';
export type {
  LoyalGroupContactsTable,
  LoyalGroupMembersTable,
  LoyalGroupsTable,
  VisitProblemsTable,
  VisitsTable,
} from './visit.table.js';
