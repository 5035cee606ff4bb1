import { defineErrors } from '../../lib/errors.js';

/** Status names used in messages. */
export const STATUS_NAMES: Record<string, { zh: string; en: string }> = {
  new: { zh: '待派单', en: 'new' },
  assigned: { zh: '已派单', en: 'assigned' },
  accepted: { zh: '已接单', en: 'accepted' },
  in_progress: { zh: '处理中', en: 'in progress' },
  completed: { zh: '已完成', en: 'completed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/** Actions used in messages. */
export const ACTION_NAMES: Record<string, { zh: string; en: string }> = {
  assign: { zh: '派单', en: 'assigned' },
  accept: { zh: '接单', en: 'accepted' },
  start: { zh: '开始处理', en: 'started' },
  complete: { zh: '完成', en: 'completed' },
  cancel: { zh: '取消', en: 'cancelled' },
};

/** Error codes of the service requests module. */
export const ServiceRequestErrors = defineErrors({
  SERVICE_REQUEST_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该服务单', en: 'Service request not found' },
  },
  CATALOG_ENTRY_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该服务项目', en: 'Service catalog entry not found' },
  },
  CATALOG_ENTRY_INACTIVE: {
    status: 422,
    message: { 'zh-CN': '该服务项目已停用', en: 'This service is no longer offered' },
  },
  REQUEST_HOUSEHOLD_NOT_IN_ESTATE: {
    status: 422,
    message: { 'zh-CN': '本小区没有这个住户', en: 'There is no such household in this estate' },
  },
  REQUEST_STATE_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '服务单当前状态为「{stateZh}」，不能{actionZh}',
      en: 'The request is {state}; it cannot be {action} now',
    },
  },
  REQUEST_ASSIGNED_TO_OTHER: {
    status: 409,
    message: {
      'zh-CN': '该服务单已派给{assignee}',
      en: 'This request is assigned to {assignee}',
    },
  },
  REQUEST_NOT_IN_TEAM: {
    status: 403,
    message: {
      'zh-CN': '只有负责班组的成员才能处理该服务单',
      en: 'Only members of the responsible team can work on this request',
    },
  },
  REQUEST_NOT_ASSIGNEE: {
    status: 403,
    message: {
      'zh-CN': '只有接单人才能执行此操作',
      en: 'Only the person who accepted this request can do this',
    },
  },
  REQUEST_CANCEL_NOT_ALLOWED: {
    status: 403,
    message: {
      'zh-CN': '班组接单后，只有派单人员可以取消服务单',
      en: 'Once the team has accepted the request, only a dispatcher can cancel it',
    },
  },
  ASSIGNEE_NOT_IN_TEAM: {
    status: 422,
    message: {
      'zh-CN': '被派单人须是本小区负责该服务的班组成员',
      en: 'The assignee must be a member of the responsible team in this estate',
    },
  },
  CHARGE_REQUIRED: {
    status: 422,
    message: {
      'zh-CN': '该服务需现场报价：请填写收费金额或免费原因',
      en: 'This service is quoted on site: give the amount charged or the reason it is free',
    },
  },
});
