import {
  type AGE_BANDS,
  type CARE_FLAGS,
  type CONTACT_CHANNELS,
  type MEMBER_ROLES,
  MemberInput,
  type OCCUPANCIES,
} from '../../../contract/households.js';

/**
 * The layout of the household workbook (家庭档案), shared by the template, the export and the
 * importer so that an export can be edited and imported again. Headers and values are the
 * Chinese words property staff use; the importer also accepts the English codes.
 */

export const SHEETS = {
  households: '家庭档案',
  members: '家庭成员',
  vehicles: '车辆',
  help: '说明',
} as const;
export type DataSheet = 'households' | 'members' | 'vehicles';

/**
 * Data rows accepted per sheet: 20,000 households (a very large estate), and room for about four
 * members and two cars each.
 */
export const MAX_ROWS: Record<DataSheet, number> = { households: 20_000, members: 80_000, vehicles: 40_000 };
export const MAX_MEMBERS = 30;
export const MAX_VEHICLES = 20;
export const MAX_LIST_ITEMS = 30;

export const OCCUPANCY_LABELS: Record<(typeof OCCUPANCIES)[number], string> = {
  owner_occupied: '自住',
  rented: '出租',
  vacant: '空置',
  renovating: '装修中',
};
export const ROLE_LABELS: Record<(typeof MEMBER_ROLES)[number], string> = {
  owner: '业主',
  tenant: '租户',
  family: '家属',
};
export const AGE_BAND_LABELS: Record<(typeof AGE_BANDS)[number], string> = {
  under14: '14岁以下',
  '14to17': '14-17岁',
  '18to39': '18-39岁',
  '40to59': '40-59岁',
  '60to79': '60-79岁',
  '80plus': '80岁及以上',
};
export const CARE_FLAG_LABELS: Record<(typeof CARE_FLAGS)[number], string> = {
  elderly_alone: '独居老人',
  elderly: '高龄老人',
  woman_alone: '独居女性',
  disabled: '残障',
  small_children: '有幼儿',
  pregnancy: '孕期',
  special_appliance: '特殊电器',
};
export const CHANNEL_LABELS: Record<(typeof CONTACT_CHANNELS)[number], string> = {
  phone: '电话',
  sms: '短信',
  wechat: '微信',
  visit: '上门',
  portal: '业主端',
  email: '邮件',
};
export const YES = '是';
export const NO = '否';

/** Other spellings staff type for the same value (normalized: no spaces, lower case). */
const ALIASES: Record<string, string> = {
  出租中: '出租',
  租住: '出租',
  闲置: '空置',
  装修: '装修中',
  户主: '业主',
  房东: '业主',
  租客: '租户',
  家庭成员: '家属',
  '80岁以上': '80岁及以上',
  '80+': '80岁及以上',
  '14岁以下儿童': '14岁以下',
  高龄: '高龄老人',
  独居: '独居老人',
  残疾: '残障',
  残疾人: '残障',
  幼儿: '有幼儿',
  孕妇: '孕期',
  app: '业主端',
  小程序: '业主端',
  电子邮件: '邮件',
  邮箱: '邮件',
  手机: '电话',
};

function norm(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[—–－~～至到]/g, '-')
    .toLowerCase();
}

/** Label → code for a vocabulary; accepts the label, an alias, or the English code. */
export function parseChoice<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const t = norm(text);
  // 岁 is often left out: 60-79 means 60-79岁.
  const wanted = norm(ALIASES[t] ?? t).replace(/岁/g, '');
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    if (norm(label).replace(/岁/g, '') === wanted || code.toLowerCase() === t) return code;
  }
  return undefined;
}

/** 是/否 (also Y/N, 1/0, √, true/false); undefined when it is neither. */
export function parseYesNo(text: string): boolean | undefined {
  const t = norm(text);
  if (['是', 'y', 'yes', '1', 'true', '√', '✓', '对'].includes(t)) return true;
  if (['否', 'n', 'no', '0', 'false', '×', '✗', '不是', '不'].includes(t)) return false;
  return undefined;
}

/** Splits a list cell on 、 , ， ; ； and line breaks; trims and drops empty and repeated items. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、,，;；\n\r]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export interface ColumnDef {
  key: string;
  header: string;
  /** Other headers staff type for this column (case is ignored): 电子邮箱, E-mail. */
  aliases?: readonly string[];
  width: number;
  /** The value may not be blank (and the column must be present). */
  required?: boolean;
  /** One value from this list: offered as a dropdown in the template. */
  options?: readonly string[];
  /** Stored as text in the template so Excel does not turn 13812345678 or 3-2 into numbers or dates. */
  text?: boolean;
  date?: boolean;
  /** The 说明 sheet's explanation. */
  help: string;
}

const list = (labels: Record<string, string>) => Object.values(labels);

