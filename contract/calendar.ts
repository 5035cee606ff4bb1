import { z } from 'zod';

// The Chinese calendar (lunar dates, festivals, solar terms, official holidays) and the plate
// tail-number restriction (尾号限行) rules per city.

/** True for a real calendar date YYYY-MM-DD (rejects 2026-02-30). */
function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d!));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
}

/** The years the lunar and holiday computations are offered for. */
export const CALENDAR_MIN_YEAR = 1901;
export const CALENDAR_MAX_YEAR = 2100;

/** A real calendar date, YYYY-MM-DD, in the supported years. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isRealDate, 'YYYY-MM-DD')
  .refine((s) => {
    const y = Number(s.slice(0, 4));
    return y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR;
  }, `must be a date between ${CALENDAR_MIN_YEAR} and ${CALENDAR_MAX_YEAR}`);

/** Text in both languages, chosen by the client. */
export const BilingualText = z.object({ zh: z.string(), en: z.string() });
export type BilingualText = z.infer<typeof BilingualText>;

// ---------------------------------------------------------------- calendar

export const DAY_KINDS = ['holiday', 'makeup_workday', 'weekend', 'workday'] as const; // 法定节假日/调休上班/周末/工作日
export const DayKind = z.enum(DAY_KINDS);
export type DayKind = z.infer<typeof DayKind>;

export const FESTIVAL_KINDS = ['traditional', 'public', 'international'] as const; // 传统节日/公众节日/国际节日
export const FestivalKind = z.enum(FESTIVAL_KINDS);

export const Festival = z.object({
  name: z.string().describe('中秋节'),
  nameEn: z.string(),
  kind: FestivalKind,
  statutory: z
    .boolean()
    .describe('A statutory holiday festival (元旦, 除夕, 春节, 清明, 劳动节, 端午, 中秋, 国庆)'),
});
export type Festival = z.infer<typeof Festival>;

export const LunarDate = z.object({
  year: z.number().int().describe('Lunar year (the Gregorian year its 正月初一 falls in)'),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(30),
  isLeapMonth: z.boolean(),
  monthName: z.string().describe('十月, 冬月, 腊月, 闰六月'),
  dayName: z.string().describe('初八, 十五, 廿九'),
  ganzhiYear: z.string().describe('Stem-branch year: 丙午'),
  zodiac: z.string().describe('马'),
  zodiacEn: z.string().describe('Horse'),
  text: z.string().describe('农历十月十九'),
  fullText: z.string().describe('丙午年（马年）十月十九'),
  textEn: z.string().describe('Lunar month 10, day 19, Year of the Horse (Bingwu)'),
});
export type LunarDate = z.infer<typeof LunarDate>;

export const CalendarDayQuery = z.object({
  date: CalendarDate.optional().describe('YYYY-MM-DD; today in Asia/Shanghai when omitted'),
});

export const CalendarDay = z.object({
  date: z.string(),
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday'),
  lunar: LunarDate,
  festivals: z.array(Festival),
  solarTerm: z.string().nullable().describe('The solar term (节气) starting this day, e.g. 冬至'),
  solarTermEn: z.string().nullable(),
  dayKind: DayKind,
  holidayName: z.string().nullable().describe('Holiday or make-up workday name: 国庆节'),
  holidayNameEn: z.string().nullable(),
  scheduleEntered: z
    .boolean()
    .describe("Whether the official holiday schedule of this date's year is entered"),
  nextYear: z.number().int().describe('The year after today (Asia/Shanghai)'),
  nextYearScheduleMissing: z
    .boolean()
    .describe("True from November on while next year's official holidays are not entered (明年安排尚未录入)"),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CALENDAR_ENTRY_KINDS = ['holiday', 'workday'] as const; // 放假/调休上班
export const CalendarEntryKind = z.enum(CALENDAR_ENTRY_KINDS);

export const CalendarEntry = z.object({
  date: z.string(),
  kind: CalendarEntryKind,
  name: z.string(),
  nameEn: z.string().nullable(),
  source: z.enum(['library', 'admin']).describe('library = seeded from official data; admin = entered here'),
  library: z
    .object({ kind: CalendarEntryKind, name: z.string(), nameEn: z.string().nullable() })
    .nullable()
    .describe('The official (library) values an admin changed; deleting the entry restores them'),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

export const HolidaysQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(CALENDAR_MIN_YEAR)
    .max(CALENDAR_MAX_YEAR)
    .optional()
    .describe('Defaults to the current year'),
});

export const YearStatus = z.object({
  year: z.number().int(),
  entered: z.boolean().describe('Any holiday of that year is entered'),
  holidays: z.number().int(),
  workdays: z.number().int(),
});
export type YearStatus = z.infer<typeof YearStatus>;

export const HolidayList = YearStatus.extend({ items: z.array(CalendarEntry) });
export type HolidayList = z.infer<typeof HolidayList>;

export const CalendarDateParams = z.object({ date: CalendarDate });

export const UpsertHolidayBody = z
  .object({
    kind: CalendarEntryKind,
    name: z.string().trim().min(1).max(20).describe('国庆节'),
    nameEn: z.string().trim().min(1).max(60).nullable().optional(),
    version: z.number().int().min(1).optional().describe('The version being changed (or send If-Match)'),
  })
  .strict();
export type UpsertHolidayBody = z.infer<typeof UpsertHolidayBody>;

export const DeleteHolidayResult = z.object({
  date: z.string(),
  result: z.enum(['deleted', 'reverted']).describe('reverted = the official (library) values are back'),
  entry: CalendarEntry.nullable(),
});
export type DeleteHolidayResult = z.infer<typeof DeleteHolidayResult>;

// ---------------------------------------------------------------- plate restriction

export const Digit = z.number().int().min(0).max(9);
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const WeekdayKey = z.enum(['1', '2', '3', '4', '5', '6', '7']);

export const TimeWindow = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .strict()
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });

