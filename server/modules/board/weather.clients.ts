import { createPrivateKey, sign } from 'node:crypto';
import type { Forecast } from '../../../contract/board.js';

/** One day of a provider's forecast. */
export type DailyForecast = Forecast & { date: string };

/** A provider of daily forecasts (today and the next days). */
export interface WeatherClient {
  readonly provider: 'qweather' | 'open_meteo';
  daily(): Promise<DailyForecast[]>;
}

/** A provider failed (network, HTTP status, provider code, unreadable answer). */
export class WeatherProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(`${provider}: ${message}`);
  }
}

type Fetch = typeof fetch;
const DEFAULT_TIMEOUT_MS = 8000;

async function getJson(provider: string, f: Fetch, url: string, headers: Record<string, string>, ms: number) {
  let res: Response;
  try {
    res = await f(url, { method: 'GET', headers, signal: AbortSignal.timeout(ms) });
  } catch (e) {
    throw new WeatherProviderError(provider, `request failed: ${(e as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new WeatherProviderError(provider, `HTTP ${res.status} ${text.slice(0, 120)}`);
  try {
    return JSON.parse(text) as any;
  } catch {
    throw new WeatherProviderError(provider, 'answer is not JSON');
  }
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/**
 * A QWeather JWT: EdDSA (Ed25519) over `header.payload`, header `{alg:"EdDSA", kid}`, payload
 * `{sub: projectId, iat: now-30, exp}` (iat is backdated 30 s against clock skew, as documented).
 */
export function signQWeatherJwt(o: {
  privateKeyPem: string;
  credentialId: string;
  projectId: string;
  now: Date;
  ttlSeconds?: number;
}): string {
  const iat = Math.floor(o.now.getTime() / 1000) - 30;
  const header = b64url(JSON.stringify({ alg: 'EdDSA', kid: o.credentialId }));
  const payload = b64url(JSON.stringify({ sub: o.projectId, iat, exp: iat + (o.ttlSeconds ?? 900) }));
  const signature = sign(null, Buffer.from(`${header}.${payload}`), createPrivateKey(o.privateKeyPem));
  return `${header}.${payload}.${b64url(signature)}`;
}

export type QWeatherAuth =
  | { kind: 'api_key'; apiKey: string }
  | { kind: 'jwt'; credentialId: string; projectId: string; privateKeyPem: string };

/** QWeather v7 3-day forecast from the account's own API host (responses are gzip; fetch inflates). */
export class QWeatherClient implements WeatherClient {
  readonly provider = 'qweather' as const;
  constructor(
    private readonly o: {
      apiHost: string;
      location: string;
      auth: QWeatherAuth;
      /** Overrides `https://{apiHost}` (tests, proxies). */
      baseUrl?: string;
      fetch?: Fetch;
      now?: () => Date;
      timeoutMs?: number;
    },
  ) {}

  async daily(): Promise<DailyForecast[]> {
    const base = (this.o.baseUrl ?? `https://${this.o.apiHost}`).replace(/\/$/, '');
    const url = `${base}/v7/weather/3d?location=${encodeURIComponent(this.o.location)}&lang=zh`;
    const a = this.o.auth;
    const headers: Record<string, string> =
      a.kind === 'api_key'
        ? { 'X-QW-Api-Key': a.apiKey }
        : {
            Authorization: `Bearer ${signQWeatherJwt({ ...a, now: (this.o.now ?? (() => new Date()))() })}`,
          };
    headers['Accept-Encoding'] = 'gzip';
    const body = await getJson(
      'qweather',
      this.o.fetch ?? fetch,
      url,
      headers,
      this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    if (body?.code !== '200' || !Array.isArray(body.daily))
      throw new WeatherProviderError('qweather', `code ${body?.code ?? '?'}`);
    return body.daily.map((d: any): DailyForecast => {
      const num = (v: unknown) => (v === undefined || v === null || v === '' ? null : Number(v));
      const windZh = d.windDirDay ? `${d.windDirDay}${d.windScaleDay ? ` ${d.windScaleDay}级` : ''}` : null;
      return {
        date: String(d.fxDate),
        conditionZh: String(d.textDay ?? '未知'),
        conditionEn: qweatherIconEn(String(d.iconDay ?? '999')),
        icon: d.iconDay ? String(d.iconDay) : null,
        tempMin: Number(d.tempMin),
        tempMax: Number(d.tempMax),
        precipitationChance: null, // the daily forecast has no probability, only the amount
        precipitationMm: num(d.precip),
        windZh,
        windEn: d.windDirDay
          ? `${WIND_EN[d.windDirDay] ?? 'Wind'}${d.windScaleDay ? `, force ${d.windScaleDay}` : ''}`
          : null,
      };
    });
  }
}

/** Open-Meteo daily forecast (commercial: customer-api.open-meteo.com with `apikey`). */
export class OpenMeteoClient implements WeatherClient {
  readonly provider = 'open_meteo' as const;
  constructor(
    private readonly o: {
      latitude: number;
      longitude: number;
      apiKey?: string | null;
      baseUrl?: string;
      timeZone?: string;
      fetch?: Fetch;
      timeoutMs?: number;
    },
  ) {}

  async daily(): Promise<DailyForecast[]> {
    const base = (this.o.baseUrl ?? 'https://customer-api.open-meteo.com').replace(/\/$/, '');
    const q = new URLSearchParams({
      latitude: this.o.latitude.toFixed(2),
      longitude: this.o.longitude.toFixed(2),
      daily:
        'weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max',
      timezone: this.o.timeZone ?? 'Asia/Shanghai',
      forecast_days: '3',
    });
    if (this.o.apiKey) q.set('apikey', this.o.apiKey);
    const body = await getJson(
      'open_meteo',
      this.o.fetch ?? fetch,
      `${base}/v1/forecast?${q.toString().replace(/%2C/g, ',')}`,
      {},
      this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const d = body?.daily;
    if (!d || !Array.isArray(d.time))
      throw new WeatherProviderError('open_meteo', body?.reason ?? 'no daily data');
    return d.time.map((date: string, i: number): DailyForecast => {
      const code = d.weather_code?.[i];
      const [zh, en] = WMO[code] ?? ['未知', 'Unknown'];
      const pop = d.precipitation_probability_max?.[i];
      const mm = d.precipitation_sum?.[i];
      return {
        date,
        conditionZh: zh,
        conditionEn: en,
        icon: code === undefined || code === null ? null : `wmo:${code}`,
        tempMin: Math.round(Number(d.temperature_2m_min?.[i]) * 10) / 10,
        tempMax: Math.round(Number(d.temperature_2m_max?.[i]) * 10) / 10,
        precipitationChance: typeof pop === 'number' ? Math.round(pop) : null,
        precipitationMm: typeof mm === 'number' ? mm : null,
        windZh: null,
        windEn: null,
      };
    });
  }
}

const WIND_EN: Record<string, string> = {
  北风: 'N wind',
  东北风: 'NE wind',
  东风: 'E wind',
  东南风: 'SE wind',
  南风: 'S wind',
  西南风: 'SW wind',
  西风: 'W wind',
  西北风: 'NW wind',
  无持续风向: 'Variable wind',
  旋转风: 'Whirlwind',
};

const QW_EN: Record<string, string> = {
  '100': 'Sunny',
  '101': 'Cloudy',
  '102': 'Few clouds',
  '103': 'Partly cloudy',
  '104': 'Overcast',
  '150': 'Clear',
  '151': 'Cloudy',
  '152': 'Few clouds',
  '153': 'Partly cloudy',
  '300': 'Shower rain',
  '301': 'Heavy shower rain',
  '302': 'Thundershower',
  '303': 'Heavy thunderstorm',
  '304': 'Thundershower with hail',
  '305': 'Light rain',
  '306': 'Moderate rain',
  '307': 'Heavy rain',
  '308': 'Extreme rain',
  '309': 'Drizzle',
  '310': 'Rainstorm',
  '311': 'Heavy rainstorm',
  '312': 'Severe rainstorm',
  '313': 'Freezing rain',
  '399': 'Rain',
  '400': 'Light snow',
  '401': 'Moderate snow',
  '402': 'Heavy snow',
  '403': 'Snowstorm',
  '404': 'Sleet',
  '405': 'Rain and snow',
  '406': 'Shower rain and snow',
  '407': 'Snow flurry',
  '499': 'Snow',
  '500': 'Mist',
  '501': 'Fog',
  '502': 'Haze',
  '503': 'Sand',
  '504': 'Dust',
  '507': 'Duststorm',
  '508': 'Sandstorm',
  '509': 'Dense fog',
  '514': 'Heavy fog',
  '900': 'Hot',
  '901': 'Cold',
};

/** English text of a QWeather icon code (the Chinese text comes from the provider). */
export function qweatherIconEn(code: string): string {
  if (QW_EN[code]) return QW_EN[code];
  const family: Record<string, string> = {
    '1': 'Cloudy',
    '3': 'Rain',
    '4': 'Snow',
    '5': 'Haze',
    '9': 'Unknown',
  };
  return family[code[0] ?? '9'] ?? 'Unknown';
}

/** WMO weather interpretation codes (Open-Meteo) → Chinese and English text. */
export const WMO: Record<number, [string, string]> = {
  0: ['晴', 'Clear sky'],
  1: ['晴间多云', 'Mainly clear'],
  2: ['多云', 'Partly cloudy'],
  3: ['阴', 'Overcast'],
  45: ['雾', 'Fog'],
  48: ['雾凇', 'Rime fog'],
  51: ['小毛毛雨', 'Light drizzle'],
  53: ['毛毛雨', 'Drizzle'],
  55: ['大毛毛雨', 'Dense drizzle'],
  56: ['冻毛毛雨', 'Freezing drizzle'],
  57: ['强冻毛毛雨', 'Dense freezing drizzle'],
  61: ['小雨', 'Slight rain'],
  63: ['中雨', 'Moderate rain'],
  65: ['大雨', 'Heavy rain'],
  66: ['冻雨', 'Freezing rain'],
  67: ['强冻雨', 'Heavy freezing rain'],
  71: ['小雪', 'Slight snow'],
  73: ['中雪', 'Moderate snow'],
  75: ['大雪', 'Heavy snow'],
  77: ['米雪', 'Snow grains'],
  80: ['小阵雨', 'Slight rain showers'],
  81: ['阵雨', 'Rain showers'],
  82: ['强阵雨', 'Violent rain showers'],
  85: ['小阵雪', 'Slight snow showers'],
  86: ['强阵雪', 'Heavy snow showers'],
  95: ['雷阵雨', 'Thunderstorm'],
  96: ['雷阵雨伴小冰雹', 'Thunderstorm with slight hail'],
  99: ['雷阵雨伴大冰雹', 'Thunderstorm with heavy hail'],
};
