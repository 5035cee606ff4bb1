import { describe, expect, it } from 'vitest';
import { complianceColor, monthKeyOf, percent, shiftPeriod, weekKeyOf } from './agendaText';

describe('agenda periods', () => {
  it('names ISO weeks', () => {
    expect(weekKeyOf(new Date(2026, 10, 27))).toBe('2026-W48');
    expect(weekKeyOf(new Date(2026, 0, 1))).toBe('2026-W01');
    expect(weekKeyOf(new Date(2027, 0, 1))).toBe('2026-W53');
    expect(weekKeyOf(new Date(2024, 11, 30))).toBe('2025-W01');
  });

  it('steps months and weeks', () => {
    expect(monthKeyOf(new Date(2026, 10, 27))).toBe('2026-11');
    expect(shiftPeriod('2026-11', 1)).toBe('2026-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-W48', 1)).toBe('2026-W49');
    expect(shiftPeriod('2026-W53', 1)).toBe('2027-W01');
    expect(shiftPeriod('2026-W01', -1)).toBe('2025-W52');
  });

  it('colours compliance and clamps percents', () => {
    expect(complianceColor(null)).toBe('#bfbfbf');
    expect(complianceColor(1)).toBe('#52c41a');
    expect(complianceColor(0.2)).toBe('#ff4d4f');
    expect(percent(1, 2)).toBe(50);
    expect(percent(3, 2)).toBe(100);
    expect(percent(0, 0)).toBe(0);
  });
});
