import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  nowInZone,
  pickedInstant,
  setDisplayTimeZone,
  todayIn,
  zonedIso,
} from './format';

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

describe('dates in the estate’s time zone', () => {
  afterEach(() => setDisplayTimeZone(undefined));

  it('the local date of an instant, and date arithmetic', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(todayIn('Europe/London', new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-27');
    expect(addDays('2026-11-30', 2)).toBe('2026-12-02');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it('a wall-clock time picked in the estate means that time there, whatever the browser’s zone', () => {
    expect(zonedIso('2026-12-01', '09:00', 'Asia/Shanghai')).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedIso('2026-07-01', '09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
    setDisplayTimeZone('Asia/Shanghai');
    const picked = nowInZone().hour(14).minute(30);
    const iso = pickedInstant(picked);
    expect(formatDateTime(iso)).toBe(`${picked.format('YYYY-MM-DD')} 14:30`);
    // "Now" as the estate's clock reads it: formatting it back gives the estate's current minute.
    const now = nowInZone();
    expect(formatDateTime(pickedInstant(now))).toBe(now.format('YYYY-MM-DD HH:mm'));
  });
});
