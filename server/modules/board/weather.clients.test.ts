import { generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { qweather3d, startFakeWeather } from './fake-weather.js';
import { OpenMeteoClient, QWeatherClient, WeatherProviderError } from './weather.clients.js';

const DATES = ['2026-11-27', '2026-11-28', '2026-11-29'];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe('QWeather v7 client', () => {
  it('asks /v7/weather/3d with X-QW-Api-Key and reads the gzip answer', async () => {
    const fake = await startFakeWeather(() => ({ status: 200, body: qweather3d(DATES), gzip: true }));
    closers.push(fake.close);
    const c = new QWeatherClient({
      apiHost: 'abc1234xyz.def.qweatherapi.com',
      location: '101010100',
      auth: { kind: 'api_key', apiKey: 'qw-key-0123456789' },
      baseUrl: fake.url,
    });
    const days = await c.daily();
    expect(fake.seen).toHaveLength(1);
    const r = fake.seen[0]!;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/v7/weather/3d');
    expect(r.query.get('location')).toBe('101010100');
    expect(r.headers['x-qw-api-key']).toBe('qw-key-0123456789');
    expect(r.headers.authorization).toBeUndefined();
    expect(days).toHaveLength(3);
    expect(days[0]).toEqual({
      date: '2026-11-27',
      conditionZh: '多云',
      conditionEn: 'Cloudy',
      icon: '101',
      tempMin: -1,
      tempMax: 12,
      precipitationChance: null,
      precipitationMm: 0,
      windZh: '东北风 1-2级',
      windEn: 'NE wind, force 1-2',
    });
    expect(days[1]).toMatchObject({ conditionZh: '小雨', conditionEn: 'Light rain', precipitationMm: 2.5 });
  });

  it('signs an EdDSA JWT (kid, sub = project, iat = now-30) that the public key verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const fake = await startFakeWeather(() => ({ status: 200, body: qweather3d(DATES), gzip: true }));
    closers.push(fake.close);
    const now = new Date('2026-11-27T02:00:00Z');
    await new QWeatherClient({
      apiHost: 'abc1234xyz.def.qweatherapi.com',
      location: '116.41,39.92',
      auth: {
        kind: 'jwt',
        credentialId: 'CRED123ABC',
        projectId: 'PROJ456DEF',
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      baseUrl: fake.url,
      now: () => now,
    }).daily();
    const r = fake.seen[0]!;
    expect(r.query.get('location')).toBe('116.41,39.92');
    expect(r.headers['x-qw-api-key']).toBeUndefined();
    const auth = String(r.headers.authorization);
    expect(auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const [h, p, s] = auth.slice(7).split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: 'CRED123ABC' });
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const iat = now.getTime() / 1000 - 30;
    expect(payload).toEqual({ sub: 'PROJ456DEF', iat, exp: iat + 900 });
    expect(verify(null, Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
    // A tampered payload does not verify: the check above is a real signature check.
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'OTHER' })).toString('base64url');
    expect(verify(null, Buffer.from(`${h}.${forged}`), publicKey, Buffer.from(s, 'base64url'))).toBe(false);
  });

  it('an HTTP error or a provider code other than 200 is a WeatherProviderError', async () => {
    const fake = await startFakeWeather((r) =>
      r.query.get('location') === '1'
        ? { status: 500, body: { error: 'boom' } }
        : { status: 200, body: { code: '401' } },
    );
    closers.push(fake.close);
    const mk = (location: string) =>
      new QWeatherClient({
        apiHost: 'x.qweatherapi.com',
        location,
        auth: { kind: 'api_key', apiKey: 'k' },
        baseUrl: fake.url,
      });
    await expect(mk('1').daily()).rejects.toThrow(WeatherProviderError);
    await expect(mk('2').daily()).rejects.toThrow(/code 401/);
  });
});

describe('Open-Meteo client', () => {
  it('asks /v1/forecast with the daily fields, time zone and apikey, and maps WMO codes', async () => {
    const fake = await startFakeWeather(() => ({
      status: 200,
      body: {
        latitude: 39.9,
        longitude: 116.41,
        timezone: 'Asia/Shanghai',
        utc_offset_seconds: 28800,
        daily_units: { temperature_2m_max: '°C' },
        daily: {
          time: DATES,
          weather_code: [3, 61, 0],
          temperature_2m_max: [8.26, 6.1, 9],
          temperature_2m_min: [-2.04, 0.3, -3],
          precipitation_sum: [0, 3.2, 0],
          precipitation_probability_max: [10, 80, 0],
        },
      },
    }));
    closers.push(fake.close);
    const days = await new OpenMeteoClient({
      latitude: 39.9,
      longitude: 116.41,
      apiKey: 'om-commercial-key',
      baseUrl: fake.url,
    }).daily();
    const r = fake.seen[0]!;
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/v1/forecast');
    expect(Object.fromEntries(r.query)).toEqual({
      latitude: '39.90',
      longitude: '116.41',
      daily:
        'weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max',
      timezone: 'Asia/Shanghai',
      forecast_days: '3',
      apikey: 'om-commercial-key',
    });
    expect(days[0]).toEqual({
      date: '2026-11-27',
      conditionZh: '阴',
      conditionEn: 'Overcast',
      icon: 'wmo:3',
      tempMin: -2,
      tempMax: 8.3,
      precipitationChance: 10,
      precipitationMm: 0,
      windZh: null,
      windEn: null,
    });
    expect(days[1]).toMatchObject({ conditionZh: '小雨', precipitationChance: 80 });
  });

  it('a refused connection is a WeatherProviderError', async () => {
    const fake = await startFakeWeather(() => ({ status: 200, body: {} }));
    await fake.close();
    await expect(
      new OpenMeteoClient({ latitude: 1, longitude: 2, baseUrl: fake.url }).daily(),
    ).rejects.toThrow(WeatherProviderError);
  });
});
