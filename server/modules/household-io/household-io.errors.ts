import { defineErrors } from '../../lib/errors.js';
import { fill, type Lang, type Localized } from '../../lib/i18n.js';

/** Request-level errors of the import/export (the whole file is refused). */
export const HouseholdIoErrors = defineErrors({
  IMPORT_FILE_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '请选择要导入的 Excel 文件（表单字段 file）',
      en: 'Choose the Excel file to import (form field "file")',
    },
  },
  IMPORT_NOT_XLSX: {
    status: 400,
    message: {
      'zh-CN':
        '文件不是 Excel .xlsx 格式。旧版 .xls、CSV 或 WPS 表格请先用 Excel/WPS “另存为” .xlsx 后再导入',
      en: 'The file is not an Excel .xlsx workbook. Save .xls, CSV or WPS files as .xlsx first',
    },
  },
  IMPORT_UNREADABLE: {
    status: 400,
    message: {
      'zh-CN': '无法读取该文件（可能已损坏或加密）。请用 Excel/WPS 打开后“另存为” .xlsx 再导入',
      en: 'The file cannot be read (damaged or encrypted?). Open it in Excel or WPS and save it as .xlsx again',
    },
  },
  IMPORT_CONTENT_TOO_LARGE: {
    status: 400,
    message: {
      'zh-CN': '文件内容过大（解压后超过 {mb} MB），请拆分成多个文件分批导入',
      en: 'The file content is too large (over {mb} MB uncompressed); split it into several files',
    },
  },
  IMPORT_SHEET_MISSING: {
    status: 400,
    message: {
      'zh-CN': '文件中没有「{sheet}」工作表（或其表头中没有“房号”“居住状态”），请使用家庭档案导入模板',
      en: 'The workbook has no sheet "{sheet}" (with the headers 房号 and 居住状态); use the import template',
    },
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    message: {
      'zh-CN': '工作表{sheet}超过 {max} 行数据，请拆分成多个文件分批导入',
      en: 'The sheet{sheet}has more than {max} data rows; split it into several files',
    },
  },
  EXPORT_ESTATE_REQUIRED: {
    status: 400,
    message: { 'zh-CN': '请选择要导出的小区', en: 'Choose the estate to export' },
  },
});

/** Row-level problems, reported per sheet, row and column; `{column}` is the Chinese header. */
const ROW_MESSAGES = {
  required: { 'zh-CN': '{column}不能为空', en: '{column} is required' },
  columnMissing: {
    'zh-CN': '缺少「{column}」列，请使用导入模板（表头在第1行）',
    en: 'The column "{column}" is missing; use the import template (headers in row 1)',
  },
  roomFormat: {
    'zh-CN': '房号“{value}”格式不对，应写成 楼栋-单元-房号，如 3-2-501 或 3栋2单元501',
    en: 'Room "{value}" is not in the form building-unit-room, e.g. 3-2-501 or 3栋2单元501',
  },
  roomUnknown: { 'zh-CN': '房号 {value} 在本小区不存在', en: 'Room {value} does not exist in this estate' },
  roomDuplicate: {
    'zh-CN': '同一房号在表中重复（第 {rows} 行），这几行都不会导入',
    en: 'The same room appears more than once in the sheet (rows {rows}); none of them is imported',
  },
  roomNotInHouseholds: {
    'zh-CN': '房号 {value} 不在「{sheet}」表中，请先在该表中填写这一户',
    en: 'Room {value} is not in the sheet "{sheet}"; add the household there first',
  },
  choice: { 'zh-CN': '{column}只能是 {options}', en: '{column} must be one of {options}' },
  listChoice: {
    'zh-CN': '{column}中的“{value}”无法识别，可填：{options}',
    en: '"{value}" in {column} is not recognized; allowed: {options}',
  },
  yesNo: { 'zh-CN': '{column}只能填 是 或 否', en: '{column} must be 是 (yes) or 否 (no)' },
  date: {
    'zh-CN': '{column}“{value}”不是有效日期，请写成 2020-05-01',
    en: '{column} "{value}" is not a valid date; write it as 2020-05-01',
  },
  tooLong: { 'zh-CN': '{column}最多 {max} 个字', en: '{column} must be at most {max} characters' },
  itemTooLong: {
    'zh-CN': '{column}中的“{value}”太长，每项最多 {max} 个字',
    en: '"{value}" in {column} is too long; at most {max} characters per item',
  },
  tooManyItems: { 'zh-CN': '{column}最多 {max} 项', en: '{column} can hold at most {max} items' },
  phone: {
    'zh-CN': '手机号应为11位数字（座机写成 010-12345678）',
    en: 'The mobile number must have 11 digits (landlines as 010-12345678)',
  },
  phoneMasked: {
    'zh-CN': '手机号 {value} 已打码，找不到该成员在系统中的原号码；请填写完整号码，或留空',
    en: 'The phone {value} is masked and no stored number of this member matches it; enter the full number or leave it blank',
  },
  email: {
    'zh-CN': '邮箱格式不正确，应如 zhangsan@example.com',
    en: 'The e-mail address is not valid; write it like zhangsan@example.com',
  },
  emailMasked: {
    'zh-CN': '邮箱 {value} 已打码，找不到该成员在系统中的原地址；请填写完整地址，或留空',
    en: 'The e-mail {value} is masked and no stored address of this member matches it; enter the full address or leave it blank',
  },
  minor: {
    'zh-CN': '14岁以下未成年人的信息须取得监护人同意，不能通过表格导入；请在系统中登记并记录监护人同意',
    en: "A member under 14 cannot be imported from a spreadsheet: record the guardian's consent and add the child in the system",
  },
  tooManyMembers: { 'zh-CN': '一户最多 {max} 位家庭成员', en: 'A household can have at most {max} members' },
  twoPrimaries: {
    'zh-CN': '一户只能有一位主联系人（第 {row} 行已是主联系人）',
    en: 'A household can have only one primary contact (row {row} already is)',
  },
  plate: {
    'zh-CN': '车牌“{value}”格式不对，应如 京A12345，新能源车如 京AD12345',
    en: 'Plate "{value}" is not valid; e.g. 京A12345, or 京AD12345 for a new-energy vehicle',
  },
  plateDuplicate: {
    'zh-CN': '车牌 {value} 在表中重复（第 {rows} 行）',
    en: 'Plate {value} appears more than once in the sheet (rows {rows})',
  },
  plateTaken: {
    'zh-CN': '车牌 {value} 已登记在 {room}，同一车牌只能登记一次',
    en: 'Plate {value} is already registered to {room}',
  },
  tooManyVehicles: { 'zh-CN': '一户最多登记 {max} 辆车', en: 'A household can have at most {max} vehicles' },
  changedMeanwhile: {
    'zh-CN': '该户档案在导入过程中被他人修改，未导入；请重新导入',
    en: 'This archive was changed by someone else during the import and was not imported; import again',
  },
  roomTakenMeanwhile: {
    'zh-CN': '房号 {value} 在导入过程中已被他人建档，未导入；请重新导入',
    en: 'Room {value} got an archive from someone else during the import; import again',
  },
} satisfies Record<string, Localized>;

export type RowMessage = keyof typeof ROW_MESSAGES;

/** A row-level message in the actor's language. */
export function rowMessage(lang: Lang, key: RowMessage, params?: Record<string, unknown>): string {
  return fill(ROW_MESSAGES[key][lang], params);
}
