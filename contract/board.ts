import { z } from 'zod';
import { BilingualText, CalendarDate, Festival, PlateRestriction } from './calendar.js';

// Weather (per estate: QWeather, Open-Meteo or entered by hand at the gate) and the entrance
// board (门岗信息屏, S11/E16/C8) shown at /board/<entrance token>.

export const WEATHER_PROVIDERS = ['qweather', 'open_meteo', 'manual'] as const;
export const WeatherProvider = z.enum(WEATHER_PROVIDERS);
export type WeatherProvider = z.infer<typeof WeatherProvider>;

/** One day's forecast, whichever source it came from. */
export const Forecast = z.object({
  conditionZh: z.string().trim().min(1).max(30).describe('多云'),
  conditionEn: z.string().trim().min(1).max(60).describe('Cloudy'),
  icon: z.string().trim().max(10).nullable().describe('QWeather icon code (101) or wmo:<code>; null by hand'),
  tempMin: z.number().min(-60).max(60).describe('°C'),
  tempMax: z.number().min(-60).max(60).describe('°C'),
  precipitationChance: z.number().int().min(0).max(100).nullable().describe('Percent; null when unknown'),
  precipitationMm: z.number().min(0).max(2000).nullable(),
  windZh: z.string().trim().max(40).nullable().describe('东北风 1-2级'),
  windEn: z.string().trim().max(60).nullable().describe('NE wind, force 1-2'),
});
export type Forecast = z.infer<typeof Forecast>;

/** A forecast entered by hand (a guard at the post, 门岗): min must not exceed max. */
export const EnterWeatherBody = Forecast.partial({
  icon: true,
  precipitationChance: true,
  precipitationMm: true,
  windZh: true,
  windEn: true,
})
  .strict()
  .refine((f) => f.tempMin <= f.tempMax, { message: 'tempMin must not exceed tempMax', path: ['tempMin'] });
export type EnterWeatherBody = z.infer<typeof EnterWeatherBody>;

export const WEATHER_SOURCES = ['qweather', 'open_meteo', 'manual'] as const;

/** The weather of one date for an estate, with where it came from and how old it is. */
export const Weather = z.object({
  date: z.string(),
  forecast: Forecast.nullable().describe('null when no source has anything for the date'),
  source: z.enum(WEATHER_SOURCES).nullable(),
  fetchedAt: z.string().nullable().describe('When the provider answered, or when it was entered by hand'),
  stale: z.boolean().describe('The provider failed: this is the last forecast known'),
  enteredBy: z.string().nullable().describe('Display name of who entered it by hand'),
});
export type Weather = z.infer<typeof Weather>;

export const WeatherQuery = z.object({
  date: CalendarDate.optional().describe("YYYY-MM-DD; today in the estate's time zone when omitted"),
});
export const BoardEstateParams = z.object({ estateId: z.string().min(1).max(64) });
export const WeatherDateParams = BoardEstateParams.extend({ date: CalendarDate });

/** Host name of the account's QWeather API host (abc1234xyz.def.qweatherapi.com). */
const HostName = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'a host name such as abc1234xyz.def.qweatherapi.com');

export const PutWeatherSourceBody = z.discriminatedUnion('provider', [
  z
    .object({
      provider: z.literal('qweather'),
      apiHost: HostName.describe('The account’s API Host from the QWeather console'),
      location: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(
          /^(\d{6,12}|-?\d{1,3}(\.\d{1,2})?,-?\d{1,2}(\.\d{1,2})?)$/,
          'LocationID or lon,lat (2 decimals)',
        )
        .describe('LocationID (101010100) or lon,lat'),
      auth: z
        .enum(['jwt', 'api_key'])
        .describe('jwt (recommended): Ed25519-signed token; api_key: X-QW-Api-Key'),
      credentialId: z.string().trim().min(1).max(64).optional().describe('JWT kid (credential ID)'),
      projectId: z.string().trim().min(1).max(64).optional().describe('JWT sub (project ID)'),
      privateKey: z
        .string()
        .trim()
        .max(4000)
        .optional()
        .describe('Ed25519 private key, PKCS#8 PEM; omitted = keep the stored one'),
      apiKey: z.string().trim().min(8).max(200).optional().describe('API key; omitted = keep the stored one'),
    })
    .strict(),
  z
    .object({
      provider: z.literal('open_meteo'),
      baseUrl: z
        .url()
        .max(200)
        .optional()
        .describe('Default https://customer-api.open-meteo.com (commercial, keyed)'),
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      apiKey: z
        .string()
        .trim()
        .min(4)
        .max(200)
        .optional()
        .describe('Commercial key; omitted = keep the stored one'),
    })
    .strict(),
  z.object({ provider: z.literal('manual') }).strict(),
]);
export type PutWeatherSourceBody = z.infer<typeof PutWeatherSourceBody>;

