import { describe, expect, it } from 'vitest';
import { isValidDate, nextPeriodStart, periodRange, periodStart, targetFor } from './plan.periods.js';

describe('periods', () => {
  it.each([
    ['week', '2026-11-27', '2026-11-23', '2026-11-30'], // Friday → Monday
    ['week', '2026-11-23', '2026-11-23', '2026-11-30'], // a Monday is its own start
    ['week', '2026-11-29', '2026-11-23', '2026-11-30'], // Sunday ends the week
    ['week', '2026-12-31', '2026-12-28', '2027-01-04'], // across the year end
    ['month', '2026-11-27', '2026-11-01', '2026-12-01'],
    ['month', '2026-12-31', '2026-12-01', '2027-01-01'],
    ['quarter', '2026-11-27', '2026-10-01', '2027-01-01'],
    ['quarter', '2026-03-31', '2026-01-01', '2026-04-01'],
    ['half_year', '2026-11-27', '2026-07-01', '2027-01-01'],
    ['half_year', '2026-06-30', '2026-01-01', '2026-07-01'],
    ['year', '2026-11-27', '2026-01-01', '2027-01-01'],
  ] as const)('%s of %s starts %s, the next %s', (period, date, start, next) => {
    expect(periodStart(period, date)).toBe(start);
    expect(nextPeriodStart(period, date)).toBe(next);
    expect(periodRange(period, date)).toEqual({ start, end: next });
  });

  it('knows real dates', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('26-1-1')).toBe(false);
  });
});

describe('targetFor', () => {
  const c = {
    targets: [
      { effectiveFrom: '2026-11-30', target: 3 },
      { effectiveFrom: '2000-01-01', target: 2 },
      { effectiveFrom: '2027-01-04', target: 4 },
    ],
  };

  it('gives each period the version in effect on its first day', () => {
    expect(targetFor(c, '2026-11-23')).toBe(2);
    expect(targetFor(c, '2026-11-30')).toBe(3);
    expect(targetFor(c, '2026-12-28')).toBe(3);
    expect(targetFor(c, '2027-01-04')).toBe(4);
    expect(targetFor(c, '2030-01-07')).toBe(4);
  });

  it('has no target before the first version', () => {
    expect(targetFor(c, '1999-12-27')).toBeNull();
    expect(targetFor({ targets: [] }, '2026-11-23')).toBeNull();
  });
});
