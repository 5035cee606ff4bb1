import { defineErrors } from '../../lib/errors.js';

/** Error codes of home visits and loyal-household groups. */
export const VisitErrors = defineErrors({
  VISIT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该走访记录', en: 'Visit not found' },
  },
  SAFETY_CHECK_ONLY: {
    status: 403,
    message: {
      'zh-CN': '您的岗位只能记录居家安全检查',
      en: 'Your role may record home safety checks only',
    },
  },
  VISIT_IN_FUTURE: {
    status: 422,
    message: {
      'zh-CN': '走访时间不能晚于现在',
      en: 'A visit cannot be recorded for a time in the future',
    },
  },
  LEADER_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '本项目没有这位班长', en: 'No such squad leader in this estate' },
  },
  LOYAL_ALREADY_MEMBER: {
    status: 409,
    message: { 'zh-CN': '{room} 已在该忠诚客户群中', en: '{room} is already in this loyal-household group' },
  },
  LOYAL_IN_OTHER_GROUP: {
    status: 422,
    message: {
      'zh-CN': '{room} 已在{leader}的忠诚客户群中，一户只能属于一个群',
      en: "{room} is already in {leader}'s loyal-household group; a household belongs to one group only",
    },
  },
  LOYAL_NOT_MEMBER: {
    status: 422,
    message: {
      'zh-CN': '{room} 不在该忠诚客户群中，请先加入',
      en: '{room} is not a member of this loyal-household group; add it first',
    },
  },
  LOYAL_MEMBER_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '该住户不在此忠诚客户群中', en: 'This household is not in the group' },
  },
});
