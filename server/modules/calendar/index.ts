import './calendar.table.js';

export { CalendarErrors } from './calendar.errors.js';
export { calendarRoutes } from './calendar.routes.js';
export { libraryDays, libraryYears, type SeedReport, seedCalendar } from './calendar.seed.js';
export { type CalendarService, createCalendarService, DEFAULT_CITY } from './calendar.service.js';
export type { CalendarDaysTable, PlateOverridesTable, PlateRulesTable } from './calendar.table.js';
export { addDays, dayKindOf, daysBetween, isCalendarDate, isWeekend, weekdayOf } from './days.js';
export { type LunarInfo, lunarInfo, SOLAR_TERMS_EN } from './lunar.js';
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
