import { defineErrors } from '../../lib/errors.js';

/** Error codes of the tips library. */
export const TipErrors = defineErrors({
  TIP_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该提示', en: 'Tip not found' },
  },
  TIP_TERM_SEASON: {
    status: 400,
    message: {
      'zh-CN': 'solarTerm：节气“{term}”不在所选季节内',
      en: 'solarTerm: the solar term {term} is not in the chosen season',
    },
  },
  TIP_INACTIVE: {
    status: 409,
    message: { 'zh-CN': '该提示已停用，不能发布', en: 'The tip is inactive and cannot be posted' },
  },
});
