export { AgendaErrors } from './agenda.errors.js';
export { buildKpiBoard, type KpiDeps } from './agenda.kpi.js';
export {
  isoWeek,
  isoWeekMonday,
  parseBoardPeriod,
  periodKey,
  periodsWithin,
  spanOf,
  weeksEnding,
} from './agenda.periods.js';
export { agendaRoutes } from './agenda.routes.js';
export {
  type AgendaDeps,
  type AgendaService,
  createAgendaService,
  type ManualTaskInput,
} from './agenda.service.js';
export type { AgendaTasksTable } from './agenda.table.js';
export { personCommitments, runAgendaTick, runAgendaTickAll, type TickDeps } from './agenda.tick.js';
