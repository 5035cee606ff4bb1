export { RosterErrors } from './roster.errors.js';
export { rosterRoutes } from './roster.routes.js';
export {
  coverageBySlot,
  localParts,
  mondayOf,
  shiftAt,
  toClock,
  toMinutes,
  weekdayOf,
} from './roster.rules.js';
export { createRosterService, type RosterDeps, type RosterService } from './roster.service.js';
export type { DutyExceptionsTable, DutyPatternsTable } from './roster.table.js';
