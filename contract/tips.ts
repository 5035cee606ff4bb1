import { z } from 'zod';
import { CalendarDate } from './calendar.js';

/**
 * The tips library (C8 warm tips, E10 health by solar term, E11 plant care, T10 utilities and
 * appliances): tips as data per season or solar term, proposed for the current one, usable as a
 * campaign's content and postable as an entrance-board notice. Health tips go only to residents
 * who consented to health tips, and never by SMS.
 */
export const TIP_CATEGORIES = ['utilities', 'plants', 'health'] as const; // 水电与家电 / 绿植养护 / 健康
export const TipCategory = z.enum(TIP_CATEGORIES);
export type TipCategory = z.infer<typeof TipCategory>;

export const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const;
export const Season = z.enum(SEASONS);
export type Season = z.infer<typeof Season>;

/** The 24 solar terms in calendar order from 小寒. */
export const SOLAR_TERMS = [
  '小寒',
  '大寒',
  '立春',
  '雨水',
  '惊蛰',
  '春分',
  '清明',
  '谷雨',
  '立夏',
  '小满',
  '芒种',
  '夏至',
  '小暑',
  '大暑',
  '立秋',
  '处暑',
  '白露',
  '秋分',
  '寒露',
  '霜降',
  '立冬',
  '小雪',
  '大雪',
  '冬至',
] as const;
export const SolarTerm = z.enum(SOLAR_TERMS);

export const Tip = z.object({
  id: z.string(),
  estateId: z.string(),
  category: TipCategory,
  season: Season.nullable().describe('null: any season'),
  solarTerm: SolarTerm.nullable().describe('Proposed during this solar term (health tips)'),
  titleZh: z.string(),
  titleEn: z.string(),
  textZh: z.string(),
  textEn: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Tip = z.infer<typeof Tip>;

export const ListTipsQuery = z.object({
  category: TipCategory.optional(),
  season: Season.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const tipFields = {
  category: TipCategory,
  season: Season.nullable().optional(),
  solarTerm: SolarTerm.nullable().optional(),
  titleZh: z.string().trim().min(1).max(40),
  titleEn: z.string().trim().min(1).max(80),
  // The board shows at most 200 characters of Chinese (createBoardNotice).
  textZh: z.string().trim().min(1).max(200),
  textEn: z.string().trim().min(1).max(400),
};

export const CreateTipBody = z.object(tipFields).strict();
export type CreateTipBody = z.infer<typeof CreateTipBody>;

export const UpdateTipBody = z
  .object({
    category: tipFields.category.optional(),
    season: tipFields.season,
    solarTerm: tipFields.solarTerm,
    titleZh: tipFields.titleZh.optional(),
    titleEn: tipFields.titleEn.optional(),
    textZh: tipFields.textZh.optional(),
    textEn: tipFields.textEn.optional(),
    active: z.boolean().optional(),
    version: z.number().int().min(1).describe('The version being changed'),
  })
  .strict();
export type UpdateTipBody = z.infer<typeof UpdateTipBody>;

export const TipProposalsQuery = z.object({
  date: CalendarDate.optional().describe("Default today in the estate's time zone"),
});

export const TipProposals = z.object({
  date: z.string(),
  season: Season,
  solarTerm: z.string().describe('The solar term the date falls in'),
  solarTermEn: z.string(),
  solarTermSince: z.string().describe('First day of that solar term'),
  items: z.array(Tip).describe("This solar term's tips first, then the season's, then any season"),
});
export type TipProposals = z.infer<typeof TipProposals>;

export const PostTipAsNoticeBody = z
  .object({
    fromDate: CalendarDate,
    toDate: CalendarDate,
    entranceId: z.string().min(1).max(64).nullable().optional().describe('null = every entrance'),
  })
  .strict()
  .refine((n) => n.fromDate <= n.toDate, { message: 'fromDate must not be after toDate', path: ['toDate'] });
export type PostTipAsNoticeBody = z.infer<typeof PostTipAsNoticeBody>;
