import { defineErrors } from '../../lib/errors.js';

/** Errors of the service figures (the KPI board's request and rating numbers). */
export const ServiceFiguresErrors = defineErrors({
  FIGURES_BAD_DATE: {
    status: 400,
    message: {
      'zh-CN': '{field}：日期无效，请使用 YYYY-MM-DD',
      en: '{field}: invalid date; use YYYY-MM-DD',
    },
  },
  FIGURES_RANGE: {
    status: 400,
    message: {
      'zh-CN': '{field}：结束日期不能早于开始日期，且区间不超过 366 天',
      en: '{field}: the end may not be before the start, and the range is at most 366 days',
    },
  },
});
