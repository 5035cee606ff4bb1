import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates.js';
import { plateTailDigit } from '../households/index.js';
import { libraryDays } from './calendar.seed.js';
import { type DayEntry, dayKindOf } from './days.js';
import {
  type DayContext,
  DEFAULT_PLATE_RULES,
  digitsFor,
  isPlateRestricted,
  type PlateRuleModel,
  plateTail,
  restrictionFor,
} from './plate-rules.js';

const rule = (city: string): PlateRuleModel => DEFAULT_PLATE_RULES.find((r) => r.city === city)!;
const BEIJING = rule('beijing');

// The official 2026 schedule as the seed stores it (from chinese-days).
const official = new Map<string, DayEntry>(libraryDays().map((d) => [d.date, d]));
const ctx = (date: string): DayContext => {
  const e = official.get(date);
  return { dayKind: dayKindOf(date, e), holidayName: e?.name ?? null, holidayNameEn: null };
};
const WORKDAY: DayContext = { dayKind: 'workday' };

/** Mon–Fri of the week starting on `monday`, as "5/0" strings. */
const week = (r: PlateRuleModel, monday: string) =>
  [0, 1, 2, 3, 4].map((i) => digitsFor(r.mapping, addDays(monday, i))!.join('/'));

describe('Beijing rotation: every row of the reference table (integrations.md §1)', () => {
  // [period, Monday of its first week, Monday of its last week, Mon..Fri]
  const TABLE: [string, string, string, string[]][] = [
    ['2024-04-01 →', '2024-04-01', '2024-06-24', ['5/0', '1/6', '2/7', '3/8', '4/9']],
    ['2025-03-31 – 06-29', '2025-03-31', '2025-06-23', ['1/6', '2/7', '3/8', '4/9', '5/0']],
    ['2025-06-30 – 09-28', '2025-06-30', '2025-09-22', ['5/0', '1/6', '2/7', '3/8', '4/9']],
    ['2025-09-29 – 12-28', '2025-09-29', '2025-12-22', ['4/9', '5/0', '1/6', '2/7', '3/8']],
    ['2025-12-29 – 2026-03-29', '2025-12-29', '2026-03-23', ['3/8', '4/9', '5/0', '1/6', '2/7']],
    ['2026-03-30 – 06-28', '2026-03-30', '2026-06-22', ['2/7', '3/8', '4/9', '5/0', '1/6']],
  ];
  it.each(TABLE)('%s', (_period, first, last, expected) => {
    expect(week(BEIJING, first)).toEqual(expected);
    expect(week(BEIJING, last)).toEqual(expected);
  });

  it.each([
    ['2025-06-27', '5/0', '2025-06-30', '5/0', '2025-07-01', '1/6'],
    ['2025-12-26', '3/8', '2025-12-29', '3/8', '2025-12-30', '4/9'],
    ['2026-03-27', '2/7', '2026-03-30', '2/7', '2026-03-31', '3/8'],
  ])('period boundary: Fri %s %s → Mon %s %s, Tue %s %s', (fri, f, mon, m, tue, t) => {
    expect(digitsFor(BEIJING.mapping, fri)!.join('/')).toBe(f);
    expect(digitsFor(BEIJING.mapping, mon)!.join('/')).toBe(m);
    expect(digitsFor(BEIJING.mapping, tue)!.join('/')).toBe(t);
  });

  it.each([
    ['2025-06-24', '2/7'], // Tuesday before the 06-30 boundary
    ['2025-12-23', '5/0'],
    ['2026-03-24', '4/9'],
  ])('the Tuesday before a boundary, %s, still has the old pair %s', (date, d) => {
    expect(digitsFor(BEIJING.mapping, date)!.join('/')).toBe(d);
  });

  it.each([['2025-06-29'], ['2025-12-28'], ['2026-03-29']])(
    'the Sunday ending a period, %s, is not restricted (weekend)',
    (date) => {
      expect(digitsFor(BEIJING.mapping, date)).toBeNull();
      const r = restrictionFor(BEIJING, date, ctx(date));
      expect(r).toMatchObject({ restricted: false, digits: [], reason: 'weekend' });
      expect(r.reasonText).toEqual({ zh: '周末不限行', en: 'No restriction at weekends' });
    },
  );

  it('an ordinary workday: Friday 2026-11-27 restricts 4 and 9, 07:00–20:00 inside the 5th Ring', () => {
    const r = restrictionFor(BEIJING, '2026-11-27', ctx('2026-11-27'));
    expect(r).toMatchObject({ restricted: true, digits: [4, 9], reason: 'rule', weekday: 5 });
    expect(r.hoursText).toBe('07:00–20:00');
    expect(r.area).toContain('五环路以内');
    expect(r.reasonText.zh).toBe('今日限行尾号 4和9');
    expect(r.reasonText.en).toBe('Restricted tail numbers today: 4 and 9');
  });
});