export const FixedMapping = z
  .object({
    kind: z.literal('fixed'),
    byWeekday: z.partialRecord(WeekdayKey, z.array(Digit).max(10)).describe('ISO weekday → digits'),
  })
  .strict();

export const RotatingMapping = z
  .object({
    kind: z.literal('rotating'),
    anchor: CalendarDate.describe('A Monday on which groups[0] is Monday’s group'),
    periodDays: z.number().int().min(1).max(3660).describe('91 = 13 weeks'),
    groups: z.array(z.array(Digit).min(1).max(10)).min(1).max(7).describe('Monday, Tuesday … at the anchor'),
    shiftPerPeriod: z
      .number()
      .int()
      .min(0)
      .max(6)
      .describe('Index step per period: 4 (with 5 groups) moves each group one weekday later'),
  })
  .strict()
  .refine((m) => new Date(`${m.anchor}T00:00:00Z`).getUTCDay() === 1, {
    message: 'the anchor must be a Monday',
    path: ['anchor'],
  });

export const ExplicitMapping = z
  .object({
    kind: z.literal('explicit'),
    periods: z
      .array(
        z
          .object({
            from: CalendarDate,
            to: CalendarDate,
            byWeekday: z.partialRecord(WeekdayKey, z.array(Digit).max(10)),
          })
          .strict()
          .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] }),
      )
      .min(1)
      .max(200),
  })
  .strict();

export const PlateMapping = z.discriminatedUnion('kind', [FixedMapping, RotatingMapping, ExplicitMapping]);
export type PlateMapping = z.infer<typeof PlateMapping>;

export const LetterPolicy = z
  .union([z.enum(['as_zero', 'last_digit']), z.object({ fixed: Digit }).strict()])
  .describe(
    'A plate ending in a letter: as_zero (Beijing: 按0号), last_digit (its last digit), or a fixed digit',
  );
export type LetterPolicy = z.infer<typeof LetterPolicy>;

export const PLATE_SCOPES = ['all', 'local', 'non_local'] as const;
export const MAKEUP_POLICIES = ['exempt', 'restricted'] as const;

/** The rule of one city, as edited by an admin (the city is in the path). */
export const PlateRuleBody = z
  .object({
    name: z.string().trim().min(1).max(20).describe('北京'),
    nameEn: z.string().trim().min(1).max(60).nullable().optional(),
    plateScope: z.enum(PLATE_SCOPES).describe('Which plates the rule covers'),
    localPrefix: z
      .string()
      .trim()
      .min(1)
      .max(3)
      .nullable()
      .optional()
      .describe('Local plates start with it: 京, 浙A'),
    validFrom: CalendarDate,
    validTo: CalendarDate.nullable().optional(),
    windows: z.array(TimeWindow).max(6).describe('Restricted hours'),
    area: z.string().trim().min(1).max(200).describe('五环路以内（不含五环路）'),
    areaEn: z.string().trim().min(1).max(300).nullable().optional(),
    mapping: PlateMapping,
    letterPolicy: LetterPolicy,
    skipWeekends: z.boolean(),
    skipHolidays: z.boolean(),
    makeupWorkday: z
      .enum(MAKEUP_POLICIES)
      .describe('Make-up working Saturdays/Sundays: exempt (Beijing) or restricted by the mapping'),
    exemptions: z.array(z.string().trim().min(1).max(100)).max(50),
    notes: z.string().trim().max(1000).nullable().optional(),
    version: z.number().int().min(1).optional().describe('The version being edited (or send If-Match)'),
  })
  .strict()
  .refine((r) => !r.validTo || r.validFrom <= r.validTo, {
    message: 'validFrom must not be after validTo',
    path: ['validTo'],
  })
  .refine((r) => r.plateScope === 'all' || !!r.localPrefix, {
    message: 'a local or non_local rule needs localPrefix',
    path: ['localPrefix'],
  });