export const HOUSEHOLD_COLUMNS: ColumnDef[] = [
  {
    key: 'room',
    header: '房号',
    width: 14,
    required: true,
    text: true,
    help: '楼栋-单元-房号，如 3-2-501；也可写 3栋2单元501、3号楼2单元501室。须是本小区已有的房屋（新接管的小区可在导入时勾选“自动创建楼栋、单元和房屋”），同一房号只能出现一次。',
  },
  {
    key: 'occupancy',
    header: '居住状态',
    width: 12,
    required: true,
    options: list(OCCUPANCY_LABELS),
    help: `必填，只能是 ${list(OCCUPANCY_LABELS).join('/')}（可从下拉框选择）。`,
  },
  {
    key: 'moveInDate',
    header: '入住日期',
    width: 13,
    date: true,
    help: '可不填。写成 2020-05-01，或直接填 Excel 日期。',
  },
  {
    key: 'familyStructure',
    header: '家庭结构',
    width: 14,
    help: '可不填，如 三代同堂、夫妻二人、独居，最多60字。',
  },
  {
    key: 'careFlags',
    header: '关怀标记',
    width: 20,
    help: `可不填；可填多个，用“、”或逗号分隔。可选：${list(CARE_FLAG_LABELS).join('、')}。`,
  },
  {
    key: 'hobbies',
    header: '爱好',
    width: 18,
    help: '可不填；多个用“、”或逗号分隔，每项最多20字，最多30项。',
  },
  { key: 'skills', header: '特长', width: 18, help: '可不填；写法同“爱好”，如 会修电器、懂急救。' },
  {
    key: 'tags',
    header: '标签',
    width: 18,
    help: '可不填；写法同“爱好”，如 楼长、志愿者。可用标签搜索家庭。',
  },
  {
    key: 'preferredChannel',
    header: '联系方式偏好',
    width: 13,
    options: list(CHANNEL_LABELS),
    help: `可不填；只能是 ${list(CHANNEL_LABELS).join('/')} 之一（业主端 = 业主手机端/小程序）。`,
  },
  {
    key: 'preferredHours',
    header: '联系时段',
    width: 14,
    help: '可不填，如 工作日晚上、周末上午，最多40字。',
  },
  { key: 'notes', header: '备注', width: 30, help: '可不填，最多2000字。请勿填写病情、身份证号等敏感信息。' },
];

export const MEMBER_COLUMNS: ColumnDef[] = [
  {
    key: 'room',
    header: '房号',
    width: 14,
    required: true,
    text: true,
    help: '该成员所属家庭的房号，须在「家庭档案」表中出现。',
  },
  { key: 'name', header: '姓名', width: 12, required: true, help: '必填，最多40字。' },
  { key: 'relation', header: '关系', width: 10, help: '可不填，与户主的关系，如 本人、配偶、子女、父母。' },
  {
    key: 'role',
    header: '身份',
    width: 10,
    required: true,
    options: list(ROLE_LABELS),
    help: `必填，只能是 ${list(ROLE_LABELS).join('/')}。`,
  },
  {
    key: 'phone',
    header: '手机',
    width: 15,
    text: true,
    help: '可不填；11位手机号，座机写成 010-12345678。导出文件中的打码号码（如 138****5678）导入时保留系统中原号码。',
  },
  {
    key: 'email',
    header: '邮箱',
    aliases: ['电子邮件', '电子邮箱', 'Email', 'E-mail'],
    width: 26,
    text: true,
    help: '可不填；如 zhangsan@example.com；导出文件中的打码地址（如 z***@example.com）导入时保留系统中原地址。',
  },
  {
    key: 'ageBand',
    header: '年龄段',
    width: 12,
    options: list(AGE_BAND_LABELS),
    help: `可不填；只能是 ${list(AGE_BAND_LABELS).join('/')}。14岁以下未成年人的信息须取得监护人同意，不能通过表格导入，请在系统中登记。`,
  },
  {
    key: 'primary',
    header: '主联系人',
    width: 10,
    options: [YES, NO],
    help: '是/否，每户最多一位；都不填时，第一位业主（没有业主则第一位成员）为主联系人。',
  },
];

export const VEHICLE_COLUMNS: ColumnDef[] = [
  {
    key: 'room',
    header: '房号',
    width: 14,
    required: true,
    text: true,
    help: '车辆所属家庭的房号，须在「家庭档案」表中出现。',
  },
  {
    key: 'plate',
    header: '车牌',
    width: 14,
    required: true,
    help: '如 京A12345，新能源车如 京AD12345；同一车牌在本小区只能登记一次。',
  },
  {
    key: 'reminder',
    header: '限行提醒',
    width: 10,
    options: [YES, NO],
    help: '是/否，不填为否。填“是”时，限行日前会提醒车主。',
  },
];

export const COLUMNS: Record<DataSheet, ColumnDef[]> = {
  households: HOUSEHOLD_COLUMNS,
  members: MEMBER_COLUMNS,
  vehicles: VEHICLE_COLUMNS,
};

/**
 * The template's example rows. An example row left exactly as it is gets skipped by the
 * importer, so a staff member who forgets to delete it does not import a fictitious family.
 */
