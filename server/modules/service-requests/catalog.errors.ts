import { defineErrors } from '../../lib/errors.js';

/** Error codes of catalog editing (服务目录). */
export const CatalogErrors = defineErrors({
  CATALOG_CODE_TAKEN: {
    status: 409,
    message: {
      'zh-CN': '本小区已有编码为「{code}」的服务项目',
      en: 'This estate already has a service with the code "{code}"',
    },
  },
  CATALOG_PRICE_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '输入有误：固定价格的服务须填写价格',
      en: 'Invalid input: a fixed-price service needs a price',
    },
  },
});
