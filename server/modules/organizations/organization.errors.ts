import { defineErrors } from '../../lib/errors.js';

/** Error codes of owners' organizations (C4) and the seasonal care plan (C7). */
export const OrganizationErrors = defineErrors({
  ORGANIZATION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该业主组织', en: 'Organization not found' },
  },
  ORGANIZATION_NAME_TAKEN: {
    status: 409,
    message: {
      'zh-CN': '本小区已有名为“{name}”的组织',
      en: 'The estate already has an organization named "{name}"',
    },
  },
  ORGANIZATION_CONTACT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该联络记录', en: 'Contact record not found' },
  },
  ORGANIZATION_MEMBER_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '该住户不是此组织的成员', en: 'The household is not a member of this organization' },
  },
  ORGANIZATION_MEMBER_EXISTS: {
    status: 409,
    message: { 'zh-CN': '该住户已是此组织的成员', en: 'The household is already a member' },
  },
  STAFF_NOT_IN_ESTATE: {
    status: 400,
    message: {
      'zh-CN': '{field}：所选员工不在本小区任职',
      en: '{field}: the staff member chosen does not work in this estate',
    },
  },
  CONTACT_IN_FUTURE: {
    status: 400,
    message: {
      'zh-CN': 'contactedAt：联络时间不能晚于现在',
      en: 'contactedAt: a contact cannot be in the future',
    },
  },
  NO_FOLLOW_UP: {
    status: 409,
    message: { 'zh-CN': '这次联络没有需要跟进的事项', en: 'This contact has no follow-up to mark' },
  },
  CARE_ITEM_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该关怀计划事项', en: 'Care plan item not found' },
  },
  DUE_DATE_OUTSIDE_QUARTER: {
    status: 400,
    message: {
      'zh-CN': 'dueDate：截止日期 {dueDate} 不在 {quarter} 内',
      en: 'dueDate: the due date {dueDate} is not within {quarter}',
    },
  },
  DONE_IN_FUTURE: {
    status: 400,
    message: { 'zh-CN': 'doneOn：完成日期不能晚于今天', en: 'doneOn: the done date cannot be after today' },
  },
  COPY_SAME_QUARTER: {
    status: 400,
    message: {
      'zh-CN': 'to：目标季度须与来源季度不同',
      en: 'to: the target quarter must differ from the source',
    },
  },
  NOT_RESPONSIBLE: {
    status: 403,
    message: {
      'zh-CN': '只有项目经理、负责人或社区文化专员可以记录与该组织的联络',
      en: 'Only managers, the staff member responsible or the culture specialist may log contacts with this organization',
    },
  },
  NOT_ITEM_OWNER: {
    status: 403,
    message: {
      'zh-CN': '只有项目经理可以修改该事项；负责人只能标记完成情况',
      en: 'Only managers may edit this item; its owner may only mark it done',
    },
  },
});