export const EXAMPLES: Record<DataSheet, Record<string, string>[]> = {
  households: [
    {
      room: '3-2-501',
      occupancy: '自住',
      moveInDate: '2019-06-01',
      familyStructure: '三代同堂',
      careFlags: '高龄老人',
      hobbies: '太极拳、书法',
      skills: '会修电器',
      tags: '楼长',
      preferredChannel: '电话',
      preferredHours: '工作日晚上',
      notes: '示例行：不修改时导入会自动跳过',
    },
  ],
  members: [
    {
      room: '3-2-501',
      name: '张建国',
      relation: '本人',
      role: '业主',
      phone: '13800001234',
      email: 'zhangjianguo@example.com',
      ageBand: '60-79岁',
      primary: YES,
    },
    {
      room: '3-2-501',
      name: '李秀英',
      relation: '配偶',
      role: '家属',
      phone: '13900005678',
      ageBand: '60-79岁',
      primary: NO,
    },
  ],
  vehicles: [{ room: '3-2-501', plate: '京A12345', reminder: YES }],
};

/** Header text as typed: ignores spaces, a trailing * and a note in brackets (房号*, 手机（选填）). */
export function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊]/g, '');
}

/** Whether a (normalized) header names this column: its header or one of its aliases. */
export function isHeaderOf(def: ColumnDef, header: string): boolean {
  const h = header.toLowerCase();
  return def.header === header || !!def.aliases?.some((a) => a.toLowerCase() === h);
}

/** The general rules shown at the top of the 说明 sheet. */
export const GENERAL_HELP: string[] = [
  '本文件有三张表：「家庭档案」每户一行；「家庭成员」每位成员一行；「车辆」每辆车一行。三张表用“房号”对应起来。',
  '第1行是表头，请勿修改表头文字；列的先后顺序可以调整，多余的列会被忽略。各表第2行起为示例，未修改的示例行导入时自动跳过，也可直接删除。',
  '房号已有家庭档案的，导入时更新该档案：表中填写的各列覆盖原内容（留空即清空）；该户的家庭成员、车辆替换为本文件中的（文件中没有列出的成员、车辆会被删除）。',
  '如果删掉了「家庭成员」或「车辆」整张表，或删掉了「家庭档案」中的某一列，原有档案的对应内容保持不变。',
  `每个文件最多 ${MAX_ROWS.households.toLocaleString('en-US')} 户（「家庭成员」最多 ${MAX_ROWS.members.toLocaleString('en-US')} 行、「车辆」最多 ${MAX_ROWS.vehicles.toLocaleString('en-US')} 行），文件不超过 10 MB；更多请分批导入。每户最多 ${MAX_MEMBERS} 位成员、${MAX_VEHICLES} 辆车。`,
  '导入方式：“全部成功才导入”——任何一行有错都不导入，先改正再导入；“只导入正确的”——有错的户（含其成员、车辆行）跳过，其余导入。导入前可先“试导入”检查错误，不会写入数据。',
  '14岁以下未成年人信息须取得监护人同意，不能通过表格导入，请在系统中登记；从系统导出的未成年人（姓名已打码）导入时原样保留。',
  '导出的文件中手机号和邮箱已打码（如 138****5678、z***@example.com），可直接修改后再导入：打码的号码和邮箱会保留系统中的原号码和原地址。',
];

/** Full-width digits and letters (１３８, ＡＢ) as typed by Chinese input methods → ASCII. */
export function halfWidth(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ－＋（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** 2020-05-01, 2020/5/1, 2020.5.1, 2020年5月1日, 20200501 → 2020-05-01; undefined when not a real date. */
export function parseDate(text: string): string | undefined {
  const s = halfWidth(text).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A masked phone as exported (138****5678). */
export const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;

/**
 * A mobile (11 digits; spaces, dashes and a +86 prefix are dropped) or a landline such as
 * 010-12345678; undefined when it is neither (the contract's phone rule).
 */
export function parsePhone(text: string): string | undefined {
  let s = halfWidth(text).replace(/[\s()]/g, '');
  if (/^(\+?86)1[\d-]{10,12}$/.test(s)) s = s.replace(/^\+?86/, '');
  if (/^1[\d-]+$/.test(s)) s = s.replace(/-/g, '');
  return /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(s) ? s : undefined;
}

/** A masked e-mail address as exported (z***@example.com); compared lower-cased. */
export const MASKED_EMAIL = /^[^\s@*]\*{3}@[^\s@]+$/;

/** The contract's rule for a member's address: trimmed, lower-cased, at most 254 characters, valid. */
const EMAIL_RULE = MemberInput.shape.email;

/**
 * An e-mail address as typed (full-width ＠ and letters of Chinese input methods are turned into
 * ASCII), lower-cased; undefined when it is not one (the contract's rule).
 */
export function parseEmail(text: string): string | undefined {
  const s = text.normalize('NFKC').trim();
  const r = s ? EMAIL_RULE.safeParse(s) : undefined;
  return r?.success && r.data ? r.data : undefined;
}

/** 京A 12345, 京a·12345 → 京A12345; undefined unless it is a plate (the contract's rule). */
export function parsePlate(text: string): string | undefined {
  const s = halfWidth(text)
    .replace(/[\s·•.\-_]/g, '')
    .toUpperCase();
  return /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/.test(s) ? s : undefined;
}
