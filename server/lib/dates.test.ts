import { describe, expect, it } from 'vitest';
import { addDays, startOfLocalDay, zonedInstant } from './dates.js';

describe('addDays', () => {
  it('adds days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-27', 30)).toBe('2026-12-27');
  });

  it('crosses month and year ends both ways', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-01', -29)).toBe('2026-01-31');
    expect(addDays('2026-11-27', 0)).toBe('2026-11-27');
    expect(addDays('2026-11-27', -365)).toBe('2025-11-27');
  });

  it('is not moved by a DST change (plain calendar dates)', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
  });

  it('refuses what is not a YYYY-MM-DD date', () => {
    expect(() => addDays('26-1-1', 1)).toThrow(/not a date/);
  });
});

describe('startOfLocalDay', () => {
  it('gives midnight in the estate time zone', () => {
    expect(startOfLocalDay('2026-11-01', 'Asia/Shanghai').toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'UTC').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    // Across a DST change (New York falls back on 2026-11-01).
    expect(startOfLocalDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('defaults to Beijing time', () => {
    expect(startOfLocalDay('2026-11-27').toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('settles both sides of the spring DST change (New York springs forward on 2026-03-08)', () => {
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});

describe('zonedInstant', () => {
  it('gives the instant of a local hour', () => {
    expect(zonedInstant('2026-11-27', 9, 'Asia/Shanghai').toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(zonedInstant('2026-11-27', 0, 'Asia/Shanghai').toISOString()).toBe('2026-11-26T16:00:00.000Z');
    expect(zonedInstant('2026-11-27', 9, 'UTC').toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('follows the DST offset in force at that local time', () => {
    const ny = 'America/New_York';
    expect(zonedInstant('2026-01-15', 9, ny).toISOString()).toBe('2026-01-15T14:00:00.000Z'); // EST
    expect(zonedInstant('2026-07-15', 9, ny).toISOString()).toBe('2026-07-15T13:00:00.000Z'); // EDT
    // Spring forward at 02:00 on 2026-03-08: 01:00 is still EST, 03:00 already EDT.
    expect(zonedInstant('2026-03-08', 1, ny).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(zonedInstant('2026-03-08', 3, ny).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // Fall back at 02:00 on 2026-11-01: 08:00 the day before is EDT, 08:00 that day EST.
    expect(zonedInstant('2026-10-31', 8, ny).toISOString()).toBe('2026-10-31T12:00:00.000Z');
    expect(zonedInstant('2026-11-01', 8, ny).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });
});