describe('days without restriction', () => {
  it('a weekend: Saturday 2026-03-28', () => {
    expect(restrictionFor(BEIJING, '2026-03-28', ctx('2026-03-28')).reason).toBe('weekend');
  });

  it('a statutory holiday on a weekday: Thursday 2026-10-01 (国庆节)', () => {
    const r = restrictionFor(BEIJING, '2026-10-01', ctx('2026-10-01'));
    expect(r).toMatchObject({ restricted: false, reason: 'holiday', digits: [] });
    expect(r.reasonText.zh).toBe('国庆节假期，不限行');
    // Without the holiday it would be Thursday's pair.
    expect(restrictionFor(BEIJING, '2026-10-01', WORKDAY).restricted).toBe(true);
  });

  it.each([
    ['2026-01-04', 7], // Sunday worked for 元旦
    ['2026-02-14', 6], // Saturday worked for 春节
    ['2026-02-28', 6],
    ['2026-05-09', 6],
    ['2026-09-20', 7],
    ['2026-10-10', 6],
  ])('a make-up working weekend day, %s, is not restricted in Beijing', (date, weekday) => {
    expect(ctx(date).dayKind).toBe('makeup_workday');
    const r = restrictionFor(BEIJING, date, ctx(date));
    expect(r).toMatchObject({ restricted: false, reason: 'makeup_workday', weekday });
    expect(r.reasonText.zh).toContain('调休上班');
  });

  it('a rule whose make-up days are restricted uses its mapping for that weekday', () => {
    const strict: PlateRuleModel = {
      ...rule('chengdu'),
      makeupWorkday: 'restricted',
      mapping: { kind: 'fixed', byWeekday: { '1': [1, 6], '6': [3, 8] } },
    };
    expect(restrictionFor(strict, '2026-02-14', ctx('2026-02-14'))).toMatchObject({
      restricted: true,
      digits: [3, 8],
      reason: 'makeup_workday',
    });
    // A Sunday the mapping says nothing about stays free.
    expect(restrictionFor(strict, '2026-01-04', ctx('2026-01-04')).restricted).toBe(false);
  });

  it('before the rule is in force', () => {
    expect(restrictionFor(BEIJING, '2024-03-29', WORKDAY)).toMatchObject({
      restricted: false,
      reason: 'not_in_force',
    });
  });
});

describe('one-off overrides', () => {
  const withOverride = (numbers: number[] | 'none' | 'odd_even', date: string): PlateRuleModel => ({
    ...BEIJING,
    overrides: [{ date, numbers, reason: '重污染天气红色预警', reasonEn: 'Red alert for heavy pollution' }],
  });

  it('odd/even on an odd date (27th): even tails, and letters as 0, stay home — even on a Saturday', () => {
    const r = restrictionFor(withOverride('odd_even', '2026-11-27'), '2026-11-27', ctx('2026-11-27'));
    expect(r).toMatchObject({ restricted: true, reason: 'override', digits: [0, 2, 4, 6, 8] });
    expect(r.reasonText.zh).toContain('单双号');
    expect(isPlateRestricted('京A1234B', r, BEIJING).restricted).toBe(true);
    expect(isPlateRestricted('京A12345', r, BEIJING).restricted).toBe(false);
    const sat = restrictionFor(withOverride('odd_even', '2026-11-28'), '2026-11-28', ctx('2026-11-28'));
    expect(sat).toMatchObject({ restricted: true, digits: [1, 3, 5, 7, 9], reason: 'override' });
  });

  it('an override lifting the restriction on a workday', () => {
    const r = restrictionFor(withOverride('none', '2026-11-27'), '2026-11-27', WORKDAY);
    expect(r).toMatchObject({ restricted: false, reason: 'override' });
    expect(r.reasonText.en).toBe('Red alert for heavy pollution: no restriction today');
  });

  it('an override with other digits wins over a holiday', () => {
    const r = restrictionFor(withOverride([1, 6], '2026-10-01'), '2026-10-01', ctx('2026-10-01'));
    expect(r).toMatchObject({ restricted: true, digits: [1, 6], reason: 'override' });
  });

  it('an override on another date changes nothing', () => {
    const r = restrictionFor(withOverride('none', '2026-11-26'), '2026-11-27', WORKDAY);
    expect(r).toMatchObject({ restricted: true, digits: [4, 9], reason: 'rule' });
  });
});

