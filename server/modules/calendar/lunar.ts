import { Solar } from 'lunar-typescript';
import type { Festival, LunarDate } from '../../../contract/calendar.js';

// Pure: the lunar date, festivals and solar term of a civil date, computed with lunar-typescript
// (no database, no clock). The official holiday schedule is NOT here: it changes by State
// Council notice each year and lives in our own table (see calendar.service.ts).

const ZODIAC_EN: Record<string, string> = {
  鼠: 'Rat',
  牛: 'Ox',
  虎: 'Tiger',
  兔: 'Rabbit',
  龙: 'Dragon',
  蛇: 'Snake',
  马: 'Horse',
  羊: 'Goat',
  猴: 'Monkey',
  鸡: 'Rooster',
  狗: 'Dog',
  猪: 'Pig',
};

const STEMS: Record<string, string> = {
  甲: 'Jia',
  乙: 'Yi',
  丙: 'Bing',
  丁: 'Ding',
  戊: 'Wu',
  己: 'Ji',
  庚: 'Geng',
  辛: 'Xin',
  壬: 'Ren',
  癸: 'Gui',
};
const BRANCHES: Record<string, string> = {
  子: 'zi',
  丑: 'chou',
  寅: 'yin',
  卯: 'mao',
  辰: 'chen',
  巳: 'si',
  午: 'wu',
  未: 'wei',
  申: 'shen',
  酉: 'you',
  戌: 'xu',
  亥: 'hai',
};

/** The 24 solar terms (二十四节气) in English. */
export const SOLAR_TERMS_EN: Record<string, string> = {
  小寒: 'Minor Cold',
  大寒: 'Major Cold',
  立春: 'Start of Spring',
  雨水: 'Rain Water',
  惊蛰: 'Awakening of Insects',
  春分: 'Spring Equinox',
  清明: 'Pure Brightness',
  谷雨: 'Grain Rain',
  立夏: 'Start of Summer',
  小满: 'Grain Buds',
  芒种: 'Grain in Ear',
  夏至: 'Summer Solstice',
  小暑: 'Minor Heat',
  大暑: 'Major Heat',
  立秋: 'Start of Autumn',
  处暑: 'End of Heat',
  白露: 'White Dew',
  秋分: 'Autumn Equinox',
  寒露: 'Cold Dew',
  霜降: "Frost's Descent",
  立冬: 'Start of Winter',
  小雪: 'Minor Snow',
  大雪: 'Major Snow',
  冬至: 'Winter Solstice',
};

type FestivalInfo = Omit<Festival, 'name'>;

// Every festival lunar-typescript's getFestivals() can return, classified. 'public' are the
// national days on the Gregorian calendar; 'statutory' marks the festivals that are statutory
// holidays (全国年节及纪念日放假办法, 2025 revision: 除夕 included).
const FESTIVALS: Record<string, FestivalInfo> = {
  除夕: { nameEn: "Chinese New Year's Eve", kind: 'traditional', statutory: true },
  春节: { nameEn: 'Spring Festival', kind: 'traditional', statutory: true },
  元宵节: { nameEn: 'Lantern Festival', kind: 'traditional', statutory: false },
  龙头节: { nameEn: 'Dragon Head-Raising Day', kind: 'traditional', statutory: false },
  清明节: { nameEn: 'Qingming Festival', kind: 'traditional', statutory: true },
  端午节: { nameEn: 'Dragon Boat Festival', kind: 'traditional', statutory: true },
  七夕节: { nameEn: 'Qixi Festival', kind: 'traditional', statutory: false },
  中秋节: { nameEn: 'Mid-Autumn Festival', kind: 'traditional', statutory: true },
  重阳节: { nameEn: 'Double Ninth Festival', kind: 'traditional', statutory: false },
  腊八节: { nameEn: 'Laba Festival', kind: 'traditional', statutory: false },
  元旦: { nameEn: "New Year's Day", kind: 'public', statutory: true },
  妇女节: { nameEn: "International Women's Day", kind: 'public', statutory: false },
  植树节: { nameEn: 'Arbor Day', kind: 'public', statutory: false },
  消费者权益日: { nameEn: "Consumers' Rights Day", kind: 'public', statutory: false },
  劳动节: { nameEn: 'Labour Day', kind: 'public', statutory: true },
  青年节: { nameEn: 'Youth Day', kind: 'public', statutory: false },
  儿童节: { nameEn: "Children's Day", kind: 'public', statutory: false },
  建党节: { nameEn: 'CPC Founding Day', kind: 'public', statutory: false },
  建军节: { nameEn: 'Army Day', kind: 'public', statutory: false },
  教师节: { nameEn: "Teachers' Day", kind: 'public', statutory: false },
  国庆节: { nameEn: 'National Day', kind: 'public', statutory: true },
  全国中小学生安全教育日: {
    nameEn: 'National School Safety Education Day',
    kind: 'public',
    statutory: false,
  },
  全国助残日: { nameEn: 'National Day for Helping the Disabled', kind: 'public', statutory: false },
  全民国防教育日: { nameEn: 'National Defence Education Day', kind: 'public', statutory: false },
  情人节: { nameEn: "Valentine's Day", kind: 'international', statutory: false },
  愚人节: { nameEn: "April Fools' Day", kind: 'international', statutory: false },
  母亲节: { nameEn: "Mother's Day", kind: 'international', statutory: false },
  父亲节: { nameEn: "Father's Day", kind: 'international', statutory: false },
  世界住房日: { nameEn: 'World Habitat Day', kind: 'international', statutory: false },
  万圣节前夜: { nameEn: 'Halloween', kind: 'international', statutory: false },
  万圣节: { nameEn: "All Saints' Day", kind: 'international', statutory: false },
  感恩节: { nameEn: 'Thanksgiving', kind: 'international', statutory: false },
  平安夜: { nameEn: 'Christmas Eve', kind: 'international', statutory: false },
  圣诞节: { nameEn: 'Christmas Day', kind: 'international', statutory: false },
};

