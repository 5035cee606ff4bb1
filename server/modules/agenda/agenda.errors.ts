import { defineErrors } from '../../lib/errors.js';

/** Error codes of the agenda and the KPI board. */
export const AgendaErrors = defineErrors({
  TASK_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该待办', en: 'Task not found' },
  },
  ASSIGNEE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该员工', en: 'Staff member not found' },
  },
  TASK_NOT_OPEN: {
    status: 409,
    message: { 'zh-CN': '该待办已是“{status}”状态', en: 'The task is already {status}' },
  },
  TASK_COMPLETES_ITSELF: {
    status: 422,
    message: {
      'zh-CN': '走访指标类待办在记录的走访达到目标（{target} 户）时自动完成，请先记录走访',
      en: 'A visit-quota task completes itself when the recorded visits reach its target ({target}); record the visits instead',
    },
  },
  TASK_FOLLOWS_REVISIT: {
    status: 422,
    message: {
      'zh-CN': '回访类待办在回访完成时自动完成，请在回访记录中填写结果',
      en: 'A revisit task completes itself when the revisit is completed; record the outcome on the revisit',
    },
  },
  INVALID_PERIOD: {
    status: 400,
    message: {
      'zh-CN': '周期 {value} 不存在（格式 YYYY-MM 或 YYYY-Www）',
      en: 'There is no period {value} (use YYYY-MM or YYYY-Www)',
    },
  },
});
