import './calendar.table.js';

export { CalendarErrors } from './calendar.errors.js';
export { calendarRoutes } from './calendar.routes.js';
export { libraryDays, libraryYears, type SeedReport, seedCalendar } from './calendar.seed.js';
export { type CalendarService, createCalendarService, DEFAULT_CITY } from './calendar.service.js';
export type { CalendarDaysTable, PlateOverridesTable, PlateRulesTable } from './calendar.table.js';
export { dayKindOf, daysBetween, isCalendarDate, isWeekend, weekdayOf } from './days.js';
export {
  GREETING_FESTIVALS,
  type GreetingFestival,
  type LunarInfo,
  lunarInfo,
  type Season,
  SOLAR_TERMS_EN,
  seasonOf,
  solarTermOf,
} from './lunar.js';
export {
  calendarJobs,
  createPlateReminderJob,
  PLATE_TEMPLATE,
  type PlateReminderResult,
  type ReminderOutbox,
} from './plate-reminders.js';
export {
  type DayContext,
  DEFAULT_PLATE_RULES,
  digitsFor,
  hoursText,
  isPlateRestricted,
  normalizePlate,
  type PlateOverrideModel,
  type PlateRuleModel,
  plateCovered,
  plateTail,
  type Restriction,
  restrictionFor,
} from './plate-rules.js';
