import type {
  BilingualText,
  DayKind,
  LetterPolicy,
  PlateMapping,
  RESTRICTION_REASONS,
} from '../../../contract/calendar.js';
import { daysBetween, weekdayOf } from './days.js';

// Pure: plate tail-number restriction (尾号限行) from a city's rule, the kind of the day and the
// one-off overrides. Facts and the Beijing rotation table: shared/reference/integrations.md §1.

/** A one-off change for a date (heavy-pollution 单双号, a notice lifting the restriction …). */
export interface PlateOverrideModel {
  date: string;
  numbers: number[] | 'none' | 'odd_even';
  reason: string;
  reasonEn?: string | null;
}

/** A city's rule: which digits on which day, when, where, and which days are exempt. */
export interface PlateRuleModel {
  city: string;
  name: string;
  nameEn: string | null;
  plateScope: 'all' | 'local' | 'non_local';
  /** Local plates start with it (京, 浙A); needed unless plateScope is 'all'. */
  localPrefix: string | null;
  validFrom: string;
  validTo: string | null;
  windows: { start: string; end: string }[];
  area: string;
  areaEn: string | null;
  mapping: PlateMapping;
  letterPolicy: LetterPolicy;
  skipWeekends: boolean;
  skipHolidays: boolean;
  /** Make-up working Saturdays/Sundays: 'exempt' (Beijing) or 'restricted' by the mapping. */
  makeupWorkday: 'exempt' | 'restricted';
  exemptions: string[];
  notes: string | null;
  overrides?: PlateOverrideModel[];
}

/** What the calendar says about the day (from our holiday table). */
export interface DayContext {
  dayKind: DayKind;
  holidayName?: string | null;
  holidayNameEn?: string | null;
}

export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];

/** The restriction of one city on one day. */
export interface Restriction {
  date: string;
  weekday: number;
  restricted: boolean;
  digits: number[];
  reason: RestrictionReason;
  reasonText: BilingualText;
  hours: { start: string; end: string }[];
  hoursText: string;
  area: string;
  areaEn: string | null;
}

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/**
 * The digits the mapping restricts on a date, or null when the mapping says nothing for that
 * day (a weekend in a Monday–Friday mapping, a date outside every explicit period).
 *
 * Rotating: idx = (shiftPerPeriod × ⌊days since anchor / periodDays⌋ + weekdayIndex) mod groups,
 * Monday = 0 (the closed form checked against the Beijing table in integrations.md §1).
 */
export function digitsFor(mapping: PlateMapping, date: string): number[] | null {
  const w = weekdayOf(date);
  const key = String(w) as '1';
  switch (mapping.kind) {
    case 'fixed':
      return mapping.byWeekday[key] ?? null;
    case 'rotating': {
      const n = mapping.groups.length;
      if (w - 1 >= n) return null;
      const period = Math.floor(daysBetween(mapping.anchor, date) / mapping.periodDays);
      return mapping.groups[mod(mapping.shiftPerPeriod * period + (w - 1), n)] ?? null;
    }
    case 'explicit': {
      const p = mapping.periods.find((x) => x.from <= date && date <= x.to);
      return p ? (p.byWeekday[key] ?? null) : null;
    }
  }
}

/** "5和0" / "1、3、5、7、9" */
function digitsZh(d: number[]): string {
  return d.length === 2 ? `${d[0]}和${d[1]}` : d.join('、');
}
function digitsEn(d: number[]): string {
  return d.length === 2 ? `${d[0]} and ${d[1]}` : d.join(', ');
}

/** "07:00–09:00、16:30–18:30" */
export function hoursText(windows: { start: string; end: string }[]): string {
  return windows.map((w) => `${w.start}–${w.end}`).join('、');
}

/**
 * The restriction on a date. Precedence: a one-off override; outside the rule's validity;
 * statutory holiday; make-up workday; weekend; the mapping of the day.
 */
