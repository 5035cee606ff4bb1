import { defineErrors } from '../../lib/errors.js';

export const HouseholdErrors = defineErrors({
  HOUSEHOLD_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该家庭档案', en: 'Household archive not found' },
  },
  ROOM_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该房屋', en: 'Room not found' },
  },
  ROOM_HAS_HOUSEHOLD: {
    status: 409,
    message: { 'zh-CN': '房屋 {room} 已有家庭档案', en: 'Room {room} already has a household archive' },
  },
  MINOR_CONSENT_REQUIRED: {
    status: 422,
    message: {
      'zh-CN': '登记14岁以下未成年人信息前，须先记录监护人的“未成年人信息”授权同意',
      en: "Record the guardian's consent for minors' information before adding a member under 14",
    },
  },
  CONSENT_REQUIRED: {
    status: 422,
    message: {
      'zh-CN': '记录此类敏感信息前，须先取得住户对“{purpose}”用途的授权同意',
      en: 'Record the resident\'s consent for the purpose "{purpose}" before storing this sensitive fact',
    },
  },
  CONSENT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该授权记录', en: 'Consent record not found' },
  },
  CONSENT_ALREADY_WITHDRAWN: {
    status: 409,
    message: { 'zh-CN': '该授权已撤回', en: 'This consent has already been withdrawn' },
  },
  FACT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该敏感信息记录', en: 'Sensitive fact not found' },
  },
  MEMBER_NOT_FOUND: {
    status: 400,
    message: { 'zh-CN': '家庭成员 {id} 不属于此档案', en: 'Member {id} does not belong to this household' },
  },
  DUPLICATE_PLATE: {
    status: 409,
    message: {
      'zh-CN': '车牌 {plate} 已登记在其他家庭',
      en: 'Plate {plate} is already registered to another household',
    },
  },
  UNKNOWN_CUSTOM_FIELD: {
    status: 400,
    message: {
      'zh-CN': '自定义字段 {key} 未定义或已停用',
      en: 'Custom field {key} is not defined or is inactive',
    },
  },
  CUSTOM_FIELD_TYPE: {
    status: 400,
    message: { 'zh-CN': '自定义字段 {key} 的值应为{type}', en: 'Custom field {key} must be a {type}' },
  },
  CUSTOM_FIELD_KEY_TAKEN: {
    status: 409,
    message: { 'zh-CN': '字段标识 {key} 已存在', en: 'The field key {key} already exists' },
  },
  CUSTOM_FIELD_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该自定义字段', en: 'Custom field not found' },
  },
  INVALID_DATE_RANGE: {
    status: 400,
    message: { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  },
});
