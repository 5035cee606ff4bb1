import { createPrivateKey } from 'node:crypto';
import type {
  EnterWeatherBody,
  Forecast,
  PutWeatherSourceBody,
  Weather,
  WeatherSource,
} from '../../../contract/board.js';
import { addDays, localDate, toJson } from '../../lib/dates.js';
import type { Actor, requireCap } from '../auth/index.js';
import { createSecretBox, type SecretBox } from '../messaging/index.js';
import { BoardErrors } from './board.errors.js';
import {
  cachedWeather,
  manualWeather,
  type SourceConfig,
  sourceConfig,
  toWeatherSource,
} from './board.mapper.js';
import * as repo from './board.repository.js';
import type { BoardDeps } from './board.service.js';
import {
  type DailyForecast,
  OpenMeteoClient,
  QWeatherClient,
  type WeatherClient,
} from './weather.clients.js';

const OPEN_METEO_COMMERCIAL = 'https://customer-api.open-meteo.com';

/** The estate of a staff operation, once its capability and estate scope are checked. */
export type ScopedEstate = (
  actor: Actor,
  estateId: string,
  cap: Parameters<typeof requireCap>[1],
) => Promise<NonNullable<Awaited<ReturnType<typeof repo.findEstate>>>>;

/**
 * Weather per estate for the board service: the provider (sealed keys, in-flight de-duplication,
 * back-off after a failure), the cache, hand entry at the gate, and the source configuration.
 */
