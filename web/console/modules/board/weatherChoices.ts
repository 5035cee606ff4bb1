/**
 * What a guard picks from when entering the forecast by hand: each choice carries the text the
 * board shows in both languages (stored with the forecast, whatever the console's language) and
 * the QWeather icon code of the condition.
 */
export const CONDITIONS = [
  { icon: '100', zh: '晴', en: 'Sunny' },
  { icon: '101', zh: '多云', en: 'Cloudy' },
  { icon: '104', zh: '阴', en: 'Overcast' },
  { icon: '305', zh: '小雨', en: 'Light rain' },
  { icon: '306', zh: '中雨', en: 'Moderate rain' },
  { icon: '307', zh: '大雨', en: 'Heavy rain' },
  { icon: '302', zh: '雷阵雨', en: 'Thundershower' },
  { icon: '404', zh: '雨夹雪', en: 'Sleet' },
  { icon: '400', zh: '小雪', en: 'Light snow' },
  { icon: '402', zh: '大雪', en: 'Heavy snow' },
  { icon: '501', zh: '雾', en: 'Fog' },
  { icon: '502', zh: '霾', en: 'Haze' },
] as const;

export const WIND_DIRECTIONS = [
  { zh: '北风', en: 'N' },
  { zh: '东北风', en: 'NE' },
  { zh: '东风', en: 'E' },
  { zh: '东南风', en: 'SE' },
  { zh: '南风', en: 'S' },
  { zh: '西南风', en: 'SW' },
  { zh: '西风', en: 'W' },
  { zh: '西北风', en: 'NW' },
  { zh: '微风', en: 'Breeze' },
] as const;

export const WIND_FORCES = ['1-2', '3-4', '4-5', '5-6', '6-7'] as const;

/** 东北风 3-4级 / NE wind, force 3-4; a breeze has no force. */
export function windText(
  dir: number | undefined,
  force: string | undefined,
): { zh: string; en: string } | null {
  if (dir === undefined) return null;
  const d = WIND_DIRECTIONS[dir];
  if (!d) return null;
  if (d.en === 'Breeze' || !force) return { zh: d.zh, en: d.en === 'Breeze' ? 'Breeze' : `${d.en} wind` };
  return { zh: `${d.zh} ${force}级`, en: `${d.en} wind, force ${force}` };
}