/** How residents are greeted on a festival (C9). */
export interface GreetingFestival {
  /** Proposed but not expected (七夕). */
  optional?: boolean;
  /** Addressed to elderly residents (重阳). */
  elderly?: boolean;
}

/**
 * The festivals the product proposes greetings for (C9), named exactly as `lunarInfo` names
 * them: the one list campaigns and the board read, so a proposal can never miss a festival
 * the calendar shows under another spelling.
 */
export const GREETING_FESTIVALS: Readonly<Record<string, GreetingFestival>> = {
  元旦: {},
  春节: {},
  元宵节: {},
  端午节: {},
  七夕节: { optional: true },
  中秋节: {},
  重阳节: { elderly: true },
  国庆节: {},
};
for (const name of Object.keys(GREETING_FESTIVALS))
  if (!FESTIVALS[name]) throw new Error(`greeting festival ${name} is not a calendar festival`);

// The library's names where ours differ.
const RENAME: Record<string, string> = { 元旦节: '元旦' };

function festival(libraryName: string, fallbackKind: Festival['kind']): Festival {
  const name = RENAME[libraryName] ?? libraryName;
  return { name, ...(FESTIVALS[name] ?? { nameEn: name, kind: fallbackKind, statutory: false }) };
}

/** What the Chinese calendar says about one civil date. */
export interface LunarInfo {
  lunar: LunarDate;
  /** Traditional (lunar) festivals first, then Gregorian ones. */
  festivals: Festival[];
  /** The solar term starting this day (冬至), or null. */
  solarTerm: string | null;
  solarTermEn: string | null;
}

/** Lunar date, festivals and solar term of a date (YYYY-MM-DD). */
export function lunarInfo(date: string): LunarInfo {
  const solar = Solar.fromYmd(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  const l = solar.getLunar();
  const leap = l.getMonth() < 0;
  const month = Math.abs(l.getMonth());
  const monthName = `${l.getMonthInChinese()}月`; // 闰六 → 闰六月, 冬 → 冬月
  const dayName = l.getDayInChinese();
  const ganzhi = l.getYearInGanZhi();
  const zodiac = l.getYearShengXiao();
  const zodiacEn = ZODIAC_EN[zodiac] ?? zodiac;
  const ganzhiEn = `${STEMS[ganzhi[0] ?? ''] ?? ''}${BRANCHES[ganzhi[1] ?? ''] ?? ''}`;
  const solarTerm = l.getJieQi() || null;

  const festivals: Festival[] = l.getFestivals().map((n) => festival(n, 'traditional'));
  if (solarTerm === '清明') festivals.push(festival('清明节', 'traditional'));
  for (const n of solar.getFestivals()) festivals.push(festival(n, 'public'));

  return {
    lunar: {
      year: l.getYear(),
      month,
      day: l.getDay(),
      isLeapMonth: leap,
      monthName,
      dayName,
      ganzhiYear: ganzhi,
      zodiac,
      zodiacEn,
      text: `农历${monthName}${dayName}`,
      fullText: `${ganzhi}年（${zodiac}年）${monthName}${dayName}`,
      textEn: `Lunar ${leap ? 'leap ' : ''}month ${month}, day ${l.getDay()}, Year of the ${zodiacEn} (${ganzhiEn})`,
    },
    festivals,
    solarTerm,
    solarTermEn: solarTerm ? (SOLAR_TERMS_EN[solarTerm] ?? solarTerm) : null,
  };
}

/** The solar term a date falls in (the latest one starting on or before it) and its first day. */
export function solarTermOf(date: string): { name: string; nameEn: string; since: string } {
  const solar = Solar.fromYmd(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  const t = solar.getLunar().getPrevJieQi(true);
  const name = t.getName();
  return { name, nameEn: SOLAR_TERMS_EN[name] ?? name, since: t.getSolar().toYmd() };
}

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** The season of a date by solar term, as Chinese almanacs count it (立春 … 立夏 … 立秋 … 立冬). */
export function seasonOf(date: string): Season {
  const term = solarTermOf(date).name;
  const order = Object.keys(SOLAR_TERMS_EN); // 小寒 大寒 立春 … 冬至
  const i = order.indexOf(term);
  // 立春 (2) … 谷雨 (7) spring; 立夏 (8) … 大暑 (13) summer; 立秋 (14) … 霜降 (19) autumn; else winter.
  if (i >= 2 && i <= 7) return 'spring';
  if (i >= 8 && i <= 13) return 'summer';
  if (i >= 14 && i <= 19) return 'autumn';
  return 'winter';
}
