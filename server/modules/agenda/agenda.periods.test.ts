import { describe, expect, it } from 'vitest';
import { isoWeek, parseBoardPeriod, periodKey, periodsWithin, weeksEnding } from './agenda.periods.js';

describe('agenda periods', () => {
  it('names periods by ISO week, month, quarter and half-year', () => {
    expect(periodKey('week', '2026-11-27')).toBe('2026-W48');
    expect(periodKey('week', '2027-01-01')).toBe('2026-W53'); // Friday of the last ISO week of 2026
    expect(periodKey('month', '2026-11-27')).toBe('2026-11');
    expect(periodKey('quarter', '2026-11-27')).toBe('2026-Q4');
    expect(periodKey('half_year', '2026-06-30')).toBe('2026-H1');
    expect(periodKey('half_year', '2026-07-01')).toBe('2026-H2');
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('parses board periods and refuses ones that do not exist', () => {
    expect(parseBoardPeriod('2026-W48')).toEqual({ key: '2026-W48', start: '2026-11-23', end: '2026-11-30' });
    expect(parseBoardPeriod('2026-02')).toEqual({ key: '2026-02', start: '2026-02-01', end: '2026-03-01' });
    expect(parseBoardPeriod('2026-W53')?.start).toBe('2026-12-28');
    for (const bad of ['2026-13', '2025-W53', '2026-W00']) expect(parseBoardPeriod(bad)).toBeNull();
  });

  it('lists the weeks a month covers, and the half-year containing a month', () => {
    const oct = parseBoardPeriod('2026-10')!;
    expect(periodsWithin('week', oct).map((p) => p.start)).toEqual([
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
    ]);
    expect(periodsWithin('half_year', oct)).toEqual([
      { key: '2026-H2', start: '2026-07-01', end: '2027-01-01' },
    ]);
    const w = weeksEnding('2026-11-27', 12);
    expect(w).toHaveLength(12);
    expect(w[11]!.start).toBe('2026-11-23');
    expect(w[0]!.start).toBe('2026-09-07');
  });
});
