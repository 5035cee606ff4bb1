import { defineErrors } from '../../lib/errors.js';

/** Error codes of the service plan module. */
export const PlanErrors = defineErrors({
  PLAN_MEASURE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该服务措施', en: 'Plan measure not found' },
  },
  COMMITMENT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该承诺指标', en: 'Commitment not found' },
  },
  TARGET_EFFECTIVE_IN_PAST: {
    status: 422,
    message: {
      'zh-CN':
        '生效日期 {effectiveFrom} 早于今天（{today}）：已过去的周期保持当时的目标，新目标只能从今天或以后生效，默认从下一周期（{next}）开始',
      en: 'The effective date {effectiveFrom} is before today ({today}): past periods keep the target they had, so a new target can only start today or later; by default it starts with the next period ({next})',
    },
  },
  INVALID_DATE: {
    status: 400,
    message: { 'zh-CN': '日期 {value} 不存在', en: 'There is no such date as {value}' },
  },
});