export function restrictionFor(rule: PlateRuleModel, date: string, day: DayContext): Restriction {
  const weekday = weekdayOf(date);
  const base = {
    date,
    weekday,
    hours: rule.windows,
    hoursText: hoursText(rule.windows),
    area: rule.area,
    areaEn: rule.areaEn,
  };
  const free = (reason: RestrictionReason, zh: string, en: string): Restriction => ({
    ...base,
    restricted: false,
    digits: [],
    reason,
    reasonText: { zh, en },
  });
  const limited = (reason: RestrictionReason, digits: number[], zh: string, en: string): Restriction =>
    digits.length
      ? { ...base, restricted: true, digits: [...digits], reason, reasonText: { zh, en } }
      : free(reason, zh, en);

  const o = rule.overrides?.find((x) => x.date === date);
  if (o) {
    const en = o.reasonEn ?? o.reason;
    if (o.numbers === 'none')
      return free('override', `${o.reason}：今日不限行`, `${en}: no restriction today`);
    if (o.numbers === 'odd_even') {
      const odd = Number(date.slice(8, 10)) % 2 === 1;
      // 单日单号、双日双号: on an odd date the even tails stay home, and vice versa.
      const digits = odd ? [0, 2, 4, 6, 8] : [1, 3, 5, 7, 9];
      return limited(
        'override',
        digits,
        `${o.reason}：单双号限行，今日${odd ? '单' : '双'}日，尾号${odd ? '双' : '单'}号（${digitsZh(digits)}）限行`,
        `${en}: odd/even restriction; on this ${odd ? 'odd' : 'even'} date plates ending in ${digitsEn(digits)} may not drive`,
      );
    }
    return limited(
      'override',
      o.numbers,
      `${o.reason}：今日限行尾号 ${digitsZh(o.numbers)}`,
      `${en}: restricted tail numbers today ${digitsEn(o.numbers)}`,
    );
  }

  if (date < rule.validFrom || (rule.validTo && date > rule.validTo))
    return free(
      'not_in_force',
      `${rule.name}的限行规则在该日期不适用`,
      `${rule.nameEn ?? rule.name}'s restriction rule is not in force on this date`,
    );

  if (day.dayKind === 'holiday' && rule.skipHolidays) {
    const name = day.holidayName ?? '法定节假日';
    const nameEn = day.holidayNameEn ?? day.holidayName ?? 'statutory holiday';
    return free('holiday', `${name}假期，不限行`, `No restriction: ${nameEn} holiday`);
  }
  if (day.dayKind === 'makeup_workday') {
    if (rule.makeupWorkday === 'exempt')
      return free(
        'makeup_workday',
        `调休上班的${WEEKDAY_ZH[weekday]}，不限行`,
        `No restriction: a ${WEEKDAY_EN[weekday]} worked in lieu of a holiday`,
      );
    const d = digitsFor(rule.mapping, date) ?? [];
    return limited(
      'makeup_workday',
      d,
      d.length ? `调休上班日，限行尾号 ${digitsZh(d)}` : '调休上班日，规则未规定限行尾号，不限行',
      d.length
        ? `Make-up working day: restricted tail numbers ${digitsEn(d)}`
        : 'Make-up working day: the rule names no digits, no restriction',
    );
  }
  if (day.dayKind === 'weekend' && rule.skipWeekends)
    return free('weekend', '周末不限行', 'No restriction at weekends');

  const d = digitsFor(rule.mapping, date) ?? [];
  return limited(
    'rule',
    d,
    d.length ? `今日限行尾号 ${digitsZh(d)}` : '今日不限行',
    d.length ? `Restricted tail numbers today: ${digitsEn(d)}` : 'No restriction today',
  );
}

/** Normalizes a plate as written by people: 京a·1234b → 京A1234B. */
export function normalizePlate(plate: string): string {
  return plate.replace(/[\s·•.\-_]/g, '').toUpperCase();
}

/**
 * The digit a rule counts for a plate: its last character when that is a digit, otherwise per
 * the letter policy (Beijing: a letter counts as 0). null when it cannot be told.
 */
export function plateTail(plate: string, policy: LetterPolicy): number | null {
  const p = normalizePlate(plate);
  const last = p.slice(-1);
  if (/\d/.test(last)) return Number(last);
  if (policy === 'as_zero') return 0;
  if (policy === 'last_digit') {
    const m = p.match(/(\d)\D*$/);
    return m ? Number(m[1]) : null;
  }
  return policy.fixed;
}

/** Whether the rule covers a plate at all (a local-only rule does not cover other cities' plates). */
export function plateCovered(
  plate: string,
  rule: Pick<PlateRuleModel, 'plateScope' | 'localPrefix'>,
): boolean {
  if (rule.plateScope === 'all' || !rule.localPrefix) return true;
  const local = normalizePlate(plate).startsWith(rule.localPrefix.toUpperCase());
  return rule.plateScope === 'local' ? local : !local;
}