export type PlateRuleBody = z.infer<typeof PlateRuleBody>;

export const OVERRIDE_MODES = ['digits', 'none', 'odd_even'] as const; // 指定尾号/当日不限行/单双号
export const OverrideNumbers = z
  .union([z.array(Digit).min(1).max(10), z.enum(['none', 'odd_even'])])
  .describe(
    'Digits restricted that day, none (no restriction), or odd_even (单双号: by the day of the month)',
  );

export const PlateOverride = z.object({
  city: z.string(),
  date: z.string(),
  numbers: OverrideNumbers,
  reason: z.string(),
  reasonEn: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type PlateOverride = z.infer<typeof PlateOverride>;

export const AddPlateOverrideBody = z
  .object({
    date: CalendarDate,
    numbers: OverrideNumbers,
    reason: z.string().trim().min(1).max(100).describe('重污染天气红色预警'),
    reasonEn: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
export type AddPlateOverrideBody = z.infer<typeof AddPlateOverrideBody>;

export const PlateRule = z.object({
  city: z.string().describe('City code: beijing'),
  name: z.string(),
  nameEn: z.string().nullable(),
  plateScope: z.enum(PLATE_SCOPES),
  localPrefix: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  windows: z.array(z.object({ start: z.string(), end: z.string() })),
  area: z.string(),
  areaEn: z.string().nullable(),
  mapping: PlateMapping,
  letterPolicy: LetterPolicy,
  skipWeekends: z.boolean(),
  skipHolidays: z.boolean(),
  makeupWorkday: z.enum(MAKEUP_POLICIES),
  exemptions: z.array(z.string()),
  notes: z.string().nullable(),
  source: z.enum(['default', 'admin']),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  overrides: z.array(PlateOverride).describe('Overrides from 30 days ago on'),
});
export type PlateRule = z.infer<typeof PlateRule>;

export const PlateCityParams = z.object({
  city: z.string().trim().min(1).max(32).describe('City code (beijing) or name (北京)'),
});
export const PlateOverrideParams = PlateCityParams.extend({ date: CalendarDate });

export const PlateRestrictionQuery = z.object({
  city: z.string().trim().min(1).max(32).optional().describe('Code or name: beijing, 北京; default 北京'),
  date: CalendarDate.optional().describe('YYYY-MM-DD; today in Asia/Shanghai when omitted'),
  plate: z
    .string()
    .trim()
    .min(2)
    .max(12)
    .optional()
    .describe('A plate (京A1234B): the answer then says whether it is restricted'),
});

export const RESTRICTION_REASONS = [
  'rule', // the mapping of the day
  'weekend',
  'holiday',
  'makeup_workday',
  'override',
  'not_in_force', // outside the rule's validity
] as const;
export const RestrictionReason = z.enum(RESTRICTION_REASONS);

export const PlateRestriction = z.object({
  city: z.string(),
  cityName: z.string(),
  cityNameEn: z.string().nullable(),
  date: z.string(),
  weekday: z.number().int().min(1).max(7),
  restricted: z.boolean(),
  digits: z.array(Digit).describe('Restricted tail digits, [] when none'),
  reason: RestrictionReason,
  reasonText: BilingualText,
  hours: z.array(z.object({ start: z.string(), end: z.string() })),
  hoursText: z.string().describe('07:00–20:00'),
  area: z.string(),
  areaEn: z.string().nullable(),
  ruleVersion: z.number().int(),
  plate: z
    .object({
      plate: z.string(),
      tailDigit: z
        .number()
        .int()
        .nullable()
        .describe('The digit the rule counts (a letter per the letter policy)'),
      covered: z.boolean().describe('False when the rule does not cover this plate (e.g. non-local)'),
      restricted: z.boolean(),
    })
    .nullable(),
});
export type PlateRestriction = z.infer<typeof PlateRestriction>;
