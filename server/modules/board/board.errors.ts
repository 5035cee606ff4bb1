import { defineErrors } from '../../lib/errors.js';

/** Error codes of the board module (weather, notices, greetings, the public board). */
export const BoardErrors = defineErrors({
  BOARD_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '找不到该信息屏，请向物业服务中心索取新的链接',
      en: 'This board was not found; ask the service center for a new link',
    },
  },
  NOTICE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该公告', en: 'Notice not found' },
  },
  GREETING_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该问候语', en: 'Greeting not found' },
  },
  ENTRANCE_NOT_FOUND: {
    status: 422,
    message: { 'zh-CN': '该出入口不属于本小区', en: 'This entrance is not one of the estate’s' },
  },
  NOTICE_DATES: {
    status: 422,
    message: { 'zh-CN': '公告的开始日期不能晚于结束日期', en: 'The notice must not start after it ends' },
  },
  WEATHER_SECRET_MISSING: {
    status: 422,
    message: {
      'zh-CN': '请填写天气服务的密钥：{field}',
      en: 'The weather provider needs its secret: {field}',
    },
  },
  WEATHER_CONFIG_INVALID: {
    status: 422,
    message: {
      'zh-CN': '天气服务配置不完整：{field}',
      en: 'The weather provider settings are incomplete: {field}',
    },
  },
  WEATHER_KEY_INVALID: {
    status: 422,
    message: {
      'zh-CN': '私钥无法读取，请粘贴 Ed25519 私钥（PKCS#8 PEM 格式）',
      en: 'The private key cannot be read; paste the Ed25519 private key (PKCS#8 PEM)',
    },
  },
  SECRET_KEY_MISSING: {
    status: 422,
    message: {
      'zh-CN': '服务器未设置 GUANJIA_SECRET_KEY，无法保存天气服务密钥',
      en: 'GUANJIA_SECRET_KEY is not set on the server; provider keys cannot be stored',
    },
  },
});