/** The configured source; secrets are never returned, only whether one is stored. */
export const WeatherSource = z.object({
  estateId: z.string(),
  provider: WeatherProvider,
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  location: z.string().nullable(),
  hasSecret: z.boolean(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable().describe('Account id of the last editor'),
  updatedByName: z.string().nullable().describe('Display name of the last editor'),
});
export type WeatherSource = z.infer<typeof WeatherSource>;

// ---------------------------------------------------------------- notices and greetings

export const NOTICE_KINDS = ['notice', 'warm_tip'] as const; // 通知 / 温馨提示 (C8)

export const CreateBoardNoticeBody = z
  .object({
    kind: z.enum(NOTICE_KINDS).default('notice'),
    textZh: z.string().trim().min(1).max(200),
    textEn: z.string().trim().min(1).max(400).nullable().optional(),
    fromDate: CalendarDate,
    toDate: CalendarDate,
    entranceId: z.string().min(1).max(64).nullable().optional().describe('null = every entrance'),
  })
  .strict()
  .refine((n) => n.fromDate <= n.toDate, { message: 'fromDate must not be after toDate', path: ['toDate'] });
export type CreateBoardNoticeBody = z.infer<typeof CreateBoardNoticeBody>;

export const UpdateBoardNoticeBody = z
  .object({
    kind: z.enum(NOTICE_KINDS).optional(),
    textZh: z.string().trim().min(1).max(200).optional(),
    textEn: z.string().trim().min(1).max(400).nullable().optional(),
    fromDate: CalendarDate.optional(),
    toDate: CalendarDate.optional(),
    entranceId: z.string().min(1).max(64).nullable().optional(),
    active: z.boolean().optional(),
    version: z.number().int().min(1).optional().describe('The version being changed (or send If-Match)'),
  })
  .strict();
export type UpdateBoardNoticeBody = z.infer<typeof UpdateBoardNoticeBody>;

export const BoardNotice = z.object({
  id: z.string(),
  kind: z.enum(NOTICE_KINDS),
  textZh: z.string(),
  textEn: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string(),
  entranceId: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type BoardNotice = z.infer<typeof BoardNotice>;

export const NoticeParams = BoardEstateParams.extend({ noticeId: z.string().min(1).max(64) });
export const ListNoticesQuery = z.object({
  activeOn: CalendarDate.optional().describe('Only notices shown on that date'),
});

/** A greeting line for residents going out (出门有问候, E16): for a festival, a period, or any day. */
export const UpsertBoardGreetingBody = z
  .object({
    id: z.string().min(1).max(64).optional().describe('Omitted = a new greeting'),
    textZh: z.string().trim().min(1).max(60),
    textEn: z.string().trim().min(1).max(120).nullable().optional(),
    festival: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .nullable()
      .optional()
      .describe('Shown on this festival: 中秋节'),
    fromDate: CalendarDate.nullable().optional(),
    toDate: CalendarDate.nullable().optional(),
    active: z.boolean().default(true),
    version: z.number().int().min(1).optional().describe('Required when changing an existing greeting'),
  })
  .strict()
  .refine((g) => !g.fromDate || !g.toDate || g.fromDate <= g.toDate, {
    message: 'fromDate must not be after toDate',
    path: ['toDate'],
  });
export type UpsertBoardGreetingBody = z.infer<typeof UpsertBoardGreetingBody>;

export const BoardGreeting = z.object({
  id: z.string(),
  textZh: z.string(),
  textEn: z.string().nullable(),
  festival: z.string().nullable(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type BoardGreeting = z.infer<typeof BoardGreeting>;

export const BoardLink = z.object({
  entranceId: z.string(),
  name: z.string(),
  kind: z.string(),
  isMain: z.boolean(),
  path: z.string().describe('/board/<token>'),
  url: z.string(),
});
export type BoardLink = z.infer<typeof BoardLink>;

// ---------------------------------------------------------------- the public board

export const BoardTokenParams = z.object({ token: z.string().min(1).max(300) });

export const BoardRestriction = PlateRestriction.omit({ plate: true }).nullable();

export const Board = z.object({
  estate: z.object({ name: z.string(), nameEn: z.string().nullable() }),
  entrance: z.object({ name: z.string() }),
  now: z.string().describe('Server time (ISO)'),
  timeZone: z.string(),
  date: z.string(),
  weekday: z.number().int().min(1).max(7),
  weekdayText: BilingualText.describe('星期五 / Friday'),
  lunar: z.object({ text: z.string(), fullText: z.string(), textEn: z.string() }),
  solarTerm: BilingualText.nullable(),
  festivals: z.array(Festival),
  greeting: BilingualText.extend({ kind: z.enum(['festival', 'estate', 'default']) }),
  weather: z.object({ today: Weather, tomorrow: Weather }),
  restriction: z.object({ today: BoardRestriction, tomorrow: BoardRestriction }),
  notices: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(NOTICE_KINDS),
      textZh: z.string(),
      textEn: z.string().nullable(),
    }),
  ),
  refreshSeconds: z.number().int(),
});
export type Board = z.infer<typeof Board>;
