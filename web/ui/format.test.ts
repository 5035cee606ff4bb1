import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, setDisplayTimeZone } from './format';

describe('formatDateTime', () => {
  afterEach(() => setDisplayTimeZone(undefined));

  it("shows an instant in the estate's time zone, whatever the browser's", () => {
    setDisplayTimeZone('Asia/Shanghai');
    expect(formatDateTime('2026-11-27T15:59:00.000Z')).toBe('2026-11-27 23:59');
    expect(formatDate('2026-11-27T16:30:00.000Z')).toBe('2026-11-28');
    expect(formatDateTime('2026-11-27T15:59:00.000Z', 'Europe/London')).toBe('2026-11-27 15:59');
  });

  it('leaves calendar dates alone and shows a dash for nothing', () => {
    setDisplayTimeZone('Asia/Shanghai');
    expect(formatDate('2026-03-05')).toBe('2026-03-05');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
  });
});