/** Whether a plate may not drive (in the rule's hours and area) on the restriction's day. */
export function isPlateRestricted(
  plate: string,
  restriction: Pick<Restriction, 'restricted' | 'digits'>,
  rule: Pick<PlateRuleModel, 'plateScope' | 'localPrefix' | 'letterPolicy'>,
): { tailDigit: number | null; covered: boolean; restricted: boolean } {
  const tailDigit = plateTail(plate, rule.letterPolicy);
  const covered = plateCovered(plate, rule);
  return {
    tailDigit,
    covered,
    restricted:
      covered && restriction.restricted && tailDigit !== null && restriction.digits.includes(tailDigit),
  };
}

/** The rules shipped with the product; every one is editable configuration, not a constant. */
export const DEFAULT_PLATE_RULES: PlateRuleModel[] = [
  {
    city: 'beijing',
    name: '北京',
    nameEn: 'Beijing',
    plateScope: 'all',
    localPrefix: '京',
    validFrom: '2024-04-01',
    validTo: null,
    windows: [{ start: '07:00', end: '20:00' }],
    area: '五环路以内道路（不含五环路）',
    areaEn: 'Roads inside the 5th Ring Road (the 5th Ring itself not included)',
    // Pairs move one weekday later every 13 weeks; Friday's pair wraps round to Monday.
    mapping: {
      kind: 'rotating',
      anchor: '2024-04-01',
      periodDays: 91,
      groups: [
        [5, 0],
        [1, 6],
        [2, 7],
        [3, 8],
        [4, 9],
      ],
      shiftPerPeriod: 4,
    },
    letterPolicy: 'as_zero',
    skipWeekends: true,
    skipHolidays: true,
    makeupWorkday: 'exempt',
    exemptions: ['纯电动小客车', '公交车、出租车', '警车、消防车、救护车、工程救险车', '邮政车'],
    notes:
      '北京市交管局公告：工作日7时至20时，五环路以内（不含）按尾号限行，尾号为字母的按0号管理；法定上班的周六周日不限行。外埠车辆另有进京证规定。',
  },
  {
    city: 'tianjin',
    name: '天津',
    nameEn: 'Tianjin',
    plateScope: 'all',
    localPrefix: '津',
    validFrom: '2026-03-30',
    validTo: null,
    windows: [{ start: '07:00', end: '19:00' }],
    area: '外环线以内道路（不含外环线）',
    areaEn: 'Roads inside the Outer Ring Road (not included)',
    mapping: {
      kind: 'rotating',
      anchor: '2026-03-30',
      periodDays: 91,
      groups: [
        [2, 7],
        [3, 8],
        [4, 9],
        [5, 0],
        [1, 6],
      ],
      shiftPerPeriod: 4,
    },
    letterPolicy: 'as_zero',
    skipWeekends: true,
    skipHolidays: true,
    makeupWorkday: 'exempt',
    exemptions: [],
    notes: '第三方资料整理，未经官方核实：请以天津市公安交管局公告为准并在此修正。',
  },
  {
    city: 'hangzhou',
    name: '杭州',
    nameEn: 'Hangzhou',
    plateScope: 'local',
    localPrefix: '浙A',
    validFrom: '2020-01-01',
    validTo: null,
    windows: [
      { start: '07:00', end: '09:00' },
      { start: '16:30', end: '18:30' },
    ],
    area: '错峰限行区域（以杭州市公安局公告为准）',
    areaEn: 'The peak-hour restriction area (see the Hangzhou police notice)',
    mapping: {
      kind: 'fixed',
      byWeekday: { '1': [1, 9], '2': [2, 8], '3': [3, 7], '4': [4, 6], '5': [5, 0] },
    },
    letterPolicy: 'last_digit',
    skipWeekends: true,
    skipHolidays: true,
    makeupWorkday: 'exempt',
    exemptions: [],
    notes: '仅高峰时段；非浙A号牌高峰时段另有限行规定。第三方资料整理，未经官方核实。',
  },
  {
    city: 'chengdu',
    name: '成都',
    nameEn: 'Chengdu',
    plateScope: 'all',
    localPrefix: '川A',
    validFrom: '2020-01-01',
    validTo: null,
    windows: [{ start: '07:30', end: '20:00' }],
    area: '绕城高速（G4202）以内道路（不含绕城高速）',
    areaEn: 'Roads inside the Ring Expressway (G4202, not included)',
    mapping: {
      kind: 'fixed',
      byWeekday: { '1': [1, 6], '2': [2, 7], '3': [3, 8], '4': [4, 9], '5': [5, 0] },
    },
    letterPolicy: 'last_digit',
    skipWeekends: true,
    skipHolidays: true,
    makeupWorkday: 'exempt',
    exemptions: [],
    notes: '第三方资料整理，未经官方核实：请以成都市公安局公告为准并在此修正。',
  },
];
