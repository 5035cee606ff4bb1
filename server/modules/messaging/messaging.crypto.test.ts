import { describe, expect, it } from 'vitest';
import { localDate, startOfLocalDay } from '../../lib/dates.js';
import { createSecretBox } from './messaging.crypto.js';
import { outsideWindow } from './messaging.time.js';

describe('provider secrets (AES-256-GCM)', () => {
  const box = createSecretBox('operator-secret-0123456789');

  it('round-trips and never stores the plain text', () => {
    const sealed = box.seal('{"accessKeySecret":"s3cret"}', 'e1:sms_aliyun');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('s3cret');
    expect(box.open(sealed, 'e1:sms_aliyun')).toBe('{"accessKeySecret":"s3cret"}');
  });

  it('refuses a ciphertext moved to another row, tampered with, or opened with another key', () => {
    const sealed = box.seal('x', 'e1:sms_aliyun');
    expect(() => box.open(sealed, 'e2:sms_aliyun')).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('y').toString('base64url');
    expect(() => box.open(parts.join(':'), 'e1:sms_aliyun')).toThrow();
    expect(() => createSecretBox('another-operator-secret').open(sealed, 'e1:sms_aliyun')).toThrow();
  });

  it('requires GUANJIA_SECRET_KEY', () => {
    expect(() => createSecretBox(undefined)).toThrow(/GUANJIA_SECRET_KEY/);
    expect(() => createSecretBox('short')).toThrow(/GUANJIA_SECRET_KEY/);
  });
});

describe('sending window in the estate time zone', () => {
  const tz = 'Asia/Shanghai';
  it('opens at 08:00 and closes at 21:00 Beijing time', () => {
    expect(outsideWindow(new Date('2026-11-27T00:00:00Z'), tz, 8, 21)).toBeUndefined(); // 08:00
    expect(outsideWindow(new Date('2026-11-27T12:59:00Z'), tz, 8, 21)).toBeUndefined(); // 20:59
    expect(outsideWindow(new Date('2026-11-27T13:00:00Z'), tz, 8, 21)?.toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
    // 02:00 Beijing on the 28th is still 27th in UTC: the window opens the same local morning.
    expect(outsideWindow(new Date('2026-11-27T18:00:00Z'), tz, 8, 21)?.toISOString()).toBe(
      '2026-11-28T00:00:00.000Z',
    );
  });
  it('starts the local day at Beijing midnight', () => {
    expect(startOfLocalDay(localDate(new Date('2026-11-27T17:00:00Z'), tz), tz).toISOString()).toBe(
      '2026-11-27T16:00:00.000Z',
    );
  });
});
