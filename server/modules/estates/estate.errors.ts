import { defineErrors } from '../../lib/errors.js';

export const EstateErrors = defineErrors({
  ESTATE_CODE_TAKEN: {
    status: 409,
    message: { 'zh-CN': '项目编码 {code} 已存在', en: 'The estate code {code} already exists' },
  },
  BUILDING_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该楼栋', en: 'Building not found' },
  },
  NOT_A_BUTLER: {
    status: 422,
    message: {
      'zh-CN': '{name} 不是本项目的贴心管家，不能负责楼栋',
      en: '{name} is not a butler of this estate and cannot look after a building',
    },
  },
  INVALID_TIME_ZONE: {
    status: 400,
    message: {
      'zh-CN': '时区 {value} 无效，应如 Asia/Shanghai',
      en: 'Unknown time zone {value}; use one such as Asia/Shanghai',
    },
  },
});
