import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { DemandCell } from '../../../api/followup';
import {
  fieldErrorsOf,
  formatInZone,
  formatShortInZone,
  heatColor,
  heatRows,
  hourRange,
  lowestScore,
  needsReply,
  timeLeft,
  underCoveredRuns,
} from './followupText';

// A stand-in for i18next that shows which key and values were used.
const t = ((key: string, o?: Record<string, unknown>) =>
  o
    ? `${key}(${Object.entries(o)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')})`
    : key) as unknown as TFunction;

const cell = (weekday: number, hour: number, over: Partial<DemandCell> = {}): DemandCell => ({
  weekday,
  hour,
  requests: 0,
  avgPerWeek: 0,
  onDuty: 1,
  suggested: 1,
  underCovered: false,
  ...over,
});

describe('times in the estate time zone', () => {
  it('shows UTC instants in Shanghai time, not the browser’s', () => {
    expect(formatInZone('2026-11-27T17:30:00Z', 'Asia/Shanghai')).toBe('2026-11-28 01:30');
    expect(formatInZone('2026-11-27T17:30:00Z', 'Europe/London')).toBe('2026-11-27 17:30');
    expect(formatInZone(null)).toBe('—');
    expect(formatInZone('not a date')).toBe('not a date');
  });

  it('falls back to Shanghai for an unknown zone and drops the current year in short form', () => {
    expect(formatInZone('2026-11-27T17:30:00Z', 'Mars/Base')).toBe('2026-11-28 01:30');
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(formatShortInZone('2026-11-27T17:30:00Z', 'Asia/Shanghai', now)).toBe('11-28 01:30');
    expect(formatShortInZone('2025-11-27T17:30:00Z', 'Asia/Shanghai', now)).toBe('2025-11-28 01:30');
  });
});

describe('time left before a deadline', () => {
  const now = Date.parse('2026-11-27T02:00:00Z');
  it('counts minutes, then hours below two days, then days', () => {
    expect(timeLeft('2026-11-27T02:20:00Z', t, now)).toEqual({
      text: 'revisits.span.left(amount=revisits.span.minutes(count=20))',
      overdue: false,
    });
    expect(timeLeft('2026-11-28T20:00:00Z', t, now).text).toBe(
      'revisits.span.left(amount=revisits.span.hours(count=42))',
    );
    expect(timeLeft('2026-12-02T02:00:00Z', t, now).text).toBe(
      'revisits.span.left(amount=revisits.span.days(count=5))',
    );
  });
  it('says overdue once passed, never "0 minutes"', () => {
    expect(timeLeft('2026-11-26T23:00:00Z', t, now)).toEqual({
      text: 'revisits.span.overdue(amount=revisits.span.hours(count=3))',
      overdue: true,
    });
    expect(timeLeft('2026-11-27T02:00:10Z', t, now).text).toBe(
      'revisits.span.left(amount=revisits.span.minutes(count=1))',
    );
  });
});

describe('cards', () => {
  it('a comment is owed a reply until replied; the lowest score is what started the revisit', () => {
    expect(needsReply({ status: 'submitted', comment: '来晚了', repliedAt: null })).toBe(true);
    expect(needsReply({ status: 'submitted', comment: '来晚了', repliedAt: '2026-11-27T02:00:00Z' })).toBe(
      false,
    );
    expect(needsReply({ status: 'submitted', comment: null, repliedAt: null })).toBe(false);
    expect(lowestScore({ scores: { punctuality: 4, attitude: 5, skill: 4, tidiness: 2, overall: 3 } })).toBe(
      2,
    );
    expect(lowestScore({ scores: null })).toBeNull();
  });
});

describe('server refusals on form fields', () => {
  it('a 422 naming the missing analysis puts its message on those fields only', () => {
    const r = fieldErrorsOf(
      {
        status: 422,
        message: '低分回访须先写明…',
        details: { fields: ['analysis', 'adjustment'], minLength: 10 },
      },
      ['analysis', 'adjustment', 'outcome'] as const,
    );
    expect(r).toEqual({
      fields: [
        { name: 'analysis', errors: ['低分回访须先写明…'] },
        { name: 'adjustment', errors: ['低分回访须先写明…'] },
      ],
      rest: null,
    });
  });
  it('a 400 puts each issue on its path; an error about no form field stays general', () => {
    expect(
      fieldErrorsOf({ status: 400, message: 'invalid', issues: [{ path: ['outcome'], message: '太短' }] }, [
        'outcome',
      ] as const).fields,
    ).toEqual([{ name: 'outcome', errors: ['太短'] }]);
    expect(
      fieldErrorsOf({ status: 409, message: '已完成', details: { field: 'x' } }, ['outcome'] as const),
    ).toEqual({ fields: [], rest: '已完成' });
  });
});

describe('heat map', () => {
  it('lays 168 cells out as 24 hour rows × 7 weekdays, Monday first', () => {
    const cells = [] as DemandCell[];
    for (let d = 1; d <= 7; d++)
      for (let h = 0; h < 24; h++) cells.push(cell(d, h, { requests: d * 100 + h }));
    const rows = heatRows(cells.reverse());
    expect(rows).toHaveLength(24);
    expect(rows[9]!.hour).toBe(9);
    expect(rows[9]!.cells.map((c) => c?.requests)).toEqual([109, 209, 309, 409, 509, 609, 709]);
    expect(heatRows([]).every((r) => r.cells.every((c) => c === null))).toBe(true);
  });

  it('colours by share of the busiest slot, red when under-covered, nothing when empty', () => {
    expect(heatColor(0, 4, false)).toBe('transparent');
    expect(heatColor(4, 4, false)).toBe('rgba(22, 119, 255, 0.9)');
    expect(heatColor(2, 4, true)).toBe('rgba(245, 34, 45, 0.49)');
    expect(heatColor(9, 4, false)).toBe('rgba(22, 119, 255, 0.9)');
  });

  it('merges consecutive under-covered hours of a weekday, busiest first', () => {
    const runs = underCoveredRuns([
      cell(6, 9, { underCovered: true, avgPerWeek: 2, suggested: 2, onDuty: 1 }),
      cell(6, 10, { underCovered: true, avgPerWeek: 3, suggested: 3, onDuty: 0.5 }),
      cell(6, 11, { underCovered: false, avgPerWeek: 1 }),
      cell(1, 23, { underCovered: true, avgPerWeek: 1, suggested: 1, onDuty: 0 }),
      cell(2, 0, { underCovered: true, avgPerWeek: 1, suggested: 1, onDuty: 0 }),
    ]);
    expect(runs).toEqual([
      { weekday: 6, from: 9, to: 11, avgPerWeek: 5, suggested: 3, onDuty: 0.5 },
      { weekday: 1, from: 23, to: 24, avgPerWeek: 1, suggested: 1, onDuty: 0 },
      { weekday: 2, from: 0, to: 1, avgPerWeek: 1, suggested: 1, onDuty: 0 },
    ]);
    expect(hourRange(9, 11)).toBe('09:00–11:00');
    expect(hourRange(23)).toBe('23:00–24:00');
  });
});
