export { renderMonthlyPdf } from './journey.pdf.js';
export { journeyRoutes } from './journey.routes.js';
export {
  createJourneyService,
  type JourneyDeps,
  type JourneyService,
  type MonthlyReportData,
  type MonthlyReportFile,
} from './journey.service.js';
export {
  CUMULATIVE_RULE,
  conditions,
  type HouseholdFacts,
  STAGE_RULES,
  stageIndex,
} from './journey.stages.js';
export { REPORT_SHEETS, renderMonthlyXlsx } from './journey.xlsx.js';
