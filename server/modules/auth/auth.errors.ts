import { defineErrors } from '../../lib/errors.js';

export const AuthErrors = defineErrors({
  INVALID_CREDENTIALS: {
    status: 401,
    message: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  },
  ACCOUNT_LOCKED: {
    status: 423,
    message: {
      'zh-CN': '登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
      en: 'Too many failed attempts; the account is locked for {minutes} more minute(s)',
    },
  },
  LOGIN_THROTTLED: {
    status: 429,
    message: { 'zh-CN': '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' },
  },
  WEAK_PASSWORD: {
    status: 400,
    message: { 'zh-CN': '密码不符合要求：{reasons}', en: 'The password does not meet the rules: {reasons}' },
  },
  ACCOUNT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该账号', en: 'Account not found' },
  },
  USERNAME_TAKEN: {
    status: 409,
    message: { 'zh-CN': '用户名或手机号已被使用', en: 'The username or phone is already in use' },
  },
  LOGIN_NAME_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '请填写用户名或手机号（至少一项）',
      en: 'Give a username or a phone number (at least one)',
    },
  },
  CANNOT_DISABLE_SELF: {
    status: 422,
    message: { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  },
});

export const PASSWORD_REASON = {
  PASSWORD_TOO_SHORT: { 'zh-CN': '至少10个字符', en: 'at least 10 characters' },
  PASSWORD_TOO_LONG: { 'zh-CN': '不超过128个字符', en: 'at most 128 characters' },
  PASSWORD_TOO_COMMON: { 'zh-CN': '过于常见', en: 'too common' },
  PASSWORD_CONTAINS_USERNAME: { 'zh-CN': '不能包含用户名', en: 'must not contain the username' },
} as const;
