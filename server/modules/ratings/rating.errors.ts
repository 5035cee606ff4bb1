import { defineErrors } from '../../lib/errors.js';

/** Error codes of the ratings module (supervision cards and revisits). */
export const RatingErrors = defineErrors({
  CARD_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '找不到这张服务监督卡，请核对链接是否完整',
      en: 'This rating card was not found; please check the link',
    },
  },
  CARD_EXPIRED: {
    status: 410,
    message: {
      'zh-CN': '这张服务监督卡已过期，感谢您的关注。如有意见请联系服务中心',
      en: 'This rating card has expired. Thank you; please contact the service center with any feedback',
    },
  },
  CARD_ALREADY_SUBMITTED: {
    status: 409,
    message: {
      'zh-CN': '您已经评价过这次服务，感谢您的反馈！',
      en: 'You have already rated this service. Thank you for your feedback!',
    },
  },
  CARD_GUESS_THROTTLED: {
    status: 429,
    message: {
      'zh-CN': '尝试次数过多，请稍后再试',
      en: 'Too many attempts; please try again later',
    },
  },
  CARD_NOT_OFFERED: {
    status: 404,
    message: {
      'zh-CN': '该服务项目不发放服务监督卡',
      en: 'This service has no rating card',
    },
  },
  REQUEST_NOT_COMPLETED: {
    status: 409,
    message: {
      'zh-CN': '服务单完成后才有服务监督卡',
      en: 'The rating card exists once the request is completed',
    },
  },
  CARD_NO_COMMENT: {
    status: 422,
    message: { 'zh-CN': '这张卡没有需要回复的留言', en: 'This card has no comment to reply to' },
  },
  CARD_ALREADY_REPLIED: {
    status: 409,
    message: { 'zh-CN': '该留言已经回复过了', en: 'This comment already has a reply' },
  },
  CARD_REPLY_NOT_ALLOWED: {
    status: 403,
    message: {
      'zh-CN': '只有负责班组的成员或派单人员可以回复',
      en: 'Only members of the responsible team or dispatchers can reply',
    },
  },
  REVISIT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该回访任务', en: 'Revisit not found' },
  },
  REVISIT_ALREADY_DONE: {
    status: 409,
    message: { 'zh-CN': '该回访已经完成', en: 'This revisit is already done' },
  },
  REVISIT_NOT_OWNER: {
    status: 403,
    message: {
      'zh-CN': '只有回访负责人或派单人员可以完成该回访',
      en: 'Only the owner of the revisit or a dispatcher can complete it',
    },
  },
  ANALYSIS_REQUIRED: {
    status: 422,
    message: {
      'zh-CN': '低分回访须先写明低分原因分析和改进措施（至少 {min} 个字）：{fieldsZh}',
      en: 'A low-score revisit needs a written analysis of the score and the planned adjustment (at least {min} characters): {fields}',
    },
  },
});
