import { fill, type Lang, type Localized } from './i18n.js';

/** What an error code means: its HTTP status and its message in both languages. */
export interface ErrorSpec {
  status: number;
  message: Localized;
}

/**
 * A domain error carrying a code from a module's errors file. Services throw it; the error
 * handler turns it into `{"error": {code, message, details}}` in the request's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly spec: ErrorSpec,
    readonly params?: Record<string, unknown>,
    readonly details?: unknown,
  ) {
    super(`${code}: ${fill(spec.message.en, params)}`);
  }

  /** Set when this error is an authorization denial: the error handler records it in the audit log. */
  denied = false;

  /** Marks the error as a denial (recorded as access.denied) without changing what the client sees. */
  asDenial(): this {
    this.denied = true;
    return this;
  }

  get status(): number {
    return this.spec.status;
  }

  messageIn(lang: Lang): string {
    return fill(this.spec.message[lang], this.params);
  }
}

/** Builds a typed error factory from a table of codes, e.g. `HouseholdErrors.notFound()`. */
export function defineErrors<K extends string>(table: Record<K, ErrorSpec>) {
  return {
    table,
    make(code: K, params?: Record<string, unknown>, details?: unknown): AppError {
      return new AppError(code, table[code], params, details);
    },
  };
}

/** Errors shared by every module. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    message: { 'zh-CN': '输入有误：{summary}', en: 'Invalid input: {summary}' },
  },
  UNAUTHENTICATED: {
    status: 401,
    message: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  },
  FORBIDDEN: {
    status: 403,
    message: { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do this' },
  },
  NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该记录', en: 'Not found' },
  },
  VERSION_CONFLICT: {
    status: 412,
    message: {
      'zh-CN': '该记录已被他人修改，请刷新后重试（当前版本 {current}）',
      en: 'Someone else changed this record; reload and try again (current version {current})',
    },
  },
  VERSION_REQUIRED: {
    status: 428,
    message: {
      'zh-CN': '修改时必须提供版本号（If-Match 或 version）',
      en: 'An update must say which version it changes (If-Match or version)',
    },
  },
  CONFLICT: {
    status: 409,
    message: { 'zh-CN': '与现有记录冲突：{what}', en: 'Conflicts with an existing record: {what}' },
  },
  ORIGIN_REJECTED: {
    status: 403,
    message: { 'zh-CN': '请求来源不被允许', en: 'Request origin not allowed' },
  },
  RATE_LIMITED: {
    status: 429,
    message: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  },
  INTERNAL: {
    status: 500,
    message: { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
  },
});
