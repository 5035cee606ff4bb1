import { defineErrors } from '../../lib/errors.js';

/** A campaign's status in words, for the Chinese messages ({statusZh}). */
export const STATUS_ZH: Record<string, string> = {
  draft: '还是草稿',
  running: '正在发送',
  done: '已完成',
  cancelled: '已取消',
};

/** Error codes of campaigns (C9, E12). */
export const CampaignErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该活动', en: 'Campaign not found' },
  },
  CAMPAIGN_HEALTH_BY_SMS: {
    status: 400,
    message: {
      'zh-CN': '健康提示不能通过短信发送，请使用住户端消息或上门告知',
      en: 'Health tips are never sent by SMS; use the portal inbox or tell the resident in person',
    },
  },
  CAMPAIGN_TEMPLATE_NOT_FOUND: {
    status: 422,
    message: { 'zh-CN': '找不到消息模板 {code}', en: 'Message template {code} not found' },
  },
  CAMPAIGN_BUILDING_NOT_IN_ESTATE: {
    status: 422,
    message: { 'zh-CN': '所选楼栋不属于该项目', en: 'A selected building is not in this estate' },
  },
  CAMPAIGN_TIP_NOT_FOUND: {
    status: 400,
    message: { 'zh-CN': 'tipId：找不到该提示或已停用', en: 'tipId: no such tip, or it is inactive' },
  },
  CAMPAIGN_TIP_PURPOSE: {
    status: 400,
    message: {
      'zh-CN': 'purpose：健康提示须以“健康提示”用途发送，其他提示以“温馨提示”用途发送',
      en: 'purpose: a health tip must be sent as health_tips, other tips as tips',
    },
  },
  CAMPAIGN_BIRTHDAY_NEEDS_DAY: {
    status: 400,
    message: {
      'zh-CN': 'audience.birthday：生日祝福须指定生日（月-日）',
      en: 'audience.birthday: a birthday greeting needs the birthday (MM-DD)',
    },
  },
  CAMPAIGN_NOT_STARTABLE: {
    status: 409,
    message: { 'zh-CN': '该活动{statusZh}，不能启动', en: 'The campaign is {status} and cannot be started' },
  },
  CAMPAIGN_NOT_CANCELLABLE: {
    status: 409,
    message: {
      'zh-CN': '该活动{statusZh}，不能取消',
      en: 'The campaign is {status} and cannot be cancelled',
    },
  },
});
