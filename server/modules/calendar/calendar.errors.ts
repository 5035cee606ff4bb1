import { defineErrors } from '../../lib/errors.js';

/** Error codes of the calendar and plate-restriction module. */
export const CalendarErrors = defineErrors({
  CALENDAR_DAY_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '{date} 没有节假日或调休记录',
      en: 'No holiday or make-up workday is entered for {date}',
    },
  },
  CALENDAR_DAY_OFFICIAL: {
    status: 409,
    message: {
      'zh-CN': '{date} 是国务院公布的节假日安排，不能删除；如需更正请直接修改',
      en: '{date} is part of the official holiday schedule and cannot be deleted; edit it to correct it',
    },
  },
  PLATE_RULE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '没有城市“{city}”的限行规则', en: 'There is no plate-restriction rule for "{city}"' },
  },
  PLATE_CITY_CODE_INVALID: {
    status: 422,
    message: {
      'zh-CN': '新增城市请用拼音代码作为路径（如 lanzhou），“{city}” 不可用',
      en: 'Name a new city by a lowercase code such as lanzhou; "{city}" cannot be used',
    },
  },
  PLATE_OVERRIDE_EXISTS: {
    status: 409,
    message: {
      'zh-CN': '{city} {date} 已有临时限行安排，请先删除',
      en: '{city} already has a one-off arrangement on {date}; delete it first',
    },
  },
  PLATE_OVERRIDE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '{city} {date} 没有临时限行安排', en: '{city} has no one-off arrangement on {date}' },
  },
});
