import { defineErrors } from '../../lib/errors.js';

/** Error codes of lending (T9, S9). */
export const LoanErrors = defineErrors({
  LOAN_ITEM_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该借用物品', en: 'Loan item not found' },
  },
  LOAN_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该借用记录', en: 'Loan not found' },
  },
  ITEM_UNAVAILABLE: {
    status: 409,
    message: {
      'zh-CN': '{name}（{location}）已全部借出，暂无可借',
      en: '{name} ({location}) is all lent out; none is available',
    },
  },
  LOAN_ALREADY_RETURNED: {
    status: 409,
    message: { 'zh-CN': '该物品已归还', en: 'This loan has already been returned' },
  },
  LOAN_HOUSEHOLD_NOT_IN_ESTATE: {
    status: 422,
    message: {
      'zh-CN': '该住户不属于物品所在项目',
      en: 'The household is not in the estate the item belongs to',
    },
  },
  LOAN_DUE_IN_PAST: {
    status: 422,
    message: { 'zh-CN': '归还时间必须晚于现在', en: 'The due time must be in the future' },
  },
});
