import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP ASVS 11.4.2 parameters: m = 19 MiB, t = 2, p = 1.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id (the PHC string records the parameters). */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

/** Verifies a password; false for a malformed hash rather than an exception. */
export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

// A few of the most common passwords (the top of public breach lists) that are refused outright.
const COMMON = new Set([
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'password123',
  'password1234',
  '1qaz2wsx3edc',
  'a123456789',
  'woaini1314',
  'iloveyou123',
  'abc1234567',
  'qwerty12345',
  'aa12345678',
  '0123456789',
  '9876543210',
  'admin12345',
  'admin123456',
  'guanjia123',
  'guanjia1234',
  'p@ssw0rd123',
  'passw0rd123',
  '1111111111',
  '0000000000',
  '88888888888',
  '66666666666',
  '123123123123',
  'zxcvbnm123',
  'asdfghjkl123',
]);

/** Password rule problems (ASVS 6.2): returns reason codes, empty when the password is acceptable. */
export function passwordProblems(plain: string, username?: string | null): string[] {
  const problems: string[] = [];
  if ([...plain].length < 10) problems.push('PASSWORD_TOO_SHORT');
  if ([...plain].length > 128) problems.push('PASSWORD_TOO_LONG');
  if (COMMON.has(plain.toLowerCase())) problems.push('PASSWORD_TOO_COMMON');
  if (/^(.)\1+$/.test(plain)) problems.push('PASSWORD_TOO_COMMON');
  if (username && plain.toLowerCase().includes(username.toLowerCase()))
    problems.push('PASSWORD_CONTAINS_USERNAME');
  return [...new Set(problems)];
}
