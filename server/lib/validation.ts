import type { Lang } from './i18n.js';

/** One problem with the input, named by its field path, in the request's language. */
export interface FieldIssue {
  path: (string | number)[];
  field: string;
  message: string;
}

// Chinese for the custom messages written in contract/ (which are in English so the OpenAPI stays readable).
const CUSTOM_ZH: Record<string, string> = {
  'must be an 11-digit mobile or a landline such as 010-12345678':
    '应为11位手机号或座机号（如 010-12345678）',
  '11-digit mobile number': '应为11位手机号',
  'must be an e-mail address such as name@example.com': '应为电子邮箱地址，如 name@example.com',
  'must be a plate such as 京A12345 or 京AD12345': '车牌格式应如 京A12345 或 京AD12345',
  '3–32 letters, digits, _ . -; starts with a letter': '用户名为3–32位字母、数字或 _ . -，以字母开头',
  'lowercase letters, digits and _, starting with a letter': '只能包含小写字母、数字和下划线，以字母开头',
  'lowercase letters, digits and -, starting with a letter': '只能包含小写字母、数字和连字符，以字母开头',
  'must be an IANA time zone such as Asia/Shanghai': '应为时区名称，如 Asia/Shanghai',
  'must be a date between 1901 and 2100': '日期应在1901年至2100年之间',
  'HH:MM': '时间格式应为 HH:MM',
  'the anchor must be a Monday': '轮换起点应为星期一',
  'YYYY-MM-DD': '日期格式应为 YYYY-MM-DD',
};

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true/false）',
  array: '列表',
  object: '对象',
  int: '整数',
};

interface RawIssue {
  code?: string;
  path?: (string | number)[];
  message?: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  values?: unknown[];
  format?: string;
}

function zh(issue: RawIssue): string {
  const msg = issue.message ?? '';
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(msg)) return '必填';
      return `应为${TYPE_ZH[issue.expected ?? ''] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字符`;
      if (issue.origin === 'array') return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字符`;
      if (issue.origin === 'array') return `不能超过 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_format':
      return CUSTOM_ZH[msg] ?? (issue.format === 'datetime' ? '时间格式应为 ISO-8601' : '格式不正确');
    case 'invalid_value':
      return `取值无效，可选：${(issue.values ?? []).map(String).join('、')}`;
    case 'unrecognized_keys':
      return `不允许的字段：${(issue.keys ?? []).join('、')}`;
    case 'not_multiple_of':
      return '应为整数';
    default:
      return CUSTOM_ZH[msg] ?? msg ?? '输入有误';
  }
}

function en(issue: RawIssue): string {
  const msg = issue.message ?? 'invalid';
  if (issue.code === 'invalid_type' && /received undefined/.test(msg)) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${(issue.keys ?? []).join(', ')}`;
  if (issue.code === 'invalid_value') return `must be one of: ${(issue.values ?? []).map(String).join(', ')}`;
  return msg;
}

/** Turns zod issues (raw or as wrapped by fastify-type-provider-zod) into field issues in a language. */
export function localizeIssues(issues: RawIssue[], lang: Lang, location?: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path ?? [];
    const named =
      [...(location && location !== 'body' ? [location] : []), ...path].join('.') || (location ?? 'body');
    return { path, field: named, message: lang === 'zh-CN' ? zh(issue) : en(issue) };
  });
}

/** One line naming every field and reason, e.g. "members.0.phone：应为11位手机号". */
export function summarize(issues: FieldIssue[], lang: Lang): string {
  const sep = lang === 'zh-CN' ? '：' : ': ';
  return issues
    .slice(0, 5)
    .map((i) => `${i.field}${sep}${i.message}`)
    .join(lang === 'zh-CN' ? '；' : '; ');
}