export function createBoardWeather(deps: BoardDeps, scoped: ScopedEstate) {
  const { db, clock } = deps;
  const freshMs = deps.freshMs ?? 60 * 60_000;
  const retryAfterMs = deps.retryAfterMs ?? 5 * 60_000;
  let box: SecretBox | undefined;
  try {
    box = deps.secretKey ? createSecretBox(deps.secretKey) : undefined;
  } catch {
    box = undefined;
  }
  const aad = (estateId: string) => `weather:${estateId}`;
  // In-process de-duplication of simultaneous fetches (an optimization only; the cache is in the DB).
  const inFlight = new Map<string, Promise<DailyForecast[] | null>>();

  function clientFor(
    estateId: string,
    provider: string,
    c: SourceConfig,
    timeZone: string,
  ): WeatherClient | null {
    const secrets = c.sealed && box ? (JSON.parse(box.open(c.sealed, aad(estateId))) as Secrets) : {};
    const s = c.settings;
    if (provider === 'qweather')
      return new QWeatherClient({
        apiHost: String(s.apiHost),
        location: String(s.location),
        auth:
          s.auth === 'jwt'
            ? {
                kind: 'jwt',
                credentialId: String(s.credentialId),
                projectId: String(s.projectId),
                privateKeyPem: secrets.privateKey ?? '',
              }
            : { kind: 'api_key', apiKey: secrets.apiKey ?? '' },
        baseUrl: deps.baseUrls?.qweather,
        fetch: deps.fetch,
        now: () => clock.now(),
      });
    if (provider === 'open_meteo')
      return new OpenMeteoClient({
        latitude: Number(s.latitude),
        longitude: Number(s.longitude),
        apiKey: secrets.apiKey ?? null,
        baseUrl: deps.baseUrls?.openMeteo ?? String(s.baseUrl ?? OPEN_METEO_COMMERCIAL),
        timeZone,
        fetch: deps.fetch,
      });
    return null;
  }

  /** Asks the estate's provider and caches every day it returns; null on any failure (recorded). */
  async function fetchProvider(estateId: string, timeZone: string, force: boolean) {
    const running = inFlight.get(estateId);
    if (running) return running;
    const p = (async (): Promise<DailyForecast[] | null> => {
      const src = await repo.findSource(db, estateId);
      if (!src || src.provider === 'manual') return null;
      const now = clock.now();
      if (!force && src.last_error_at && now.getTime() - new Date(src.last_error_at).getTime() < retryAfterMs)
        return null;
      try {
        const client = clientFor(estateId, src.provider, sourceConfig(src), timeZone);
        if (!client) return null;
        const days = await client.daily();
        const at = clock.now().toISOString();
        await repo.upsertCache(
          db,
          days.map(({ date, ...forecast }) => ({
            estate_id: estateId,
            date,
            fetched_at: at,
            source: client.provider,
            forecast: toJson(forecast),
          })),
        );
        if (src.last_error) await repo.markSourceError(db, estateId, null, null);
        return days;
      } catch (e) {
        const msg = (e as Error).message.slice(0, 300);
        deps.log?.(`weather ${estateId}: ${msg}`);
        await repo.markSourceError(db, estateId, msg, now.toISOString()).catch(() => undefined);
        return null;
      }
    })().finally(() => inFlight.delete(estateId));
    inFlight.set(estateId, p);
    return p;
  }

  /** Manual entry, else a fresh cache, else the provider, else the last cache marked stale. */
  async function weatherOf(estateId: string, date: string, timeZone: string): Promise<Weather> {
    const manual = await repo.findManual(db, estateId, date);
    if (manual) return manualWeather(manual);
    const cached = await repo.findCache(db, estateId, date);
    const age = cached ? clock.now().getTime() - new Date(cached.fetched_at).getTime() : Infinity;
    if (cached && age < freshMs) return cachedWeather(cached, false);
    // The providers forecast today and the next two days only.
    const today = localDate(clock.now(), timeZone);
    if (date >= today && date <= addDays(today, 2)) {
      const days = await fetchProvider(estateId, timeZone, false);
      if (days) {
        const fresh = await repo.findCache(db, estateId, date);
        if (fresh) return cachedWeather(fresh, false);
      }
    }
    if (cached) return cachedWeather(cached, true);
    return { date, forecast: null, source: null, fetchedAt: null, stale: false, enteredBy: null };
  }

  return {
    weatherOf,

    /** getWeather: any staff member of the estate; date defaults to today there. */
    async getWeather(actor: Actor, estateId: string, date?: string): Promise<Weather> {
      const e = await scoped(actor, estateId, 'estate.read');
      const tz = e.time_zone || 'Asia/Shanghai';
      return weatherOf(estateId, date ?? localDate(clock.now(), tz), tz);
    },

    /** enterWeather: the forecast entered by hand (guard at the post); wins over any provider. */
    async enterWeather(
      actor: Actor,
      estateId: string,
      date: string,
      body: EnterWeatherBody,
    ): Promise<Weather> {
      await scoped(actor, estateId, 'weather.enter');
      const forecast: Forecast = {
        conditionZh: body.conditionZh,
        conditionEn: body.conditionEn,
        icon: body.icon ?? null,
        tempMin: body.tempMin,
        tempMax: body.tempMax,
        precipitationChance: body.precipitationChance ?? null,
        precipitationMm: body.precipitationMm ?? null,
        windZh: body.windZh ?? null,
        windEn: body.windEn ?? null,
      };
      await repo.upsertManual(db, {
        estate_id: estateId,
        date,
        entered_by: actor.id,
        entered_by_name: actor.displayName,
        entered_at: clock.now().toISOString(),
        forecast: toJson(forecast),
      });
      await deps.audit.record({
        actor,
        action: 'weather.enter',
        estateId,
        targetType: 'weather',
        targetId: date,
        details: { condition: forecast.conditionZh, tempMin: forecast.tempMin, tempMax: forecast.tempMax },
      });
      const row = await repo.findManual(db, estateId, date);
      return manualWeather(row!);
    },

    /** getWeatherSource: the configured provider (no secrets), or null. */
    async getWeatherSource(actor: Actor, estateId: string): Promise<WeatherSource | null> {
      await scoped(actor, estateId, 'board.manage');
      const r = await repo.findSource(db, estateId);
      return r ? toWeatherSource(r, await repo.editorName(db, r.updated_by)) : null;
    },

    /**
     * putWeatherSource (admins, provider.manage): chooses the estate's provider. Keys are sealed
     * (AES-256-GCM, bound to the estate) and never returned; an omitted key keeps the stored one.
     */
    async putWeatherSource(
      actor: Actor,
      estateId: string,
      body: PutWeatherSourceBody,
    ): Promise<WeatherSource> {
      await scoped(actor, estateId, 'provider.manage');
      const existing = await repo.findSource(db, estateId);
      const kept: Secrets =
        existing && existing.provider === body.provider && box && sourceConfig(existing).sealed
          ? JSON.parse(box.open(sourceConfig(existing).sealed!, aad(estateId)))
          : {};
      let settings: SourceConfig['settings'] = {};
      let secrets: Secrets = {};
      let location: string | null = null;
      if (body.provider === 'qweather') {
        location = body.location;
        settings = { apiHost: body.apiHost, location: body.location, auth: body.auth };
        if (body.auth === 'jwt') {
          if (!body.credentialId) throw BoardErrors.make('WEATHER_CONFIG_INVALID', { field: 'credentialId' });
          if (!body.projectId) throw BoardErrors.make('WEATHER_CONFIG_INVALID', { field: 'projectId' });
          settings.credentialId = body.credentialId;
          settings.projectId = body.projectId;
          const pem = body.privateKey || kept.privateKey;
          if (!pem) throw BoardErrors.make('WEATHER_SECRET_MISSING', { field: 'privateKey' });
          try {
            if (createPrivateKey(pem).asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
          } catch {
            throw BoardErrors.make('WEATHER_KEY_INVALID');
          }
          secrets = { privateKey: pem };
        } else {
          const key = body.apiKey || kept.apiKey;
          if (!key) throw BoardErrors.make('WEATHER_SECRET_MISSING', { field: 'apiKey' });
          secrets = { apiKey: key };
        }
      } else if (body.provider === 'open_meteo') {
        const baseUrl = (body.baseUrl ?? OPEN_METEO_COMMERCIAL).replace(/\/$/, '');
        settings = { baseUrl, latitude: body.latitude, longitude: body.longitude };
        location = `${body.latitude},${body.longitude}`;
        const key = body.apiKey || kept.apiKey;
        // The free API is for non-commercial use only; the commercial host needs the key.
        if (!key && baseUrl === OPEN_METEO_COMMERCIAL)
          throw BoardErrors.make('WEATHER_SECRET_MISSING', { field: 'apiKey' });
        if (key) secrets = { apiKey: key };
      }
      const hasSecrets = Object.keys(secrets).length > 0;
      if (hasSecrets && !box) throw BoardErrors.make('SECRET_KEY_MISSING');
      const sealed = hasSecrets ? box!.seal(JSON.stringify(secrets), aad(estateId)) : null;
      await repo.upsertSource(db, {
        estate_id: estateId,
        provider: body.provider,
        config: toJson({ settings, sealed }),
        location,
        at: clock.now().toISOString(),
        by: actor.id,
      });
      await deps.audit.record({
        actor,
        action: 'weather.source.update',
        estateId,
        targetType: 'weather_source',
        targetId: estateId,
        details: {
          provider: body.provider,
          secretChanged: !!(('privateKey' in body && body.privateKey) || ('apiKey' in body && body.apiKey)),
        },
      });
      return toWeatherSource((await repo.findSource(db, estateId))!, actor.displayName);
    },

    /** refreshWeather (job): asks each provider now, whatever the cache; reports what happened. */
    async refreshAll(): Promise<{ estates: number; refreshed: number; failed: number }> {
      const ids = await repo.estatesWithProvider(db);
      let refreshed = 0;
      let failed = 0;
      for (const id of ids) {
        const e = await repo.findEstate(db, id);
        if (!e) continue;
        const days = await fetchProvider(id, e.time_zone || 'Asia/Shanghai', true);
        if (days) refreshed++;
        else failed++;
      }
      return { estates: ids.length, refreshed, failed };
    },
  };
}

interface Secrets {
  privateKey?: string;
  apiKey?: string;
}
