import { defineErrors } from '../../lib/errors.js';

/** Error codes of the duty roster module. */
export const RosterErrors = defineErrors({
  ROSTER_STAFF_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '本小区没有这名员工', en: 'There is no such staff member in this estate' },
  },
  DUTY_EXCEPTION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该请假或加班记录', en: 'Leave or extra shift not found' },
  },
  ROSTER_SHIFT_OVERLAP: {
    status: 400,
    message: {
      'zh-CN': '输入有误：第 {n} 个班次与同一人的其他班次时间重叠',
      en: 'Invalid input: shift {n} overlaps another shift of the same person',
    },
  },
  DUTY_EXTRA_TIMES_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '输入有误：加班需填写开始和结束时间',
      en: 'Invalid input: an extra shift needs a start and an end time',
    },
  },
  DUTY_LEAVE_TIMES_INCOMPLETE: {
    status: 400,
    message: {
      'zh-CN': '输入有误：按时段请假需同时填写开始和结束时间（整天请假则都不填）',
      en: 'Invalid input: timed leave needs both a start and an end (leave both out for a whole day)',
    },
  },
});
