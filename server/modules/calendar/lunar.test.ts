import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates.js';
import { lunarInfo } from './lunar.js';

// Known dates, each checked against two sources: lunar-typescript (which lunar.ts uses) and
// chinese-days (its own lunar and solar-term tables), and the festival days against the State
// Council's 2026 holiday notice (国办发明电〔2025〕7号), whose holidays start on these days.

const names = (date: string) => lunarInfo(date).festivals.map((f) => f.name);

describe('lunar dates and festivals (2026)', () => {
  it.each([
    ['2026-02-16', '除夕', '腊月', '廿九'],
    ['2026-02-17', '春节', '正月', '初一'],
    ['2026-03-03', '元宵节', '正月', '十五'],
    ['2026-06-19', '端午节', '五月', '初五'],
    ['2026-08-19', '七夕节', '七月', '初七'],
    ['2026-09-25', '中秋节', '八月', '十五'],
    ['2026-10-18', '重阳节', '九月', '初九'],
  ])('%s is %s (%s%s)', (date, festival, month, day) => {
    const info = lunarInfo(date);
    expect(info.festivals.map((f) => f.name)).toContain(festival);
    expect(info.lunar.monthName).toBe(month);
    expect(info.lunar.dayName).toBe(day);
    expect(info.festivals.find((f) => f.name === festival)?.kind).toBe('traditional');
  });

  it('春节 2026 opens the 丙午 year of the Horse; the day before is still 乙巳, the Snake', () => {
    const ny = lunarInfo('2026-02-17').lunar;
    expect(ny).toMatchObject({
      year: 2026,
      month: 1,
      day: 1,
      ganzhiYear: '丙午',
      zodiac: '马',
      zodiacEn: 'Horse',
    });
    expect(ny.text).toBe('农历正月初一');
    expect(ny.fullText).toBe('丙午年（马年）正月初一');
    expect(ny.textEn).toBe('Lunar month 1, day 1, Year of the Horse (Bingwu)');
    const eve = lunarInfo('2026-02-16').lunar;
    expect(eve).toMatchObject({ year: 2025, month: 12, day: 29, ganzhiYear: '乙巳', zodiac: '蛇' });
  });

  it('2026-11-27 is 农历十月十九', () => {
    expect(lunarInfo('2026-11-27').lunar.text).toBe('农历十月十九');
    expect(lunarInfo('2026-11-27').festivals).toEqual([]);
  });

  it('a leap month is marked: 2025-08-01 is 闰六月初八', () => {
    const l = lunarInfo('2025-08-01').lunar;
    expect(l).toMatchObject({
      month: 6,
      day: 8,
      isLeapMonth: true,
      monthName: '闰六月',
      text: '农历闰六月初八',
    });
    expect(l.textEn).toContain('leap month 6');
  });

  it('public festivals on the Gregorian calendar, with 元旦 under its usual name', () => {
    expect(names('2026-01-01')).toEqual(['元旦']);
    expect(names('2026-05-01')).toEqual(['劳动节']);
    expect(names('2026-10-01')).toEqual(['国庆节']);
    const nd = lunarInfo('2026-10-01').festivals[0]!;
    expect(nd).toEqual({ name: '国庆节', nameEn: 'National Day', kind: 'public', statutory: true });
    expect(lunarInfo('2026-09-10').festivals[0]).toMatchObject({ name: '教师节', statutory: false });
  });

  it('2027: 春节 on 02-06 (丁未, the Goat), 除夕 on 02-05', () => {
    expect(names('2027-02-05')).toContain('除夕');
    expect(names('2027-02-06')).toContain('春节');
    expect(lunarInfo('2027-02-06').lunar.zodiac).toBe('羊');
  });
});

describe('solar terms', () => {
  it('清明 2026 is on 04-05 and is also the 清明节 festival', () => {
    const i = lunarInfo('2026-04-05');
    expect(i.solarTerm).toBe('清明');
    expect(i.solarTermEn).toBe('Pure Brightness');
    expect(i.festivals.map((f) => f.name)).toContain('清明节');
  });

  it('冬至 2026 is on 12-22 in China (the solstice is 12-21 20:50 UTC), not on 12-21', () => {
    expect(lunarInfo('2026-12-22').solarTerm).toBe('冬至');
    expect(lunarInfo('2026-12-21').solarTerm).toBeNull();
  });

  it('an ordinary day has no solar term', () => {
    expect(lunarInfo('2026-11-27').solarTerm).toBeNull();
  });

  it('every day of 2026 agrees with chinese-days: the 24 solar terms and the lunar month and day', () => {
    const termStarts = new Map(
      chineseDays
        .getSolarTermsInRange('2026-01-01', '2026-12-31')
        .filter((t) => t.index === 1)
        .map((t) => [t.date, t.name]),
    );
    expect(termStarts.size).toBe(24);
    let terms = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      const mine = lunarInfo(d);
      expect(mine.solarTerm, d).toBe(termStarts.get(d) ?? null);
      if (mine.solarTerm) terms++;
      const theirs = chineseDays.getLunarDate(d);
      expect([mine.lunar.month, mine.lunar.day, mine.lunar.isLeapMonth], d).toEqual([
        theirs.lunarMon,
        theirs.lunarDay,
        theirs.isLeap,
      ]);
    }
    expect(terms).toBe(24);
  });

  it('the traditional festivals of 2026 fall where chinese-days puts them', () => {
    const theirs = chineseDays.getLunarFestivals('2026-01-01', '2026-12-31');
    const on = (n: string) => theirs.find((f) => f.name.includes(n))?.date;
    expect(on('春节')).toBe('2026-02-17');
    expect(on('除夕')).toBe('2026-02-16');
    expect(on('元宵节')).toBe('2026-03-03');
    expect(on('端午节')).toBe('2026-06-19');
    expect(on('乞巧节')).toBe('2026-08-19');
    expect(on('中秋节')).toBe('2026-09-25');
    expect(on('重阳节')).toBe('2026-10-18');
  });
});
