import { defineErrors } from '../../lib/errors.js';

/** Error codes of the messaging module. */
export const MessagingErrors = defineErrors({
  MESSAGE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该消息', en: 'Message not found' },
  },
  MEMBER_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '该住户没有这位成员', en: 'No such member in this household' },
  },
  NO_ADDRESS: {
    status: 422,
    message: {
      'zh-CN': '无法发送：收件人没有手机号或地址',
      en: 'Cannot send: the recipient has no phone number or address',
    },
  },
  SECRET_KEY_MISSING: {
    status: 422,
    message: {
      'zh-CN': '服务器未设置 GUANJIA_SECRET_KEY，无法加密保存短信服务商密钥',
      en: 'GUANJIA_SECRET_KEY is not set on the server: provider secrets cannot be stored encrypted',
    },
  },
  PROVIDER_INCOMPLETE: {
    status: 400,
    message: {
      'zh-CN': '服务商配置不完整：缺少 {fields}',
      en: 'Provider settings incomplete: missing {fields}',
    },
  },
  TEMPLATE_PARAMS_MISMATCH: {
    status: 400,
    message: {
      'zh-CN': '模板参数与文本中的占位符不一致：{params}',
      en: 'Template parameters do not match the placeholders in the text: {params}',
    },
  },
  TEMPLATE_HAS_BRACKETS: {
    status: 400,
    message: {
      'zh-CN': '短信正文不能包含【】（签名由服务商添加）',
      en: 'SMS text may not contain 【】 (the provider adds the signature)',
    },
  },
});
