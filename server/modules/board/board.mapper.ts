import type { Selectable } from 'kysely';
import type {
  BoardGreeting,
  BoardNotice,
  Forecast,
  Weather,
  WeatherSource,
} from '../../../contract/board.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type {
  BoardGreetingsTable,
  BoardNoticesTable,
  WeatherCacheTable,
  WeatherManualTable,
  WeatherSourcesTable,
} from './board.table.js';

export function toNotice(r: Selectable<BoardNoticesTable>): BoardNotice {
  return {
    id: r.id,
    kind: r.kind === 'warm_tip' ? 'warm_tip' : 'notice',
    textZh: r.text_zh,
    textEn: r.text_en,
    fromDate: r.from_date,
    toDate: r.to_date,
    entranceId: r.entrance_id,
    active: Number(r.active) === 1,
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    createdBy: r.created_by,
    updatedAt: toIso(r.updated_at)!,
  };
}

export function toGreeting(r: Selectable<BoardGreetingsTable>): BoardGreeting {
  return {
    id: r.id,
    textZh: r.text_zh,
    textEn: r.text_en,
    festival: r.festival,
    fromDate: r.from_date,
    toDate: r.to_date,
    active: Number(r.active) === 1,
    version: Number(r.version),
    updatedAt: toIso(r.updated_at)!,
  };
}

/** The stored config of a source: settings plus the sealed secrets (never leaves the service). */
export interface SourceConfig {
  settings: Record<string, string | number | null>;
  sealed: string | null;
}

export function sourceConfig(r: Pick<Selectable<WeatherSourcesTable>, 'config'>): SourceConfig {
  const c = fromJson<Partial<SourceConfig>>(r.config, {});
  return { settings: c.settings ?? {}, sealed: c.sealed ?? null };
}

export function toWeatherSource(
  r: Selectable<WeatherSourcesTable>,
  updatedByName: string | null = null,
): WeatherSource {
  const c = sourceConfig(r);
  return {
    estateId: r.estate_id,
    provider: r.provider as WeatherSource['provider'],
    settings: c.settings,
    location: r.location,
    hasSecret: !!c.sealed,
    lastError: r.last_error,
    lastErrorAt: toIso(r.last_error_at),
    updatedAt: toIso(r.updated_at)!,
    updatedBy: r.updated_by,
    // The editor's name; `system` when the scheduler or CLI wrote it without an account.
    updatedByName: updatedByName ?? (r.updated_by === 'system' ? 'system' : null),
  };
}

const forecastOf = (v: unknown): Forecast | null => fromJson<Forecast | null>(v, null);

export function manualWeather(r: Selectable<WeatherManualTable>): Weather {
  return {
    date: r.date,
    forecast: forecastOf(r.forecast),
    source: 'manual',
    fetchedAt: toIso(r.entered_at),
    stale: false,
    enteredBy: r.entered_by_name,
  };
}

export function cachedWeather(r: Selectable<WeatherCacheTable>, stale: boolean): Weather {
  return {
    date: r.date,
    forecast: forecastOf(r.forecast),
    source: r.source as Weather['source'],
    fetchedAt: toIso(r.fetched_at),
    stale,
    enteredBy: null,
  };
}