describe('plates', () => {
  const fiveZero = restrictionFor(BEIJING, '2026-11-23', WORKDAY); // a Monday of the 2026-09-28 period: 5/0

  it('Beijing counts a plate ending in a letter as 0, like the archive does', () => {
    expect(fiveZero.digits).toEqual([5, 0]);
    expect(plateTail('京A1234B', BEIJING.letterPolicy)).toBe(0);
    expect(plateTail('京A1234B', BEIJING.letterPolicy)).toBe(plateTailDigit('京A1234B'));
    expect(isPlateRestricted('京A1234B', fiveZero, BEIJING)).toEqual({
      tailDigit: 0,
      covered: true,
      restricted: true,
    });
    expect(isPlateRestricted('京A12345', fiveZero, BEIJING).restricted).toBe(true);
    expect(isPlateRestricted('京a·12346', fiveZero, BEIJING)).toMatchObject({
      tailDigit: 6,
      restricted: false,
    });
  });

  it('non-Beijing plates follow the tail rule in Beijing too (scope all)', () => {
    expect(isPlateRestricted('冀B12340', fiveZero, BEIJING)).toMatchObject({
      covered: true,
      restricted: true,
    });
  });

  it('Hangzhou: the last digit of a plate ending in a letter; only 浙A plates are covered', () => {
    const hz = rule('hangzhou');
    const monday = restrictionFor(hz, '2026-11-23', WORKDAY);
    expect(monday.digits).toEqual([1, 9]);
    expect(monday.hoursText).toBe('07:00–09:00、16:30–18:30');
    expect(plateTail('浙A1231B', hz.letterPolicy)).toBe(1);
    expect(isPlateRestricted('浙A1231B', monday, hz)).toEqual({
      tailDigit: 1,
      covered: true,
      restricted: true,
    });
    expect(isPlateRestricted('京A12341', monday, hz)).toEqual({
      tailDigit: 1,
      covered: false,
      restricted: false,
    });
  });

  it('a fixed letter policy', () => {
    expect(plateTail('京A1234B', { fixed: 7 })).toBe(7);
  });

  it('no plate is restricted on an unrestricted day', () => {
    const sun = restrictionFor(BEIJING, '2026-06-28', ctx('2026-06-28'));
    for (let d = 0; d <= 9; d++)
      expect(isPlateRestricted(`京A1234${d}`, sun, BEIJING).restricted).toBe(false);
  });
});

describe('the other shipped cities', () => {
  it('Tianjin starts 2026-03-30 with Mon 2/7 … Fri 1/6, the same pairs as Beijing', () => {
    const tj = rule('tianjin');
    expect(week(tj, '2026-03-30')).toEqual(['2/7', '3/8', '4/9', '5/0', '1/6']);
    for (let d = '2026-03-30'; d <= '2027-12-31'; d = addDays(d, 1))
      expect(digitsFor(tj.mapping, d), d).toEqual(digitsFor(BEIJING.mapping, d));
  });

  it('Chengdu: fixed mapping Mon 1/6 … Fri 5/0, 07:30–20:00', () => {
    const cd = rule('chengdu');
    expect(week(cd, '2026-11-23')).toEqual(['1/6', '2/7', '3/8', '4/9', '5/0']);
    expect(restrictionFor(cd, '2026-11-23', WORKDAY).hoursText).toBe('07:30–20:00');
  });

  it('an explicit mapping applies only inside its periods', () => {
    const ex: PlateRuleModel = {
      ...BEIJING,
      mapping: {
        kind: 'explicit',
        periods: [{ from: '2026-12-01', to: '2026-12-31', byWeekday: { '2': [2, 7] } }],
      },
    };
    expect(restrictionFor(ex, '2026-12-01', WORKDAY).digits).toEqual([2, 7]); // Tuesday
    expect(restrictionFor(ex, '2026-12-02', WORKDAY).restricted).toBe(false);
    expect(restrictionFor(ex, '2027-01-05', WORKDAY).restricted).toBe(false);
  });
});
