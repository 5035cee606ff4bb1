import { defineErrors } from '../../lib/errors.js';

export const EstateErrors = defineErrors({
  ESTATE_CODE_TAKEN: {
    status: 409,
    message: { 'zh-CN': '项目编码 {code} 已存在', en: 'The estate code {code} already exists' },
  },
  INVALID_TIME_ZONE: {
    status: 400,
    message: {
      'zh-CN': '时区 {value} 无效，应如 Asia/Shanghai',
      en: 'Unknown time zone {value}; use one such as Asia/Shanghai',
    },
  },
});
